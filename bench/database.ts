/**
 * The database a benchmark runs against: BENCH_DATABASE_URL (or DATABASE_URL) when given, else a
 * throwaway embedded cluster on a free port in a temp folder, migrated, and removed at the end.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import { migrate } from "../src/database";
import { createPrisma, type Database } from "../src/db";
import { startEmbeddedPostgres } from "../src/embedded-postgres";

export interface BenchDatabase {
  url: string;
  prisma: Database;
  close(): Promise<void>;
}

export async function benchDatabase(options: { logQueries?: boolean } = {}): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  const config = loadConfig();
  if (given) {
    await migrate(given);
    const prisma = createPrisma(given, config, options);
    return { url: given, prisma, close: () => prisma.$disconnect() };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-bench-pg-"));
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(root, "data"), database: "crosscheck_bench" });
  await migrate(cluster.url);
  const prisma = createPrisma(cluster.url, config, options);
  return {
    url: cluster.url,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await cluster.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export function machine(): string {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} cores, ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
}
