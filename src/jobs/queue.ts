import PgBoss from "pg-boss";
import { Client } from "pg";
import type { IngestConfig } from "../config";

/**
 * The ingest queue is pg-boss on the application's own Postgres (schema "pgboss", created and
 * migrated by pg-boss itself at start). A job row there carries only our IngestJob id; the
 * submitted text and the job's state for the API live in our IngestJob table.
 */
export const INGEST_QUEUE = "ingest-article";
/** pg-boss copies a job here once its last retry has failed (by an error or a timeout). */
export const INGEST_FAILED_QUEUE = "ingest-article-failed";

export interface IngestJobData {
  ingestJobId: string;
}

export interface IngestQueue {
  boss: PgBoss;
  config: IngestConfig;
  /** Queues the job under the IngestJob's own id, so the two can always be matched. */
  send(ingestJobId: string): Promise<void>;
  stop(): Promise<void>;
}

const QUEUE_SCHEMA = "pgboss";

function retryOptions(config: IngestConfig) {
  return {
    retryLimit: config.retryLimit,
    retryDelay: config.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: config.jobTimeoutSeconds,
  };
}

/**
 * Installs or migrates pg-boss's schema and creates our queues as the database owner (the role
 * that runs our migrations), then lets the application role use them. The API and workers run as
 * a role that may not create anything (src/embedded-postgres.ts), so they open the queue with
 * `migrate: false`. With one role for both (a plain DATABASE_URL), the grants are skipped.
 */
export async function prepareIngestQueue(ownerUrl: string, appUrl: string, config: IngestConfig): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    application_name: "crosscheck-queue-setup",
    max: 2,
    schedule: false,
    supervise: false,
  });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    const retries = retryOptions(config);
    // create_queue is INSERT … ON CONFLICT DO NOTHING: every start may call it.
    await boss.createQueue(INGEST_FAILED_QUEUE, { name: INGEST_FAILED_QUEUE, ...retries });
    await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, ...retries, deadLetter: INGEST_FAILED_QUEUE });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const owner = decodeURIComponent(new URL(ownerUrl).username);
  const app = decodeURIComponent(new URL(appUrl).username);
  if (!app || owner === app) return;
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = `"${app.replace(/"/g, '""')}"`;
    await client.query(`GRANT USAGE ON SCHEMA ${QUEUE_SCHEMA} TO ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${QUEUE_SCHEMA} TO ${role};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${QUEUE_SCHEMA} TO ${role};`);
  } finally {
    await client.end();
  }
}

export async function openIngestQueue(
  databaseUrl: string,
  config: IngestConfig,
  log: (line: string) => void = () => undefined,
): Promise<IngestQueue> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    application_name: "crosscheck-queue",
    max: Math.max(2, config.concurrency + 1),
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: config.maintenanceSeconds,
    // The schema and the queues are prepared by prepareIngestQueue, as the owner.
    migrate: false,
  });
  boss.on("error", (error) => log(`Queue: ${error.message}`));
  await boss.start();
  const retries = retryOptions(config);

  return {
    boss,
    config,
    async send(ingestJobId) {
      const data: IngestJobData = { ingestJobId };
      // Options on the job, not only on the queue, so the settings of the process that submits apply.
      const id = await boss.send(INGEST_QUEUE, data, { id: ingestJobId, ...retries, deadLetter: INGEST_FAILED_QUEUE });
      if (id !== ingestJobId) throw new Error(`the queue did not accept job ${ingestJobId}`);
    },
    // graceful: a job that runs finishes (or is left to time out and be retried elsewhere).
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}

let processQueue: IngestQueue | null = null;

/** The process's queue, opened once at start (main.ts, the worker command, tests). */
export function useIngestQueue(queue: IngestQueue | null): void {
  processQueue = queue;
}

export function ingestQueue(): IngestQueue {
  if (!processQueue) throw new Error("The ingest queue is not open in this process.");
  return processQueue;
}
