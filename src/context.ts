import type { Request } from "express";
import type { Database } from "./db";
import { createLoaders, type Loaders } from "./loaders";
import { identifyCaller, type Caller } from "./reviewer/reviewer.service";

export interface Context {
  prisma: Database;
  caller: Caller;
  loaders: Loaders;
}

/** Built per request, so loaders' caches and the caller never leak between requests. */
export async function createContext(prisma: Database, req: Request): Promise<Context> {
  return {
    prisma,
    caller: await identifyCaller(prisma, req.headers.authorization),
    loaders: createLoaders(prisma),
  };
}
