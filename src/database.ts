import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { PROJECT_ROOT, type Config } from "./config";
import { startEmbeddedPostgres, type EmbeddedCluster } from "./embedded-postgres";

/** Where the database lives for this process: an external DATABASE_URL or the embedded cluster. */
export interface DatabaseHandle {
  /** What the API and the tools connect as: the least-privileged role. */
  url: string;
  /** What migrations run as: the owner of the tables (MIGRATE_DATABASE_URL, else DATABASE_URL). */
  migrateUrl: string;
  /** The embedded cluster, when DATABASE_URL was not given. */
  cluster: EmbeddedCluster | null;
  /** Stops the embedded cluster if this process started it; leaves anything else running. */
  release(): Promise<void>;
}

export async function openDatabase(config: Config, log: (line: string) => void = () => undefined): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return {
      url: config.databaseUrl,
      migrateUrl: process.env.MIGRATE_DATABASE_URL || config.databaseUrl,
      cluster: null,
      release: async () => undefined,
    };
  }
  const cluster = await startEmbeddedPostgres({
    dataDir: config.embeddedDataDir,
    database: "crosscheck",
    port: config.embeddedPort,
    log,
  });
  return {
    url: cluster.appUrl,
    migrateUrl: cluster.url,
    cluster,
    release: async () => {
      if (cluster.owned) await cluster.stop();
    },
  };
}

/** Runs the Prisma CLI (bundled with the project) against the given database. */
export function runPrismaCli(args: string[], databaseUrl: string, quiet = true): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve("prisma/build/index.js"), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

/** Migrations in prisma/migrations that the database has not finished applying. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const names = fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS name");
    if (!table.rows[0].name) return names;
    const applied = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(applied.rows.map((row) => row.migration_name));
    return names.filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations with `prisma migrate deploy`. The CLI's WASM engine holds the process
 * open for ~10 s after it is done, so a restart with nothing pending skips it altogether.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length > 0) await runPrismaCli(["migrate", "deploy"], databaseUrl);
  return pending;
}

/** Advisory-lock namespace of start-up steps that one process at a time may run (seeding). */
const STARTUP_LOCK_SPACE = 0x5c0f;

/**
 * Runs `fn` while holding a database-wide advisory lock, so that API processes started at the
 * same moment on an empty database seed it once: the first seeds, the others wait, then find its
 * stories. The lock is held by a connection of its own and goes with it.
 */
export async function withStartupLock<T>(databaseUrl: string, fn: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl, application_name: "crosscheck-startup" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1::int, 0)", [STARTUP_LOCK_SPACE]);
    return await fn();
  } finally {
    await client.end();
  }
}

/** True when no story has been loaded yet: the only state in which `npm start` seeds. */
export async function isEmpty(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Story"');
    return Number(result.rows[0].n) === 0;
  } finally {
    await client.end();
  }
}
