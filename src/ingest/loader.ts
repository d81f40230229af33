import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { audit } from "../audit/audit.service";
import type { Database } from "../db";
import { cleanArticle, extractClaims, findOutlet, outletFromName } from "../extraction";
import { quoteAnchors } from "../extraction/quote";
import type { CleanedArticle, ExtractedClaim, OutletRef } from "../extraction/types";
import { alignStory } from "../fact/align-story";
import { refreshStoryAgreement } from "../fact/fact.service";
import type { Prisma, Story } from "../generated/prisma/client";
import { readManifest, type ArticleManifest } from "./manifest";

const LOADER = "loader";

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
}

export type ArticleOutcome = "created" | "updated" | "unchanged" | "duplicate" | "failed";

export interface LoadSummary {
  story: string;
  outcomes: Record<ArticleOutcome, number>;
  failures: Array<{ file: string; reason: string }>;
  claims: number;
  facts: number;
  conflicts: number;
  seconds: number;
}

function readArticleText(file: string): string {
  const bytes = fs.readFileSync(file);
  if (bytes.length === 0 || bytes.toString("utf8").trim() === "") throw new Error("the file is empty");
  if (bytes.includes(0)) throw new Error("the file holds binary data (NUL bytes), not text");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error("the file is not UTF-8 text");
  }
}

export function contentHash(raw: string): string {
  return crypto.createHash("sha256").update(raw).digest("hex");
}

async function resolveStory(prisma: Database, options: LoadOptions, manifestStory?: { slug?: string; title?: string }): Promise<Story> {
  const slug = options.storySlug ?? manifestStory?.slug;
  if (!slug) throw new LoadError("No story given: pass --story <slug> (or put story.slug in manifest.json).");
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(slug)) throw new LoadError(`"${slug}" is not a story slug: use lowercase letters, digits and dashes.`);
  const existing = await prisma.story.findUnique({ where: { slug } });
  if (existing) return existing;
  const title = options.title ?? (options.createFromManifest ? manifestStory?.title : undefined);
  if (!title) {
    throw new LoadError(`There is no story "${slug}". Check the slug, or create it by adding --title "<title>".`);
  }
  await prisma.story.createMany({ data: [{ slug, title }], skipDuplicates: true });
  return prisma.story.findUniqueOrThrow({ where: { slug } });
}

function outletRef(nameOrSlug: string | undefined): OutletRef | null {
  if (!nameOrSlug) return null;
  return findOutlet(nameOrSlug) ?? outletFromName(nameOrSlug);
}

interface Resolved {
  cleaned: CleanedArticle;
  origin: OutletRef;
  host: OutletRef;
  headline: string;
  publishedAt: Date | null;
  url: string | null;
}

/** The text wins; the manifest fills only what the text does not say. */
export function resolveMetadata(cleaned: CleanedArticle, manifest: ArticleManifest, file: string): Resolved {
  const origin = cleaned.origin ?? outletRef(manifest.origin) ?? cleaned.host ?? outletRef(manifest.host);
  const host = cleaned.host ?? outletRef(manifest.host) ?? origin;
  if (!origin || !host) {
    throw new Error("no outlet found: the text names no wire tag or site; add origin or host to manifest.json");
  }
  const published = cleaned.publishedAt ?? manifest.publishedAt ?? null;
  return {
    cleaned,
    origin,
    host,
    headline: cleaned.headline ?? manifest.headline ?? path.basename(file, path.extname(file)),
    publishedAt: published ? new Date(published) : null,
    url: cleaned.url ?? manifest.url ?? null,
  };
}

/**
 * INSERT … ON CONFLICT DO NOTHING, then read: unlike Prisma's upsert (read, then insert), two loads
 * that meet the same new outlet at once both succeed instead of one failing on the unique slug.
 */
async function upsertOutlet(tx: Prisma.TransactionClient, ref: OutletRef): Promise<number> {
  await tx.outlet.createMany({ data: [ref], skipDuplicates: true });
  const outlet = await tx.outlet.findUniqueOrThrow({ where: { slug: ref.slug }, select: { id: true } });
  return outlet.id;
}

/** Fact ids by key for one story, created on first sight; shared across the articles of one load. */
class FactDirectory {
  private readonly ids = new Map<string, number>();
  constructor(private readonly storyId: number) {}

  async idsFor(tx: Prisma.TransactionClient, claims: ExtractedClaim[]): Promise<Map<string, number>> {
    const missing = new Map<string, ExtractedClaim>();
    for (const claim of claims) if (!this.ids.has(claim.factKey)) missing.set(claim.factKey, claim);
    if (missing.size > 0) {
      await tx.fact.createMany({
        data: [...missing.values()].map((claim) => ({
          storyId: this.storyId,
          key: claim.factKey,
          label: claim.factLabel,
          kind: claim.kind,
          unit: claim.unit,
        })),
        skipDuplicates: true,
      });
      const rows = await tx.fact.findMany({ where: { storyId: this.storyId, key: { in: [...missing.keys()] } }, select: { id: true, key: true } });
      for (const row of rows) this.ids.set(row.key, row.id);
    }
    return this.ids;
  }

  /** Forget ids learned inside a transaction that rolled back. */
  forget(keys: Iterable<string>): void {
    for (const key of keys) this.ids.delete(key);
  }
}

function claimRows(articleId: number, claims: ExtractedClaim[], factIds: Map<string, number>): Prisma.ClaimCreateManyInput[] {
  return claims.map((claim) => ({
    factId: factIds.get(claim.factKey)!,
    articleId,
    text: claim.text,
    value: claim.value,
    lower: claim.lower,
    upper: claim.upper,
    unit: claim.unit,
    hedge: claim.hedge,
    textValue: claim.textValue,
    quoteExact: claim.quote.exact,
    quotePrefix: claim.quote.prefix,
    quoteSuffix: claim.quote.suffix,
    quoteStart: claim.quote.start,
    quoteEnd: claim.quote.end,
    attribution: claim.attribution,
    scope: claim.scope,
    sentenceStart: claim.sentenceStart,
    context: { ...claim.context, key: claim.factKey, label: claim.factLabel },
    extractedBy: "rules",
  }));
}

/**
 * One article in one transaction: either the article and all its claims are written, or nothing.
 * A changed text re-extracts claims; claims a verdict relies on (and reviewers' own claims) are
 * kept, and flagged when their quote no longer anchors, never moved.
 */
async function loadArticle(
  prisma: Database,
  story: Story,
  facts: FactDirectory,
  file: string,
  sourceKey: string,
  manifest: ArticleManifest,
): Promise<ArticleOutcome> {
  const raw = readArticleText(file);
  const hash = contentHash(raw);
  const existing = await prisma.article.findUnique({ where: { storyId_sourceKey: { storyId: story.id, sourceKey } }, select: { id: true, contentHash: true } });
  if (existing?.contentHash === hash) return "unchanged";
  const twin = await prisma.article.findUnique({ where: { storyId_contentHash: { storyId: story.id, contentHash: hash } }, select: { sourceKey: true } });
  if (twin && twin.sourceKey !== sourceKey) return "duplicate";

  const resolved = resolveMetadata(cleanArticle(raw), manifest, file);
  const extracted = extractClaims(resolved.cleaned.body);
  const article = {
    headline: resolved.headline,
    byline: resolved.cleaned.byline,
    dateline: resolved.cleaned.dateline,
    publishedAt: resolved.publishedAt,
    url: resolved.url,
    rawText: raw,
    body: resolved.cleaned.body,
    contentHash: hash,
  };

  const newKeys = new Set<string>();
  try {
    return await prisma.$transaction(
      async (tx) => {
        const originId = await upsertOutlet(tx, resolved.origin);
        const hostId = await upsertOutlet(tx, resolved.host);
        const before = new Set(extracted.map((claim) => claim.factKey));
        const factIds = await facts.idsFor(tx, extracted);
        for (const key of before) newKeys.add(key);

        let articleId: number;
        if (existing) {
          articleId = existing.id;
          await tx.article.update({ where: { id: articleId }, data: { ...article, originId, hostId } });
          await tx.claim.deleteMany({ where: { articleId, extractedBy: "rules", verdicts: { none: {} } } });
          const kept = await tx.claim.findMany({ where: { articleId }, select: { id: true, quoteExact: true, quoteStart: true, quoteEnd: true } });
          const lost = kept.filter((claim) => !quoteAnchors(article.body, { exact: claim.quoteExact, start: claim.quoteStart, end: claim.quoteEnd }));
          if (lost.length) await tx.claim.updateMany({ where: { id: { in: lost.map((claim) => claim.id) } }, data: { anchored: false } });
        } else {
          const created = await tx.article.create({ data: { ...article, storyId: story.id, sourceKey, originId, hostId }, select: { id: true } });
          articleId = created.id;
        }
        await tx.claim.createMany({ data: claimRows(articleId, extracted, factIds), skipDuplicates: true });
        await audit(tx, {
          actor: LOADER,
          action: existing ? "article.update" : "article.create",
          subjectType: "Article",
          subjectId: articleId,
          ...(existing ? { before: { contentHash: existing.contentHash } } : {}),
          after: { sourceKey, contentHash: hash, claims: extracted.length },
        });
        return existing ? "updated" : "created";
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (error) {
    facts.forget(newKeys);
    throw error;
  }
}

export async function loadFolder(prisma: Database, options: LoadOptions): Promise<LoadSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const folder = path.resolve(options.folder);
  if (!fs.existsSync(folder)) throw new LoadError(`There is no folder ${folder}.`);
  if (!fs.statSync(folder).isDirectory()) throw new LoadError(`${folder} is a file; give the folder that holds the .txt articles.`);

  const manifest = readManifest(folder);
  const story = await resolveStory(prisma, options, manifest.story);
  const files = fs.readdirSync(folder).filter((name) => name.toLowerCase().endsWith(".txt")).sort();
  if (files.length === 0) throw new LoadError(`${folder} holds no .txt articles.`);

  const outcomes: Record<ArticleOutcome, number> = { created: 0, updated: 0, unchanged: 0, duplicate: 0, failed: 0 };
  const failures: LoadSummary["failures"] = [];
  const facts = new FactDirectory(story.id);
  const every = options.progressEvery ?? Math.max(1, Math.min(500, Math.ceil(files.length / 20)));
  log(`Loading ${files.length} article${files.length === 1 ? "" : "s"} from ${folder} into story "${story.slug}"`);

  for (const [index, name] of files.entries()) {
    try {
      const outcome = await loadArticle(prisma, story, facts, path.join(folder, name), name, manifest.articles[name] ?? {});
      outcomes[outcome]++;
      if (outcome === "duplicate") log(`  ${name}: skipped, the same text is already loaded under another name`);
    } catch (error) {
      outcomes.failed++;
      const reason = error instanceof Error ? error.message : String(error);
      failures.push({ file: name, reason });
      log(`  ${name}: NOT loaded: ${reason}`);
    }
    const done = index + 1;
    if (files.length >= 20 && (done % every === 0 || done === files.length)) {
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      log(`  ${done}/${files.length} articles (${rate.toFixed(0)}/s)`);
    }
  }

  // Agreement depends on every claim of a fact, so it is settled once per load rather than per
  // article (which would be quadratic); running it on every load also repairs an interrupted one.
  await alignStory(prisma, story.id);
  await refreshStoryAgreement(prisma, story.id);
  const [claims, factCount, conflicts] = await Promise.all([
    prisma.claim.count({ where: { article: { storyId: story.id } } }),
    prisma.fact.count({ where: { storyId: story.id } }),
    prisma.fact.count({ where: { storyId: story.id, agreement: "CONFLICT" } }),
  ]);
  return { story: story.slug, outcomes, failures, claims, facts: factCount, conflicts, seconds: (Date.now() - started) / 1000 };
}

export function describeSummary(summary: LoadSummary): string {
  const { created, updated, unchanged, duplicate, failed } = summary.outcomes;
  const total = created + updated + unchanged + duplicate + failed;
  return [
    `Story "${summary.story}": ${total} articles (${created} new, ${updated} updated, ${unchanged} unchanged, ${duplicate} duplicate, ${failed} failed)`,
    `  ${summary.claims} claims, ${summary.facts} facts, ${summary.conflicts} conflicts, in ${summary.seconds.toFixed(1)} s`,
  ].join("\n");
}
