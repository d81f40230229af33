import { spawn } from "node:child_process";
import { Client } from "pg";
import { PROJECT_ROOT, type Config } from "./config";
import { startEmbeddedPostgres, type EmbeddedCluster } from "./embedded-postgres";

/** Where the database lives for this process: an external DATABASE_URL or the embedded cluster. */
export interface DatabaseHandle {
  url: string;
  /** The embedded cluster, when DATABASE_URL was not given. */
  cluster: EmbeddedCluster | null;
  /** Stops the embedded cluster if this process started it; leaves anything else running. */
  release(): Promise<void>;
}

export async function openDatabase(config: Config, log: (line: string) => void = () => undefined): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, cluster: null, release: async () => undefined };
  }
  const cluster = await startEmbeddedPostgres({
    dataDir: config.embeddedDataDir,
    database: "crosscheck",
    port: config.embeddedPort,
    log,
  });
  return {
    url: cluster.url,
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

export function migrate(databaseUrl: string): Promise<void> {
  return runPrismaCli(["migrate", "deploy"], databaseUrl);
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
