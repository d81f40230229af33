/**
 * submitArticle and Query.ingestJob in one process: who may submit, what is refused (and then
 * queues nothing), and what a worker does with a job: loads it once, retries a failure with
 * backoff, and leaves a job that keeps failing FAILED with its reason.
 */
import { openIngestQueue, useIngestQueue, type IngestQueue } from "../../src/jobs/queue";
import { startIngestWorker, type IngestWorker } from "../../src/jobs/worker";
import { reviewerToken, SEED_STORY } from "../helpers/fixtures";
import { gql } from "../helpers/http";
import { clearQueue, generatedArticle, queuedJobCount, TEST_INGEST_CONFIG, waitFor } from "../helpers/ingest";
import { useSeededApi } from "../helpers/suite";
import { asOwner, testDatabaseUrl } from "../helpers/db";

const SUBMIT = `mutation Submit($input: SubmitArticleInput!) { submitArticle(input: $input) { id state error createdAt article { id } } }`;
const JOB = `query Job($id: ID!) { ingestJob(id: $id) { id state error article { id headline contentHash } } }`;

interface Job {
  id: string;
  state: string;
  error: string | null;
  article: { id: string; headline?: string } | null;
}

describe("submitArticle and the ingest queue", () => {
  const suite = useSeededApi();
  let queue: IngestQueue;
  let worker: IngestWorker | null = null;
  let reviewer: string;

  beforeAll(async () => {
    queue = await openIngestQueue(testDatabaseUrl(), TEST_INGEST_CONFIG);
    useIngestQueue(queue);
  });
  beforeEach(async () => {
    await clearQueue(suite.prisma);
    reviewer = (await reviewerToken(suite.prisma, "REVIEWER")).token;
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    await asOwner(`DROP TRIGGER IF EXISTS refuse_test_article ON "Article"`);
  });
  afterAll(async () => {
    useIngestQueue(null);
    await queue.stop();
  });

  const submit = (input: Record<string, unknown>, token: string | null = reviewer) =>
    gql<{ submitArticle: Job }>(suite.api.app, SUBMIT, { input: { storySlug: SEED_STORY, ...input } }, token ?? undefined);
  const job = async (id: string) => (await gql<{ ingestJob: Job }>(suite.api.app, JOB, { id })).data!.ingestJob;
  const settled = (id: string, timeoutMs = 30_000) =>
    waitFor(
      `job ${id} to finish`,
      async () => {
        const current = await job(id);
        return current.state === "DONE" || current.state === "FAILED" ? current : null;
      },
      timeoutMs,
    );

  async function expectNothingQueued() {
    expect(await suite.prisma.ingestJob.count()).toBe(0);
    expect(await queuedJobCount(suite.prisma)).toBe(0);
  }

  it("refuses a caller without a token (UNAUTHENTICATED) and a VIEWER (FORBIDDEN), and queues nothing", async () => {
    const anonymous = await submit({ text: generatedArticle(1) }, null);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const viewer = await reviewerToken(suite.prisma, "VIEWER", "a viewer");
    const forbidden = await submit({ text: generatedArticle(1) }, viewer.token);
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    await expectNothingQueued();
  });

  it.each([
    ["empty text", { text: "   \n  " }, "BAD_USER_INPUT", "text"],
    ["binary data (NUL bytes)", { text: "PK\u0003\u0004\u0000\u0000binary" }, "BAD_USER_INPUT", "text"],
    ["text decoded from bytes that were not UTF-8", { text: "Storm \uFFFD\uFFFD killed 4 people." }, "BAD_USER_INPUT", "text"],
    ["no source at all", {}, "BAD_USER_INPUT", "text"],
    ["two sources", { text: "A storm killed 4 people.", html: "<p>A storm killed 4 people.</p>" }, "BAD_USER_INPUT", "html"],
    ["a ninjs value that is not an item", { ninjs: [1, 2] }, "BAD_USER_INPUT", "ninjs"],
    ["a ninjs item without a body", { ninjs: { headline: "Storm" } }, "BAD_USER_INPUT", "ninjs"],
    ["a url that is not http", { text: "A storm killed 4 people.", url: "javascript:alert(1)" }, "BAD_USER_INPUT", "url"],
    ["a file name with a slash", { text: "A storm killed 4 people.", fileName: "../etc/passwd" }, "BAD_USER_INPUT", "fileName"],
    ["an unknown story", { storySlug: "no-such-story", text: "A storm killed 4 people." }, "NOT_FOUND", "storySlug"],
  ])("refuses %s with %s naming the field, and queues nothing", async (_case, input, code, field) => {
    const result = await submit(input);
    expect(result.data?.submitArticle ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe(code);
    expect(String(result.errors?.[0].extensions?.field)).toMatch(new RegExp(`(^|\\.)${field}$`));
    await expectNothingQueued();
  });

  it("refuses an article over the size limit (INGEST_MAX_BYTES) as BAD_USER_INPUT, though the request is larger than other operations may send", async () => {
    const previous = process.env.INGEST_MAX_BYTES;
    process.env.INGEST_MAX_BYTES = String(150 * 1024);
    try {
      const within = await submit({ text: `${generatedArticle(5)}\n\n${"More calm words about the weather. ".repeat(3500)}` });
      expect(within.errors).toBeUndefined();
      expect(within.data?.submitArticle.state).toBe("QUEUED");
      await clearQueue(suite.prisma);
      await suite.prisma.ingestJob.deleteMany();

      const over = await submit({ text: "x".repeat(150 * 1024 + 1) });
      expect(over.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
      await expectNothingQueued();
    } finally {
      if (previous === undefined) delete process.env.INGEST_MAX_BYTES;
      else process.env.INGEST_MAX_BYTES = previous;
    }
  });

  it("queues a valid article, and a worker loads it once: the same text again is the same article", async () => {
    const first = await submit({ text: generatedArticle(7), url: "https://example.org/storm-7" });
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitArticle).toMatchObject({ state: "QUEUED", error: null, article: null });
    expect(await job(first.data!.submitArticle.id)).toMatchObject({ state: "QUEUED" });

    worker = await startIngestWorker(queue, suite.prisma);
    const done = await settled(first.data!.submitArticle.id);
    expect(done).toMatchObject({ state: "DONE", error: null });
    expect(done.article?.headline).toContain("Storm leaves 10 dead");
    const article = await suite.prisma.article.findUniqueOrThrow({ where: { id: Number(done.article!.id) }, include: { claims: true } });
    expect(article.claims.length).toBeGreaterThan(0);

    const again = await submit({ text: generatedArticle(7), url: "https://example.org/storm-7" });
    const repeated = await settled(again.data!.submitArticle.id);
    expect(repeated).toMatchObject({ state: "DONE", article: { id: done.article!.id } });
    expect(await suite.prisma.article.count({ where: { contentHash: article.contentHash } })).toBe(1);
  });

  it("loads HTML and ninjs through the loader's parsers", async () => {
    const html = await submit({
      html: `<html><head><title>Storm</title></head><body><article><h1>Storm leaves 9 dead</h1><p>${generatedArticle(6).split("\n\n").slice(1).join("</p><p>")}</p></article></body></html>`,
    });
    const ninjs = await submit({
      ninjs: {
        uri: "urn:test:storm-8",
        headline: "Storm leaves 11 dead",
        body_text: generatedArticle(8).split("\n\n").slice(1).join("\n\n"),
      },
    });
    expect(html.errors).toBeUndefined();
    expect(ninjs.errors).toBeUndefined();
    worker = await startIngestWorker(queue, suite.prisma);
    for (const submitted of [html, ninjs]) {
      const done = await settled(submitted.data!.submitArticle.id);
      expect(done.state).toBe("DONE");
      expect(done.article).not.toBeNull();
    }
  });

  it("retries a job whose load fails, with backoff, then leaves it FAILED with the reason and nothing written", async () => {
    // A real database failure, not a stub: Postgres refuses this one article.
    await asOwner(`
      CREATE OR REPLACE FUNCTION refuse_test_article() RETURNS trigger AS $$
      BEGIN
        IF NEW."rawText" LIKE '%Dispatch number 13 %' THEN RAISE EXCEPTION 'the archive is read-only today'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await asOwner(`CREATE TRIGGER refuse_test_article BEFORE INSERT ON "Article" FOR EACH ROW EXECUTE FUNCTION refuse_test_article()`);
    const before = await suite.prisma.article.count();

    const submitted = await submit({ text: generatedArticle(13) });
    worker = await startIngestWorker(queue, suite.prisma);
    const started = Date.now();
    const failed = await settled(submitted.data!.submitArticle.id, 45_000);
    const elapsed = Date.now() - started;

    expect(failed.state).toBe("FAILED");
    expect(failed.error).toMatch(/Failed 3 times/);
    expect(failed.error).toContain("the archive is read-only today");
    const row = await suite.prisma.ingestJob.findUniqueOrThrow({ where: { id: failed.id } });
    expect(row.attempts).toBe(TEST_INGEST_CONFIG.retryLimit + 1);
    // Backoff: two retries wait at least 1 s and then 2 s (pg-boss: delay x 2^n / 2, plus jitter).
    expect(elapsed).toBeGreaterThanOrEqual(2_000);
    expect(await suite.prisma.article.count()).toBe(before);
  });

  it("fails at once, without retrying, an article the loader refuses", async () => {
    const submitted = await submit({ html: "<html><body><nav><a href='/'>Home</a></nav></body></html>" });
    if (submitted.errors) {
      // The loader's parser refused it before any job: the stronger outcome.
      expect(submitted.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "html" });
      await expectNothingQueued();
      return;
    }
    worker = await startIngestWorker(queue, suite.prisma);
    const failed = await settled(submitted.data!.submitArticle.id);
    expect(failed.state).toBe("FAILED");
    expect(failed.error).toMatch(/^Not loaded/);
    expect((await suite.prisma.ingestJob.findUniqueOrThrow({ where: { id: failed.id } })).attempts).toBe(1);
  });

  it("answers null for an unknown job and BAD_USER_INPUT for an id that is not one", async () => {
    expect(await job("00000000-0000-4000-8000-000000000000")).toBeNull();
    const bad = await gql(suite.api.app, JOB, { id: "12" });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });
});
