/**
 * One throwaway Postgres per test run: an embedded cluster on a free port in a temp folder, unless
 * DATABASE_URL is given. Migrated once here; tests truncate between cases (test/helpers/db.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import { migrate } from "../src/database";
import { prepareIngestQueue } from "../src/jobs/queue";
import { startEmbeddedPostgres } from "../src/embedded-postgres";

export default async function globalSetup(): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-test-pg-"));
    const cluster = await startEmbeddedPostgres({ dataDir: path.join(root, "data"), database: "crosscheck_test" });
    url = cluster.appUrl;
    // Migrations and the tests' truncation run as the owner; the app and the tests' Prisma as the API's role.
    process.env.MIGRATE_DATABASE_URL = cluster.url;
    process.env.CROSSCHECK_TEST_PG_ROOT = root;
    (globalThis as { crosscheckCluster?: typeof cluster }).crosscheckCluster = cluster;
  }
  await migrate(process.env.MIGRATE_DATABASE_URL || url);
  // As at start-up: pg-boss's schema and queues are made by the owner, used by the API's role.
  await prepareIngestQueue(process.env.MIGRATE_DATABASE_URL || url, url, loadConfig().ingest);
  // The suites send thousands of requests from one address; the rate-limit test sets its own low limits.
  for (const name of [
    "RATE_LIMIT_AUTH_FAILURES",
    "RATE_LIMIT_MUTATIONS_PER_TOKEN",
    "RATE_LIMIT_MUTATIONS_PER_ADDRESS",
    "RATE_LIMIT_READS_PER_TOKEN",
    "RATE_LIMIT_READS_PER_ADDRESS",
  ]) {
    process.env[name] ??= "1000000";
  }
  process.env.LOG_LEVEL ??= "silent";
  // Workers inherit the parent's environment, so this is how they find the database.
  process.env.DATABASE_URL = url;
}
