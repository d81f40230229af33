import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

/*
 * Prisma 6.19's WebAssembly schema engine talks to Postgres through the pg driver adapter, so
 * migrate works offline. Three defects in @prisma/adapter-pg 6.19 break it; all are worked around
 * here and nowhere else, because the runtime client never touches the catalog or a shadow database.
 */

// prisma/orm#27403: the catalog types "char" (OID 18) and name (OID 19) have no column-type mapping,
// so introspecting the catalog fails with "Column type 'name' could not be deserialized".
// Reporting them as text (OID 25) is faithful: both are read as plain strings.
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;
type ResultWithFields = { addFields(fields: Array<{ dataTypeID: number }>): void };
const resultPrototype = (pg as unknown as { Result: { prototype: ResultWithFields } }).Result.prototype;
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function (fields) {
  for (const field of fields) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  return addFields.call(this, fields);
};

type ScriptRunner = {
  executeScript(script: string): Promise<void>;
  underlyingDriver(): pg.Pool;
  onError(error: unknown): never;
};

/**
 * executeScript in 6.19 splits a migration on every ";", which cuts a dollar-quoted plpgsql body
 * (our append-only triggers) in half. Postgres's simple-query protocol runs a multi-statement
 * script as one implicit transaction, so send the script whole.
 */
function runScriptsWhole<T extends object>(adapter: T): T {
  const runner = adapter as unknown as ScriptRunner;
  runner.executeScript = async (script) => {
    if (script.replace(/--[^\n]*/g, "").trim() === "") return;
    try {
      await runner.underlyingDriver().query(script);
    } catch (error) {
      runner.onError(error);
    }
  };
  return adapter;
}

/**
 * connectToShadowDb in 6.19 (a) points the shadow pool at the main database when the adapter was
 * built from a connectionString, and (b) drops the shadow database while its pool is still open.
 * We build from discrete fields and close the pool before DROP DATABASE ... WITH (FORCE).
 */
class MigratingPrismaPg extends PrismaPg {
  private readonly poolConfig: pg.PoolConfig;

  constructor(poolConfig: pg.PoolConfig) {
    super(poolConfig);
    this.poolConfig = poolConfig;
  }

  override async connect() {
    return runScriptsWhole(await super.connect());
  }

  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replace(/-/g, "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new MigratingPrismaPg({ ...this.poolConfig, database }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

function poolConfigFromUrl(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")),
    // The CLI never closes the adapter's pool; without this an idle pool keeps `migrate deploy`
    // alive for pg's 10 s idle timeout after its work is done.
    allowExitOnIdle: true,
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "node dist/src/ingest/seed.js",
  },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set. `npm start` and `npm test` set it for you; see README.md.");
    return new MigratingPrismaPg(poolConfigFromUrl(url));
  },
});
