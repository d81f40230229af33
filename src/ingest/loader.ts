import fs from "node:fs";
import path from "node:path";
import { rows, type Database } from "../db";
import { Prisma, type Story } from "../generated/prisma/client";
import { COLUMNS } from "../loaders";
import { formatOfFile, type SourceFormat } from "./formats";
import { finishStoryLoad, maxArticleBytes, type ArticleOutcome, type ArticleSource } from "./load-article";
import { loadArticleBatch, type BatchOptions } from "./load-batch";
import { MANIFEST_FILE, readManifest } from "./manifest";
import { readSourceFile } from "./source-file";

export { contentHash, resolveMetadata, type ArticleOutcome } from "./load-article";

/** A problem with the input as a whole (missing folder, unknown story): nothing is loaded. */
export class LoadError extends Error {}

export interface LoadOptions {
  folder: string;
  /** Defaults to the manifest's story slug. */
  storySlug?: string;
  /** Creates the story when it does not exist yet; without it an unknown slug is an error. */
  title?: string;
  /** Create the story from the manifest when it is missing (the seed step does this). */
  createFromManifest?: boolean;
  log?: (line: string) => void;
  /** Progress is printed every this many articles (and at the end). */
  progressEvery?: number;
  /** Largest file read, in bytes; defaults to INGEST_MAX_BYTES or 5 MB. */
  maxBytes?: number;
  /** Stands for other extraction rules (tests); defaults to the built rules' version. */
  extractorVersion?: string;
  /** New articles are written this many at a time, in one transaction (default 50). */
  batchSize?: number;
}

export interface LoadSummary {
  story: string;
  outcomes: Record<ArticleOutcome, number>;
  failures: Array<{ file: string; reason: string }>;
  /** Articles that named no outlet and were filed under the folder's name. */
  noOutlet: string[];
  claims: number;
  facts: number;
  conflicts: number;
  seconds: number;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

const DEFAULT_BATCH_SIZE = 50;
/** A batch also ends past this many bytes of source, so that a folder of large pages is not held in memory at once. */
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * The story, or a way to create it on first need: a story is created only when an article of the
 * load is about to be written, so a folder that loads nothing leaves no empty story behind.
 */
async function findStory(
  prisma: Database,
  options: LoadOptions,
  manifestStory?: { slug?: string; title?: string },
): Promise<{ slug: string; story: Story | null; title: string | null }> {
  const slug = options.storySlug ?? manifestStory?.slug;
  if (!slug) throw new LoadError("No story given: pass --story <slug> (or put story.slug in manifest.json).");
  if (!SLUG.test(slug)) throw new LoadError(`"${slug}" is not a story slug: use lowercase letters, digits and dashes.`);
  const [existing] = await storiesBySlug(prisma, slug);
  if (existing) return { slug, story: existing, title: null };
  const title = options.title ?? (options.createFromManifest ? manifestStory?.title : undefined);
  if (!title) {
    throw new LoadError(`There is no story "${slug}". Check the slug, or create it by adding --title "<title>".`);
  }
  return { slug, story: null, title };
}

// The loader's reads and writes outside its transactions are plain SQL too (rows(), src/db.ts):
// Prisma's client costs more CPU per statement than these statements cost the database.
function storiesBySlug(prisma: Database, slug: string): Promise<Story[]> {
  return rows<Story>(prisma, Prisma.sql`SELECT ${COLUMNS.Story} FROM "Story" WHERE slug = ${slug}`);
}

/** The story, created unless a load beside this one has just created it. */
async function createStory(prisma: Database, slug: string, title: string): Promise<Story> {
  await rows(
    prisma,
    Prisma.sql`INSERT INTO "Story" (slug, title, "createdAt") VALUES (${slug}, ${title}, ${new Date().toISOString()}::timestamp(3)) ON CONFLICT DO NOTHING`,
  );
  const [story] = await storiesBySlug(prisma, slug);
  if (!story) throw new Error(`story "${slug}" was not created`);
  return story;
}

export async function loadFolder(prisma: Database, options: LoadOptions): Promise<LoadSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const folder = path.resolve(options.folder);
  if (!fs.existsSync(folder)) throw new LoadError(`There is no folder ${folder}.`);
  if (!fs.statSync(folder).isDirectory()) throw new LoadError(`${folder} is a file; give the folder that holds the articles.`);
  const maxBytes = options.maxBytes ?? maxArticleBytes();

  const manifest = readManifest(folder);
  const target = await findStory(prisma, options, manifest.story);
  const entries = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.isDirectory() && entry.name !== MANIFEST_FILE && formatOfFile(entry.name) !== null)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (entries.length === 0) throw new LoadError(`${folder} holds no articles (.txt, .html, .htm or ninjs .json files).`);

  const outcomes: Record<ArticleOutcome, number> = { created: 0, updated: 0, reextracted: 0, unchanged: 0, duplicate: 0, failed: 0 };
  const failures: LoadSummary["failures"] = [];
  const noOutlet: string[] = [];
  const every = options.progressEvery ?? Math.max(1, Math.min(500, Math.ceil(entries.length / 20)));
  const articleOptions: BatchOptions = { extractorVersion: options.extractorVersion, fallbackOutlet: path.basename(folder) };
  let story = target.story;
  let createdStory = false;
  log(`Loading ${entries.length} article${entries.length === 1 ? "" : "s"} from ${folder} into story "${target.slug}"`);

  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const fail = (name: string, error: unknown) => {
    outcomes.failed++;
    const reason = error instanceof Error ? error.message : String(error);
    failures.push({ file: name, reason });
    log(`  ${name}: NOT loaded: ${reason}`);
  };
  let done = 0;
  for (let start = 0; start < entries.length;) {
    // Read a batch of files; a file that cannot be read is named now and the batch goes on without it.
    const sources: ArticleSource[] = [];
    let bytes = 0;
    let next = start;
    for (; next < entries.length && sources.length < batchSize && bytes < BATCH_BYTES; next++) {
      const name = entries[next].name;
      try {
        const content = readSourceFile(path.join(folder, name), maxBytes);
        sources.push({ sourceKey: name, format: formatOfFile(name) as SourceFormat, content, manifest: manifest.articles[name] ?? {} });
        bytes += content.length;
      } catch (error) {
        fail(name, error);
      }
    }
    if (sources.length > 0) {
      if (!story) {
        story = await createStory(prisma, target.slug, target.title!);
        createdStory = true;
      }
      const results = await loadArticleBatch(prisma, story, sources, { ...articleOptions, log });
      for (const [i, result] of results.entries()) {
        const name = sources[i].sourceKey;
        if ("error" in result) {
          fail(name, result.error);
          continue;
        }
        outcomes[result.outcome]++;
        if (result.noOutlet) noOutlet.push(name);
        if (result.outcome === "duplicate") log(`  ${name}: skipped, the same text is already loaded under another name`);
      }
    }
    const before = done;
    done = next;
    start = next;
    if (entries.length >= 20 && (Math.floor(done / every) > Math.floor(before / every) || done === entries.length)) {
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      log(`  ${done}/${entries.length} articles (${rate.toFixed(0)}/s)`);
    }
  }

  if (!story) {
    return { story: target.slug, outcomes, failures, noOutlet, claims: 0, facts: 0, conflicts: 0, seconds: (Date.now() - started) / 1000 };
  }
  // An article created by this load is committed: only a load that created none may have left the story empty.
  if (createdStory && outcomes.created === 0 && (await prisma.article.count({ where: { storyId: story.id } })) === 0) {
    // Every article failed after the story was made: leave nothing behind.
    await prisma.story.delete({ where: { id: story.id } });
    return { story: target.slug, outcomes, failures, noOutlet, claims: 0, facts: 0, conflicts: 0, seconds: (Date.now() - started) / 1000 };
  }
  // Running it on every load also repairs an interrupted one.
  await finishStoryLoad(prisma, story.id);
  // One statement: the client's cost per statement is larger than these counts' (BENCHMARKS.md, "Ingest").
  const [counts] = await rows<{ claims: number; facts: number; conflicts: number }>(
    prisma,
    Prisma.sql`
    SELECT (SELECT count(*)::int FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" WHERE a."storyId" = ${story.id}::int) AS claims,
           count(*)::int AS facts, (count(*) FILTER (WHERE agreement = 'CONFLICT'))::int AS conflicts
    FROM "Fact" WHERE "storyId" = ${story.id}::int`,
  );
  return { story: story.slug, outcomes, failures, noOutlet, ...counts, seconds: (Date.now() - started) / 1000 };
}

export function describeSummary(summary: LoadSummary): string {
  const { created, updated, reextracted, unchanged, duplicate, failed } = summary.outcomes;
  const total = created + updated + reextracted + unchanged + duplicate + failed;
  const lines = [
    `Story "${summary.story}": ${total} articles (${created} new, ${updated} updated, ${reextracted} re-extracted, ${unchanged} unchanged, ${duplicate} duplicate, ${failed} failed)`,
    `  ${summary.claims} claims, ${summary.facts} facts, ${summary.conflicts} conflicts, in ${summary.seconds.toFixed(1)} s`,
  ];
  if (summary.noOutlet.length > 0) {
    lines.push(`  ${summary.noOutlet.length} with no outlet found: add a manifest.json to name them (${summary.noOutlet.join(", ")})`);
  }
  return lines.join("\n");
}
