import type { Request } from "express";
import type { Database } from "./db";
import { createLoaders, type Loaders } from "./loaders";
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
}

/** Built per request, so loaders' caches and the caller never leak between requests. */
export function createContext(prisma: Database, req: Request, options: { production?: boolean } = {}): Context {
  const authorization = req.headers.authorization;
  let caller: Promise<Caller> | null = null;
  return {
    prisma,
    caller: () => (caller ??= identifyCaller(prisma, authorization, options)),
    loaders: createLoaders(prisma),
  };
}
