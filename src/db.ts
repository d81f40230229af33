import { PrismaPg } from "@prisma/adapter-pg";
import type { Config } from "./config";
import { PrismaClient } from "./generated/prisma/client";

export type Database = PrismaClient;

export interface PrismaOptions {
  /** Emit Prisma's query event (tests count SQL statements with it). */
  logQueries?: boolean;
}

/**
 * The one PrismaClient of a process, on the pg driver adapter. pg waits forever for a connection
 * by default, so the connect and statement timeouts are what make a database outage fail fast.
 */
export function createPrisma(
  databaseUrl: string,
  config: Pick<Config, "dbConnectTimeoutMs" | "dbStatementTimeoutMs" | "dbPoolSize">,
  options: PrismaOptions = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: config.dbPoolSize,
    connectionTimeoutMillis: config.dbConnectTimeoutMs,
    statement_timeout: config.dbStatementTimeoutMs,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({
    adapter,
    log: options.logQueries ? [{ emit: "event", level: "query" }] : [],
  }) as PrismaClient;
}
