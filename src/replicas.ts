import type { ApolloServerPlugin } from "@apollo/server";
import { readReplicas } from "@prisma/extension-read-replicas";
import type { Config } from "./config";
import type { Context } from "./context";
import { createPrisma, type Database } from "./db";
import { createLoaders } from "./loaders";
import { identifyCaller, type Caller } from "./reviewer/reviewer.service";

type WithPrimary = Database & { $primary?: () => Database };

/**
 * Reads through Prisma's model API (findMany, findUnique, count, …) go to a random replica of
 * DATABASE_REPLICA_URLS; writes, transactions and raw SQL stay on the primary. The replicas are
 * clients of their own on the pg driver adapter: the extension's own `url` option would build
 * clients without an adapter, which this engine-less Prisma cannot run.
 */
export function withReadReplicas(primary: Database, config: Config): Database {
  if (config.replicaUrls.length === 0) return primary;
  const replicas = config.replicaUrls.map((url) => createPrisma(url, config));
  return primary.$extends(readReplicas({ replicas })) as unknown as Database;
}

export function primaryOf(prisma: Database): Database {
  const routed = prisma as WithPrimary;
  return typeof routed.$primary === "function" ? routed.$primary() : prisma;
}

/**
 * A mutation reads what it decides on (a fact's version for expectedVersion, a claim's fact) and
 * must not read it from a replica that lags: its whole request runs on the primary.
 */
export const mutationsOnPrimary: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue, request }) {
        if (operation?.operation !== "mutation") return;
        const primary = primaryOf(contextValue.prisma);
        const authorization = request.http?.headers.get("authorization") ?? undefined;
        let caller: Promise<Caller> | null = null;
        contextValue.prisma = primary;
        contextValue.loaders = createLoaders(primary);
        // A token issued a moment ago may not have reached a replica yet.
        contextValue.caller = () => (caller ??= identifyCaller(primary, authorization));
      },
    };
  },
};
