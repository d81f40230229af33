import DataLoader from "dataloader";
import type { Database } from "./db";
import { Prisma, type Article, type Claim, type Fact, type Outlet, type Reviewer, type Story, type Verdict } from "./generated/prisma/client";

/** Orders rows by the keys asked for; a missing row is null, never a thrown batch. */
function byId<T extends { id: number }>(keys: readonly number[], rows: T[]): Array<T | null> {
  const found = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => found.get(key) ?? null);
}

function groupBy<T>(keys: readonly number[], rows: T[], keyOf: (row: T) => number): T[][] {
  const groups = new Map<number, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/** The raw page text is kept for re-extraction and audit only; the API never serves it, so never fetch it. */
export type ArticleRow = Omit<Article, "rawText">;
const ARTICLE_COLUMNS = Prisma.sql`id, "storyId", "hostId", "originId", "sourceKey", headline, byline, dateline,
  "publishedAt", url, body, "contentHash", "createdAt", "updatedAt"`;

export interface OutletTally {
  upheld: number;
  overruled: number;
}

/**
 * One set per request: the caches must not outlive the request, or one editor would see another's
 * stale data. Every list relation goes through a loader, so a nested query costs one statement
 * per level, whatever the number of parents.
 *
 * The loaders use hand-written SQL through $queryRaw. Prisma 6.19's client compiles a query plan
 * for every findMany call and caches none; on the editorial query that was most of the request's
 * CPU (see BENCHMARKS.md), while a raw statement of the same shape costs well under half.
 */
export function createLoaders(prisma: Database) {
  const ids = (keys: readonly number[]) => Prisma.sql`${[...keys]}::int[]`;
  return {
    outlet: new DataLoader<number, Outlet | null>(async (keys) =>
      byId(keys, await prisma.$queryRaw<Outlet[]>`SELECT * FROM "Outlet" WHERE id = ANY(${ids(keys)})`),
    ),
    story: new DataLoader<number, Story | null>(async (keys) =>
      byId(keys, await prisma.$queryRaw<Story[]>`SELECT * FROM "Story" WHERE id = ANY(${ids(keys)})`),
    ),
    article: new DataLoader<number, ArticleRow | null>(async (keys) =>
      byId(keys, await prisma.$queryRaw<ArticleRow[]>`SELECT ${ARTICLE_COLUMNS} FROM "Article" WHERE id = ANY(${ids(keys)})`),
    ),
    fact: new DataLoader<number, Fact | null>(async (keys) =>
      byId(keys, await prisma.$queryRaw<Fact[]>`SELECT * FROM "Fact" WHERE id = ANY(${ids(keys)})`),
    ),
    claim: new DataLoader<number, Claim | null>(async (keys) =>
      byId(keys, await prisma.$queryRaw<Claim[]>`SELECT * FROM "Claim" WHERE id = ANY(${ids(keys)})`),
    ),
    reviewer: new DataLoader<number, Reviewer | null>(async (keys) =>
      byId(keys, await prisma.$queryRaw<Reviewer[]>`SELECT * FROM "Reviewer" WHERE id = ANY(${ids(keys)})`),
    ),
    articlesByStory: new DataLoader<number, ArticleRow[]>(async (keys) =>
      groupBy(
        keys,
        await prisma.$queryRaw<ArticleRow[]>`SELECT ${ARTICLE_COLUMNS} FROM "Article" WHERE "storyId" = ANY(${ids(keys)}) ORDER BY id`,
        (article) => article.storyId,
      ),
    ),
    factsByStory: new DataLoader<number, Fact[]>(async (keys) =>
      groupBy(keys, await prisma.$queryRaw<Fact[]>`SELECT * FROM "Fact" WHERE "storyId" = ANY(${ids(keys)}) ORDER BY id`, (fact) => fact.storyId),
    ),
    claimsByFact: new DataLoader<number, Claim[]>(async (keys) =>
      groupBy(keys, await prisma.$queryRaw<Claim[]>`SELECT * FROM "Claim" WHERE "factId" = ANY(${ids(keys)}) ORDER BY id`, (claim) => claim.factId),
    ),
    claimsByArticle: new DataLoader<number, Claim[]>(async (keys) =>
      groupBy(
        keys,
        await prisma.$queryRaw<Claim[]>`SELECT * FROM "Claim" WHERE "articleId" = ANY(${ids(keys)}) ORDER BY "quoteStart", id`,
        (claim) => claim.articleId,
      ),
    ),
    /** Whole verdict history per fact, newest first. */
    verdictsByFact: new DataLoader<number, Verdict[]>(async (keys) =>
      groupBy(keys, await prisma.$queryRaw<Verdict[]>`SELECT * FROM "Verdict" WHERE "factId" = ANY(${ids(keys)}) ORDER BY id DESC`, (v) => v.factId),
    ),
    /**
     * Per origin outlet: its claims in the reading a current verdict chose (upheld) and in other
     * readings of decided facts (overruled). "Same reading" is the same interval or text value,
     * as in extraction's groupReadings.
     */
    trustTally: new DataLoader<number, OutletTally>(async (outletIds) => {
      const rows = await prisma.$queryRaw<Array<{ outletId: number; upheld: bigint; overruled: bigint }>>`
        WITH current AS (
          SELECT DISTINCT ON (v."factId") v."factId", v."trustedClaimId"
          FROM "Verdict" v
          WHERE NOT v.retracted AND NOT EXISTS (SELECT 1 FROM "Verdict" r WHERE r."retractsId" = v.id)
          ORDER BY v."factId", v.id DESC
        )
        SELECT a."originId" AS "outletId",
               count(*) FILTER (WHERE same) AS upheld,
               count(*) FILTER (WHERE NOT same) AS overruled
        FROM current cur
        JOIN "Claim" t ON t.id = cur."trustedClaimId"
        JOIN "Claim" c ON c."factId" = cur."factId"
        JOIN "Article" a ON a.id = c."articleId"
        CROSS JOIN LATERAL (SELECT c.lower IS NOT DISTINCT FROM t.lower AND c.upper IS NOT DISTINCT FROM t.upper
                                   AND c."textValue" IS NOT DISTINCT FROM t."textValue" AS same) s
        WHERE a."originId" = ANY(${ids(outletIds)})
        GROUP BY a."originId"`;
      const tallies = new Map(rows.map((row) => [row.outletId, { upheld: Number(row.upheld), overruled: Number(row.overruled) }]));
      return outletIds.map((id) => tallies.get(id) ?? { upheld: 0, overruled: 0 });
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
