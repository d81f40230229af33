/**
 * npm run worker: ingest workers alone, without the API, on any machine that reaches the database
 * (DATABASE_URL; else the embedded one, as the other commands). Run as many as the load needs.
 * SIGINT/SIGTERM let the running jobs finish, then stop.
 */
import "reflect-metadata";
import { loadConfig } from "../config";
import { migrate, openDatabase, withStartupLock } from "../database";
import { createPrisma } from "../db";
import { openIngestQueue, prepareIngestQueue } from "./queue";
import { startIngestWorker } from "./worker";

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const database = await openDatabase(config, log);
  const prisma = createPrisma(database.url, config);
  await migrate(database.migrateUrl);
  // Under the start-up lock: GRANTs run by two processes at once fail with "tuple concurrently updated".
  await withStartupLock(database.url, () => prepareIngestQueue(database.migrateUrl, database.url, config.ingest));
  const queue = await openIngestQueue(database.url, config.ingest, log);
  const worker = await startIngestWorker(queue, prisma, log);
  log(`Crosscheck worker ${worker.name} ready`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: finishing running jobs`);
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    await worker.stop().catch(() => undefined);
    await queue.stop().catch(() => undefined);
    await prisma.$disconnect();
    await database.release();
    log("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`Worker start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
