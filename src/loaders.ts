import DataLoader from "dataloader";
import type { Database } from "./db";
import type { Article, Claim, Fact, Outlet, Reviewer, Story, Verdict } from "./generated/prisma/client";

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

export interface OutletTally {
  upheld: number;
  overruled: number;
}

/**
 * One set per request: the caches must not outlive the request, or one editor would see another's
 * stale data. Every list relation goes through a loader, so a nested query costs one statement
 * per level, whatever the number of parents.
 */
export function createLoaders(prisma: Database) {
  return {
    outlet: new DataLoader<number, Outlet | null>(async (ids) => byId(ids, await prisma.outlet.findMany({ where: { id: { in: [...ids] } } }))),
    story: new DataLoader<number, Story | null>(async (ids) => byId(ids, await prisma.story.findMany({ where: { id: { in: [...ids] } } }))),
    article: new DataLoader<number, Article | null>(async (ids) => byId(ids, await prisma.article.findMany({ where: { id: { in: [...ids] } } }))),
    fact: new DataLoader<number, Fact | null>(async (ids) => byId(ids, await prisma.fact.findMany({ where: { id: { in: [...ids] } } }))),
    claim: new DataLoader<number, Claim | null>(async (ids) => byId(ids, await prisma.claim.findMany({ where: { id: { in: [...ids] } } }))),
    reviewer: new DataLoader<number, Reviewer | null>(async (ids) => byId(ids, await prisma.reviewer.findMany({ where: { id: { in: [...ids] } } }))),
    articlesByStory: new DataLoader<number, Article[]>(async (ids) =>
      groupBy(ids, await prisma.article.findMany({ where: { storyId: { in: [...ids] } }, orderBy: { id: "asc" } }), (a) => a.storyId),
    ),
    factsByStory: new DataLoader<number, Fact[]>(async (ids) =>
      groupBy(ids, await prisma.fact.findMany({ where: { storyId: { in: [...ids] } }, orderBy: { id: "asc" } }), (f) => f.storyId),
    ),
    claimsByFact: new DataLoader<number, Claim[]>(async (ids) =>
      groupBy(ids, await prisma.claim.findMany({ where: { factId: { in: [...ids] } }, orderBy: { id: "asc" } }), (c) => c.factId),
    ),
    claimsByArticle: new DataLoader<number, Claim[]>(async (ids) =>
      groupBy(ids, await prisma.claim.findMany({ where: { articleId: { in: [...ids] } }, orderBy: { quoteStart: "asc" } }), (c) => c.articleId),
    ),
    /** Whole verdict history per fact, newest first. */
    verdictsByFact: new DataLoader<number, Verdict[]>(async (ids) =>
      groupBy(ids, await prisma.verdict.findMany({ where: { factId: { in: [...ids] } }, orderBy: { id: "desc" } }), (v) => v.factId),
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
        WHERE a."originId" = ANY(${[...outletIds]}::int[])
        GROUP BY a."originId"`;
      const tallies = new Map(rows.map((row) => [row.outletId, { upheld: Number(row.upheld), overruled: Number(row.overruled) }]));
      return outletIds.map((id) => tallies.get(id) ?? { upheld: 0, overruled: 0 });
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
