/**
 * npm start: database (embedded unless DATABASE_URL is set), migrations, seed on an empty
 * database, the ingest queue (and a worker, unless INGEST_WORKER=off), the live-update listener,
 * then the API and its WebSocket subscriptions on PORT. SIGINT/SIGTERM close them in the reverse
 * order (subscriptions, HTTP, worker, queue, listener, Prisma, the embedded Postgres), so in-flight
 * requests and jobs finish before their database goes away.
 */
import "reflect-metadata";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { isEmpty, migrate, openDatabase, withStartupLock } from "./database";
import { createPrisma } from "./db";
import { seed } from "./ingest/seed";
import { openIngestQueue, prepareIngestQueue, useIngestQueue, type IngestQueue } from "./jobs/queue";
import { startIngestWorker, type IngestWorker } from "./jobs/worker";
import { startLiveListener, type LiveListener } from "./live/pubsub";
import { attachLiveServer, type LiveServer } from "./live/ws-server";
import { withReadReplicas } from "./replicas";
import { ensureDemoReviewer } from "./reviewer/demo";
import { crosscheckSchema } from "./schema";

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const database = await openDatabase(config, log);
  const primary = createPrisma(database.url, config);
  // The API reads from replicas when there are any; seeding, the worker and the listener write.
  const prisma = withReadReplicas(primary, config);
  let server: Server | null = null;
  let live: LiveServer | null = null;
  let listener: LiveListener | null = null;
  let queue: IngestQueue | null = null;
  let worker: IngestWorker | null = null;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: shutting down`);
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    // Open WebSockets would keep server.close() waiting: they go first.
    await live?.stop().catch(() => undefined);
    if (server) {
      const open = server;
      await new Promise<void>((resolve) => open.close(() => resolve()));
      open.closeAllConnections?.();
    }
    await api?.stop();
    await worker?.stop().catch(() => undefined);
    await queue?.stop().catch(() => undefined);
    await listener?.stop();
    await prisma.$disconnect();
    await database.release();
    log("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  let api: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    const applied = await migrate(database.migrateUrl);
    if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);
    // One process at a time: instances started together seed an empty database once.
    await withStartupLock(database.url, async () => {
      if (await isEmpty(database.url)) {
        log("Empty database: loading the seed stories ...");
        await seed(primary, log);
      }
      if (!config.production) await ensureDemoReviewer(primary, log);
      // Its GRANTs, run by two processes at once, fail with "tuple concurrently updated".
      await prepareIngestQueue(database.migrateUrl, database.url, config.ingest);
    });
    queue = await openIngestQueue(database.url, config.ingest, log);
    useIngestQueue(queue);
    if (config.ingest.workerInApi) worker = await startIngestWorker(queue, primary, log);
    listener = await startLiveListener(database.url, log);
    // The rate limits count in the same database, embedded or not.
    api = await createApp(prisma, { ...config, databaseUrl: database.url });
    const app = api.app;
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(config.port, () => resolve(listening));
    });
    // A subscriber re-reads the row an event names: from the primary, where it was just committed.
    live = attachLiveServer(server, await crosscheckSchema(), primary, config);
    // PORT=0 takes a free port; the line names the one actually bound.
    const port = (server.address() as AddressInfo).port;
    log(`Crosscheck API ready at http://localhost:${port}/graphql  (health: /healthz)`);
  } catch (error) {
    console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    await queue?.stop().catch(() => undefined);
    await listener?.stop().catch(() => undefined);
    await prisma.$disconnect().catch(() => undefined);
    await database.release().catch(() => undefined);
    process.exit(1);
  }
}

void main();
