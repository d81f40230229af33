import DataLoader from "dataloader";
import { rows, type Database } from "./db";
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

/** Column lists from Prisma's generated field enums, so that they follow the schema. */
const CLAIM_FIELDS = Object.values(Prisma.ClaimScalarFieldEnum);
const ARTICLE_FIELDS = Object.values(Prisma.ArticleScalarFieldEnum).filter((field) => field !== "rawText");
const OUTLET_FIELDS = Object.values(Prisma.OutletScalarFieldEnum);

/** `a."id" AS "article.id", …`: one table's columns under a prefix, to take apart with part(). */
function prefixed(alias: string, prefix: string, fields: readonly string[]): string {
  return fields.map((field) => `${alias}."${field}" AS "${prefix}.${field}"`).join(", ");
}
function part<T>(row: Record<string, unknown>, prefix: string, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field] = row[`${prefix}.${field}`];
  return out as T;
}

const ARTICLE_COLUMNS = Prisma.raw(ARTICLE_FIELDS.map((field) => `"${field}"`).join(", "));

/**
 * A fact's claims with their articles and both outlets of each (origin and host), in one
 * statement: readings, divergence and `article { origin { … } }` then need no further round trip.
 * An article's body (kilobytes) comes once, on the row of its first claim, not once per claim.
 */
const CLAIMS_WITH_ARTICLES = Prisma.raw(`
  SELECT ${prefixed("c", "claim", CLAIM_FIELDS)},
         ${prefixed("a", "article", ARTICLE_FIELDS.filter((field) => field !== "body"))},
         CASE WHEN c.id = min(c.id) OVER (PARTITION BY c."articleId") THEN a.body END AS "article.body",
         ${prefixed("o", "origin", OUTLET_FIELDS)},
         ${prefixed("h", "host", OUTLET_FIELDS)}
  FROM "Claim" c
  JOIN "Article" a ON a.id = c."articleId"
  JOIN "Outlet" o ON o.id = a."originId"
  JOIN "Outlet" h ON h.id = a."hostId"`);

type TallyRow = {
  outletId: number;
  kind: FactKind;
  lower: number | null;
  upper: number | null;
  textValue: string | null;
  text: string;
  trustedLower: number | null;
  trustedUpper: number | null;
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
 * The loaders run hand-written SQL on the lean read path (rows() in src/db.ts). Prisma 6.19's
 * client compiles a query plan for every statement, $queryRaw included, and caches none; on the
 * editorial query that was most of the request's CPU (see BENCHMARKS.md).
 */
export function createLoaders(prisma: Database) {
  const ids = (keys: readonly number[]) => Prisma.sql`${[...keys]}::int[]`;
  // Declared first: claimsByFact primes them.
  const outlet = new DataLoader<number, Outlet | null>(async (keys) =>
    byId(keys, await rows<Outlet>(prisma, Prisma.sql`SELECT * FROM "Outlet" WHERE id = ANY(${ids(keys)})`)),
  );
  const article = new DataLoader<number, ArticleRow | null>(async (keys) =>
    byId(keys, await rows<ArticleRow>(prisma, Prisma.sql`SELECT ${ARTICLE_COLUMNS} FROM "Article" WHERE id = ANY(${ids(keys)})`)),
  );
  const claim = new DataLoader<number, Claim | null>(async (keys) =>
    byId(keys, await rows<Claim>(prisma, Prisma.sql`SELECT * FROM "Claim" WHERE id = ANY(${ids(keys)})`)),
  );
  return {
    outlet,
    story: new DataLoader<number, Story | null>(async (keys) =>
      byId(keys, await rows<Story>(prisma, Prisma.sql`SELECT * FROM "Story" WHERE id = ANY(${ids(keys)})`)),
    ),
    article,
    fact: new DataLoader<number, Fact | null>(async (keys) =>
      byId(keys, await rows<Fact>(prisma, Prisma.sql`SELECT * FROM "Fact" WHERE id = ANY(${ids(keys)})`)),
    ),
    claim,
    verdict: new DataLoader<number, Verdict | null>(async (keys) =>
      byId(keys, await rows<Verdict>(prisma, Prisma.sql`SELECT * FROM "Verdict" WHERE id = ANY(${ids(keys)})`)),
    ),
    reviewer: new DataLoader<number, Reviewer | null>(async (keys) =>
      byId(keys, await rows<Reviewer>(prisma, Prisma.sql`SELECT * FROM "Reviewer" WHERE id = ANY(${ids(keys)})`)),
    ),
    articlesByStory: new DataLoader<number, ArticleRow[]>(async (keys) =>
      groupBy(
        keys,
        await rows<ArticleRow>(prisma, Prisma.sql`SELECT ${ARTICLE_COLUMNS} FROM "Article" WHERE "storyId" = ANY(${ids(keys)}) ORDER BY id`),
        (article) => article.storyId,
      ),
    ),
    factsByStory: new DataLoader<number, Fact[]>(async (keys) =>
      groupBy(keys, await rows<Fact>(prisma, Prisma.sql`SELECT * FROM "Fact" WHERE "storyId" = ANY(${ids(keys)}) ORDER BY id`), (fact) => fact.storyId),
    ),
    /** Also primes claim, article and outlet with what it read (see CLAIMS_WITH_ARTICLES). */
    claimsByFact: new DataLoader<number, Claim[]>(async (keys) => {
      const found = await rows<Record<string, unknown>>(prisma, Prisma.sql`${CLAIMS_WITH_ARTICLES} WHERE c."factId" = ANY(${ids(keys)}) ORDER BY c.id`);
      const claims = found.map((row) => {
        const one = part<Claim>(row, "claim", CLAIM_FIELDS);
        claim.prime(one.id, one);
        if (row["article.body"] !== null) article.prime(one.articleId, part<ArticleRow>(row, "article", ARTICLE_FIELDS));
        const origin = part<Outlet>(row, "origin", OUTLET_FIELDS);
        const host = part<Outlet>(row, "host", OUTLET_FIELDS);
        outlet.prime(origin.id, origin).prime(host.id, host);
        return one;
      });
      return groupBy(keys, claims, (one) => one.factId);
    }),
    claimsByArticle: new DataLoader<number, Claim[]>(async (keys) =>
      groupBy(
        keys,
        await rows<Claim>(prisma, Prisma.sql`SELECT * FROM "Claim" WHERE "articleId" = ANY(${ids(keys)}) ORDER BY "quoteStart", id`),
        (claim) => claim.articleId,
      ),
    ),
    /** Whole verdict history per fact, newest first. */
    verdictsByFact: new DataLoader<number, Verdict[]>(async (keys) =>
      groupBy(keys, await rows<Verdict>(prisma, Prisma.sql`SELECT * FROM "Verdict" WHERE "factId" = ANY(${ids(keys)}) ORDER BY id DESC`), (v) => v.factId),
    ),
    /**
     * Per origin outlet: its claims in the reading a current verdict chose (upheld) and in other
     * readings of decided facts (overruled). The current verdict is Fact.currentVerdictId and "same
     * reading" is extraction's readingKey, the rules the API's ranks use, so the database only
     * collapses claims into distinct (outlet, fact, claim reading, trusted reading) rows.
     */
    trustTally: new DataLoader<number, OutletTally>(async (outletIds) => {
      const tallied = await rows<TallyRow>(prisma, Prisma.sql`
        SELECT a."originId" AS "outletId", f.kind::text AS kind,
               c.lower, c.upper, c."textValue", c.text,
               t.lower AS "trustedLower", t.upper AS "trustedUpper", t."textValue" AS "trustedTextValue", t.text AS "trustedText",
               count(*)::int AS claims
        FROM "Verdict" v
        JOIN "Fact" f ON f."currentVerdictId" = v.id
        JOIN "Claim" t ON t.id = v."trustedClaimId"
        JOIN "Claim" c ON c."factId" = f.id
        JOIN "Article" a ON a.id = c."articleId"
        WHERE a."originId" = ANY(${ids(outletIds)})
        GROUP BY a."originId", f.id, c.lower, c.upper, c."textValue", c.text, t.lower, t.upper, t."textValue", t.text`);
      const tallies = new Map<number, OutletTally>(outletIds.map((id) => [id, { upheld: 0, overruled: 0 }]));
      for (const row of tallied) {
        const claim = { kind: row.kind, lower: row.lower, upper: row.upper, textValue: row.textValue, text: row.text };
        const trusted = { kind: row.kind, lower: row.trustedLower, upper: row.trustedUpper, textValue: row.trustedTextValue, text: row.trustedText };
        const tally = tallies.get(row.outletId)!;
        if (readingKey(claim) === readingKey(trusted)) tally.upheld += row.claims;
        else tally.overruled += row.claims;
      }
      return outletIds.map((id) => tallies.get(id)!);
    }),
    /** Per story: each article's other versions (extraction's findVersions over the story's articles). */
    versionsByStory: new DataLoader<number, Map<number, number[]>>(async (storyIds) => {
      const articles = await rows<Pick<Article, "id" | "storyId" | "originId" | "headline" | "byline" | "body">>(prisma, Prisma.sql`
        SELECT id, "storyId", "originId", headline, byline, body FROM "Article" WHERE "storyId" = ANY(${ids(storyIds)}) ORDER BY id`);
      return groupBy(storyIds, articles, (article) => article.storyId).map((story) => {
        const versions = findVersions(story.map((article) => ({ ...article, id: String(article.id), originSlug: String(article.originId) })));
        return new Map([...versions].map(([id, others]) => [Number(id), others.map(Number)]));
      });
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
