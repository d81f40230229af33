import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import type { Config } from "./config";
import { PrismaClient } from "./generated/prisma/client";

export type Database = PrismaClient;

/** The pg pools behind this process's Prisma clients, for the pool gauges of /metrics. */
export const openPools = new Set<Pool>();

/** Where a Prisma client connects, and its pool once it has one: /healthz and /readyz read them. */
export interface DatabaseConnection {
  url: string;
  connectTimeoutMs: number;
  pool: Pool | null;
}
const connections = new WeakMap<object, DatabaseConnection>();

/** The connection of a client made by createPrisma (null for any other). */
export function connectionOf(prisma: object): DatabaseConnection | null {
  return connections.get(prisma) ?? null;
}

/** PrismaPg makes its pool inside connect(); this remembers it (and forgets it when it ends). */
class ObservedPrismaPg extends PrismaPg {
  constructor(
    config: ConstructorParameters<typeof PrismaPg>[0],
    private readonly connection: DatabaseConnection,
  ) {
    super(config);
  }

  override async connect() {
    const adapter = await super.connect();
    const pool = (adapter as unknown as { client?: unknown }).client;
    if (pool instanceof Pool) {
      openPools.add(pool);
      this.connection.pool = pool;
      const end = pool.end.bind(pool);
      pool.end = (async () => {
        openPools.delete(pool);
        return end();
      }) as Pool["end"];
    }
    return adapter;
  }
}

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
  const connection: DatabaseConnection = { url: databaseUrl, connectTimeoutMs: config.dbConnectTimeoutMs, pool: null };
  const adapter = new ObservedPrismaPg(
    {
      connectionString: databaseUrl,
      max: config.dbPoolSize,
      connectionTimeoutMillis: config.dbConnectTimeoutMs,
      statement_timeout: config.dbStatementTimeoutMs,
      idleTimeoutMillis: 30_000,
    },
    connection,
  );
  const client = new PrismaClient({
    adapter,
    log: options.logQueries ? [{ emit: "event", level: "query" }] : [],
  }) as PrismaClient;
  connections.set(client, connection);
  return client;
}

/**
 * Where a request's own reads go: one replica of DATABASE_REPLICA_URLS, picked once, when `prisma`
 * routes to replicas (src/replicas.ts), else `prisma` itself. @prisma/extension-read-replicas
 * routes only the model API (findMany, …) and sends raw SQL to the primary; the DataLoaders and the
 * desk's list queries are raw SQL, so they ask for a replica here. A mutation's context holds the
 * plain primary client (mutationsOnPrimary), which has no replica to give.
 */
export function readerOf(prisma: Database): Database {
  const routed = prisma as Database & { $replica?: () => Database };
  return typeof routed.$replica === "function" ? routed.$replica() : prisma;
}
