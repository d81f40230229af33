/**
 * Faults: the database goes away while the server runs, hangs, or is slow; and writers race on
 * addClaim. The outage tests use their OWN embedded cluster (own port, own temp folder), so that
 * stopping it cannot harm the shared test database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import type { CrosscheckApp } from "../../src/app";
import { loadConfig, type Config } from "../../src/config";
import { migrate } from "../../src/database";
import { createPrisma, type Database } from "../../src/db";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../../src/embedded-postgres";
import { factByKey, reviewerToken, seedStory } from "../helpers/fixtures";
import { gql, testApp } from "../helpers/http";
import { useSeededApi } from "../helpers/suite";

/** The README's limit for "fails fast": a request during an outage must not hang past this. */
const FAST_MS = 5000;
const STORIES = "{ stories { slug } }";

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = Date.now();
  const result = await work();
  return { ms: Date.now() - started, result };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe("when the database fails", () => {
  let root: string;
  let cluster: EmbeddedCluster;
  let prisma: Database;
  let api: CrosscheckApp;
  const config: Config = { ...loadConfig(), dbConnectTimeoutMs: 1500, dbStatementTimeoutMs: 1500, dbPoolSize: 4 };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-fault-pg-"));
    cluster = await startEmbeddedPostgres({ dataDir: path.join(root, "data"), database: "crosscheck_fault" });
    await migrate(cluster.url);
    prisma = createPrisma(cluster.url, config);
    await seedStory(prisma);
    api = await testApp(prisma, config);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await prisma?.$disconnect();
    await cluster?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("fails fast with a masked error and 503 while it is down, and recovers without a restart", async () => {
    const healthy = await gql<{ stories: Array<{ slug: string }> }>(api.app, STORIES);
    expect(healthy.data!.stories).toHaveLength(1);
    expect((await request(api.app).get("/healthz")).status).toBe(200);

    await cluster.stop();
    try {
      for (let i = 0; i < 3; i++) {
        const { ms, result } = await timed(() => gql(api.app, STORIES));
        expect(ms).toBeLessThan(FAST_MS);
        expect(result.status).toBe(200);
        expect(result.errors).toEqual([
          { message: "Internal server error", path: ["stories"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
        ]);
        expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|terminat|postgres|prisma/i);
      }
      const health = await timed(() => request(api.app).get("/healthz"));
      expect(health.ms).toBeLessThan(FAST_MS);
      expect(health.result.status).toBe(503);
      expect(health.result.body).toEqual({ status: "unavailable", database: "down" });
      // Readiness tells a database that is down from one that is only busy ("overloaded").
      const ready = await timed(() => request(api.app).get("/readyz"));
      expect(ready.ms).toBeLessThan(FAST_MS);
      expect({ status: ready.result.status, body: ready.result.body }).toEqual({
        status: 503,
        body: { status: "unavailable", database: "down" },
      });
    } finally {
      await cluster.start();
    }

    // Same process, same PrismaClient: the pool drops dead connections and opens new ones.
    expect(await waitFor(async () => (await request(api.app).get("/healthz")).status === 200, 15_000)).toBe(true);
    expect((await request(api.app).get("/readyz")).body).toEqual({ status: "ready", database: "up" });
    const again = await gql<{ stories: Array<{ slug: string }> }>(api.app, STORIES);
    expect(again.errors).toBeUndefined();
    expect(again.data!.stories).toHaveLength(1);
  });

  it("gives up on a database that accepts connections but never answers, after connectionTimeoutMillis", async () => {
    // SIGSTOP the postmaster: the kernel still completes TCP handshakes, but no session starts.
    const pid = Number(fs.readFileSync(path.join(cluster.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const fresh = createPrisma(cluster.url, config);
    const freshApi = await testApp(fresh, config);
    process.kill(pid, "SIGSTOP");
    try {
      const { ms, result } = await timed(() => gql(freshApi.app, STORIES));
      expect(ms).toBeLessThan(FAST_MS);
      expect(result.errors?.[0].extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      const health = await timed(() => request(freshApi.app).get("/healthz"));
      expect(health.ms).toBeLessThan(FAST_MS);
      expect(health.result.status).toBe(503);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    expect(await waitFor(async () => (await request(freshApi.app).get("/healthz")).status === 200, 15_000)).toBe(true);
    await freshApi.stop();
    await fresh.$disconnect();
  });

  it("cancels a statement that runs past statement_timeout, and the connection stays usable", async () => {
    const { ms, result } = await timed(() =>
      prisma.$queryRaw`SELECT pg_sleep(30)`.then(
        () => "finished",
        (error: unknown) => error,
      ),
    );
    expect(ms).toBeLessThan(FAST_MS);
    expect(String(result)).toMatch(/statement timeout|canceling statement/i);
    expect(await prisma.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});

describe("racing writers on addClaim", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  const ADD = `mutation($input: AddClaimInput!) { addClaim(input: $input) { id quote { start end } } }`;

  const suite = useSeededApi();
  beforeAll(() => {
    ({ prisma, api } = suite);
  });

  async function setting() {
    const fact = await factByKey(prisma, "bombing.killed");
    const article = await prisma.article.findFirstOrThrow({ where: { origin: { slug: "cnn" } } });
    const editors = await Promise.all(Array.from({ length: 20 }, (_, i) => reviewerToken(prisma, "REVIEWER", `editor ${i}`)));
    return { fact, article, editors };
  }

  it("20 identical addClaim calls: exactly one row, the other 19 get CONFLICT", async () => {
    const { fact, article, editors } = await setting();
    const start = article.body.indexOf("Monday");
    const input = { articleId: String(article.id), factId: String(fact.id), start, end: start + 6, value: 30, hedge: "APPROXIMATE" };
    const before = await prisma.claim.count({ where: { articleId: article.id, factId: fact.id } });
    const results = await Promise.all(editors.map((editor) => gql(api.app, ADD, { input }, editor.token)));
    const codes = results.map((res) => (res.errors ? res.errors[0].extensions?.code : "OK"));
    expect(codes.filter((code) => code === "OK")).toHaveLength(1);
    expect(codes.filter((code) => code === "CONFLICT")).toHaveLength(19);
    expect(await prisma.claim.count({ where: { articleId: article.id, factId: fact.id } })).toBe(before + 1);
    expect(await prisma.claim.count({ where: { articleId: article.id, factId: fact.id, quoteStart: start, quoteEnd: start + 6 } })).toBe(1);
    // One claim written, one version bump, one audit event: the losers left nothing behind.
    expect((await prisma.fact.findUniqueOrThrow({ where: { id: fact.id } })).version).toBe(fact.version + 1);
    expect(await prisma.auditEvent.count({ where: { action: "claim.add" } })).toBe(1);
  });

  it("20 different addClaim calls on one fact: 20 rows, none lost", async () => {
    const { fact, article, editors } = await setting();
    // Twenty distinct words of the body, each its own quote.
    const words = [...article.body.matchAll(/[A-Za-z]{4,}/g)].slice(0, 20);
    expect(words).toHaveLength(20);
    const before = await prisma.claim.count({ where: { factId: fact.id } });
    const results = await Promise.all(
      editors.map((editor, i) => {
        const word = words[i];
        const input = {
          articleId: String(article.id),
          factId: String(fact.id),
          start: word.index!,
          end: word.index! + word[0].length,
          value: 10 + i,
          hedge: "EXACT",
        };
        return gql<{ addClaim: { id: string } }>(api.app, ADD, { input }, editor.token);
      }),
    );
    expect(results.map((res) => res.errors?.[0].extensions?.code ?? "OK")).toEqual(Array(20).fill("OK"));
    expect(new Set(results.map((res) => res.data!.addClaim.id)).size).toBe(20);
    expect(await prisma.claim.count({ where: { factId: fact.id } })).toBe(before + 20);
    // Every writer bumped the version exactly once: no lost update on the counter either.
    expect((await prisma.fact.findUniqueOrThrow({ where: { id: fact.id } })).version).toBe(fact.version + 20);
    expect(await prisma.auditEvent.count({ where: { action: "claim.add" } })).toBe(20);
  });
});
