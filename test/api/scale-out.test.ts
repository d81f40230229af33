/**
 * "Running more than one" (README), tried: two API processes (`npm start` with INGEST_WORKER=off)
 * and two worker processes (`npm run worker`) on one database, as real child processes of the
 * compiled code. Articles submitted through API A are loaded by the two workers, each exactly once;
 * a worker killed with SIGKILL in the middle of an article's transaction leaves nothing written and
 * its job is retried by the other; a subscriber on API B hears a verdict recorded on API A within
 * 2 s, and every article the workers add.
 */
import path from "node:path";
import { createClient, type Client, type FormattedExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import { contentHash } from "../../src/ingest/load-article";
import type { Database } from "../../src/db";
import { asOwner, testPrisma, truncateAll } from "../helpers/db";
import { reviewerToken, SEED_STORY, seedStory } from "../helpers/fixtures";
import { clearQueue, generatedArticle, TEST_INGEST_ENV, waitFor } from "../helpers/ingest";
import { DIST, ensureBuilt, startNode, type NodeProcess } from "../helpers/processes";

const API_SCRIPT = path.join(DIST, "src", "main.js");
const WORKER_SCRIPT = path.join(DIST, "src", "jobs", "cli.js");
const ARTICLES = 200;
const FEED_STORY = "wire-feed";

const SUBMIT = `mutation Submit($input: SubmitArticleInput!) { submitArticle(input: $input) { id state } }`;

type Result = FormattedExecutionResult<Record<string, unknown>, unknown>;

interface Api {
  process: NodeProcess;
  url: string;
}

/**
 * What every child gets: the test database (DATABASE_URL, MIGRATE_DATABASE_URL and the raised rate
 * limits come from test/global-setup.ts through the environment), production mode as deployed (no
 * demo reviewer written to .data/), and the test's quick retries.
 */
const COMMON_ENV: Record<string, string> = { ...TEST_INGEST_ENV, NODE_ENV: "production", LOG_LEVEL: "silent" };

async function startApi(label: string, env: Record<string, string>): Promise<Api> {
  const child = startNode(label, API_SCRIPT, { ...COMMON_ENV, PORT: "0", INGEST_WORKER: "off", ...env });
  const match = await child.waitForOutput(/API ready at http:\/\/localhost:(\d+)\/graphql/, 60_000);
  return { process: child, url: `http://127.0.0.1:${match[1]}/graphql` };
}

async function startWorker(label: string): Promise<NodeProcess> {
  const child = startNode(label, WORKER_SCRIPT, COMMON_ENV);
  await child.waitForOutput(/Crosscheck worker \S+ ready/, 60_000);
  return child;
}

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

describe("two API processes and two workers on one database", () => {
  let prisma: Database;
  let apiA: Api;
  let apiB: Api;
  const workers: NodeProcess[] = [];
  const clients: Client[] = [];
  let token: string;
  let feedStoryId: number;

  beforeAll(async () => {
    ensureBuilt([API_SCRIPT, WORKER_SCRIPT]);
    prisma = testPrisma();
    await truncateAll(prisma);
    await clearQueue(prisma);
    await prisma.ingestJob.deleteMany();
    await seedStory(prisma);
    feedStoryId = (await prisma.story.create({ data: { slug: FEED_STORY, title: "A wire feed, all day" } })).id;
    token = (await reviewerToken(prisma, "REVIEWER")).token;
    // API A submits the 200 with a job timeout that no healthy job reaches on a loaded machine;
    // API B submits the held job with a short one, so its retry comes within seconds.
    [apiA, apiB] = await Promise.all([
      startApi("API A", { INGEST_JOB_TIMEOUT_SECONDS: "120" }),
      startApi("API B", { INGEST_JOB_TIMEOUT_SECONDS: "6" }),
    ]);
    workers.push(...(await Promise.all([startWorker("worker 1"), startWorker("worker 2")])));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await Promise.all([apiA, apiB].filter(Boolean).map((api) => api.process.stop()));
    await Promise.all(workers.map((worker) => worker.stop()));
    await asOwner(`DROP TRIGGER IF EXISTS scale_test_hold ON "Article"; DROP FUNCTION IF EXISTS scale_test_hold(); DROP TABLE IF EXISTS scale_test_hold`);
    await prisma?.$disconnect();
  }, 60_000);

  /** A graphql-ws client on API B, collecting what one subscription delivers. */
  function subscribeOnB(query: string) {
    const client = createClient({ url: apiB.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    clients.push(client);
    const results: Array<{ at: number; result: Result }> = [];
    const errors: unknown[] = [];
    client.subscribe<Record<string, unknown>>({ query }, {
      next: (result) => (result.errors ? errors.push(result.errors) : results.push({ at: Date.now(), result })),
      error: (error) => errors.push(error),
      complete: () => undefined,
    });
    return { results, errors };
  }

  /**
   * A subscription is live once a notification reaches it: the test sends one itself (the same
   * pg_notify the workers and the API send) until it arrives, so no fixed pause guesses how long
   * API B takes to set the subscription up.
   */
  async function untilLive(watching: { results: unknown[]; errors: unknown[] }, topic: string, storyId: number, id: number) {
    await waitFor(`a ${topic} subscription on API B to be live`, async () => {
      if (watching.errors.length) throw new Error(`subscription failed: ${JSON.stringify(watching.errors)}`);
      await prisma.$queryRaw`SELECT count(pg_notify('crosscheck_live', json_build_object('topic', ${topic}::text, 'storyId', ${storyId}::int, 'id', ${id}::int)::text))::int AS sent`;
      await new Promise((resolve) => setTimeout(resolve, 250));
      return watching.results.length > 0;
    }, 30_000, 0);
    watching.results.length = 0;
  }

  it(`loads ${ARTICLES} articles submitted through API A, each exactly once, with both workers; API B's subscriber hears each one`, async () => {
    const seedArticle = await prisma.article.findFirstOrThrow({ where: { story: { slug: SEED_STORY } } });
    const added = subscribeOnB(`subscription { articleAdded(storySlug: "${FEED_STORY}") { id headline } }`);
    // The probe names an article of another story under the feed's id: it is told apart below by its id.
    await untilLive(added, "ARTICLE_ADDED", feedStoryId, seedArticle.id);

    const texts = Array.from({ length: ARTICLES }, (_, i) => generatedArticle(i + 1));
    const jobIds: string[] = [];
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < texts.length) {
          const text = texts[next++];
          const result = await post<{ submitArticle: { id: string; state: string } }>(apiA.url, SUBMIT, { input: { storySlug: FEED_STORY, text } }, token);
          expect(result.errors).toBeUndefined();
          expect(result.data!.submitArticle.state).toBe("QUEUED");
          jobIds.push(result.data!.submitArticle.id);
        }
      }),
    );
    const submittedMs = Date.now() - started;

    const pending = () => prisma.ingestJob.count({ where: { id: { in: jobIds }, state: { notIn: ["DONE", "FAILED"] } } });
    await waitFor(`${ARTICLES} jobs to finish`, async () => (await pending()) === 0, 150_000, 500);
    const processedMs = Date.now() - started;

    const jobs = await prisma.ingestJob.findMany({ where: { id: { in: jobIds } } });
    expect(jobs).toHaveLength(ARTICLES);
    expect(jobs.filter((job) => job.state !== "DONE")).toEqual([]);
    // Exactly once: one attempt per job, in our table and in pg-boss's.
    expect(jobs.filter((job) => job.attempts !== 1)).toEqual([]);
    const boss = await prisma.$queryRawUnsafe<Array<{ state: string; retry_count: number; n: number }>>(
      `SELECT state::text, retry_count, count(*)::int AS n FROM pgboss.job WHERE name = 'ingest-article' GROUP BY 1, 2`,
    );
    expect(boss).toEqual([{ state: "completed", retry_count: 0, n: ARTICLES }]);

    // One article per submitted text, each written once (one article.create in the audit log, no update).
    const articles = await prisma.article.findMany({ where: { storyId: feedStoryId }, select: { id: true, contentHash: true, _count: { select: { claims: true } } } });
    expect(articles).toHaveLength(ARTICLES);
    expect(new Set(articles.map((article) => article.contentHash))).toEqual(new Set(texts.map(contentHash)));
    expect(articles.filter((article) => article._count.claims === 0)).toEqual([]);
    expect(new Set(jobs.map((job) => job.articleId))).toEqual(new Set(articles.map((article) => article.id)));
    const writes = await prisma.auditEvent.groupBy({ by: ["action"], where: { subjectType: "Article", subjectId: { in: articles.map((article) => String(article.id)) } }, _count: true });
    expect(writes.map((row) => [row.action, row._count])).toEqual([["article.create", ARTICLES]]);

    // Both workers did some, and only they: the APIs run no worker (INGEST_WORKER=off).
    const byWorker = new Map<string, number>();
    for (const job of jobs) byWorker.set(job.worker!, (byWorker.get(job.worker!) ?? 0) + 1);
    const pidOf = (name: string) => Number(name.split(":").pop());
    expect([...byWorker.keys()].map(pidOf).sort()).toEqual(workers.map((worker) => worker.pid).sort());
    for (const count of byWorker.values()) expect(count).toBeGreaterThan(0);

    // API B's subscriber: every new article once, whichever worker loaded it.
    await waitFor(`${ARTICLES} articleAdded events on API B`, async () => added.results.length >= ARTICLES, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const heard = added.results.map((entry) => Number((entry.result.data!.articleAdded as { id: string }).id));
    expect(heard.slice().sort((a, b) => a - b)).toEqual(articles.map((article) => article.id).sort((a, b) => a - b));
    expect(added.errors).toEqual([]);

    console.log(
      `scale-out: ${ARTICLES} articles submitted in ${(submittedMs / 1000).toFixed(1)} s, all DONE after ${(processedMs / 1000).toFixed(1)} s; ` +
        `by worker: ${[...byWorker.values()].join(" + ")}`,
    );
  }, 200_000);
});
