/**
 * Many articles of one story at once, for bulk loads (the folder loader). Each article goes through
 * the same rules as loadArticleSource (load-article.ts); what differs is how new articles are
 * written: parsed and extracted outside any transaction, then all of them in ONE transaction of a
 * few multi-row statements (outlets, facts, articles, claims, audit rows), instead of one
 * transaction of ~10 statements and a commit each.
 *
 * - Articles already stored under their key that changed (new text, new rules) are rewritten one by
 *   one through loadArticleSource: they are rare in a bulk load, and a rewrite keeps verdicts' claims.
 * - The batch is one transaction: a process that dies leaves all of it or none of it.
 * - If the batch's transaction fails (a database error, a concurrent load of the same texts), nothing
 *   of it is kept and its articles are loaded again one by one, so each failure is named by its article.
 */
import { auditAll } from "../audit/audit.service";
import { leanTransaction, rows, type Database, type RawSql } from "../db";
import { lockStory } from "../fact/story-lock";
import { Prisma, type Story } from "../generated/prisma/client";
import {
  alreadyLoaded,
  checkContent,
  claimRows,
  contentHash,
  EXTRACTOR_VERSION,
  factIdsFor,
  insertClaims,
  KNOWN_ARTICLE_COLUMNS,
  type KnownArticle,
  loadArticleSource,
  loadAudit,
  outletIds,
  prepareArticle,
  type ArticleSource,
  type LoadArticleOptions,
  type LoadArticleResult,
  type PreparedArticle,
} from "./load-article";

/** Per source, in the order given: what happened to it, or why it was not loaded. */
export type BatchResult = LoadArticleResult | { error: Error };

export type BatchOptions = Omit<LoadArticleOptions, "onWritten"> & {
  /** Told when a batch's transaction failed and its articles are being loaded one by one. */
  log?: (line: string) => void;
};

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Loads `sources` (distinct source keys) into `story`. Never throws for one article: each result is
 * an outcome or the error that kept that article out. Call finishStoryLoad(prisma, story.id) after.
 */
export async function loadArticleBatch(
  prisma: Database,
  story: Story,
  sources: ArticleSource[],
  options: BatchOptions = {},
): Promise<BatchResult[]> {
  const version = options.extractorVersion ?? EXTRACTOR_VERSION;
  const results: Array<BatchResult | undefined> = new Array(sources.length);
  const hashes: string[] = [];
  sources.forEach((source, index) => {
    try {
      checkContent(source.content);
      hashes[index] = contentHash(source.content);
    } catch (error) {
      results[index] = { error: asError(error) };
    }
  });
  try {
    await loadChecked(prisma, story, sources, hashes, version, results, options);
  } catch (error) {
    const unsettled = results.filter((result) => result === undefined).length;
    options.log?.(`  a batch of ${unsettled} articles could not be written (${asError(error).message}); loading them one by one`);
  }
  for (const [index, source] of sources.entries()) {
    if (results[index] !== undefined) continue;
    try {
      results[index] = await loadArticleSource(prisma, story, source, options);
    } catch (error) {
      results[index] = { error: asError(error) };
    }
  }
  return results as BatchResult[];
}

/**
 * Settles what it can in `results`. Throws on a database failure; the sources it has not settled
 * then have no result, and nothing of theirs was written.
 */
async function loadChecked(
  prisma: Database,
  story: Story,
  sources: ArticleSource[],
  hashes: string[],
  version: string,
  results: Array<BatchResult | undefined>,
  options: BatchOptions,
): Promise<void> {
  const pending = sources.map((_, index) => index).filter((index) => results[index] === undefined);
  // Plain SQL (rows(), src/db.ts), as the batch's transaction is: Prisma's client costs more than the statement.
  const known = (keys: string[], contentHashes: string[]) =>
    rows<KnownArticle>(
      prisma,
      Prisma.sql`SELECT ${KNOWN_ARTICLE_COLUMNS} FROM "Article"
                 WHERE "storyId" = ${story.id}::int AND ("sourceKey" = ANY(${keys}::text[]) OR "contentHash" = ANY(${contentHashes}::text[]))`,
    );
  const stored = await known(
    pending.map((index) => sources[index].sourceKey),
    pending.map((index) => hashes[index]),
  );
  const byKey = new Map(stored.map((row) => [row.sourceKey, row]));
  const fresh: number[] = [];
  let rewrote = false;
  for (const index of pending) {
    const existing = byKey.get(sources[index].sourceKey);
    if (!existing) {
      fresh.push(index);
      continue;
    }
    const skipped = alreadyLoaded(existing.sourceKey, hashes[index], version, existing, undefined);
    if (skipped) {
      results[index] = skipped;
      continue;
    }
    // A stored article that changed: rewritten on its own (the twin check is loadArticleSource's).
    rewrote = true;
    try {
      results[index] = await loadArticleSource(prisma, story, sources[index], options);
    } catch (error) {
      results[index] = { error: asError(error) };
    }
  }
  if (fresh.length === 0) return;

  // Read again after a rewrite, so a text one of them now holds counts as loaded.
  const byHash = new Map(
    (rewrote
      ? await known(
          [],
          fresh.map((index) => hashes[index]),
        )
      : stored
    ).map((row) => [row.contentHash, row]),
  );
  const prepared: Array<{ index: number; article: PreparedArticle }> = [];
  /** Index of a source -> index of the earlier source of this batch with the same text. */
  const twinInBatch = new Map<number, number>();
  const firstWithHash = new Map<string, number>();
  for (const index of fresh) {
    const source = sources[index];
    const hash = hashes[index];
    const skipped = alreadyLoaded(source.sourceKey, hash, version, undefined, byHash.get(hash));
    if (skipped) {
      results[index] = skipped;
      continue;
    }
    const first = firstWithHash.get(hash);
    if (first !== undefined) {
      twinInBatch.set(index, first);
      continue;
    }
    try {
      prepared.push({ index, article: prepareArticle(source, hash, version, options.fallbackOutlet) });
      firstWithHash.set(hash, index);
    } catch (error) {
      results[index] = { error: asError(error) };
    }
  }
  if (prepared.length === 0) return;

  const idByKey = await writeNewArticles(
    prisma,
    story,
    prepared.map((entry) => entry.article),
  );
  for (const { index, article } of prepared) {
    results[index] = { outcome: "created", articleId: idByKey.get(article.sourceKey)!, noOutlet: article.resolved.noOutlet };
  }
  for (const [index, first] of twinInBatch) {
    results[index] = { outcome: "duplicate", articleId: idByKey.get(sources[first].sourceKey)!, noOutlet: false };
  }
}

/** New articles (distinct keys, distinct texts) in one transaction; returns their ids by source key. */
async function writeNewArticles(prisma: Database, story: Story, articles: PreparedArticle[]): Promise<Map<string, number>> {
  return leanTransaction(
    prisma,
    async (tx) => {
      // Shared: articles of one story load side by side, but not while its facts are rearranged.
      await lockStory(tx, story.id, "shared");
      const outlets = await outletIds(
        tx,
        articles.flatMap(({ resolved }) => [resolved.origin, resolved.host]),
      );
      const factIds = await factIdsFor(
        tx,
        story.id,
        articles.flatMap(({ extracted }) => extracted.map((entry) => entry.claim)),
      );
      const created = await insertArticles(
        tx,
        articles.map(({ sourceKey, resolved, columns }) => ({
          ...columns,
          storyId: story.id,
          sourceKey,
          originId: outlets.get(resolved.origin.slug)!,
          hostId: outlets.get(resolved.host.slug)!,
        })),
      );
      const idByKey = new Map(created.map((row) => [row.sourceKey, row.id]));
      await insertClaims(
        tx,
        articles.flatMap((article) => claimRows(idByKey.get(article.sourceKey)!, article.extracted, factIds)),
      );
      await auditAll(
        tx,
        articles.map((article) => loadAudit(article, idByKey.get(article.sourceKey)!)),
      );
      return idByKey;
    },
    { idleTimeoutMs: 120_000 },
  );
}

type ArticleInsert = PreparedArticle["columns"] & { storyId: number; sourceKey: string; originId: number; hostId: number };

/** New articles in one statement, one array per column; returns their ids and keys. */
async function insertArticles(tx: RawSql, rows: ArticleInsert[]): Promise<Array<{ id: number; sourceKey: string }>> {
  const column = <K extends keyof ArticleInsert>(key: K): Array<ArticleInsert[K]> => rows.map((row) => row[key]);
  return tx.$queryRaw`
    INSERT INTO "Article" ("storyId", "hostId", "originId", "sourceKey", headline, byline, dateline, "publishedAt", url, "rawText", body,
                           "contentHash", "sourceFormat", "extractorVersion", "createdAt", "updatedAt")
    SELECT a.*, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM unnest(
      ${column("storyId")}::int[], ${column("hostId")}::int[], ${column("originId")}::int[], ${column("sourceKey")}::text[],
      ${column("headline")}::text[], ${column("byline")}::text[], ${column("dateline")}::text[], ${column("publishedAt")}::timestamp(3)[],
      ${column("url")}::text[], ${column("rawText")}::text[], ${column("body")}::text[], ${column("contentHash")}::text[],
      ${column("sourceFormat")}::text[], ${column("extractorVersion")}::text[]) AS a
    RETURNING id, "sourceKey"`;
}
