import { PrismaPg } from "@prisma/adapter-pg";
import { Client, Pool, types as pgTypes } from "pg";
import type { Config } from "./config";
import { Prisma, PrismaClient } from "./generated/prisma/client";

export type Database = PrismaClient;

/** The pg pools behind this process's Prisma clients, for the pool gauges of /metrics. */
export const openPools = new Set<Pool>();

/** One SQL statement as it is sent to Postgres, by Prisma or by the lean read path (src/db.ts `rows`). */
export interface Statement {
  text: string;
  values: unknown[];
}
type StatementListener = (statement: Statement) => void;

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

/**
 * PrismaPg makes its pool inside connect(); this remembers it (and forgets it when it ends), and
 * its clients tell the listeners of onStatement() about every statement they send, whoever sent it.
 */
class ObservedPrismaPg extends PrismaPg {
  readonly listeners = new Set<StatementListener>();
  pool: Pool | null = null;

  constructor(
    config: ConstructorParameters<typeof PrismaPg>[0] & object,
    private readonly connection: DatabaseConnection,
  ) {
    const listeners = new Set<StatementListener>();
    class CountedClient extends Client {
      override query(...args: unknown[]): never {
        if (listeners.size) {
          const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
          const statement =
            typeof first === "string"
              ? { text: first, values: Array.isArray(second) ? second : [] }
              : { text: first.text, values: first.values ?? [] };
          for (const listener of listeners) listener(statement);
        }
        return (super.query as (...a: unknown[]) => never)(...args);
      }
    }
    super({ ...config, Client: CountedClient } as ConstructorParameters<typeof PrismaPg>[0]);
    this.listeners = listeners;
  }

  override async connect() {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver();
    if (pool instanceof Pool) {
      this.pool = pool;
      this.connection.pool = pool;
      openPools.add(pool);
      const end = pool.end.bind(pool);
      pool.end = (async () => {
        openPools.delete(pool);
        if (this.pool === pool) this.pool = null;
        return end();
      }) as Pool["end"];
    }
    return adapter;
  }
}

const adapters = new WeakMap<object, ObservedPrismaPg>();

/** The adapter of a client made by createPrisma, also through $extends (the read-replica extension). */
function adapterOf(prisma: Database): ObservedPrismaPg {
  const adapter = adapters.get(prisma) ?? adapters.get((Reflect.get(prisma, "_originalClient") as object | undefined) ?? {});
  if (!adapter) throw new Error("this Prisma client was not made by createPrisma");
  return adapter;
}

export interface PrismaOptions {
  /** Emit Prisma's query event. To count or see statements, use onStatement (it sees every path). */
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
  const prisma = new PrismaClient({
    adapter,
    log: options.logQueries ? [{ emit: "event", level: "query" }] : [],
  }) as PrismaClient;
  adapters.set(prisma, adapter);
  connections.set(prisma, connection);
  return prisma;
}

/**
 * Where a request's own reads go: one replica of DATABASE_REPLICA_URLS, picked once, when `prisma`
 * routes to replicas (src/replicas.ts), else `prisma` itself. @prisma/extension-read-replicas
 * routes only the model API (findMany, …) and sends raw SQL, rows() included, to the primary; the
 * DataLoaders and the desk's list queries are SQL, so they ask for a replica here. A mutation's
 * context holds the plain primary client (mutationsOnPrimary), which has no replica to give.
 */
export function readerOf(prisma: Database): Database {
  const routed = prisma as Database & { $replica?: () => Database };
  return typeof routed.$replica === "function" ? routed.$replica() : prisma;
}

/** Calls the listener with every statement this client's pool sends (Prisma's and rows()'s); returns the unsubscribe. */
export function onStatement(prisma: Database, listener: StatementListener): () => void {
  const { listeners } = adapterOf(prisma);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * What pg hands back in the shape Prisma's $queryRaw does: Prisma stores DateTime as `timestamp(3)`
 * without a time zone, meaning UTC, while pg would read it as local time; bigint becomes a BigInt.
 * Everything else (int4, float8, bool, text, enums as text, json, jsonb) pg already reads the same way.
 */
const PRISMA_SHAPED = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pgTypes.builtins.TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    if (oid === pgTypes.builtins.INT8) return (text: string) => BigInt(text);
    return pgTypes.getTypeParser(oid, format ?? "text");
  },
};

async function poolOf(prisma: Database): Promise<Pool> {
  const adapter = adapterOf(prisma);
  if (!adapter.pool) await prisma.$connect();
  if (!adapter.pool) throw new Error("the database adapter has no pool");
  return adapter.pool;
}

/**
 * The lean read path for the API's hot reads: a Prisma.sql statement straight onto the pg pool
 * behind Prisma (same connections, timeouts and statement counting), without Prisma's client,
 * which plans every statement, raw ones included, in WebAssembly (see BENCHMARKS.md). Rows come
 * back as $queryRaw's would; the caller names their type from the generated Prisma types.
 * It reads the client it is given: pass readerOf(ctx.prisma) for a request's reads.
 */
export async function rows<T>(prisma: Database, query: Prisma.Sql): Promise<T[]> {
  const pool = await poolOf(prisma);
  const result = await pool.query({ name: statementName(query.text), text: query.text, values: query.values, types: PRISMA_SHAPED });
  return result.rows as T[];
}

const statementNames = new Map<string, string>();
/** The lean path's statements are the code's own, so they are few: at most this many are prepared. */
const MAX_PREPARED = 200;

/**
 * A name per statement text, so that pg prepares it once per connection and Postgres plans it once
 * (a generic plan after five runs) instead of at every request: planning the conflicts statement
 * costs Postgres more than running it. The statements list their columns (no `SELECT *`), so a
 * migration that adds a column does not invalidate a prepared statement of a running instance.
 */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_PREPARED) statementNames.set(text, (name = `crosscheck_${statementNames.size + 1}`));
  return name;
}

/**
 * What the plain-SQL writers need of a transaction: Prisma's own (an interactive transaction's
 * $queryRaw and $executeRaw) or the lean path's (leanTransaction), used the same way.
 */
export interface RawSql {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

/** Dates go to Postgres in UTC, as Prisma sends them (pg would send local time, and a timestamp column drops the offset). */
function inUtc(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(inUtc);
  return value;
}

/**
 * A transaction on one connection of the pool behind Prisma, for bulk writes of plain SQL (the
 * loader's): Prisma's client plans and serialises every statement, $executeRaw included, and on a
 * bulk load that was a third of the loader's CPU (BENCHMARKS.md, "Ingest"). The same connections,
 * statement timeout and statement counting as every other path. It commits when `work` resolves
 * and rolls back when it throws; a transaction left idle longer than `idleTimeoutMs` (a process
 * stuck mid-load) is ended by Postgres.
 */
export async function leanTransaction<T>(
  prisma: Database,
  work: (tx: RawSql) => Promise<T>,
  options: { idleTimeoutMs?: number } = {},
): Promise<T> {
  const pool = await poolOf(prisma);
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client has no pool listener: a connection lost mid-transaction (an idle timeout,
  // a restart) would otherwise be an uncaught 'error' event, which ends the process.
  const lost = (error: Error) => {
    broken = error;
  };
  client.on("error", lost);
  let open = true;
  const run = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    if (!open) throw new Error("leanTransaction: the transaction has ended");
    const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
    // Named, as rows() does: Postgres parses and plans each of the loader's statements once per connection.
    return client.query({ name: statementName(sql.text), text: sql.text, values: sql.values.map(inUtc), types: PRISMA_SHAPED });
  };
  const tx: RawSql = {
    $queryRaw: async <R>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(query, values)).rows as R,
    $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(query, values)).rowCount ?? 0,
  };
  try {
    const idle = Math.max(1, Math.round(options.idleTimeoutMs ?? 120_000));
    // UTC as Prisma writes it: a column default (CURRENT_TIMESTAMP) is read in the session's zone.
    await client.query(`BEGIN; SET LOCAL TIME ZONE 'UTC'; SET LOCAL idle_in_transaction_session_timeout = ${idle}`);
    const result = await work(tx);
    open = false;
    // COMMIT of a transaction a failed statement aborted answers ROLLBACK, not an error.
    const committed = await client.query("COMMIT");
    if (committed.command === "ROLLBACK") throw new Error("leanTransaction: the transaction was aborted and rolled back");
    return result;
  } catch (error) {
    open = false;
    if (!broken) {
      await client.query("ROLLBACK").catch((rollback: unknown) => {
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      });
    }
    throw error;
  } finally {
    client.removeListener("error", lost);
    // A connection lost, or whose rollback failed, is in an unknown state: the pool closes it instead of reusing it.
    client.release(broken);
  }
}
