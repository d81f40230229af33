/**
 * Every read is bounded (issue 16.1). The cost model counts every list, so fifteen aliases of a
 * story's facts with their claims and readings are refused before they run while the desk's own
 * queries pass; capped lists, a response-size ceiling and a per-request timeout bound what does
 * run; /healthz answers from a connection of its own and /readyz tells "overloaded" from
 * "database down". Real Postgres, real HTTP servers on port 0, in development and production.
 */
import fs from "node:fs";
import type { AddressInfo, Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { getNullableType, isListType, isObjectType, parse, type GraphQLObjectType } from "graphql";
import type { CrosscheckApp } from "../../src/app";
import { LIST_LIMITS } from "../../src/common/lists";
import { loadConfig } from "../../src/config";
import { createPrisma, type Database } from "../../src/db";
import { loadFolder } from "../../src/ingest/loader";
import { queryCost } from "../../src/query-cost";
import { TIMEOUT_GRACE_MS } from "../../src/request-budget";
import { crosscheckSchema } from "../../src/schema";
import { QUERY_LIMITS } from "../../src/security";
import { ownerDatabaseUrl, testDatabaseUrl, testPrisma, truncateAll } from "../helpers/db";
import { factByKey, quiet, reviewerToken, SEED_STORY, seedStory } from "../helpers/fixtures";
import { testApp } from "../helpers/http";

/** The issue's query: one story's facts with every claim's quote and every reading's claims. */
const STORY_FACTS = `facts { claims { id text quote { prefix exact suffix } } readings { claims { id } } }`;
const aliases = (slug: string, n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: story(slug: "${slug}") { ${STORY_FACTS} }`).join(" ")} }`;

/** The desk's queries (public/desk.js, report.js, live.js) with every optional part switched on. */
const DESK = {
  stories: `{ stories { slug title } outlets { name kind trust { upheld overruled score } } }`,
  factList: `query($slug: String!) {
    story(slug: $slug) { slug title facts { id key label kind unit agreement version divergence divergenceNote needsReview latest { label }
      currentVerdict { id reviewer { name } }
      readings { label lower upper claims { id article { origin { name } } } } } }
    reviewQueue(storySlug: $slug) { id }
  }`,
  factPage: `query($id: ID!) {
    fact(id: $id) {
      id key label kind unit agreement version divergence divergenceNote needsReview latest { label } suggestion { reasons reading { label } } timeline { at claim { id } }
      currentVerdict { id createdAt reviewer { id name } trustedClaim { id } }
      readings { label lower upper independentSources claims { id rank hedge text value lower upper attribution
        quote { exact prefix suffix start end field }
        article { id headline publishedAt body origin { name slug } host { name } versions { id } } } }
      verdicts { id rationale createdAt retracted reviewer { name } trustedClaim { id text } }
    }
    outlets { name kind trust { upheld overruled score } }
  }`,
  article: `query($id: ID!) { article(id: $id) {
    headline byline dateline publishedAt origin { name } host { name } body claims { id quote { start end field } rank } } }`,
  ingestJob: `query($id: ID!) { ingestJob(id: $id) { id state error article { id headline publishedAt origin { name } host { name }
    claims { id text fact { id label agreement } } } } }`,
  factChanged: `subscription($slug: String!) { factChanged(storySlug: $slug) {
    id version agreement currentVerdict { id createdAt reviewer { id name } trustedClaim { id text } } } }`,
};

/** The heaviest editorial queries of test/api/hardening.test.ts. */
const EDITORIAL = {
  drillDown: `{ story(slug: "${SEED_STORY}") { facts { readings { claims { article { origin { name } } } } } } }`,
  storiesOverview: `{ stories { slug title articles { id headline byline dateline publishedAt origin { slug name kind } host { slug } } facts { id key label agreement unit readings { label independentSources } } } }`,
  claimPage: `query($id: ID!) { fact(id: $id) { claimsConnection(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id text value lower upper hedge rank quote { exact prefix suffix start end } article { id headline origin { slug name } host { slug name } } } } } } }`,
};

const PLACES = ["Portville", "Eastbridge", "Northham", "Lakeside", "Westmoor", "Southcliff", "Hillcrest", "Riverton"];

/** A storm log the test writes itself: one wire report, paragraph after paragraph of figures, cut at `chars`. */
function stormLog(chars: number): string {
  const parts = [
    "Storms leave dozens dead along the coast",
    "PORTVILLE, Dec 3 (Reuters) - Storms swept the coast on Tuesday, officials said.",
  ];
  let length = parts.join("\n\n").length;
  for (let n = 0; length < chars; n++) {
    const place = PLACES[n % PLACES.length];
    const paragraph = `In ${place}, the storm killed ${(n % 40) + 3} people and injured ${(n % 90) + 10} others, police said. About ${(n % 300) + 40} homes were damaged and ${(n % 12) + 1} fishermen were missing.`;
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join("\n\n").slice(0, chars);
}

interface Sent {
  status: number;
  ms: number;
  bytes: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function post(base: string, query: string, variables: Record<string, unknown> = {}): Promise<Sent> {
  const started = performance.now();
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, ms: Math.round(performance.now() - started), bytes: text.length, body: JSON.parse(text) };
}

/** GETs `path` every `everyMs` until stopped; every answer's status and time. */
function poll(base: string, route: string, everyMs = 100) {
  const answers: Array<{ status: number; ms: number }> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const status = await fetch(`${base}${route}`, { signal: AbortSignal.timeout(10_000) }).then(
        (res) => res.status,
        () => 0,
      );
      answers.push({ status, ms: Math.round(performance.now() - started) });
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return answers;
    },
  };
}

async function listen(api: CrosscheckApp): Promise<{ server: Server; base: string }> {
  const server = api.app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const codeOf = (sent: Sent) => sent.body.errors?.[0]?.extensions?.code;
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
};

describe("the cost model", () => {
  it("gives every list of the schema a cap or an assumed size, and every cap a `first` that defaults to it", async () => {
    const schema = await crosscheckSchema();
    const unlisted: string[] = [];
    const seen = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        const key = `${type.name}.${field.name}`;
        if (key in LIST_LIMITS) seen.add(key);
        else if (isListType(getNullableType(field.type)) && !(type.name.endsWith("Connection") && field.name === "edges"))
          unlisted.push(key);
      }
    }
    expect(unlisted).toEqual([]);
    expect(Object.keys(LIST_LIMITS).filter((key) => !seen.has(key))).toEqual([]);
    for (const [key, limits] of Object.entries(LIST_LIMITS)) {
      const [typeName, fieldName] = key.split(".");
      const first = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName].args.find((arg) => arg.name === "first");
      expect({ key, first: first?.defaultValue ?? null }).toEqual({ key, first: "cap" in limits ? limits.cap : null });
      expect(limits.assumed).toBeLessThanOrEqual("cap" in limits ? limits.cap : Infinity);
    }
  });

  it("passes the desk's own and the editorial queries, and refuses the issue's fifteen aliases", async () => {
    const schema = await crosscheckSchema();
    const cost = (query: string, variables: Record<string, unknown> = { slug: "s", id: "1" }) => queryCost(schema, parse(query), variables);
    const ours = Object.fromEntries([...Object.entries(DESK), ...Object.entries(EDITORIAL)].map(([name, query]) => [name, cost(query)]));
    const issue = { oneAlias: cost(aliases("s", 1)), fifteenAliases: cost(aliases("s", QUERY_LIMITS.maxAliases)) };
    console.log(`query costs (limit ${QUERY_LIMITS.maxCost}): ${JSON.stringify({ ...ours, ...issue })}`);
    for (const [name, value] of Object.entries(ours))
      expect({ name, withinLimit: value <= QUERY_LIMITS.maxCost }).toEqual({ name, withinLimit: true });
    expect(issue.fifteenAliases).toBeGreaterThan(QUERY_LIMITS.maxCost);
    // One alias runs: the caps, not the estimate, bound what it returns.
    expect(issue.oneAlias).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
    // `first` counts, as a literal or a variable; a list without it counts as its assumed size.
    const claims = (first: string) => cost(`query($n: Int!) { fact(id: "1") { claims${first} { id } } }`, { n: 200 });
    expect(claims("(first: $n)")).toBe(claims("(first: 200)"));
    expect(claims("(first: 200)")).toBeGreaterThan(10 * claims(""));
  });

  it("works a document's cost out once per variables: the same document with another `first` costs anew", async () => {
    const schema = await crosscheckSchema();
    const document = parse(`query($n: Int!) { fact(id: "1") { claims(first: $n) { id } } }`);
    const small = queryCost(schema, document, { n: 2 });
    const large = queryCost(schema, document, { n: 200 });
    expect(large).toBeGreaterThan(10 * small);
    expect(queryCost(schema, document, { n: 2 })).toBe(small);
    expect(queryCost(schema, document, { n: 200 })).toBe(large);
    // A document that is the same text parsed again is costed the same.
    expect(queryCost(schema, parse(`query($n: Int!) { fact(id: "1") { claims(first: $n) { id } } }`), { n: 200 })).toBe(large);
  });
});

describe("a 200,000-character article under parallel anonymous reads", () => {
  const SLUG = "storm-log";
  let prisma: Database;
  let development: CrosscheckApp;
  let production: CrosscheckApp;
  const servers: Server[] = [];
  const bases: Record<"development" | "production", string> = { development: "", production: "" };
  let bigFactId = "";
  let bigArticleId = "";

  beforeAll(async () => {
    prisma = testPrisma();
    await truncateAll(prisma);
    await seedStory(prisma);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-storm-log-"));
    const text = stormLog(200_000);
    fs.writeFileSync(path.join(folder, "storm-log.txt"), text);
    try {
      const summary = await loadFolder(prisma, { folder, storySlug: SLUG, title: "Storm log", log: quiet });
      const biggest = await prisma.claim.groupBy({
        by: ["factId"],
        _count: { _all: true },
        orderBy: { _count: { factId: "desc" } },
        take: 1,
      });
      bigFactId = String(biggest[0].factId);
      bigArticleId = String((await prisma.article.findFirstOrThrow({ where: { story: { slug: SLUG } } })).id);
      console.log(
        `loaded ${text.length} characters: ${summary.claims} claims in ${summary.facts} facts, the largest fact with ${biggest[0]._count._all} claims`,
      );
      expect(text.length).toBe(200_000);
      expect(summary.claims).toBeGreaterThan(5000);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    development = await testApp(prisma);
    production = await testApp(prisma, { production: true });
    for (const [mode, api] of [
      ["development", development],
      ["production", production],
    ] as const) {
      const { server, base } = await listen(api);
      servers.push(server);
      bases[mode] = base;
    }
  }, 240_000);
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await development?.stop();
    await production?.stop();
    await prisma?.$disconnect();
  });

  it.each(["development", "production"] as const)(
    "%s: five parallel fifteen-alias reads are each refused or answered, and /healthz answers 200 within 1 s throughout",
    async (mode) => {
      const base = bases[mode];
      const health = poll(base, "/healthz");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const reads = await Promise.all(Array.from({ length: 5 }, () => post(base, aliases(SLUG, QUERY_LIMITS.maxAliases))));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const answers = await health.stop();
      console.log(
        `${mode}: fifteen-alias reads ${JSON.stringify(reads.map((r) => ({ status: r.status, code: codeOf(r), ms: r.ms, bytes: r.bytes })))}; /healthz ms ${JSON.stringify(stats(answers.map((a) => a.ms)))}`,
      );
      for (const read of reads) {
        const refused = read.status === 400 && codeOf(read) === "GRAPHQL_VALIDATION_FAILED" && read.body.data === undefined;
        const answered = read.status === 200 && read.body.errors === undefined;
        expect({ refused, answered }).not.toEqual({ refused: false, answered: false });
        // The cost model refuses this one before it runs.
        expect(refused).toBe(true);
        expect(read.body.errors![0].message).toMatch(/^Limit exceeded/);
        if (mode === "production") expect(read.body.errors![0].message).not.toMatch(/\d/);
      }
      expect(answers.length).toBeGreaterThan(3);
      expect(answers.filter((a) => a.status !== 200 || a.ms >= 1000)).toEqual([]);
    },
  );

  it("five parallel one-alias reads, within the cost limit, are answered within the caps while /healthz keeps answering 200", async () => {
    const base = bases.development;
    const health = poll(base, "/healthz");
    const reads = await Promise.all(Array.from({ length: 5 }, () => post(base, aliases(SLUG, 1))));
    const answers = await health.stop();
    console.log(
      `one-alias reads ${JSON.stringify(reads.map((r) => ({ status: r.status, code: codeOf(r), ms: r.ms, bytes: r.bytes })))}; /healthz ms ${JSON.stringify(stats(answers.map((a) => a.ms)))}`,
    );
    for (const read of reads) {
      expect({ status: read.status, errors: read.body.errors }).toEqual({ status: 200, errors: undefined });
      const facts = (read.body.data as { a0: { facts: Array<{ claims: unknown[]; readings: Array<{ claims: unknown[] }> }> } }).a0.facts;
      expect(Math.max(...facts.map((fact) => fact.claims.length))).toBe(LIST_LIMITS["Fact.claims"].cap);
      expect(Math.max(...facts.flatMap((fact) => fact.readings.map((reading) => reading.claims.length)))).toBeLessThanOrEqual(
        LIST_LIMITS["Reading.claims"].cap,
      );
    }
    // Timed on a shared machine, so printed above rather than asserted: each of these reads loads
    // every claim of the story's facts to group their readings (thousands here).
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
  });

  it("serves the desk's story list and article view on it, the article's claims capped", async () => {
    const list = await post(bases.development, DESK.factList, { slug: SLUG });
    expect({ status: list.status, errors: list.body.errors }).toEqual({ status: 200, errors: undefined });
    const article = await post(bases.development, DESK.article, { id: bigArticleId });
    expect({ status: article.status, errors: article.body.errors }).toEqual({ status: 200, errors: undefined });
    const body = (article.body.data as { article: { body: string; claims: unknown[] } }).article;
    expect(body.claims).toHaveLength(LIST_LIMITS["Article.claims"].cap);
    console.log(
      `desk on the storm log: fact list ${list.bytes} bytes in ${list.ms} ms, article view ${article.bytes} bytes in ${article.ms} ms`,
    );
  });

  it("answers fifteen aliases of the storm log's people, every alias alike", async () => {
    const people = `{ ${Array.from({ length: QUERY_LIMITS.maxAliases }, (_, i) => `p${i}: story(slug: "${SLUG}") { people { name variants articleIds mentions } }`).join(" ")} }`;
    const read = await post(bases.development, people);
    console.log(`fifteen aliases of Story.people on the storm log: ${read.status} in ${read.ms} ms, ${read.bytes} bytes`);
    expect({ status: read.status, errors: read.body.errors }).toEqual({ status: 200, errors: undefined });
    const answers = Object.values(read.body.data as Record<string, { people: unknown[] }>);
    expect(answers).toHaveLength(QUERY_LIMITS.maxAliases);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it.each(["development", "production"] as const)(
    "%s: a response that grows past RESPONSE_MAX_BYTES is stopped with RESPONSE_TOO_LARGE, no partial data",
    async (mode) => {
      // The desk's fact page repeats each claim's article body: on the largest fact that is about 200 kB a claim.
      const read = await post(bases[mode], DESK.factPage, { id: bigFactId });
      console.log(
        `${mode}: fact page of the largest fact: ${read.status} ${codeOf(read)} after ${read.ms} ms, ${read.bytes} bytes sent (limit ${loadConfig().responseMaxBytes})`,
      );
      expect(read.status).toBe(400);
      expect(read.body).toEqual({
        errors: [{ message: expect.stringMatching(/^The response grew past/), extensions: { code: "RESPONSE_TOO_LARGE" } }],
      });
      if (mode === "production") expect(read.body.errors![0].message).not.toMatch(/\d/);
      else expect(read.body.errors![0].message).toContain("RESPONSE_MAX_BYTES");
    },
  );
});

describe("the per-request timeout", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  let base: string;
  let server: Server;
  const TIMEOUT_MS = 300;

  beforeAll(async () => {
    prisma = testPrisma();
    await truncateAll(prisma);
    await seedStory(prisma);
    api = await testApp(prisma, { requestTimeoutMs: TIMEOUT_MS });
    ({ server, base } = await listen(api));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await api.stop();
    await prisma.$disconnect();
  });

  /** Holds an exclusive lock on "Fact" for `ms` (as the owner), so reads of facts wait for it. */
  async function lockFacts(ms: number): Promise<() => Promise<void>> {
    const owner = new Client({ connectionString: ownerDatabaseUrl() });
    await owner.connect();
    await owner.query('BEGIN; LOCK TABLE "Fact" IN ACCESS EXCLUSIVE MODE');
    const release = (async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      await owner.query("COMMIT");
      await owner.end();
    })();
    return () => release;
  }

  it("stops a request at its next field once past REQUEST_TIMEOUT_MS: REQUEST_TIMEOUT, HTTP 503", async () => {
    const released = await lockFacts(TIMEOUT_MS + 500);
    const read = await post(base, `{ story(slug: "${SEED_STORY}") { facts { id label readings { label } } } }`);
    await released();
    console.log(`timeout at a field: ${read.status} ${codeOf(read)} after ${read.ms} ms (limit ${TIMEOUT_MS} ms)`);
    expect(read.status).toBe(503);
    expect(read.body).toEqual({
      errors: [{ message: expect.stringMatching(/REQUEST_TIMEOUT_MS/), extensions: { code: "REQUEST_TIMEOUT" } }],
    });
    expect(read.ms).toBeLessThan(TIMEOUT_MS + TIMEOUT_GRACE_MS);
  });

  it("answers REQUEST_TIMEOUT over HTTP for a request stuck in one step, a second past its deadline", async () => {
    const released = await lockFacts(4000);
    const read = await post(base, `{ story(slug: "${SEED_STORY}") { facts { id } } }`);
    console.log(
      `timeout while waiting on the database: ${read.status} ${codeOf(read)} after ${read.ms} ms (limit ${TIMEOUT_MS} ms + ${TIMEOUT_GRACE_MS} ms grace)`,
    );
    expect(read.status).toBe(503);
    expect(codeOf(read)).toBe("REQUEST_TIMEOUT");
    expect(read.ms).toBeGreaterThanOrEqual(TIMEOUT_MS + TIMEOUT_GRACE_MS - 50);
    expect(read.ms).toBeLessThan(3500);
    await released();
    // The same server answers the next request in full.
    const again = await post(base, `{ story(slug: "${SEED_STORY}") { facts { id } } }`);
    expect({ status: again.status, errors: again.body.errors }).toEqual({ status: 200, errors: undefined });
  });

  it("lets a mutation finish past the deadline: a committed write is never answered with a timeout", async () => {
    const { token } = await reviewerToken(prisma, "REVIEWER");
    const fact = await factByKey(prisma, "bombing.killed");
    const input = {
      factId: String(fact.id),
      trustedClaimId: String(fact.claims[0].id),
      expectedVersion: fact.version,
      rationale: "Decided while the facts were locked.",
    };
    const released = await lockFacts(TIMEOUT_MS + TIMEOUT_GRACE_MS + 700);
    const started = performance.now();
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id fact { version } } }`,
        variables: { input },
      }),
    });
    const body = (await res.json()) as Sent["body"];
    const ms = Math.round(performance.now() - started);
    await released();
    console.log(`mutation past the deadline: ${res.status} after ${ms} ms (limit ${TIMEOUT_MS} ms)`);
    expect({ status: res.status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    expect(ms).toBeGreaterThan(TIMEOUT_MS + TIMEOUT_GRACE_MS);
    expect(await prisma.verdict.count({ where: { factId: fact.id } })).toBe(1);
  });
});

describe("/healthz and /readyz", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  let base: string;
  let server: Server;
  const POOL = 2;

  beforeAll(async () => {
    const config = { ...loadConfig(), dbPoolSize: POOL, dbConnectTimeoutMs: 10_000, dbStatementTimeoutMs: 10_000 };
    prisma = createPrisma(testDatabaseUrl(), config);
    api = await testApp(prisma, config);
    ({ server, base } = await listen(api));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await api.stop();
    await prisma.$disconnect();
  });

  const get = async (route: string) => {
    const started = performance.now();
    const res = await fetch(`${base}${route}`);
    return { status: res.status, body: await res.json(), ms: Math.round(performance.now() - started) };
  };

  it("says ready when nothing waits", async () => {
    expect(await get("/readyz")).toMatchObject({ status: 200, body: { status: "ready", database: "up" } });
    expect(await get("/healthz")).toMatchObject({ status: 200, body: { status: "ok", database: "up" } });
  });

  it("with every pool connection busy and queries queued: /readyz says overloaded with the reason, /healthz stays 200 and fast", async () => {
    const busy = Array.from({ length: 3 * POOL }, () => prisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(1.5)`.then((rows) => rows));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ready = await get("/readyz");
    const healthy = await get("/healthz");
    await Promise.all(busy);
    console.log(
      `pool of ${POOL} busy: /readyz ${ready.status} ${JSON.stringify(ready.body)}; /healthz ${healthy.status} in ${healthy.ms} ms`,
    );
    expect(ready).toMatchObject({
      status: 503,
      body: { status: "overloaded", database: "up", reason: expect.stringMatching(/waiting for a database connection/) },
    });
    expect(healthy).toMatchObject({ status: 200, body: { status: "ok", database: "up" } });
    expect(healthy.ms).toBeLessThan(1000);
    expect((await get("/readyz")).status).toBe(200);
  });

  it("after the event loop was held up: /readyz says overloaded, then ready again", async () => {
    const until = performance.now() + 800;
    while (performance.now() < until); // a synchronous stretch of work, as a huge response would be
    const ready = await get("/readyz");
    console.log(`event loop held 800 ms: /readyz ${ready.status} ${JSON.stringify(ready.body)}`);
    expect(ready).toMatchObject({
      status: 503,
      body: { status: "overloaded", reason: expect.stringMatching(/event loop fell \d+ ms behind/) },
    });
    await new Promise((resolve) => setTimeout(resolve, 2300));
    expect((await get("/readyz")).status).toBe(200);
  });
});
