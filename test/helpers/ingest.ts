import type { IngestConfig } from "../../src/config";
import type { Database } from "../../src/db";

/** Fast retries and timeouts, so a test sees a job fail, retry and give up in seconds. */
export const TEST_INGEST_ENV: Record<string, string> = {
  INGEST_RETRY_LIMIT: "2",
  INGEST_RETRY_DELAY_SECONDS: "1",
  INGEST_JOB_TIMEOUT_SECONDS: "8",
  INGEST_MAINTENANCE_SECONDS: "1",
  INGEST_POLL_SECONDS: "1",
  INGEST_CONCURRENCY: "2",
};

export const TEST_INGEST_CONFIG: IngestConfig = {
  workerInApi: false,
  concurrency: 2,
  retryLimit: 2,
  retryDelaySeconds: 1,
  jobTimeoutSeconds: 8,
  maintenanceSeconds: 1,
  pollSeconds: 1,
};

/**
 * A short article the project wrote, different for every n (its figures and its closing line), so
 * a batch of them is that many articles, each with claims.
 */
export function generatedArticle(n: number, place = "Portville"): string {
  return [
    `Storm leaves ${n + 3} dead in ${place}`,
    `${place.toUpperCase()}, Dec 3 (Reuters) - A storm killed ${n + 3} people and injured ${2 * n + 10} others in the coastal town of ${place} on Tuesday, officials said.`,
    `Rescue teams searched for ${(n % 7) + 1} missing fishermen, a police spokesman said. About ${40 + n} homes were damaged.`,
    `Dispatch number ${n} of the test feed.`,
  ].join("\n\n");
}

/** Jobs that pg-boss holds, in any state (its schema exists once a queue has started). */
export async function queuedJobCount(prisma: Database): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT CASE WHEN to_regclass('pgboss.job') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM pgboss.job WHERE name LIKE 'ingest-article%') END AS n`,
  );
  return rows[0].n;
}

export async function clearQueue(prisma: Database): Promise<void> {
  await prisma.$executeRawUnsafe(`DO $$ BEGIN IF to_regclass('pgboss.job') IS NOT NULL THEN DELETE FROM pgboss.job; END IF; END $$`);
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
