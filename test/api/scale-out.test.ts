/**
 * "Running more than one" (README), tried: two API processes (`npm start` with INGEST_WORKER=off)
 * and two worker processes (`npm run worker`) on one database, as real child processes of the
 * compiled code. Articles submitted through API A are loaded by the two workers, each exactly once;
 * a worker killed with SIGKILL in the middle of an article's transaction leaves nothing written, and
 * one killed after the article committed but before its job was DONE leaves one article; either
 * way the other worker retries the job to DONE. A subscriber on API B hears every article the
 * workers add (once each, the retried ones too) and a verdict recorded on API A within 2 s.
 */
import fs from "node:fs";
import path from "node:path";
import { Client as PgClient } from "pg";
import { createClient, type Client, type FormattedExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import { STORY_LOCK_SPACE } from "../../src/fact/story-lock";
import { contentHash } from "../../src/ingest/load-article";
import { SEEDS_DIR } from "../../src/ingest/seed";
import type { Database } from "../../src/db";
import { asOwner, testDatabaseUrl, testPrisma, truncateAll } from "../helpers/db";
import { databaseFingerprint, factByKey, reviewerToken, SEED_STORY } from "../helpers/fixtures";
import { clearQueue, generatedArticle, TEST_INGEST_ENV, waitFor } from "../helpers/ingest";
import { DIST, ensureBuilt, startNode, type NodeProcess } from "../helpers/processes";

const API_SCRIPT = path.join(DIST, "src", "main.js");
const WORKER_SCRIPT = path.join(DIST, "src", "jobs", "cli.js");
const ARTICLES = 200;
const FEED_STORY = "wire-feed";
/** The dispatches the kill tests hold: one in its INSERT, one after its commit. */
const HELD_IN_INSERT = 9_001;
const HELD_AFTER_COMMIT = 9_002;

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

async function post<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
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
  /** The workers alive; the kill tests move theirs to `killed` and start a replacement. */
  const workers: NodeProcess[] = [];
  const killed: NodeProcess[] = [];
  const clients: Client[] = [];
  let token: string;
  let feedStoryId: number;
  let seedArticleId: number;
  let added: ReturnType<typeof subscribeOnB>;

  beforeAll(async () => {
    ensureBuilt([API_SCRIPT, WORKER_SCRIPT]);
    prisma = testPrisma();
    await truncateAll(prisma);
    await clearQueue(prisma);
    await prisma.ingestJob.deleteMany();
    // Both APIs start at once on an empty database, as a new deployment would (they seed it).
    // API A submits the 200 with a job timeout that no healthy job reaches on a loaded machine;
    // API B submits the held jobs with a short one, so their retries come within seconds.
    [apiA, apiB] = await Promise.all([
      startApi("API A", { INGEST_JOB_TIMEOUT_SECONDS: "120" }),
      startApi("API B", { INGEST_JOB_TIMEOUT_SECONDS: "8" }),
    ]);
    feedStoryId = (await prisma.story.create({ data: { slug: FEED_STORY, title: "A wire feed, all day" } })).id;
    token = (await reviewerToken(prisma, "REVIEWER")).token;
    workers.push(...(await Promise.all([startWorker("worker 1"), startWorker("worker 2")])));
    seedArticleId = (await prisma.article.findFirstOrThrow({ where: { story: { slug: SEED_STORY } } })).id;
    added = subscribeOnB(`subscription { articleAdded(storySlug: "${FEED_STORY}") { id headline } }`);
    // The probe names an article of another story under the feed's id: heardArticles() leaves it out.
    await untilLive(added, "ARTICLE_ADDED", feedStoryId, seedArticleId);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await Promise.all([apiA, apiB].filter(Boolean).map((api) => api.process.stop()));
    await Promise.all([...workers, ...killed].map((worker) => worker.stop()));
    await asOwner(
      `DROP TRIGGER IF EXISTS scale_test_hold ON "Article"; DROP FUNCTION IF EXISTS scale_test_hold(); DROP TABLE IF EXISTS scale_test_hold`,
    );
    await prisma?.$disconnect();
  }, 60_000);

  /** A graphql-ws client on API B, collecting what one subscription delivers. */
  function subscribeOnB(query: string) {
    const client = createClient({ url: apiB.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    clients.push(client);
    const results: Array<{ at: number; result: Result }> = [];
    const errors: unknown[] = [];
    client.subscribe<Record<string, unknown>>(
      { query },
      {
        next: (result) => (result.errors ? errors.push(result.errors) : results.push({ at: Date.now(), result })),
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    return { results, errors };
  }

  /**
   * A subscription is live once a notification reaches it: the test sends one itself (the same
   * pg_notify the workers and the API send) until it arrives, so no fixed pause guesses how long
   * API B takes to set the subscription up.
   */
  async function untilLive(watching: { results: unknown[]; errors: unknown[] }, topic: string, storyId: number, id: number) {
    await waitFor(
      `a ${topic} subscription on API B to be live`,
      async () => {
        if (watching.errors.length) throw new Error(`subscription failed: ${JSON.stringify(watching.errors)}`);
        await prisma.$queryRaw`SELECT count(pg_notify('crosscheck_live', json_build_object('topic', ${topic}::text, 'storyId', ${storyId}::int, 'id', ${id}::int)::text))::int AS sent`;
        await new Promise((resolve) => setTimeout(resolve, 250));
        return watching.results.length > 0;
      },
      30_000,
      0,
    );
    watching.results.length = 0;
  }

  /** Article ids API B's articleAdded subscriber heard, in order, without the probe's. */
  const heardArticles = () =>
    added.results.map((entry) => Number((entry.result.data!.articleAdded as { id: string }).id)).filter((id) => id !== seedArticleId);

  const pidOf = (workerName: string) => Number(workerName.split(":").pop());

  /** SIGKILL the worker running the job: no signal handler, no finally, no graceful stop. */
  async function killWorkerOf(jobId: string): Promise<{ victim: NodeProcess; survivor: NodeProcess }> {
    const row = await prisma.ingestJob.findUniqueOrThrow({ where: { id: jobId } });
    const victim = workers.find((worker) => worker.pid === pidOf(row.worker ?? ""));
    if (!victim) throw new Error(`job ${jobId} runs on ${row.worker}, not one of the test's workers`);
    victim.child.kill("SIGKILL");
    expect((await victim.exited).signal).toBe("SIGKILL");
    workers.splice(workers.indexOf(victim), 1);
    killed.push(victim);
    return { victim, survivor: workers[0] };
  }

  const submitOnB = async (text: string) => {
    const result = await post<{ submitArticle: { id: string } }>(apiB.url, SUBMIT, { input: { storySlug: FEED_STORY, text } }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.submitArticle.id;
  };

  const settled = (jobId: string) =>
    waitFor(
      `job ${jobId} to be retried to DONE`,
      async () => {
        const row = await prisma.ingestJob.findUniqueOrThrow({ where: { id: jobId } });
        return row.state === "DONE" || row.state === "FAILED" ? row : null;
      },
      60_000,
      250,
    );

  const bossJob = async (jobId: string) =>
    (
      await prisma.$queryRaw<
        Array<{ state: string; retry_count: number }>
      >`SELECT state::text, retry_count FROM pgboss.job WHERE id = ${jobId}::uuid`
    )[0];

  const articleCreations = (articleId: number) =>
    prisma.auditEvent.count({ where: { subjectType: "Article", subjectId: String(articleId), action: "article.create" } });

  it("two API processes started together on an empty database seed it once", async () => {
    const files = fs.readdirSync(path.join(SEEDS_DIR, SEED_STORY)).filter((name) => name.endsWith(".txt"));
    const articles = await prisma.article.findMany({ where: { story: { slug: SEED_STORY } }, select: { id: true } });
    expect(articles).toHaveLength(files.length);
    expect(await prisma.story.count({ where: { slug: SEED_STORY } })).toBe(1);
    const created = await prisma.auditEvent.count({
      where: { action: "article.create", subjectId: { in: articles.map((article) => String(article.id)) } },
    });
    expect(created).toBe(files.length);
    // The one that waited found the stories and loaded nothing.
    const seeded = [apiA, apiB].filter((api) => api.process.output().includes("Empty database: loading the seed stories"));
    expect(seeded).toHaveLength(1);
  });

  it(`loads ${ARTICLES} articles submitted through API A, each exactly once, with both workers; API B's subscriber hears each one`, async () => {
    const texts = Array.from({ length: ARTICLES }, (_, i) => generatedArticle(i + 1));
    const jobIds: string[] = [];
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < texts.length) {
          const text = texts[next++];
          const result = await post<{ submitArticle: { id: string; state: string } }>(
            apiA.url,
            SUBMIT,
            { input: { storySlug: FEED_STORY, text } },
            token,
          );
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
    const articles = await prisma.article.findMany({
      where: { storyId: feedStoryId },
      select: { id: true, contentHash: true, _count: { select: { claims: true } } },
    });
    expect(articles).toHaveLength(ARTICLES);
    expect(new Set(articles.map((article) => article.contentHash))).toEqual(new Set(texts.map(contentHash)));
    expect(articles.filter((article) => article._count.claims === 0)).toEqual([]);
    expect(new Set(jobs.map((job) => job.articleId))).toEqual(new Set(articles.map((article) => article.id)));
    const writes = await prisma.auditEvent.groupBy({
      by: ["action"],
      where: { subjectType: "Article", subjectId: { in: articles.map((article) => String(article.id)) } },
      _count: true,
    });
    expect(writes.map((row) => [row.action, row._count])).toEqual([["article.create", ARTICLES]]);

    // Both workers did some, and only they: the APIs run no worker (INGEST_WORKER=off).
    const byWorker = new Map<string, number>();
    for (const job of jobs) byWorker.set(job.worker!, (byWorker.get(job.worker!) ?? 0) + 1);
    expect([...byWorker.keys()].map(pidOf).sort()).toEqual(workers.map((worker) => worker.pid).sort());
    for (const count of byWorker.values()) expect(count).toBeGreaterThan(0);

    // API B's subscriber: every new article once, whichever worker loaded it.
    await waitFor(`${ARTICLES} articleAdded events on API B`, async () => heardArticles().length >= ARTICLES, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heardArticles().sort((a, b) => a - b)).toEqual(articles.map((article) => article.id).sort((a, b) => a - b));
    expect(added.errors).toEqual([]);

    // What four processes hold open on the database after the run (README "Running more than one").
    const connections = await prisma.$queryRaw<Array<{ name: string; n: number }>>`
      SELECT coalesce(nullif(application_name, ''), '(prisma pool)') AS name, count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 1`;
    console.log(`scale-out: connections open: ${connections.map((row) => `${row.name} ${row.n}`).join(", ")}`);
    console.log(
      `scale-out: ${ARTICLES} articles submitted in ${(submittedMs / 1000).toFixed(1)} s, all DONE after ${(processedMs / 1000).toFixed(1)} s; ` +
        `by worker: ${[...byWorker.values()].join(" + ")}`,
    );
  }, 200_000);

  it("a subscriber on API B receives factChanged within 2 s of a verdict recorded on API A", async () => {
    const fact = await factByKey(prisma, "bombing.killed");
    const changed = subscribeOnB(`subscription { factChanged(storySlug: "${SEED_STORY}") { id version verdicts { id } } }`);
    await untilLive(changed, "FACT_CHANGED", fact.storyId, fact.id);

    const recorded = await post<{ recordVerdict: { id: string } }>(
      apiA.url,
      `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`,
      {
        input: {
          factId: String(fact.id),
          trustedClaimId: String(fact.claims[0].id),
          expectedVersion: fact.version,
          rationale: "Matches the later wire copy.",
        },
      },
      token,
    );
    const answered = Date.now();
    expect(recorded.errors).toBeUndefined();
    const verdictId = recorded.data!.recordVerdict.id;
    const heard = await waitFor(
      "factChanged for the verdict on API B",
      async () =>
        changed.results.find((entry) =>
          (entry.result.data!.factChanged as { verdicts: Array<{ id: string }> }).verdicts.some((verdict) => verdict.id === verdictId),
        ),
      10_000,
      20,
    );
    expect(heard.result.data!.factChanged).toEqual({ id: String(fact.id), version: fact.version + 1, verdicts: [{ id: verdictId }] });
    const latencyMs = heard.at - answered;
    console.log(`scale-out: factChanged on API B ${latencyMs} ms after API A answered recordVerdict`);
    expect(latencyMs).toBeLessThan(2_000);
    expect(changed.errors).toEqual([]);
  });

  it("a worker killed (SIGKILL) in the middle of an article's transaction leaves nothing written; the other worker retries the job to DONE", async () => {
    const text = generatedArticle(HELD_IN_INSERT);
    // Holds this one article inside its INSERT (the trigger runs in the worker's transaction)
    // until the test deletes the marker; every other article passes straight through.
    await asOwner(`
      CREATE TABLE scale_test_hold (marker text NOT NULL);
      INSERT INTO scale_test_hold VALUES ('Dispatch number ${HELD_IN_INSERT} ');
      CREATE FUNCTION scale_test_hold() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE waited int := 0;
      BEGIN
        WHILE waited < 1200 AND EXISTS (SELECT 1 FROM scale_test_hold h WHERE position(h.marker IN NEW."rawText") > 0) LOOP
          PERFORM pg_sleep(0.05);
          waited := waited + 1;
        END LOOP;
        RETURN NEW;
      END $$;
      CREATE TRIGGER scale_test_hold BEFORE INSERT ON "Article" FOR EACH ROW EXECUTE FUNCTION scale_test_hold();`);
    try {
      const before = await databaseFingerprint(prisma);
      const jobId = await submitOnB(text);
      const held = await waitFor(
        "the article's INSERT to be held",
        async () => {
          const rows = await prisma.$queryRaw<Array<{ pid: number }>>`
          SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE '%INSERT INTO%"Article"%'`;
          return rows[0];
        },
        30_000,
      );

      const { victim, survivor } = await killWorkerOf(jobId);
      const orphaned = await prisma.ingestJob.findUniqueOrThrow({ where: { id: jobId } });
      expect(orphaned).toMatchObject({ state: "RUNNING", attempts: 1, articleId: null });
      expect(pidOf(orphaned.worker!)).toBe(victim.pid);

      // Let the dead worker's backend finish the INSERT: it then finds its client gone and rolls back.
      await asOwner(`DELETE FROM scale_test_hold`);
      await waitFor(
        "the dead worker's transaction to end",
        async () =>
          (await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ${held.pid}`)[0].n ===
          0,
        15_000,
      );
      expect(await prisma.article.count({ where: { contentHash: contentHash(text) } })).toBe(0);
      expect(await databaseFingerprint(prisma)).toBe(before);

      const done = await settled(jobId);
      expect(done).toMatchObject({ state: "DONE", attempts: 2, outcome: "created" });
      expect(pidOf(done.worker!)).toBe(survivor.pid);
      const articles = await prisma.article.findMany({
        where: { contentHash: contentHash(text) },
        include: { _count: { select: { claims: true } } },
      });
      expect(articles.map((article) => article.id)).toEqual([done.articleId]);
      expect(articles[0]._count.claims).toBeGreaterThan(0);
      expect(await articleCreations(done.articleId!)).toBe(1);
      expect(await bossJob(jobId)).toEqual({ state: "completed", retry_count: 1 });
      await waitFor("articleAdded for the retried article", async () => heardArticles().includes(done.articleId!), 10_000);
      expect(heardArticles().filter((id) => id === done.articleId)).toHaveLength(1);
    } finally {
      await asOwner(
        `DROP TRIGGER IF EXISTS scale_test_hold ON "Article"; DROP FUNCTION IF EXISTS scale_test_hold(); DROP TABLE IF EXISTS scale_test_hold`,
      );
    }
  }, 120_000);

  it("a worker killed after the article committed, before its job was DONE: the retry finds the article, makes no second one, and announces it", async () => {
    // A restarted worker replaces the one killed above, so there are two again.
    workers.push(await startWorker("worker 3"));
    const text = generatedArticle(HELD_AFTER_COMMIT);
    // The test holds the feed story's lock shared: articles still commit, but the job's next step
    // (aligning the story, under the exclusive lock) waits.
    const holder = new PgClient({ connectionString: testDatabaseUrl() });
    await holder.connect();
    let holding = true;
    try {
      await holder.query(`SELECT pg_advisory_lock_shared($1::int, $2::int)`, [STORY_LOCK_SPACE, feedStoryId]);
      const jobId = await submitOnB(text);
      const article = await waitFor(
        "the article to commit while its job waits for the story's lock",
        async () => {
          const committed = await prisma.article.findFirst({ where: { contentHash: contentHash(text) } });
          const waiting = await prisma.$queryRaw<
            Array<{ n: number }>
          >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'advisory'`;
          return committed && waiting[0].n > 0 ? committed : null;
        },
        30_000,
      );

      const { victim, survivor } = await killWorkerOf(jobId);
      const orphaned = await prisma.ingestJob.findUniqueOrThrow({ where: { id: jobId } });
      // Recorded with the article, in its transaction; not announced, not DONE.
      expect(orphaned).toMatchObject({ state: "RUNNING", attempts: 1, articleId: article.id });
      expect(pidOf(orphaned.worker!)).toBe(victim.pid);
      expect(heardArticles()).not.toContain(article.id);

      await holder.query(`SELECT pg_advisory_unlock_shared($1::int, $2::int)`, [STORY_LOCK_SPACE, feedStoryId]);
      holding = false;
      const done = await settled(jobId);
      expect(done).toMatchObject({ state: "DONE", attempts: 2, articleId: article.id, outcome: "created" });
      expect(pidOf(done.worker!)).toBe(survivor.pid);
      expect(await prisma.article.count({ where: { contentHash: contentHash(text) } })).toBe(1);
      expect(await articleCreations(article.id)).toBe(1);
      expect(await bossJob(jobId)).toEqual({ state: "completed", retry_count: 1 });
      await waitFor("articleAdded for the article the dead worker wrote", async () => heardArticles().includes(article.id), 10_000);
      expect(heardArticles().filter((id) => id === article.id)).toHaveLength(1);
      expect(added.errors).toEqual([]);
    } finally {
      if (holding) await holder.query(`SELECT pg_advisory_unlock_all()`).catch(() => undefined);
      await holder.end();
    }
  }, 120_000);
});
