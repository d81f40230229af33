import os from "node:os";
import type PgBoss from "pg-boss";
import type { Database } from "../db";
import type { IngestJob as IngestJobRow } from "../generated/prisma/client";
import { ArticleRejected, finishStoryLoad, loadArticleSource } from "../ingest/load-article";
import { publishArticleAdded, publishFactsChanged } from "../live/pubsub";
import { INGEST_FAILED_QUEUE, INGEST_QUEUE, type IngestJobData, type IngestQueue } from "./queue";

/**
 * Reasons are shown to editors: one line, never a stack. Usually the message's first line; a
 * Prisma error's first line only says which call failed ("Invalid `prisma.claim.createMany()`
 * invocation:") and its cause is its last line.
 */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split("\n")
    .map((part) => part.trim())
    .filter(Boolean);
  const line =
    (/^Invalid `[^`]+` invocation/.test(lines[0] ?? "") && lines.length > 1 ? lines[lines.length - 1] : lines[0]) ?? "unknown error";
  return line.slice(0, 300);
}

const FORMATS = { TEXT: "text", HTML: "html", NINJS: "ninjs" } as const;

/**
 * One attempt at one job. The article is written by the folder loader's own code
 * (loadArticleSource), one transaction per article and idempotent by content hash: a worker that
 * dies mid-job leaves nothing half-written, and the retry finds either nothing (and loads it) or
 * the article already committed (outcome "unchanged", and the job is DONE with it).
 *
 * The article's transaction also records the job's articleId, so a retry can tell "this job wrote
 * it in an attempt that died before announcing it" from "the text was loaded before": the first is
 * announced to subscribers, the second is not. Announcements go out before the job is DONE, so a
 * worker that dies in between makes the retry announce again (at least once, never lost).
 */
async function runAttempt(prisma: Database, job: PgBoss.JobWithMetadata<IngestJobData>, worker: string): Promise<void> {
  const row = await prisma.ingestJob.findUnique({ where: { id: job.data.ingestJobId } });
  // Its story was deleted (the row with it), or the job already finished before a crash.
  if (!row || row.state === "DONE" || row.state === "FAILED") return;
  await prisma.ingestJob.update({ where: { id: row.id }, data: { state: "RUNNING", attempts: { increment: 1 }, worker } });

  const last = job.retryCount >= job.retryLimit;
  try {
    const story = await prisma.story.findUniqueOrThrow({ where: { id: row.storyId } });
    let loaded;
    try {
      loaded = await loadArticleSource(
        prisma,
        story,
        {
          sourceKey: row.sourceKey,
          format: FORMATS[row.format],
          content: row.content,
          ...(row.url ? { url: row.url } : {}),
        },
        {
          onWritten: async (tx, written) => {
            await tx.ingestJob.update({ where: { id: row.id }, data: written });
          },
        },
      );
    } catch (error) {
      if (!(error instanceof ArticleRejected)) throw error;
      // The loader refused the article itself (not HTML, nothing left after cleaning): the same
      // input would fail again, so it is FAILED now rather than retried.
      await finish(prisma, row, { state: "FAILED", error: `Not loaded: ${reasonOf(error)}.`, outcome: "failed" });
      return;
    }
    if (loaded.articleId === null) {
      await finish(prisma, row, { state: "FAILED", error: "Not loaded: the loader made no article of it.", outcome: loaded.outcome });
      return;
    }
    const wroteIt = loaded.outcome === "created" || loaded.outcome === "updated" || loaded.outcome === "reextracted";
    const wroteItBefore = loaded.outcome === "unchanged" && row.articleId === loaded.articleId;
    const { changedFacts } = await finishStoryLoad(prisma, story.id, { whenBusy: "skip" });
    if (wroteIt || wroteItBefore) await announce(prisma, loaded.articleId, changedFacts);
    else await publishFactsChanged(prisma, changedFacts);
    await finish(prisma, row, {
      state: "DONE",
      outcome: wroteItBefore && row.outcome ? row.outcome : loaded.outcome,
      articleId: loaded.articleId,
    });
  } catch (error) {
    const reason = reasonOf(error);
    await prisma.ingestJob
      .update({
        where: { id: row.id },
        data: last
          ? { state: "FAILED", error: `Failed ${row.attempts + 1} times; the last time: ${reason}`, lastError: reason }
          : { state: "QUEUED", lastError: reason },
      })
      .catch(() => undefined);
    throw error;
  }
}

async function finish(
  prisma: Database,
  row: IngestJobRow,
  data: { state: "DONE" | "FAILED"; error?: string; outcome: string; articleId?: number },
) {
  await prisma.ingestJob.update({ where: { id: row.id }, data: { lastError: null, ...data } });
}

/**
 * After the article's commit: the article is new, and every fact it has claims in changed, as did
 * those its story's settling changed. When another worker settled the story for it, that worker
 * announces what its settling changed.
 */
async function announce(prisma: Database, articleId: number, changedFacts: number[]): Promise<void> {
  await publishArticleAdded(prisma, articleId);
  const facts = await prisma.claim.findMany({ where: { articleId }, select: { factId: true }, distinct: ["factId"] });
  await publishFactsChanged(prisma, [...facts.map((claim) => claim.factId), ...changedFacts]);
}

/**
 * pg-boss moves a job here after its last attempt failed, whether by an error (already recorded
 * by the attempt) or by a timeout: a worker that died or hung, which could record nothing.
 */
async function recordFinalFailure(prisma: Database, job: PgBoss.JobWithMetadata<IngestJobData>): Promise<void> {
  const row = await prisma.ingestJob.findUnique({ where: { id: job.data.ingestJobId } });
  if (!row || row.state === "DONE" || row.state === "FAILED") return;
  const timedOut = JSON.stringify(job.output ?? "").includes("timeout");
  const reason = row.lastError ?? (timedOut ? "the worker stopped or took too long on every attempt" : "every attempt failed");
  await prisma.ingestJob.update({
    where: { id: row.id },
    data: { state: "FAILED", error: `Failed ${row.attempts} times; the last time: ${reason}` },
  });
}

export interface IngestWorker {
  name: string;
  stop(): Promise<void>;
}

/** Starts this process's workers on the queue: `concurrency` jobs at a time. */
export async function startIngestWorker(
  queue: IngestQueue,
  prisma: Database,
  log: (line: string) => void = () => undefined,
): Promise<IngestWorker> {
  const name = `${os.hostname()}:${process.pid}`;
  const { boss, config } = queue;
  const options = { includeMetadata: true as const, batchSize: 1, pollingIntervalSeconds: config.pollSeconds };
  const ids: string[] = [];
  for (let i = 0; i < config.concurrency; i++) {
    let id: string | null = null;
    id = await boss.work<IngestJobData>(INGEST_QUEUE, options, async ([job]) => {
      try {
        await runAttempt(prisma, job, name);
      } catch (error) {
        log(`Ingest job ${job.id}: attempt ${job.retryCount + 1} failed: ${reasonOf(error)}`);
        throw error;
      } finally {
        // pg-boss waits out the polling interval after every job, even when more are waiting: one
        // job per second per slot. A slot that just ran one asks again at once; an idle one polls.
        if (id) boss.notifyWorker(id);
      }
    });
    ids.push(id);
  }
  ids.push(await boss.work<IngestJobData>(INGEST_FAILED_QUEUE, options, ([job]) => recordFinalFailure(prisma, job)));
  log(`Ingest worker ${name}: ${config.concurrency} at a time`);
  return {
    name,
    async stop() {
      await Promise.all(ids.map((id) => boss.offWork({ id })));
    },
  };
}
