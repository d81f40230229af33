import DataLoader from "dataloader";
import { readerOf, rows, type Database } from "./db";
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
export type ArticleWithBody = Omit<Article, "rawText">;
/**
 * What the article loader holds: an article without its texts. The body (kilobytes, most of the
 * bytes of a claim's row) is read by its own loader, articleBody, only when a query asks for it.
 */
export type ArticleRow = Omit<ArticleWithBody, "body"> & { body?: string };

/** Column lists from Prisma's generated field enums, so that they follow the schema. */
const FACT_FIELDS = Object.values(Prisma.FactScalarFieldEnum);
const CLAIM_FIELDS = Object.values(Prisma.ClaimScalarFieldEnum);
const ARTICLE_BODY_FIELDS = Object.values(Prisma.ArticleScalarFieldEnum).filter((field) => field !== "rawText");
const ARTICLE_FIELDS = ARTICLE_BODY_FIELDS.filter((field) => field !== "body");
const OUTLET_FIELDS = Object.values(Prisma.OutletScalarFieldEnum);

/**
 * A table's columns by name, never `SELECT *`: the lean path prepares its statements, and a
 * prepared `SELECT *` fails once a migration adds a column under a running instance.
 */
export const COLUMNS = {
  Outlet: listOf(OUTLET_FIELDS),
  Story: listOf(Object.values(Prisma.StoryScalarFieldEnum)),
  Article: listOf(ARTICLE_FIELDS),
  ArticleWithBody: listOf(ARTICLE_BODY_FIELDS),
  Fact: listOf(FACT_FIELDS),
  Claim: listOf(CLAIM_FIELDS),
  Verdict: listOf(Object.values(Prisma.VerdictScalarFieldEnum)),
  Reviewer: listOf(Object.values(Prisma.ReviewerScalarFieldEnum)),
};
function listOf(fields: readonly string[]): Prisma.Sql {
  return Prisma.raw(fields.map((field) => `"${field}"`).join(", "));
}
/** Fact's columns under the alias f: `f."id", f."storyId", …`. */
export const FACT_COLUMNS_OF_F = Prisma.raw(columns("f", FACT_FIELDS));
/** The claims view's column lists (built once: claimsView runs on every conflicts request). */
const CLAIM_COLUMNS_OF_C = Prisma.raw(columns("c", CLAIM_FIELDS));
const ARTICLE_COLUMNS_OF_A = Prisma.raw(columns("a", ARTICLE_FIELDS));
const OUTLET_COLUMNS_OF_O = Prisma.raw(columns("o", OUTLET_FIELDS));

/** `a."id", a."storyId", …`. */
function columns(alias: string, fields: readonly string[]): string {
  return fields.map((field) => `${alias}."${field}"`).join(", ");
}

/** The fields of T that hold a Date (or null). */
type DateField<T> = { [K in keyof T]-?: NonNullable<T[K]> extends Date ? K : never }[keyof T];

/**
 * Each table's DateTime columns, which json_agg writes as text: UTC without a zone, the way
 * Prisma stores them. The types make the lists complete: a DateTime column added to the schema
 * fails the build until it is listed here.
 */
const DATE_FIELDS = {
  Fact: { createdAt: true },
  Claim: { createdAt: true },
  Article: { publishedAt: true, createdAt: true, updatedAt: true },
  Outlet: { createdAt: true },
} satisfies {
  Fact: Record<DateField<Fact>, true>;
  Claim: Record<DateField<Claim>, true>;
  Article: Record<DateField<ArticleRow>, true>;
  Outlet: Record<DateField<Outlet>, true>;
};

/** A row of json_agg as the lean path's other rows are: its DateTime columns as Dates. */
function withDates<T>(row: Record<string, unknown>, dates: Record<string, true>): T {
  for (const field in dates) {
    const text = row[field];
    if (typeof text === "string") row[field] = new Date(`${text}Z`);
  }
  return row as T;
}

/** What claimsView() reads: claims, the articles they come from (without bodies) and those articles' outlets. */
interface ClaimsView {
  facts?: Array<Record<string, unknown>> | null;
  claims: Array<Record<string, unknown>> | null;
  articles: Array<Record<string, unknown>> | null;
  outlets: Array<Record<string, unknown>> | null;
}

/**
 * One statement, one row: the claims that `claims` (a CTE over "Claim" c) picks, with their
 * articles and both outlets of each (origin and host), each row once, as JSON. readings,
 * divergence and `article { origin { … } }` then need no further round trip. One JSON value
 * costs the API far less to read than the same data as rows of sixty columns, where each
 * article and outlet repeats on every claim (see BENCHMARKS.md).
 */
function claimsView(claims: Prisma.Sql, head: Prisma.Sql = Prisma.empty, facts: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    WITH ${head} claims AS (SELECT ${CLAIM_COLUMNS_OF_C} FROM "Claim" c WHERE ${claims}),
    articles AS (SELECT ${ARTICLE_COLUMNS_OF_A} FROM "Article" a WHERE a.id IN (SELECT "articleId" FROM claims))
    SELECT json_build_object(${facts}
      'claims', (SELECT json_agg(c ORDER BY c.id) FROM claims c),
      'articles', (SELECT json_agg(a) FROM articles a),
      'outlets', (SELECT json_agg(o) FROM (SELECT ${OUTLET_COLUMNS_OF_O} FROM "Outlet" o
                                          WHERE o.id IN (SELECT "originId" FROM articles UNION SELECT "hostId" FROM articles)) o)
    ) AS view`;
}

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
  const bodies = new DataLoader<number, string | null>(async (keys) =>
    byId(
      keys,
      await rows<{ id: number; body: string }>(prisma, Prisma.sql`SELECT id, body FROM "Article" WHERE id = ANY(${ids(keys)})`),
    ).map((row) => row?.body ?? null),
  );
  /** Articles a claims view brought in whose bodies nobody has asked for yet. */
  const viewArticles = new Set<number>();
  /**
   * Article.body, for the articles the article loader holds without it. The readings of a view
   * resolve over several ticks, so a query that asks for bodies would read them in several
   * batches: the first body asked for also asks, in the same batch, for those of every article
   * the request's views brought in.
   */
  const articleBody = (id: number): Promise<string | null> => {
    for (const other of viewArticles) if (other !== id) bodies.load(other).catch(() => undefined);
    viewArticles.clear();
    return bodies.load(id);
  };
  /** Primes claim, article and outlet with a claimsView's rows; returns its claims, in id order. */
  const primeView = (view: ClaimsView): Claim[] => {
    for (const row of view.outlets ?? []) {
      const one = withDates<Outlet>(row, DATE_FIELDS.Outlet);
      outlet.prime(one.id, one);
    }
    for (const row of view.articles ?? []) {
      const one = withDates<ArticleRow>(row, DATE_FIELDS.Article);
      article.prime(one.id, one);
      viewArticles.add(one.id);
    }
    return (view.claims ?? []).map((row) => {
      const one = withDates<Claim>(row, DATE_FIELDS.Claim);
      claim.prime(one.id, one);
      return one;
    });
  };
  const fact = new DataLoader<number, Fact | null>(async (keys) =>
    byId(keys, await rows<Fact>(prisma, Prisma.sql`SELECT ${COLUMNS.Fact} FROM "Fact" WHERE id = ANY(${ids(keys)})`)),
  );
  /** Also primes claim, article and outlet with what it read (see claimsView). */
  const claimsByFact = new DataLoader<number, Claim[]>(async (keys) => {
    const [{ view }] = await rows<{ view: ClaimsView }>(prisma, claimsView(Prisma.sql`c."factId" = ANY(${ids(keys)})`));
    return groupBy(keys, primeView(view), (one) => one.factId);
  });
  return {
    outlet,
    story: new DataLoader<number, Story | null>(async (keys) =>
      byId(keys, await rows<Story>(prisma, Prisma.sql`SELECT ${COLUMNS.Story} FROM "Story" WHERE id = ANY(${ids(keys)})`)),
    ),
    article,
    articleBody,
    fact,
    claim,
    verdict: new DataLoader<number, Verdict | null>(async (keys) =>
      byId(keys, await rows<Verdict>(prisma, Prisma.sql`SELECT ${COLUMNS.Verdict} FROM "Verdict" WHERE id = ANY(${ids(keys)})`)),
    ),
    reviewer: new DataLoader<number, Reviewer | null>(async (keys) =>
      byId(keys, await rows<Reviewer>(prisma, Prisma.sql`SELECT ${COLUMNS.Reviewer} FROM "Reviewer" WHERE id = ANY(${ids(keys)})`)),
    ),
    /** A story's articles with their bodies (people, versions). */
    articlesByStory: new DataLoader<number, ArticleWithBody[]>(async (keys) =>
      groupBy(
        keys,
        await rows<ArticleWithBody>(
          prisma,
          Prisma.sql`SELECT ${COLUMNS.ArticleWithBody} FROM "Article" WHERE "storyId" = ANY(${ids(keys)}) ORDER BY id`,
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
      const [{ view }] = await rows<{ view: ClaimsView }>(
        prisma,
        claimsView(
          Prisma.sql`c."factId" IN (SELECT id FROM chosen)`,
          Prisma.sql`chosen AS (SELECT ${FACT_COLUMNS_OF_F} FROM "Fact" f JOIN "Story" s ON s.id = f."storyId" WHERE ${where} ORDER BY f.id LIMIT ${first}),`,
          Prisma.sql`'facts', (SELECT json_agg(f ORDER BY f.id) FROM chosen f),`,
        ),
      );
      const facts = (view.facts ?? []).map((row) => withDates<Fact>(row, DATE_FIELDS.Fact));
      const claims = groupBy(
        facts.map((one) => one.id),
        primeView(view),
        (one) => one.factId,
      );
      facts.forEach((one, i) => {
        fact.prime(one.id, one);
        claimsByFact.prime(one.id, claims[i]);
      });
      return facts;
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
