import DataLoader from "dataloader";
import type { Database } from "./db";
import { readingKey, findVersions } from "./extraction";
import type { FactKind } from "./extraction/types";
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

type TallyRow = {
  outletId: number;
  kind: FactKind;
  lower: number | null;
  upper: number | null;
  unit: string | null;
  textValue: string | null;
  text: string;
  trustedLower: number | null;
  trustedUpper: number | null;
  trustedUnit: string | null;
  trustedTextValue: string | null;
  trustedText: string;
  claims: number;
};

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
    verdict: new DataLoader<number, Verdict | null>(async (keys) =>
      byId(keys, await prisma.$queryRaw<Verdict[]>`SELECT * FROM "Verdict" WHERE id = ANY(${ids(keys)})`),
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
     * readings of decided facts (overruled). The current verdict is Fact.currentVerdictId and "same
     * reading" is extraction's readingKey, the rules the API's ranks use, so the database only
     * collapses claims into distinct (outlet, fact, claim reading, trusted reading) rows.
     */
    trustTally: new DataLoader<number, OutletTally>(async (outletIds) => {
      const rows = await prisma.$queryRaw<Array<TallyRow>>`
        SELECT a."originId" AS "outletId", f.kind::text AS kind,
               c.lower, c.upper, c.unit, c."textValue", c.text,
               t.lower AS "trustedLower", t.upper AS "trustedUpper", t.unit AS "trustedUnit", t."textValue" AS "trustedTextValue", t.text AS "trustedText",
               count(*)::int AS claims
        FROM "Verdict" v
        JOIN "Fact" f ON f."currentVerdictId" = v.id
        JOIN "Claim" t ON t.id = v."trustedClaimId"
        JOIN "Claim" c ON c."factId" = f.id
        JOIN "Article" a ON a.id = c."articleId"
        WHERE a."originId" = ANY(${ids(outletIds)})
        GROUP BY a."originId", f.id, c.lower, c.upper, c.unit, c."textValue", c.text, t.lower, t.upper, t.unit, t."textValue", t.text`;
      const tallies = new Map<number, OutletTally>(outletIds.map((id) => [id, { upheld: 0, overruled: 0 }]));
      for (const row of rows) {
        const claim = { kind: row.kind, lower: row.lower, upper: row.upper, unit: row.unit, textValue: row.textValue, text: row.text };
        const trusted = { kind: row.kind, lower: row.trustedLower, upper: row.trustedUpper, unit: row.trustedUnit, textValue: row.trustedTextValue, text: row.trustedText };
        const tally = tallies.get(row.outletId)!;
        if (readingKey(claim) === readingKey(trusted)) tally.upheld += row.claims;
        else tally.overruled += row.claims;
      }
      return outletIds.map((id) => tallies.get(id)!);
    }),
    /** Per story: each article's other versions (extraction's findVersions over the story's articles). */
    versionsByStory: new DataLoader<number, Map<number, number[]>>(async (storyIds) => {
      const articles = await prisma.$queryRaw<Array<Pick<Article, "id" | "storyId" | "originId" | "headline" | "byline" | "body">>>`
        SELECT id, "storyId", "originId", headline, byline, body FROM "Article" WHERE "storyId" = ANY(${ids(storyIds)}) ORDER BY id`;
      return groupBy(storyIds, articles, (article) => article.storyId).map((story) => {
        const versions = findVersions(story.map((article) => ({ ...article, id: String(article.id), originSlug: String(article.originId) })));
        return new Map([...versions].map(([id, others]) => [Number(id), others.map(Number)]));
      });
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
