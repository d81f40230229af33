import type { ApolloServerPlugin } from "@apollo/server";
import crypto from "node:crypto";
import type { RequestHandler } from "express";
import type { IncomingMessage } from "node:http";
import pino from "pino";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Context } from "./context";
import { openPools, type Database } from "./db";

/**
 * What operators look at: one JSON log line per request and Prometheus metrics. Log lines carry
 * the request id, operation name, duration, reviewer id, outcome and error codes, never a token,
 * a rationale or article text: requests are logged by method and path alone (no headers, no body,
 * no query string), and GraphQL variables are never logged.
 */
function makeLogger(destination?: pino.DestinationStream, level = process.env.LOG_LEVEL || "info") {
  return pino(
    {
      level,
      base: { service: "crosscheck" },
      redact: { paths: ["req.headers", "authorization", "*.authorization", "token", "*.token"], remove: true },
    },
    destination ?? pino.destination(1),
  );
}

export let logger = makeLogger();

/** Sends the log to another stream (tests read the lines); apps created afterwards use it. */
export function useLogStream(destination: pino.DestinationStream, level = "info"): void {
  logger = makeLogger(destination, level);
}

/** Filled in by the Apollo plugin below and read when the request's log line is written. */
interface RequestOutcome {
  operation?: string;
  reviewerId?: number;
  outcome?: "ok" | "error";
  codes?: string[];
}
const outcomes = new WeakMap<IncomingMessage, RequestOutcome>();

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** Health probes and scrapes would drown the requests that matter. */
const UNLOGGED = new Set(["/healthz", "/readyz", "/metrics"]);

/**
 * One log line per request once its response is sent (or its connection closed first): request id
 * (an upstream X-Request-Id when it is a plain token, else a new UUID, returned either way), method
 * and path (no headers, no query string, no body), status, duration in ms and the GraphQL outcome.
 * 5xx lines are errors, 4xx warnings. The line pino-http used to write, without its child logger per request.
 */
export function requestLogger(): RequestHandler {
  return (req, res, next) => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    (req as IncomingMessage & { id?: string }).id = id;
    res.setHeader("X-Request-Id", id);
    const path = (req.url ?? "").split("?")[0];
    if (UNLOGGED.has(path)) return next();
    const started = Date.now();
    const method = req.method;
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      res.removeListener("finish", done);
      res.removeListener("close", done);
      const statusCode = res.statusCode;
      const line = { req: { id, method, path }, res: { statusCode }, responseTime: Date.now() - started, ...outcomes.get(req) };
      if (statusCode >= 500)
        logger.error({ ...line, err: { type: "Error", message: `failed with status code ${statusCode}` } }, "request errored");
      else if (statusCode >= 400) logger.warn(line, "request completed");
      else logger.info(line, "request completed");
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "crosscheck_" });

const requestDuration = new Histogram({
  name: "crosscheck_graphql_request_duration_seconds",
  help: "GraphQL request duration by operation name and outcome (ok or error).",
  labelNames: ["operation", "outcome"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});
const errorsByCode = new Counter({
  name: "crosscheck_graphql_errors_total",
  help: "GraphQL errors sent to clients, by extensions.code.",
  labelNames: ["code"] as const,
  registers: [metricsRegistry],
});
new Gauge({
  name: "crosscheck_db_pool_connections",
  help: "Connections of the API's database pool, by state (in_use, idle, waiting requests).",
  labelNames: ["state"] as const,
  registers: [metricsRegistry],
  collect() {
    let total = 0,
      idle = 0,
      waiting = 0;
    for (const pool of openPools) {
      total += pool.totalCount;
      idle += pool.idleCount;
      waiting += pool.waitingCount;
    }
    this.set({ state: "in_use" }, total - idle);
    this.set({ state: "idle" }, idle);
    this.set({ state: "waiting" }, waiting);
  },
});

/** Loader counts (stories, articles, claims, facts) read from the database at scrape time. */
export function registerLoaderGauges(prisma: Database): void {
  const name = "crosscheck_loaded_rows";
  // One app per process in production; in tests the first app's database is the one counted.
  if (metricsRegistry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help: "Rows the loader and reviewers have stored, by table (estimates from pg_class, cheap at any size).",
    labelNames: ["table"] as const,
    registers: [metricsRegistry],
    async collect() {
      let rows: Array<{ relname: string; n: number }>;
      try {
        // Exact counts would scan every table at each scrape; the planner's estimates cost nothing.
        rows = await prisma.$queryRaw<Array<{ relname: string; n: number }>>`
          SELECT relname::text AS relname, GREATEST(reltuples, 0)::float8 AS n FROM pg_class
          WHERE relkind = 'r' AND relname IN ('Story', 'Article', 'Claim', 'Fact', 'Verdict', 'IngestJob')`;
      } catch {
        return; // a scrape during a database outage still answers, without these
      }
      for (const row of rows) this.set({ table: row.relname }, Number(row.n));
    },
  });
}

/** Times every GraphQL request, counts its error codes and records the outcome for the log line. */
export function observabilityPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      const raw: IncomingMessage | undefined = contextValue.rawRequest;
      return {
        async willSendResponse({ response, operationName, errors }) {
          const result = response.body.kind === "single" ? response.body.singleResult : null;
          const formatted = result?.errors ?? [];
          const codes = [
            ...new Set([
              ...formatted.map((error) => String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR")),
              ...(errors && !formatted.length ? ["INTERNAL_SERVER_ERROR"] : []),
            ]),
          ];
          const outcome = codes.length ? "error" : "ok";
          const operation = (operationName ?? request.operationName ?? "anonymous").slice(0, 100);
          requestDuration.observe({ operation, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
          for (const code of codes) errorsByCode.inc({ code });
          const reviewerId = contextValue.callerIfKnown();
          if (raw) outcomes.set(raw, { operation, outcome, ...(codes.length ? { codes } : {}), ...(reviewerId ? { reviewerId } : {}) });
        },
      };
    },
  };
}

/** Logs an error that is about to be masked as INTERNAL_SERVER_ERROR, with its cause. */
export function logInternalError(error: unknown, path: readonly (string | number)[] | undefined): void {
  const cause = error instanceof Error ? error : new Error(String(error));
  const code = (error as { code?: unknown }).code;
  logger.error(
    {
      err: {
        type: cause.name,
        message: cause.message.slice(0, 500),
        stack: cause.stack?.split("\n").slice(0, 12).join("\n"),
        code: typeof code === "string" ? code : undefined,
      },
      path,
    },
    "internal error",
  );
}
