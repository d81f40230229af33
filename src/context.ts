import type { Request } from "express";
import type { Database } from "./db";
import { createLoaders, type Loaders } from "./loaders";
import type { RateLimiter } from "./rate-limit";
import { identifyCaller, type Caller } from "./reviewer/reviewer.service";

export interface Context {
  prisma: Database;
  /**
   * Who sent the request. Resolved on first use and then remembered: reads never need it, and
   * Apollo builds the context before validation, so an eager lookup would run SQL even for a
   * query that the limits refuse.
   */
  caller(): Promise<Caller>;
  loaders: Loaders;
  /** What the limits and the request log need to know about the HTTP request. */
  request: { id: string; address: string; authorization: string | undefined };
  rateLimiter: RateLimiter;
}

export interface ContextOptions {
  production?: boolean;
  rateLimiter: RateLimiter;
}

/** Built per request, so loaders' caches and the caller never leak between requests. */
export function createContext(prisma: Database, req: Request, options: ContextOptions): Context {
  const authorization = req.headers.authorization;
  const address = req.ip ?? req.socket.remoteAddress ?? "unknown";
  const { rateLimiter } = options;
  let caller: Promise<Caller> | null = null;
  const lookUp = async (): Promise<Caller> => {
    if (!authorization) return { kind: "anonymous" };
    // Guessing tokens costs a failed authentication each; past the limit not even the lookup runs.
    await rateLimiter.checkAuthFailures(address);
    const found = await identifyCaller(prisma, authorization, options);
    if (found.kind === "invalid") await rateLimiter.recordAuthFailure(address);
    return found;
  };
  return {
    prisma,
    caller: () => (caller ??= lookUp()),
    loaders: createLoaders(prisma),
    request: { id: String((req as Request & { id?: unknown }).id ?? ""), address, authorization },
    rateLimiter,
  };
}
