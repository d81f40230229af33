/**
 * One article into one story: parse its source, clean it, extract its claims (body and headline)
 * and write it, all in one transaction. Idempotent by content hash and extractor version: the same
 * source under the same rules changes nothing; new rules re-extract it.
 *
 * The API's article queue goes through loadArticleSource; the folder loader writes new articles many
 * at a time (load-batch.ts) with the same pieces: prepareArticle before the transaction, then
 * outletIds, factIdsFor, claimRows, insertClaims and loadAudit inside it. Both call finishStoryLoad once for the batch.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { audit, type AuditEntry } from "../audit/audit.service";
import { leanTransaction, type Database, type RawSql } from "../db";
import { extractClaims, findOutlet, hostFromUrl, outletFromName } from "../extraction";
import { quoteAnchors } from "../extraction/quote";
import type { CleanedArticle, ExtractedClaim, OutletRef } from "../extraction/types";
import { alignStory } from "../fact/align-story";
import { factIdsByKey } from "../fact/fact-ids";
import { refreshStoryAgreement } from "../fact/fact.service";
import { lockStory, lockStorySettler } from "../fact/story-lock";
import { Prisma, type Story } from "../generated/prisma/client";
import { parseSource, type ArticleSource } from "./formats";
import type { ArticleManifest } from "./manifest";

export type { ArticleSource, SourceFormat } from "./formats";
export type { ArticleManifest } from "./manifest";

const LOADER = "loader";

export type ArticleOutcome = "created" | "updated" | "reextracted" | "unchanged" | "duplicate" | "failed";

/** The input cannot be loaded as an article (too large, malformed, empty): said in words, nothing written. */
export class ArticleRejected extends Error {}

/** Outlet name for articles that name none, when the caller gives no better one (a folder's name). */
export const UNKNOWN_SOURCE = "Unknown source";

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** The largest source the loader reads, in bytes: INGEST_MAX_BYTES, else 5 MB. */
export function maxArticleBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.INGEST_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_BYTES;
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/**
 * The version of the rules that turn a source into claims: a hash of the extraction core and of the
 * format parsers, as built. Any change to a rule changes it, so nobody has to remember to bump it.
 */
export const EXTRACTOR_VERSION: string = (() => {
  const hash = crypto.createHash("sha256");
  const folders = [path.join(__dirname, "..", "extraction")];
  const files = folders.flatMap((folder) =>
    fs
      .readdirSync(folder)
      .filter((name) => /\.(?:js|ts)$/.test(name) && !name.endsWith(".d.ts"))
      .map((name) => path.join(folder, name)),
  );
  const formats = fs.readdirSync(__dirname).find((name) => /^formats\.(?:js|ts)$/.test(name));
  if (formats) files.push(path.join(__dirname, formats));
  for (const file of files.sort()) hash.update(path.basename(file)).update(fs.readFileSync(file));
  return hash.digest("hex").slice(0, 16);
})();

export interface LoadArticleOptions {
  /** Defaults to EXTRACTOR_VERSION; tests set another to stand for changed rules. */
  extractorVersion?: string;
  /** The outlet for an article that names none (the folder's name); defaults to "Unknown source". */
  fallbackOutlet?: string;
  /**
   * Runs inside the article's transaction once the article is written, so that what it records
   * (the ingest queue: which job wrote it) commits with the article or not at all.
   */
  onWritten?: (tx: Prisma.TransactionClient, written: { articleId: number; outcome: ArticleOutcome }) => Promise<void>;
}

export interface LoadArticleResult {
  outcome: ArticleOutcome;
  articleId: number | null;
  /** True when the article named no outlet and was filed under the fallback one. */
  noOutlet: boolean;
}

export function contentHash(raw: string): string {
  return crypto.createHash("sha256").update(raw).digest("hex");
}

function outletRef(nameOrSlug: string | undefined): OutletRef | null {
  if (!nameOrSlug) return null;
  return findOutlet(nameOrSlug) ?? outletFromName(nameOrSlug);
}

export interface Resolved {
  cleaned: CleanedArticle;
  origin: OutletRef;
  host: OutletRef;
  /** Null when neither the source nor the manifest gives one (the article is then titled by its key). */
  headline: string | null;
  publishedAt: Date | null;
  url: string | null;
  /** No URL, credit or site name anywhere: filed under the fallback outlet. */
  noOutlet: boolean;
}

/**
 * The source wins; the manifest fills only what the source does not say.
 * Host: the page URL's registrable domain (named as the page names itself), else the site the page
 * names, else the manifest's. Origin: the wire credit, else the manifest's, else the host.
 */
export function resolveMetadata(
  cleaned: CleanedArticle,
  manifest: ArticleManifest,
  source: { url?: string },
  fallbackOutlet = UNKNOWN_SOURCE,
): Resolved {
  const pageUrl = cleaned.url ?? source.url ?? null;
  const pageName = cleaned.host?.name ?? null;
  const host =
    (pageUrl ? hostFromUrl(pageUrl, pageName) : null) ??
    cleaned.host ??
    outletRef(manifest.host) ??
    (manifest.url ? hostFromUrl(manifest.url) : null);
  const origin = cleaned.origin ?? outletRef(manifest.origin) ?? host;
  const fallback = origin || host ? null : outletFromName(fallbackOutlet);
  const published = cleaned.publishedAt ? withClockTime(cleaned.publishedAt, cleaned.publishedTime) : (manifest.publishedAt ?? null);
  return {
    cleaned,
    origin: origin ?? host ?? fallback!,
    host: host ?? origin ?? fallback!,
    headline: cleaned.headline ?? manifest.headline ?? null,
    publishedAt: published ? new Date(published) : null,
    url: pageUrl ?? manifest.url ?? null,
    noOutlet: fallback !== null,
  };
}

/**
 * "2014-08-17" printed with "23:36" -> "2014-08-17T23:36:00Z". The page's zone is rarely printed, so
 * the clock time is kept as written, read as UTC like the date-only stamps: versions of one outlet's
 * story still sort by the hour.
 */
function withClockTime(date: string, time: string | null | undefined): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && time ? `${date}T${time}:00Z` : date;
}

/** A claim with the text its quote indexes. */
export interface FieldClaim {
  claim: ExtractedClaim;
  field: "HEADLINE" | "BODY";
}

/**
 * Claims of the body and of the headline. A headline figure that repeats one of the body's (same
 * fact, same value) takes the body's hedge: headlines drop the "at least" their lead prints, and one
 * article must not read as two differing reports of one figure.
 */
export function articleClaims(headline: string | null, body: string): FieldClaim[] {
  const bodyClaims = extractClaims(body);
  const claims: FieldClaim[] = bodyClaims.map((claim) => ({ claim, field: "BODY" }));
  if (!headline || /^https?:\/\//i.test(headline)) return claims;
  for (const claim of extractClaims(headline)) {
    const lead = bodyClaims.find((other) => other.factKey === claim.factKey && other.value !== null && other.value === claim.value);
    const restated = lead ? { ...claim, hedge: lead.hedge, lower: lead.lower, upper: lead.upper } : claim;
    claims.push({ claim: restated, field: "HEADLINE" });
  }
  return claims;
}

/**
 * Outlet ids by slug, created on first sight: INSERT … ON CONFLICT DO NOTHING, then read. Unlike
 * Prisma's upsert (read, then insert), two loads that meet the same new outlet at once both succeed
 * instead of one failing on the unique slug. In slug order, so two loads that add the same new outlets
 * wait for each other instead of deadlocking.
 */
export async function outletIds(tx: RawSql, refs: OutletRef[]): Promise<Map<string, number>> {
  const bySlug = new Map<string, OutletRef>();
  for (const ref of refs) if (!bySlug.has(ref.slug)) bySlug.set(ref.slug, ref);
  const sorted = [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  await tx.$executeRaw`
    INSERT INTO "Outlet" (slug, name, kind, "createdAt")
    SELECT o.slug, o.name, o.kind, now() AT TIME ZONE 'UTC'
    FROM unnest(${sorted.map((ref) => ref.slug)}::text[], ${sorted.map((ref) => ref.name)}::text[],
                ${sorted.map((ref) => ref.kind)}::"OutletKind"[]) WITH ORDINALITY AS o(slug, name, kind, n)
    ORDER BY o.n
    ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<Array<{ id: number; slug: string }>>`
    SELECT id, slug FROM "Outlet" WHERE slug = ANY(${[...bySlug.keys()]}::text[])`;
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** Fact ids by key for the facts the claims name, created on first sight (inside the articles' transaction). */
export function factIdsFor(tx: RawSql, storyId: number, claims: ExtractedClaim[]): Promise<Map<string, number>> {
  return factIdsByKey(
    tx,
    storyId,
    claims.map((claim) => ({ key: claim.factKey, label: claim.factLabel, kind: claim.kind, unit: claim.unit })),
  );
}

/** One Claim row as the loader writes it (the database fills id, anchored and createdAt). */
export interface ClaimRow {
  factId: number;
  articleId: number;
  text: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  unit: string | null;
  hedge: ExtractedClaim["hedge"];
  textValue: string | null;
  quoteExact: string;
  quotePrefix: string;
  quoteSuffix: string;
  quoteStart: number;
  quoteEnd: number;
  quoteField: FieldClaim["field"];
  attribution: string | null;
  scope: ExtractedClaim["scope"];
  sentenceStart: number;
  context: Prisma.InputJsonObject;
  extractedBy: string;
}

export function claimRows(articleId: number, claims: FieldClaim[], factIds: Map<string, number>): ClaimRow[] {
  return claims.map(({ claim, field }) => ({
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
    quoteField: field,
    attribution: claim.attribution,
    scope: claim.scope,
    // Headline offsets index another text: kept negative so a headline figure never shares a body sentence.
    sentenceStart: field === "HEADLINE" ? -1 - claim.sentenceStart : claim.sentenceStart,
    context: { ...claim.context, key: claim.factKey, label: claim.factLabel } as Prisma.InputJsonObject,
    extractedBy: "rules",
  }));
}

/**
 * Claims in one statement, one array per column; a claim already there (same article, fact, field
 * and quote) is skipped. Not Prisma's createMany: its client spends CPU on every value it
 * serialises, about 0.5 ms per claim row here, which made claims the largest cost of a bulk load.
 */
export async function insertClaims(tx: RawSql, rows: ClaimRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof ClaimRow>(key: K): Array<ClaimRow[K]> => rows.map((row) => row[key]);
  await tx.$executeRaw`
    INSERT INTO "Claim" ("factId", "articleId", text, value, lower, upper, unit, hedge, "textValue", "quoteExact", "quotePrefix",
                         "quoteSuffix", "quoteStart", "quoteEnd", "quoteField", attribution, scope, "sentenceStart", context, "extractedBy",
                         "createdAt")
    SELECT c.*, now() AT TIME ZONE 'UTC' FROM unnest(
      ${column("factId")}::int[], ${column("articleId")}::int[], ${column("text")}::text[], ${column("value")}::float8[],
      ${column("lower")}::float8[], ${column("upper")}::float8[], ${column("unit")}::text[], ${column("hedge")}::"Hedge"[],
      ${column("textValue")}::text[], ${column("quoteExact")}::text[], ${column("quotePrefix")}::text[], ${column("quoteSuffix")}::text[],
      ${column("quoteStart")}::int[], ${column("quoteEnd")}::int[], ${column("quoteField")}::"QuoteField"[],
      ${column("attribution")}::text[], ${column("scope")}::"Scope"[], ${column("sentenceStart")}::int[],
      ${rows.map((row) => JSON.stringify(row.context))}::jsonb[], ${column("extractedBy")}::text[]) AS c
    ON CONFLICT DO NOTHING`;
}

/** The same checks for a file's bytes and an API body: not empty, not binary, not over the size cap. */
export function checkContent(content: string, maxBytes = maxArticleBytes()): void {
  const bytes = Buffer.byteLength(content, "utf8");
  if (bytes > maxBytes)
    throw new ArticleRejected(`it is ${describeBytes(bytes)}, over the ${describeBytes(maxBytes)} limit (INGEST_MAX_BYTES)`);
  if (content.trim() === "") throw new ArticleRejected("it is empty");
  if (content.includes("\u0000")) throw new ArticleRejected("it holds binary data (NUL bytes), not text");
}

/** What the database already holds of an article, under its key or its text. */
export interface KnownArticle {
  id: number;
  sourceKey: string;
  contentHash: string;
  extractorVersion: string;
}

export const KNOWN_ARTICLE = { id: true, sourceKey: true, contentHash: true, extractorVersion: true } as const;
/** The same columns for plain SQL (the batch loader's read of stored articles). */
export const KNOWN_ARTICLE_COLUMNS = Prisma.raw(
  Object.keys(KNOWN_ARTICLE)
    .map((field) => `"${field}"`)
    .join(", "),
);

/**
 * The load that writes nothing: the same text under the same rules is "unchanged"; the same text
 * already stored under another key is a "duplicate" of that article. Null when the article must be written.
 */
export function alreadyLoaded(
  sourceKey: string,
  hash: string,
  version: string,
  existing: KnownArticle | undefined,
  twin: KnownArticle | undefined,
): LoadArticleResult | null {
  if (existing?.contentHash === hash && existing.extractorVersion === version)
    return { outcome: "unchanged", articleId: existing.id, noOutlet: false };
  if (existing?.contentHash !== hash && twin && twin.sourceKey !== sourceKey)
    return { outcome: "duplicate", articleId: twin.id, noOutlet: false };
  return null;
}

/** An article parsed, cleaned and extracted, ready to write: everything a load does before its transaction. */
export interface PreparedArticle {
  sourceKey: string;
  resolved: Resolved;
  extracted: FieldClaim[];
  /** The Article row's own columns (its story, key and outlets are the writer's). */
  columns: {
    headline: string;
    byline: string | null;
    dateline: string | null;
    publishedAt: Date | null;
    url: string | null;
    rawText: string;
    body: string;
    contentHash: string;
    sourceFormat: string;
    extractorVersion: string;
  };
}

/** Pure (no database). Throws ArticleRejected, with the reason in words, when the source cannot be an article. */
export function prepareArticle(source: ArticleSource, hash: string, version: string, fallbackOutlet?: string): PreparedArticle {
  let cleaned: CleanedArticle;
  try {
    cleaned = parseSource(source).cleaned;
  } catch (error) {
    throw new ArticleRejected(error instanceof Error ? error.message : String(error));
  }
  if (cleaned.body.trim() === "") throw new ArticleRejected("no article text is left once the page furniture is removed");
  const resolved = resolveMetadata(cleaned, source.manifest ?? {}, source, fallbackOutlet);
  const { sourceKey } = source;
  return {
    sourceKey,
    resolved,
    extracted: articleClaims(resolved.headline, cleaned.body),
    columns: {
      headline: resolved.headline ?? path.basename(sourceKey, path.extname(sourceKey)),
      byline: cleaned.byline,
      dateline: cleaned.dateline,
      publishedAt: resolved.publishedAt,
      url: resolved.url,
      rawText: source.content,
      body: cleaned.body,
      contentHash: hash,
      sourceFormat: source.format,
      extractorVersion: version,
    },
  };
}

/** What writing an article does: a new key is created; a stored one is re-extracted (same text) or updated. */
export function writeOutcome(existing: KnownArticle | undefined, hash: string): "created" | "reextracted" | "updated" {
  return !existing ? "created" : existing.contentHash === hash ? "reextracted" : "updated";
}

const AUDIT_ACTIONS = { created: "article.create", reextracted: "article.reextract", updated: "article.update" } as const;

/** The audit row of one article's load: what it was before (for a rewrite) and what it is now. */
export function loadAudit(prepared: PreparedArticle, articleId: number, existing?: KnownArticle): AuditEntry {
  const { contentHash, extractorVersion } = prepared.columns;
  return {
    actor: LOADER,
    action: AUDIT_ACTIONS[writeOutcome(existing, contentHash)],
    subjectType: "Article",
    subjectId: articleId,
    ...(existing ? { before: { contentHash: existing.contentHash, extractorVersion: existing.extractorVersion } } : {}),
    after: { sourceKey: prepared.sourceKey, contentHash, extractorVersion, claims: prepared.extracted.length },
  };
}

/**
 * Parses, cleans, extracts and writes one article in one transaction. Returns what happened;
 * throws ArticleRejected (with the reason in words) when the source cannot be an article, and
 * then nothing is written. Call finishStoryLoad(prisma, story.id) after a batch.
 */
export async function loadArticleSource(
  prisma: Database,
  story: Story,
  source: ArticleSource,
  options: LoadArticleOptions = {},
): Promise<LoadArticleResult> {
  const version = options.extractorVersion ?? EXTRACTOR_VERSION;
  checkContent(source.content);
  const hash = contentHash(source.content);
  const { sourceKey } = source;
  const known = await prisma.article.findMany({
    where: { storyId: story.id, OR: [{ sourceKey }, { contentHash: hash }] },
    select: KNOWN_ARTICLE,
  });
  const existing = known.find((row) => row.sourceKey === sourceKey);
  const skipped = alreadyLoaded(
    sourceKey,
    hash,
    version,
    existing,
    known.find((row) => row.contentHash === hash),
  );
  if (skipped) return skipped;

  const prepared = prepareArticle(source, hash, version, options.fallbackOutlet);
  const { resolved, extracted, columns } = prepared;
  const outcome = writeOutcome(existing, hash);

  const articleId = await prisma.$transaction(
    async (tx) => {
      // Shared: articles of one story load side by side, but not while its facts are rearranged.
      await lockStory(tx, story.id, "shared");
      const outlets = await outletIds(tx, [resolved.origin, resolved.host]);
      const originId = outlets.get(resolved.origin.slug)!;
      const hostId = outlets.get(resolved.host.slug)!;
      const factIds = await factIdsFor(
        tx,
        story.id,
        extracted.map((entry) => entry.claim),
      );
      let id: number;
      if (existing) {
        id = existing.id;
        await tx.article.update({ where: { id }, data: { ...columns, originId, hostId } });
        // Claims a verdict relies on, and reviewers' own, stay; they are flagged if their quote no longer anchors.
        await tx.claim.deleteMany({ where: { articleId: id, extractedBy: "rules", verdicts: { none: {} } } });
        const kept = await tx.claim.findMany({
          where: { articleId: id },
          select: { id: true, quoteExact: true, quoteStart: true, quoteEnd: true, quoteField: true },
        });
        const lost = kept.filter((claim) => {
          const text = claim.quoteField === "HEADLINE" ? columns.headline : columns.body;
          return !quoteAnchors(text, { exact: claim.quoteExact, start: claim.quoteStart, end: claim.quoteEnd });
        });
        if (lost.length) await tx.claim.updateMany({ where: { id: { in: lost.map((claim) => claim.id) } }, data: { anchored: false } });
      } else {
        id = (await tx.article.create({ data: { ...columns, storyId: story.id, sourceKey, originId, hostId }, select: { id: true } })).id;
      }
      await insertClaims(tx, claimRows(id, extracted, factIds));
      await audit(tx, loadAudit(prepared, id, existing));
      await options.onWritten?.(tx, { articleId: id, outcome });
      return id;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return { outcome, articleId, noOutlet: resolved.noOutlet };
}

export interface StorySettled {
  /** False when another process was settling the story and was left to include this load. */
  settled: boolean;
  /** Facts whose claims moved or whose agreement or review flag changed (for live updates). */
  changedFacts: number[];
}

/**
 * Settles a story after a batch of loads: claims are aligned across the story's articles, facts
 * left with no claims are removed unless a verdict refers to them, then every fact's agreement is
 * recomputed. Agreement depends on every claim of a fact, so it is settled once per batch, not per
 * article. One transaction under the story's locks (src/fact/story-lock.ts): a process killed
 * half-way leaves the story as it was, and loads of the same story from other processes wait.
 * `whenBusy: "skip"` (the queue's workers) returns at once when another process is settling the
 * story, which then covers this load too.
 */
export async function finishStoryLoad(
  prisma: Database,
  storyId: number,
  options: { whenBusy?: "wait" | "skip" } = {},
): Promise<StorySettled> {
  return leanTransaction(
    prisma,
    async (tx) => {
      if (!(await lockStorySettler(tx, storyId, options.whenBusy ?? "wait"))) return { settled: false, changedFacts: [] };
      await lockStory(tx, storyId, "exclusive");
      // alignStory also removes the facts left with no claims (unless a verdict refers to them).
      const moved = await alignStory(tx, storyId);
      const refreshed = await refreshStoryAgreement(tx, storyId);
      return { settled: true, changedFacts: [...new Set([...moved, ...refreshed])] };
    },
    { idleTimeoutMs: 120_000 },
  );
}
