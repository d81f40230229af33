import path from "node:path";

/** Every environment variable Crosscheck reads, with its default. The README lists the same table. */
export interface Config {
  /** External Postgres; when unset, an embedded cluster is started from EMBEDDED_PG_DIR. */
  databaseUrl: string | null;
  embeddedDataDir: string;
  embeddedPort: number;
  port: number;
  production: boolean;
  /** Milliseconds pg waits for a connection before failing the request. */
  dbConnectTimeoutMs: number;
  /** Postgres statement_timeout in milliseconds. */
  dbStatementTimeoutMs: number;
  dbPoolSize: number;
  corsOrigins: string[];
  rateLimits: RateLimits;
  /** Read replicas for the read-heavy desk (DATABASE_REPLICA_URLS); empty: everything on the primary. */
  replicaUrls: string[];
  ingest: IngestConfig;
  /** Express "trust proxy" (e.g. "loopback" or a hop count) so limits and logs see the client behind a proxy. */
  trustProxy: string | null;
  /** When set, GET /metrics needs "Authorization: Bearer <token>". */
  metricsToken: string | null;
  /** A GraphQL response that grows past this many bytes of JSON is stopped: RESPONSE_TOO_LARGE. */
  responseMaxBytes: number;
  /** A GraphQL query still running after this many milliseconds is stopped: REQUEST_TIMEOUT (0: no limit). Mutations finish. */
  requestTimeoutMs: number;
  /** /readyz says "overloaded" when the event loop fell this many milliseconds behind in the last 2 s. */
  readyMaxLagMs: number;
}

/** Points per window; 0 turns that limit off. Counted in Postgres, so they hold across API instances. */
export interface RateLimits {
  windowSeconds: number;
  /** Requests with a token that is unknown, revoked or expired, per client address. */
  authFailuresPerAddress: number;
  mutationsPerToken: number;
  mutationsPerAddress: number;
  readsPerToken: number;
  readsPerAddress: number;
}

/** The ingest queue (src/jobs/): how jobs are retried and how a worker process runs them. */
export interface IngestConfig {
  /** Run a worker inside the API process (`npm start`); INGEST_WORKER=off turns it off. */
  workerInApi: boolean;
  /** Jobs one worker process runs at once. */
  concurrency: number;
  /** Retries after the first attempt before a job stays FAILED. */
  retryLimit: number;
  /** Seconds before the first retry; each further retry waits about twice as long. */
  retryDelaySeconds: number;
  /** A job running longer than this (a worker that died, a hung load) is failed and retried. */
  jobTimeoutSeconds: number;
  /** How often the queue looks for timed-out jobs. */
  maintenanceSeconds: number;
  /** How often an idle worker asks for new jobs. */
  pollSeconds: number;
}

function switchFromEnv(name: string, fallback: boolean): boolean {
  const raw = (process.env[name] ?? "").trim().toLowerCase();
  if (raw === "") return fallback;
  if (["1", "on", "true", "yes"].includes(raw)) return true;
  if (["0", "off", "false", "no"].includes(raw)) return false;
  throw new Error(`${name} must be on or off, got "${process.env[name]}"`);
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

export function loadConfig(): Config {
  const production = process.env.NODE_ENV === "production";
  const corsDefault = production ? "" : "http://localhost:3000,http://localhost:4000,http://localhost:5173,http://127.0.0.1:4000";
  return {
    databaseUrl: process.env.DATABASE_URL || null,
    embeddedDataDir: process.env.EMBEDDED_PG_DIR || path.join(PROJECT_ROOT, ".data", "postgres"),
    embeddedPort: intFromEnv("EMBEDDED_PG_PORT", 54329),
    port: intFromEnv("PORT", 4000),
    production,
    dbConnectTimeoutMs: intFromEnv("DB_CONNECT_TIMEOUT_MS", 3000),
    dbStatementTimeoutMs: intFromEnv("DB_STATEMENT_TIMEOUT_MS", 5000),
    dbPoolSize: intFromEnv("DB_POOL_SIZE", 10),
    rateLimits: {
      windowSeconds: intFromEnv("RATE_LIMIT_WINDOW_S", 60) || 60,
      authFailuresPerAddress: intFromEnv("RATE_LIMIT_AUTH_FAILURES", 30),
      mutationsPerToken: intFromEnv("RATE_LIMIT_MUTATIONS_PER_TOKEN", 120),
      mutationsPerAddress: intFromEnv("RATE_LIMIT_MUTATIONS_PER_ADDRESS", 600),
      readsPerToken: intFromEnv("RATE_LIMIT_READS_PER_TOKEN", 1200),
      readsPerAddress: intFromEnv("RATE_LIMIT_READS_PER_ADDRESS", 1200),
    },
    trustProxy: process.env.TRUST_PROXY || null,
    metricsToken: process.env.METRICS_TOKEN || null,
    responseMaxBytes: intFromEnv("RESPONSE_MAX_BYTES", 5 * 1024 * 1024) || 5 * 1024 * 1024,
    requestTimeoutMs: intFromEnv("REQUEST_TIMEOUT_MS", 10_000),
    readyMaxLagMs: intFromEnv("READY_MAX_LAG_MS", 500) || 500,
    corsOrigins: (process.env.CORS_ORIGINS ?? corsDefault)
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    replicaUrls: (process.env.DATABASE_REPLICA_URLS ?? "")
      .split(",")
      .map((url) => url.trim())
      .filter(Boolean),
    ingest: {
      workerInApi: switchFromEnv("INGEST_WORKER", true),
      concurrency: Math.max(1, intFromEnv("INGEST_CONCURRENCY", 2)),
      retryLimit: intFromEnv("INGEST_RETRY_LIMIT", 3),
      retryDelaySeconds: Math.max(1, intFromEnv("INGEST_RETRY_DELAY_SECONDS", 5)),
      jobTimeoutSeconds: Math.max(1, intFromEnv("INGEST_JOB_TIMEOUT_SECONDS", 120)),
      maintenanceSeconds: Math.max(1, intFromEnv("INGEST_MAINTENANCE_SECONDS", 30)),
      pollSeconds: Math.max(1, intFromEnv("INGEST_POLL_SECONDS", 1)),
    },
  };
}
