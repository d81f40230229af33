import type { Request, Response } from "express";
import { performance } from "node:perf_hooks";
import { Pool } from "pg";
import type { Config } from "./config";
import { connectionOf, type Database } from "./db";
import { primaryOf } from "./replicas";

/** How long a health probe waits for the database before calling it down. */
const PROBE_TIMEOUT_MS = 1000;

/**
 * Samples how late a 100 ms timer fires: the time the event loop spent on something else (a long
 * synchronous stretch of work). Keeps the last two seconds.
 */
function eventLoopLag(intervalMs = 100, windowMs = 2000) {
  const samples: Array<{ at: number; lag: number }> = [];
  let expected = performance.now() + intervalMs;
  const timer = setInterval(() => {
    const now = performance.now();
    samples.push({ at: now, lag: Math.max(0, now - expected) });
    expected = now + intervalMs;
    while (samples.length && samples[0].at < now - windowMs) samples.shift();
  }, intervalMs);
  timer.unref();
  return {
    /** The worst lag of the window, including the one running now. */
    recentMaxMs(): number {
      const current = Math.max(0, performance.now() - expected);
      return Math.round(samples.reduce((max, sample) => Math.max(max, sample.lag), current));
    },
    stop: () => clearInterval(timer),
  };
}

export interface Health {
  /** GET /healthz: is the process up and the database reachable? 200 or 503 "database down". */
  healthz(req: Request, res: Response): Promise<void>;
  /** GET /readyz: should this instance get traffic now? 200, 503 "overloaded" with a reason, or 503 "database down". */
  readyz(req: Request, res: Response): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Health on a connection of its own. The request pool can be busy with slow reads (every
 * connection taken, requests queued behind them); a probe waiting in that queue would call a
 * merely busy database "down", and make the health check as slow as the slowest read. A pool of
 * one, made on first use, answers in milliseconds instead, and concurrent probes share one query.
 * /readyz adds what "busy" means: requests queued for a connection, or an event loop held up.
 */
export function createHealth(prisma: Database, config: Pick<Config, "databaseUrl" | "dbPoolSize" | "readyMaxLagMs">): Health {
  const connection = connectionOf(primaryOf(prisma)) ?? connectionOf(prisma);
  const url = connection?.url ?? config.databaseUrl;
  let probePool: Pool | null = null;
  let probing: Promise<boolean> | null = null;
  const lag = eventLoopLag();

  const databaseUp = (): Promise<boolean> =>
    (probing ??= (async () => {
      try {
        if (!url) {
          await prisma.$queryRaw`SELECT 1`;
        } else {
          if (!probePool) {
            probePool = new Pool({
              connectionString: url,
              max: 1,
              connectionTimeoutMillis: PROBE_TIMEOUT_MS,
              statement_timeout: PROBE_TIMEOUT_MS,
              idleTimeoutMillis: 30_000,
            });
            // An idle probe connection the server drops must not crash the process; the next probe reconnects.
            probePool.on("error", () => undefined);
          }
          await probePool.query("SELECT 1");
        }
        return true;
      } catch {
        return false;
      } finally {
        probing = null;
      }
    })());

  /** Why this instance should get no new traffic now, or null. */
  const overload = (): string | null => {
    const reasons: string[] = [];
    const pool = connection?.pool;
    if (pool && pool.waitingCount >= Math.max(1, config.dbPoolSize)) {
      reasons.push(
        `${pool.waitingCount} queries are waiting for a database connection (${pool.totalCount - pool.idleCount} of ${config.dbPoolSize} in use)`,
      );
    }
    const lagMs = lag.recentMaxMs();
    if (lagMs >= config.readyMaxLagMs) reasons.push(`the event loop fell ${lagMs} ms behind (READY_MAX_LAG_MS is ${config.readyMaxLagMs})`);
    return reasons.length ? reasons.join("; ") : null;
  };

  return {
    async healthz(_req, res) {
      if (await databaseUp()) res.status(200).json({ status: "ok", database: "up" });
      else res.status(503).json({ status: "unavailable", database: "down" });
    },
    async readyz(_req, res) {
      if (!(await databaseUp())) {
        res.status(503).json({ status: "unavailable", database: "down" });
        return;
      }
      const reason = overload();
      if (reason) res.status(503).set("Retry-After", "1").json({ status: "overloaded", database: "up", reason });
      else res.status(200).json({ status: "ready", database: "up" });
    },
    async stop() {
      lag.stop();
      await probePool?.end().catch(() => undefined);
      probePool = null;
    },
  };
}
