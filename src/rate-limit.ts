import type { ApolloServerPlugin } from "@apollo/server";
import crypto from "node:crypto";
import { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateLimits } from "./config";
import type { Context } from "./context";
import { CrosscheckError } from "./errors";

/**
 * Limits on callers (rate-limiter-flexible, counters in the "RateLimit" table so every API instance
 * shares them): failed authentications per client address; mutations and reads per token and per
 * address. Over a limit: HTTP 429, Retry-After, code RATE_LIMITED. If the counter table cannot be
 * reached, an in-process limiter with the same points stands in, so an outage does not lift them.
 */
export interface RateLimiter {
  /** Throws RATE_LIMITED when this address has failed authentication too often. */
  checkAuthFailures(address: string): Promise<void>;
  recordAuthFailure(address: string): Promise<void>;
  /** Counts one operation against the token (if any) and the address; throws RATE_LIMITED over a limit. */
  consume(kind: "mutation" | "read", address: string, authorization: string | undefined): Promise<void>;
  close(): Promise<void>;
}

/** For contexts no HTTP limit applies to: subscriptions are capped per connection instead (src/live/ws-server.ts). */
export const NO_RATE_LIMIT: RateLimiter = {
  checkAuthFailures: async () => undefined,
  recordAuthFailure: async () => undefined,
  consume: async () => undefined,
  close: async () => undefined,
};

export class RateLimitedError extends CrosscheckError {
  constructor(what: string, msBeforeNext: number) {
    const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
    super("RATE_LIMITED", `Too many ${what}; try again in ${retryAfter} s.`, { retryAfter });
    this.extensions.http = { status: 429, headers: new Map([["retry-after", String(retryAfter)]]) };
  }
}

/** Tokens are never used as keys (they would sit in the counter table): a short hash of the header is. */
function tokenKey(authorization: string): string {
  return crypto.createHash("sha256").update(authorization).digest("base64url").slice(0, 22);
}

export function createRateLimiter(limits: RateLimits, databaseUrl: string | null): RateLimiter {
  const pool = databaseUrl
    ? // Each check is one short upsert, but a burst queues for the pool: a check that cannot get a
      // connection in time falls to the in-memory insurance limiter, whose separate count lets a
      // burst through twice (seen with 3 connections and 2 s on a loaded machine).
      new Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 })
    : null;
  pool?.on("error", () => undefined);
  const make = (keyPrefix: string, points: number): RateLimiterAbstract | null => {
    if (points <= 0) return null;
    const options = { keyPrefix, points, duration: limits.windowSeconds };
    const memory = new RateLimiterMemory(options);
    if (!pool) return memory;
    return new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      storeType: "pool",
      tableName: "RateLimit",
      tableCreated: true,
      clearExpiredByTimeout: false,
      insuranceLimiter: memory,
    });
  };
  const authFailures = make("auth-fail", limits.authFailuresPerAddress);
  const perToken = { mutation: make("mut-token", limits.mutationsPerToken), read: make("read-token", limits.readsPerToken) };
  const perAddress = { mutation: make("mut-addr", limits.mutationsPerAddress), read: make("read-addr", limits.readsPerAddress) };

  const take = async (limiter: RateLimiterAbstract | null, key: string, what: string) => {
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw new RateLimitedError(what, refusal.msBeforeNext);
      throw refusal;
    }
  };

  return {
    async checkAuthFailures(address) {
      if (!authFailures) return;
      const state = await authFailures.get(address);
      if (state && state.consumedPoints >= limits.authFailuresPerAddress)
        throw new RateLimitedError("failed authentications", state.msBeforeNext);
    },
    async recordAuthFailure(address) {
      await authFailures?.penalty(address, 1);
    },
    async consume(kind, address, authorization) {
      const what = kind === "mutation" ? "mutations" : "requests";
      if (authorization) await take(perToken[kind], tokenKey(authorization), `${what} with this token`);
      await take(perAddress[kind], address, `${what} from this address`);
    },
    async close() {
      await pool?.end();
    },
  };
}

/** Counts each operation once it is known to be a query or a mutation, before any resolver runs. */
export function rateLimitPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const kind = operation?.operation === "mutation" ? "mutation" : "read";
          await contextValue.rateLimiter.consume(kind, contextValue.request.address, contextValue.request.authorization);
        },
      };
    },
  };
}
