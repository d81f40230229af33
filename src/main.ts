/**
 * npm start: database (embedded unless DATABASE_URL is set), migrations, seed on an empty
 * database, then the API on PORT. SIGINT/SIGTERM close the HTTP server, Prisma and the embedded
 * Postgres, in that order, so in-flight requests finish before their database goes away.
 */
import "reflect-metadata";
import type { Server } from "node:http";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { isEmpty, migrate, openDatabase } from "./database";
import { createPrisma } from "./db";
import { seed } from "./ingest/seed";
import { ensureDemoReviewer } from "./reviewer/demo";

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const database = await openDatabase(config, log);
  const prisma = createPrisma(database.url, config);
  let server: Server | null = null;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: shutting down`);
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    if (server) {
      const open = server;
      await new Promise<void>((resolve) => open.close(() => resolve()));
      open.closeAllConnections?.();
    }
    await api?.stop();
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
    if (await isEmpty(database.url)) {
      log("Empty database: loading the seed stories ...");
      await seed(prisma, log);
    }
    if (!config.production) await ensureDemoReviewer(prisma, log);
    // The rate limits count in the same database, embedded or not.
    api = await createApp(prisma, { ...config, databaseUrl: database.url });
    const app = api.app;
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(config.port, () => resolve(listening));
    });
    log(`Crosscheck API ready at http://localhost:${config.port}/graphql  (health: /healthz)`);
  } catch (error) {
    console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    await prisma.$disconnect().catch(() => undefined);
    await database.release().catch(() => undefined);
    process.exit(1);
  }
}

void main();
