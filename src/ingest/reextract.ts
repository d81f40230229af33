/**
 * npm run reextract [-- --story <slug>]
 * Re-extracts every stored article whose claims were made by other extraction rules than the built
 * ones, from its stored raw text. Verdicts, reviewers' claims and anchoring are kept exactly as for a
 * changed text (see loadArticleSource); facts left with no claims are removed unless a verdict refers
 * to them.
 */
import { parseArgs } from "node:util";
import type { Database } from "../db";
import { ArticleRejected, EXTRACTOR_VERSION, finishStoryLoad, loadArticleSource, type SourceFormat } from "./load-article";
import { runCli } from "./run-cli";

export interface ReextractSummary {
  story: string;
  reextracted: number;
  unchanged: number;
  failures: Array<{ sourceKey: string; reason: string }>;
}

const FORMATS: ReadonlySet<string> = new Set<SourceFormat>(["text", "html", "ninjs"]);

export async function reextract(
  prisma: Database,
  options: { storySlug?: string; extractorVersion?: string; log?: (line: string) => void } = {},
): Promise<ReextractSummary[]> {
  const version = options.extractorVersion ?? EXTRACTOR_VERSION;
  const log = options.log ?? (() => undefined);
  const stories = await prisma.story.findMany({ where: options.storySlug ? { slug: options.storySlug } : {}, orderBy: { slug: "asc" } });
  if (options.storySlug && stories.length === 0) throw new ArticleRejected(`There is no story "${options.storySlug}".`);
  const summaries: ReextractSummary[] = [];
  for (const story of stories) {
    const summary: ReextractSummary = { story: story.slug, reextracted: 0, unchanged: 0, failures: [] };
    const stale = await prisma.article.findMany({
      where: { storyId: story.id, extractorVersion: { not: version } },
      include: { host: { select: { slug: true } }, origin: { select: { slug: true } } },
      orderBy: { id: "asc" },
    });
    summary.unchanged = (await prisma.article.count({ where: { storyId: story.id } })) - stale.length;
    for (const article of stale) {
      const format = (FORMATS.has(article.sourceFormat) ? article.sourceFormat : "text") as SourceFormat;
      try {
        // What the first load knew besides the text (a manifest's outlets, a URL, a date) fills the same gaps again.
        const result = await loadArticleSource(
          prisma,
          story,
          {
            sourceKey: article.sourceKey,
            format,
            content: article.rawText,
            url: article.url ?? undefined,
            manifest: { host: article.host.slug, origin: article.origin.slug, publishedAt: article.publishedAt?.toISOString() },
          },
          { extractorVersion: version },
        );
        if (result.outcome === "unchanged") summary.unchanged++;
        else summary.reextracted++;
      } catch (error) {
        summary.failures.push({ sourceKey: article.sourceKey, reason: error instanceof Error ? error.message : String(error) });
        log(`  ${article.sourceKey}: NOT re-extracted: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (stale.length > 0) await finishStoryLoad(prisma, story.id);
    log(
      `Story "${story.slug}": ${summary.reextracted} re-extracted, ${summary.unchanged} already current, ${summary.failures.length} failed`,
    );
    summaries.push(summary);
  }
  return summaries;
}

if (require.main === module) {
  let story: string | undefined;
  try {
    const parsed = parseArgs({ options: { story: { type: "string" } }, allowPositionals: false });
    story = parsed.values.story;
  } catch (error) {
    console.error(`error: ${(error as Error).message}\nusage: npm run reextract [-- --story <slug>]`);
    process.exit(2);
  }
  runCli(async (prisma) => {
    try {
      const summaries = await reextract(prisma, { storySlug: story, log: (line) => console.log(line) });
      return summaries.some((summary) => summary.failures.length > 0) ? 1 : 0;
    } catch (error) {
      if (error instanceof ArticleRejected) {
        console.error(`error: ${error.message}`);
        return 2;
      }
      throw error;
    }
  });
}
