import DataLoader from "dataloader";
import { readerOf, rowArrays, rows, type Database } from "./db";
import { readingKey, findVersions } from "./extraction";
import type { FactKind } from "./extraction/types";
import {
  Prisma,
  type Article,
  type Claim,
  type Fact,
  type Outlet,
  type Reviewer,
  type Story,
  type Verdict,
} from "./generated/prisma/client";

/** Orders rows by the keys asked for; a missing row is null, never a thrown batch. */
function byId<T extends { id: number }>(keys: readonly number[], rows: T[]): Array<T | null> {
  const found = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => found.get(key) ?? null);
}

const ids = (keys: readonly number[]) => Prisma.sql`${[...keys]}::int[]`;

function groupBy<T>(keys: readonly number[], rows: T[], keyOf: (row: T) => number): T[][] {
  const groups = new Map<number, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/** The raw page text is kept for re-extraction and audit only; the API never serves it, so never fetch it. */
export type ArticleRow = Omit<Article, "rawText">;

/** Column lists from Prisma's generated field enums, so that they follow the schema. */
const FACT_FIELDS = Object.values(Prisma.FactScalarFieldEnum);
const CLAIM_FIELDS = Object.values(Prisma.ClaimScalarFieldEnum);
const ARTICLE_FIELDS = Object.values(Prisma.ArticleScalarFieldEnum).filter((field) => field !== "rawText");
const OUTLET_FIELDS = Object.values(Prisma.OutletScalarFieldEnum);

/**
 * A table's columns by name, never `SELECT *`: the lean path prepares its statements, and a
 * prepared `SELECT *` fails once a migration adds a column under a running instance.
 */
export const COLUMNS = {
  Outlet: listOf(OUTLET_FIELDS),
  Story: listOf(Object.values(Prisma.StoryScalarFieldEnum)),
  Article: listOf(ARTICLE_FIELDS),
  Fact: listOf(FACT_FIELDS),
  Claim: listOf(CLAIM_FIELDS),
  Verdict: listOf(Object.values(Prisma.VerdictScalarFieldEnum)),
  Reviewer: listOf(Object.values(Prisma.ReviewerScalarFieldEnum)),
};
function listOf(fields: readonly string[]): Prisma.Sql {
  return Prisma.raw(fields.map((field) => `"${field}"`).join(", "));
}
/** The same for a table under an alias: `f."id", f."storyId", …`. */
export const FACT_COLUMNS_OF_F = Prisma.raw(FACT_FIELDS.map((field) => `f."${field}"`).join(", "));

/** An article's body (kilobytes) comes once, on the row of its first claim, not once per claim. */
const BODY_ONCE = `CASE WHEN c.id = min(c.id) OVER (PARTITION BY c."articleId") THEN a.body END`;

/** `a."id", a."storyId", …` in the order of `fields`, to be taken apart again by take(). */
function columns(alias: string, fields: readonly string[]): string {
  return fields.map((field) => (alias === "a" && field === "body" ? BODY_ONCE : `${alias}."${field}"`)).join(", ");
}
function take<T>(row: unknown[], at: number, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) out[fields[i]] = row[at + i];
  return out as T;
}

/** Where each table's columns start in a row of CLAIMS_WITH_ARTICLES. */
const AT = {
  claim: 0,
  article: CLAIM_FIELDS.length,
  origin: CLAIM_FIELDS.length + ARTICLE_FIELDS.length,
  host: CLAIM_FIELDS.length + ARTICLE_FIELDS.length + OUTLET_FIELDS.length,
};
const BODY_AT = ARTICLE_FIELDS.indexOf("body");
const FACT_ID_AT = FACT_FIELDS.indexOf("id");
const CLAIM_ID_AT = CLAIM_FIELDS.indexOf("id");

/**
 * Claims with their articles and both outlets of each (origin and host), side by side in one row,
 * from `c` (claims) joined the way CLAIMS_JOIN joins them: readings, divergence and
 * `article { origin { … } }` then need no further round trip.
 */
const CLAIMS_WITH_ARTICLES = `${columns("c", CLAIM_FIELDS)}, ${columns("a", ARTICLE_FIELDS)}, ${columns("o", OUTLET_FIELDS)}, ${columns("h", OUTLET_FIELDS)}`;
const CLAIMS_JOIN = `JOIN "Article" a ON a.id = c."articleId" JOIN "Outlet" o ON o.id = a."originId" JOIN "Outlet" h ON h.id = a."hostId"`;

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
 * The loaders run hand-written SQL on the lean read path (rows() in src/db.ts). Prisma 6.19's
 * client compiles a query plan for every statement, $queryRaw included, and caches none; on the
 * editorial query that was most of the request's CPU (see BENCHMARKS.md).
 */
export function createLoaders(client: Database) {
  // One replica for the whole request, when there are replicas, so its reads agree with each other.
  const prisma = readerOf(client);
  // Declared first: claimsByFact primes them.
  const outlet = new DataLoader<number, Outlet | null>(async (keys) =>
    byId(keys, await rows<Outlet>(prisma, Prisma.sql`SELECT ${COLUMNS.Outlet} FROM "Outlet" WHERE id = ANY(${ids(keys)})`)),
  );
  const article = new DataLoader<number, ArticleRow | null>(async (keys) =>
    byId(keys, await rows<ArticleRow>(prisma, Prisma.sql`SELECT ${COLUMNS.Article} FROM "Article" WHERE id = ANY(${ids(keys)})`)),
  );
  const claim = new DataLoader<number, Claim | null>(async (keys) =>
    byId(keys, await rows<Claim>(prisma, Prisma.sql`SELECT ${COLUMNS.Claim} FROM "Claim" WHERE id = ANY(${ids(keys)})`)),
  );
  /** The claim in a row of CLAIMS_WITH_ARTICLES (from column `at` on), after priming the loaders with all the row holds. */
  const primeFromRow = (row: unknown[], at = 0): Claim => {
    const one = take<Claim>(row, at + AT.claim, CLAIM_FIELDS);
    claim.prime(one.id, one);
    if (row[at + AT.article + BODY_AT] !== null) article.prime(one.articleId, take<ArticleRow>(row, at + AT.article, ARTICLE_FIELDS));
    const origin = take<Outlet>(row, at + AT.origin, OUTLET_FIELDS);
    const host = take<Outlet>(row, at + AT.host, OUTLET_FIELDS);
    outlet.prime(origin.id, origin).prime(host.id, host);
    return one;
  };
  const fact = new DataLoader<number, Fact | null>(async (keys) =>
    byId(keys, await rows<Fact>(prisma, Prisma.sql`SELECT ${COLUMNS.Fact} FROM "Fact" WHERE id = ANY(${ids(keys)})`)),
  );
  /** Also primes claim, article and outlet with what it read (see CLAIMS_WITH_ARTICLES). */
  const claimsByFact = new DataLoader<number, Claim[]>(async (keys) => {
    const found = await rowArrays(
      prisma,
      Prisma.sql`SELECT ${Prisma.raw(CLAIMS_WITH_ARTICLES)} FROM "Claim" c ${Prisma.raw(CLAIMS_JOIN)} WHERE c."factId" = ANY(${ids(keys)}) ORDER BY c.id`,
    );
    return groupBy(
      keys,
      found.map((row) => primeFromRow(row)),
      (one) => one.factId,
    );
  });
  return {
    outlet,
    story: new DataLoader<number, Story | null>(async (keys) =>
      byId(keys, await rows<Story>(prisma, Prisma.sql`SELECT ${COLUMNS.Story} FROM "Story" WHERE id = ANY(${ids(keys)})`)),
    ),
    article,
    fact,
    claim,
    verdict: new DataLoader<number, Verdict | null>(async (keys) =>
      byId(keys, await rows<Verdict>(prisma, Prisma.sql`SELECT ${COLUMNS.Verdict} FROM "Verdict" WHERE id = ANY(${ids(keys)})`)),
    ),
    reviewer: new DataLoader<number, Reviewer | null>(async (keys) =>
      byId(keys, await rows<Reviewer>(prisma, Prisma.sql`SELECT ${COLUMNS.Reviewer} FROM "Reviewer" WHERE id = ANY(${ids(keys)})`)),
    ),
    articlesByStory: new DataLoader<number, ArticleRow[]>(async (keys) =>
      groupBy(
        keys,
        await rows<ArticleRow>(
          prisma,
          Prisma.sql`SELECT ${COLUMNS.Article} FROM "Article" WHERE "storyId" = ANY(${ids(keys)}) ORDER BY id`,
        ),
        (article) => article.storyId,
      ),
    ),
    factsByStory: new DataLoader<number, Fact[]>(async (keys) =>
      groupBy(
        keys,
        await rows<Fact>(prisma, Prisma.sql`SELECT ${COLUMNS.Fact} FROM "Fact" WHERE "storyId" = ANY(${ids(keys)}) ORDER BY id`),
        (fact) => fact.storyId,
      ),
    ),
    claimsByFact,
    /**
     * The facts `where` picks (a condition on f, the fact, and s, its story), in id order, read in
     * one statement with all their claims and the claims' articles and outlets; primes fact,
     * claimsByFact and what claimsByFact primes, so readings and divergence run no more SQL.
     */
    async factsWithClaims(where: Prisma.Sql, first: number): Promise<Fact[]> {
      const found = await rowArrays(
        prisma,
        Prisma.sql`
          WITH chosen AS (SELECT ${FACT_COLUMNS_OF_F} FROM "Fact" f JOIN "Story" s ON s.id = f."storyId" WHERE ${where} ORDER BY f.id LIMIT ${first})
          SELECT ${Prisma.raw(columns("f", FACT_FIELDS))}, ${Prisma.raw(CLAIMS_WITH_ARTICLES)}
          FROM chosen f LEFT JOIN ("Claim" c ${Prisma.raw(CLAIMS_JOIN)}) ON c."factId" = f.id
          ORDER BY f.id, c.id`,
      );
      const facts = new Map<number, { fact: Fact; claims: Claim[] }>();
      for (const row of found) {
        const id = row[FACT_ID_AT] as number;
        let entry = facts.get(id);
        if (!entry) facts.set(id, (entry = { fact: take<Fact>(row, 0, FACT_FIELDS), claims: [] }));
        if (row[FACT_FIELDS.length + AT.claim + CLAIM_ID_AT] !== null) entry.claims.push(primeFromRow(row, FACT_FIELDS.length));
      }
      for (const { fact: one, claims } of facts.values()) {
        fact.prime(one.id, one);
        claimsByFact.prime(one.id, claims);
      }
      return [...facts.values()].map((entry) => entry.fact);
    },
    claimsByArticle: new DataLoader<number, Claim[]>(async (keys) =>
      groupBy(
        keys,
        await rows<Claim>(
          prisma,
          Prisma.sql`SELECT ${COLUMNS.Claim} FROM "Claim" WHERE "articleId" = ANY(${ids(keys)}) ORDER BY "quoteStart", id`,
        ),
        (claim) => claim.articleId,
      ),
    ),
    /** Whole verdict history per fact, newest first. */
    verdictsByFact: new DataLoader<number, Verdict[]>(async (keys) =>
      groupBy(
        keys,
        await rows<Verdict>(
          prisma,
          Prisma.sql`SELECT ${COLUMNS.Verdict} FROM "Verdict" WHERE "factId" = ANY(${ids(keys)}) ORDER BY id DESC`,
        ),
        (v) => v.factId,
      ),
    ),
    /**
     * Per origin outlet: its claims in the reading a current verdict chose (upheld) and in other
     * readings of decided facts (overruled). The current verdict is Fact.currentVerdictId and "same
     * reading" is extraction's readingKey, the rules the API's ranks use, so the database only
     * collapses claims into distinct (outlet, fact, claim reading, trusted reading) rows.
     */
    trustTally: new DataLoader<number, OutletTally>(async (outletIds) => {
      const tallied = await rows<TallyRow>(
        prisma,
        Prisma.sql`
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
        GROUP BY a."originId", f.id, c.lower, c.upper, c.unit, c."textValue", c.text, t.lower, t.upper, t.unit, t."textValue", t.text`,
      );
      const tallies = new Map<number, OutletTally>(outletIds.map((id) => [id, { upheld: 0, overruled: 0 }]));
      for (const row of tallied) {
        const claim = { kind: row.kind, lower: row.lower, upper: row.upper, unit: row.unit, textValue: row.textValue, text: row.text };
        const trusted = {
          kind: row.kind,
          lower: row.trustedLower,
          upper: row.trustedUpper,
          unit: row.trustedUnit,
          textValue: row.trustedTextValue,
          text: row.trustedText,
        };
        const tally = tallies.get(row.outletId)!;
        if (readingKey(claim) === readingKey(trusted)) tally.upheld += row.claims;
        else tally.overruled += row.claims;
      }
      return outletIds.map((id) => tallies.get(id)!);
    }),
    /** Per story: each article's other versions (extraction's findVersions over the story's articles). */
    versionsByStory: new DataLoader<number, Map<number, number[]>>(async (storyIds) => {
      const articles = await rows<Pick<Article, "id" | "storyId" | "originId" | "headline" | "byline" | "body">>(
        prisma,
        Prisma.sql`
        SELECT id, "storyId", "originId", headline, byline, body FROM "Article" WHERE "storyId" = ANY(${ids(storyIds)}) ORDER BY id`,
      );
      return groupBy(storyIds, articles, (article) => article.storyId).map((story) => {
        const versions = findVersions(
          story.map((article) => ({ ...article, id: String(article.id), originSlug: String(article.originId) })),
        );
        return new Map([...versions].map(([id, others]) => [Number(id), others.map(Number)]));
      });
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
