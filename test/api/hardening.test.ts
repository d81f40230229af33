/**
 * Abuse and bad input (OWASP GraphQL cheat sheet, Apollo's production checklist): query limits,
 * batching, page sizes, production hiding, and mutations fed wrong types, unknown ids, huge strings
 * and odd Unicode. Every rejection must leave the database byte-for-byte as it was.
 */
import request from "supertest";
import type { CrosscheckApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createPrisma, onStatement, type Database } from "../../src/db";
import { QUERY_LIMITS } from "../../src/security";
import { testPrisma, truncateAll } from "../helpers/db";
import { databaseFingerprint, factByKey, reviewerToken, SEED_STORY, seedStory } from "../helpers/fixtures";
import { gql, testApp } from "../helpers/http";

const DEEP = `{ story(slug: "${SEED_STORY}") { facts { readings { claims { article { origin { name } } } } } } }`;
const CONFLICTS = `{ conflicts(storySlug: "${SEED_STORY}") { key label agreement readings { label lower upper independentSources claims { id text article { origin { name } } } } } }`;
const FACT_PAGE = `query($id: ID!) {
  fact(id: $id) {
    id key label kind unit agreement version
    readings { label lower upper independentSources claims { id text rank hedge attribution quote { exact prefix suffix start end } article { id headline origin { slug name } host { slug name } } } }
    currentVerdict { id rationale createdAt reviewer { name } trustedClaim { id } }
    verdicts { id retracted rationale createdAt reviewer { name } }
    claimReview
  }
  outlets { slug name kind trust { upheld overruled score } }
}`;
const DESK = `{ stories { slug title articles { id headline byline dateline publishedAt origin { slug name kind } host { slug } } facts { id key label agreement unit readings { label independentSources } } } }`;
const RECORD = `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`;
const RETRACT = `mutation($id: ID!, $reason: String!) { retractVerdict(id: $id, reason: $reason) { id } }`;
const ADD = `mutation($input: AddClaimInput!) { addClaim(input: $input) { id } }`;

/** Fact -> claims -> fact -> … -> id, `depth` fields deep (the leaf counts, as graphql-armor counts). */
function nested(depth: number): string {
  const fields = ['fact(id: "1")'];
  while (fields.length < depth - 1) fields.push(fields.length % 2 === 1 ? "claims" : "fact");
  return `{ ${fields.map((field) => `${field} {`).join(" ")} id ${"}".repeat(fields.length)} }`;
}

async function post(app: CrosscheckApp["app"], body: unknown, headers: Record<string, string> = {}) {
  let req = request(app).post("/graphql").set("content-type", "application/json");
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return req.send(typeof body === "string" ? body : JSON.stringify(body));
}

describe("hardening", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  let production: CrosscheckApp;
  let statements: string[] = [];

  beforeAll(async () => {
    prisma = testPrisma();
    // Every statement the pool sends, from Prisma or from the lean read path.
    onStatement(prisma, (statement) => statements.push(statement.text));
    api = await testApp(prisma);
    production = await testApp(prisma, { production: true });
    await truncateAll(prisma);
    await seedStory(prisma);
  });
  beforeEach(() => {
    statements = [];
  });
  afterAll(async () => {
    await api.stop();
    await production.stop();
    await prisma.$disconnect();
  });

  describe("query limits", () => {
    it("lets our own deepest queries and introspection through", async () => {
      const fact = await factByKey(prisma, "bombing.killed");
      for (const [query, variables] of [
        [DEEP, {}],
        [CONFLICTS, {}],
        [FACT_PAGE, { id: String(fact.id) }],
        [DESK, {}],
      ] as const) {
        const res = await gql(api.app, query, variables);
        expect({ query, status: res.status, errors: res.errors }).toEqual({ query, status: 200, errors: undefined });
      }
      const introspection = await gql<{ __schema: { types: unknown[] } }>(api.app, (await import("graphql")).getIntrospectionQuery());
      expect(introspection.errors).toBeUndefined();
      expect(introspection.data!.__schema.types.length).toBeGreaterThan(10);
      // The deep editorial query really is deep: it reaches the origins of the claims.
      const deep = await gql<{
        story: { facts: Array<{ readings: Array<{ claims: Array<{ article: { origin: { name: string } } }> }> }> };
      }>(api.app, DEEP);
      const origins = deep.data!.story.facts.flatMap((f) => f.readings.flatMap((r) => r.claims.map((c) => c.article.origin.name)));
      expect(new Set(origins).size).toBeGreaterThan(2);
    });

    const abusive: Array<[string, () => string, string]> = [
      ["too deep", () => nested(QUERY_LIMITS.maxDepth + 1), "GRAPHQL_VALIDATION_FAILED"],
      [
        "too many aliases",
        () => `{ ${Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: stories { id }`).join(" ")} }`,
        "GRAPHQL_VALIDATION_FAILED",
      ],
      [
        "too many directives",
        () => `{ stories { id ${"@include(if: true) ".repeat(QUERY_LIMITS.maxDirectives + 1)} } }`,
        "GRAPHQL_VALIDATION_FAILED",
      ],
      [
        "too costly (a page nested in a page, within depth)",
        () =>
          `{ fact(id: "1") { claimsConnection(first: 100) { edges { node { fact { claimsConnection(first: 100) { edges { node { id text quote { exact } } } } } } } } } }`,
        "GRAPHQL_VALIDATION_FAILED",
      ],
      ["too many tokens", () => `{ stories { ${"id ".repeat(QUERY_LIMITS.maxTokens)} } }`, "GRAPHQL_PARSE_FAILED"],
      ["a cyclic fragment", () => `{ stories { ...A } } fragment A on Story { articles { story { ...A } } }`, "GRAPHQL_VALIDATION_FAILED"],
    ];

    it.each(abusive)("rejects %s with a 400 and runs no SQL", async (_name, build, code) => {
      const before = await databaseFingerprint(prisma);
      statements = [];
      const res = await post(api.app, { query: build() });
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.body.data).toBeUndefined();
      expect(statements).toEqual([]);
      expect(await databaseFingerprint(prisma)).toBe(before);
    });

    it("runs no SQL for a refused query even when it carries a bearer token (the caller is looked up lazily)", async () => {
      statements = [];
      const res = await post(api.app, { query: abusive[0][1]() }, { authorization: "Bearer cc_some-token-to-look-up" });
      expect(res.status).toBe(400);
      expect(statements).toEqual([]);
    });

    it("measures: a query at the depth limit, and a full page of claims, still run", async () => {
      const fact = await factByKey(prisma, "bombing.killed");
      const deepest = await gql(api.app, nested(QUERY_LIMITS.maxDepth).replace('"1"', `"${fact.id}"`));
      expect({ status: deepest.status, errors: deepest.errors }).toEqual({ status: 200, errors: undefined });
      const page = await gql(
        api.app,
        `query($id: ID!) { fact(id: $id) { claimsConnection(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id text value lower upper hedge rank quote { exact prefix suffix start end } article { id headline origin { slug name } host { slug name } } } } } } }`,
        { id: String(fact.id) },
      );
      expect({ status: page.status, errors: page.errors }).toEqual({ status: 200, errors: undefined });
    });

    it("refuses batched HTTP requests", async () => {
      const res = await post(api.app, [{ query: "{ stories { id } }" }, { query: "{ outlets { id } }" }]);
      expect(res.status).toBe(400);
      expect(statements).toEqual([]);
    });

    it("caps list arguments: first is 1 to 100", async () => {
      const page = (first: number) =>
        gql(api.app, `{ story(slug: "${SEED_STORY}") { articlesConnection(first: ${first}) { totalCount } } }`);
      expect((await page(100)).errors).toBeUndefined();
      for (const first of [101, 0, -1]) {
        const res = await page(first);
        expect({ first, code: res.errors?.[0].extensions?.code, field: res.errors?.[0].extensions?.field }).toEqual({
          first,
          code: "BAD_USER_INPUT",
          field: "first",
        });
      }
      // Just over the cap through a variable: within the cost limit, so the resolver's own check answers.
      const viaVariable = (n: number) =>
        gql(api.app, `query($n: Int!) { story(slug: "${SEED_STORY}") { articlesConnection(first: $n) { totalCount } } }`, { n });
      expect((await viaVariable(101)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
      // A huge page is refused by the cost limit before anything runs, as a literal and as a variable alike.
      statements = [];
      expect((await page(1_000_000)).errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect((await viaVariable(1_000_000)).errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(statements).toEqual([]);
    });

    it("answers a body over the limit with 413 in GraphQL's error shape, and malformed JSON with 400", async () => {
      const fingerprint = await databaseFingerprint(prisma);
      const reviewer = await reviewerToken(prisma, "REVIEWER");
      const before = await databaseFingerprint(prisma);
      expect(before).not.toBe(fingerprint);
      const fact = await factByKey(prisma, "bombing.killed");
      const input = {
        factId: String(fact.id),
        trustedClaimId: String(fact.claims[0].id),
        rationale: "x".repeat(QUERY_LIMITS.maxBodyBytes + 1),
        expectedVersion: fact.version,
      };
      const huge = await post(api.app, { query: RECORD, variables: { input } }, { authorization: `Bearer ${reviewer.token}` });
      expect(huge.status).toBe(413);
      expect(huge.body.errors[0].extensions.code).toBe("BAD_REQUEST");
      const malformed = await post(api.app, '{"query": "{ stories { id } }"');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].extensions.code).toBe("BAD_REQUEST");
      expect(await databaseFingerprint(prisma)).toBe(before);
    });
  });

  describe("in production", () => {
    it("refuses introspection", async () => {
      const res = await post(production.app, { query: "{ __schema { types { name } } }" });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(res.body.data).toBeUndefined();
      const typeQuery = await post(production.app, { query: '{ __type(name: "Fact") { fields { name } } }' });
      expect(typeQuery.status).toBe(400);
    });

    it("gives no 'did you mean' suggestions (development does)", async () => {
      const typo = { query: "{ storys { id } }" };
      const dev = await post(api.app, typo);
      expect(dev.body.errors[0].message).toMatch(/Did you mean/);
      const prod = await post(production.app, typo);
      expect(prod.status).toBe(400);
      expect(prod.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(JSON.stringify(prod.body)).not.toMatch(/Did you mean|stories/);
    });

    it("serves no landing page on /graphql (development does)", async () => {
      const dev = await request(api.app).get("/graphql").set("accept", "text/html");
      expect(dev.status).toBe(200);
      expect(dev.text).toMatch(/<html/i);
      const prod = await request(production.app).get("/graphql").set("accept", "text/html");
      expect(prod.status).toBeGreaterThanOrEqual(400);
      expect(prod.text).not.toMatch(/<html|sandbox|embeddable/i);
    });

    it("does not say how limits were exceeded", async () => {
      const res = await post(production.app, { query: nested(QUERY_LIMITS.maxDepth + 1) });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain(String(QUERY_LIMITS.maxDepth));
    });

    it("reduces an internal failure to a code and a generic message", async () => {
      // A client on a port where nothing listens: the driver error must not reach the client.
      const broken = createPrisma("postgresql://postgres:secret@127.0.0.1:1/nowhere", { ...loadConfig(), dbConnectTimeoutMs: 1000 });
      const app = await testApp(broken, { production: true });
      try {
        const res = await post(app.app, { query: `{ stories { id } }` });
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors[0]).toEqual({
          message: "Internal server error",
          path: ["stories"],
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        });
        expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|prisma|at /i);
      } finally {
        await app.stop();
        await broken.$disconnect();
      }
    });
  });

  describe("mutations fed bad input change nothing", () => {
    it("rejects wrong types, unknown ids, huge strings, odd Unicode and negative numbers", async () => {
      const reviewer = await reviewerToken(prisma, "REVIEWER");
      const fact = await factByKey(prisma, "bombing.killed");
      const claim = fact.claims[0];
      const article = await prisma.article.findUniqueOrThrow({ where: { id: claim.articleId } });
      const verdict = {
        factId: String(fact.id),
        trustedClaimId: String(claim.id),
        rationale: "Hospital sources give this figure.",
        expectedVersion: fact.version,
      };
      const added = { articleId: String(article.id), factId: String(fact.id), start: 0, end: 4, value: 5, hedge: "EXACT" };
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        // Wrong GraphQL types: rejected while coercing variables, before any resolver.
        ["version as a string", RECORD, { input: { ...verdict, expectedVersion: "1" } }, "BAD_USER_INPUT"],
        ["version as a float", RECORD, { input: { ...verdict, expectedVersion: 1.5 } }, "BAD_USER_INPUT"],
        ["version past Int", RECORD, { input: { ...verdict, expectedVersion: 2 ** 31 } }, "BAD_USER_INPUT"],
        ["missing rationale", RECORD, { input: { ...verdict, rationale: undefined } }, "BAD_USER_INPUT"],
        ["rationale as an object", RECORD, { input: { ...verdict, rationale: { text: "x" } } }, "BAD_USER_INPUT"],
        ["an unknown input field", RECORD, { input: { ...verdict, reviewerId: "1" } }, "BAD_USER_INPUT"],
        ["start as a string", ADD, { input: { ...added, start: "0" } }, "BAD_USER_INPUT"],
        ["hedge not in the enum", ADD, { input: { ...added, hedge: "ROUGHLY" } }, "BAD_USER_INPUT"],
        ["value as NaN text", ADD, { input: { ...added, value: "NaN" } }, "BAD_USER_INPUT"],
        ["an id that is not one", RECORD, { input: { ...verdict, factId: '1; DROP TABLE "Fact"' } }, "BAD_USER_INPUT"],
        ["an id past Int", RECORD, { input: { ...verdict, factId: "99999999999" } }, "BAD_USER_INPUT"],
        // Unknown ids.
        ["an unknown fact", RECORD, { input: { ...verdict, factId: "424242" } }, "NOT_FOUND"],
        ["an unknown claim", RECORD, { input: { ...verdict, trustedClaimId: "424242" } }, "NOT_FOUND"],
        ["an unknown verdict", RETRACT, { id: "424242", reason: "wrong" }, "NOT_FOUND"],
        ["an unknown article", ADD, { input: { ...added, articleId: "424242" } }, "NOT_FOUND"],
        // Huge strings inside the body limit.
        ["a 5,001-character rationale", RECORD, { input: { ...verdict, rationale: "y".repeat(5001) } }, "BAD_USER_INPUT"],
        ["a blank rationale", RECORD, { input: { ...verdict, rationale: " \n\t " } }, "BAD_USER_INPUT"],
        // Odd Unicode.
        ["a NUL in the rationale", RECORD, { input: { ...verdict, rationale: "killed\u0000 24" } }, "BAD_USER_INPUT"],
        ["a lone high surrogate", RECORD, { input: { ...verdict, rationale: "24 \ud83d people" } }, "BAD_USER_INPUT"],
        ["a lone low surrogate", RECORD, { input: { ...verdict, rationale: "24 \ude00 people" } }, "BAD_USER_INPUT"],
        ["an RTL override", RECORD, { input: { ...verdict, rationale: "trust \u202e91 not 24" } }, "BAD_USER_INPUT"],
        ["a bidi isolate", RETRACT, { id: "1", reason: "x\u2067y" }, "BAD_USER_INPUT"],
        ["a NUL in a retraction reason", RETRACT, { id: "1", reason: "\u0000" }, "BAD_USER_INPUT"],
        ["a NUL in an id", ADD, { input: { ...added, articleId: "1\u0000" } }, "BAD_USER_INPUT"],
        // Offsets and negative numbers.
        [
          "offsets past the end of the body",
          ADD,
          { input: { ...added, start: article.body.length + 10, end: article.body.length + 20 } },
          "BAD_USER_INPUT",
        ],
        ["end past the end of the body", ADD, { input: { ...added, start: 0, end: article.body.length + 1 } }, "BAD_USER_INPUT"],
        ["a negative start", ADD, { input: { ...added, start: -5, end: 4 } }, "BAD_USER_INPUT"],
        ["a negative value", ADD, { input: { ...added, value: -24 } }, "BAD_USER_INPUT"],
        ["a negative upper", ADD, { input: { ...added, hedge: "RANGE", value: null, lower: 1, upper: -3 } }, "BAD_USER_INPUT"],
        ["a negative version", RECORD, { input: { ...verdict, expectedVersion: -1 } }, "BAD_USER_INPUT"],
      ];
      const before = await databaseFingerprint(prisma);
      for (const [name, query, variables, code] of cases) {
        const res = await gql(api.app, query, variables, reviewer.token);
        expect({ name, code: res.errors?.[0]?.extensions?.code, data: res.data ?? null }).toEqual({ name, code, data: null });
      }
      // Sanity: the same inputs, made valid, do write; so the checks above are what stopped them.
      expect(await databaseFingerprint(prisma)).toBe(before);
      const ok = await gql(api.app, RECORD, { input: { ...verdict, rationale: "שלום — 24 killed, per Reuters 🙂" } }, reviewer.token);
      expect(ok.errors).toBeUndefined();
      expect(await databaseFingerprint(prisma)).not.toBe(before);
    });

    it("rejects unsafe characters in query literals too, and in reads", async () => {
      const res = await gql(api.app, `{ story(slug: "baghdad\\u0000") { id } }`);
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      const variable = await gql(api.app, `query($slug: String!) { story(slug: $slug) { id } }`, { slug: "a\u202eb" });
      expect(variable.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "slug" });
      expect(statements.filter((sql) => /"Story"/.test(sql))).toEqual([]);
    });
  });
});
