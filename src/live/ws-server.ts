import type { Server } from "node:http";
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import type { useServer as UseServer } from "graphql-ws/dist/use/ws";
import { WebSocketServer } from "ws";
import type { Config } from "../config";
import type { Context } from "../context";
import type { Database } from "../db";
import { NO_RATE_LIMIT } from "../rate-limit";
import { createLoaders } from "../loaders";
import { costRefusal, queryProtection } from "../security";

// graphql-ws publishes this entry point through package "exports" only, which our TypeScript
// module resolution (node10) does not read; the types come from the file it points at.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require("graphql-ws/use/ws") as { useServer: typeof UseServer };

export const LIVE_LIMITS = {
  /** Open subscriptions one WebSocket connection may hold; the next one is refused. */
  maxSubscriptionsPerConnection: 20,
  /** Largest WebSocket message accepted (a subscribe message is a small document). */
  maxMessageBytes: 16 * 1024,
} as const;

export interface LiveServer {
  stop(): Promise<void>;
}

/** Subscriptions are read-only and anonymous: the caller is never looked up. */
function liveContext(prisma: Database): Context {
  return {
    prisma,
    caller: () => Promise.resolve({ kind: "anonymous" }),
    loaders: createLoaders(prisma),
    request: { id: "subscription", address: "websocket", authorization: undefined },
    rateLimiter: NO_RATE_LIMIT,
    callerIfKnown: () => undefined,
  };
}

function refusal(message: string, code: string): GraphQLError[] {
  return [new GraphQLError(message, { extensions: { code } })];
}

/**
 * graphql-ws on the HTTP server's port and path (/graphql). Every subscribe message goes through
 * the same limits as an HTTP query (token count, depth, cost, aliases, directives), then through
 * a check that it is a subscription: queries and mutations belong to HTTP, where the caller's token
 * and the request limits apply.
 */
export function attachLiveServer(server: Server, schema: GraphQLSchema, prisma: Database, config: Pick<Config, "production">): LiveServer {
  const protection = queryProtection(config);
  const rules = [...specifiedRules, ...protection.validationRules];
  const wss = new WebSocketServer({ server, path: "/graphql", maxPayload: LIVE_LIMITS.maxMessageBytes });
  const disposable = useServer(
    {
      schema,
      onSubscribe: (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > LIVE_LIMITS.maxSubscriptionsPerConnection) {
          return refusal(
            `At most ${LIVE_LIMITS.maxSubscriptionsPerConnection} subscriptions per connection; complete one first.`,
            "BAD_REQUEST",
          );
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, protection.parseOptions);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError("The query could not be parsed.")];
        }
        const errors = validate(schema, document, rules);
        if (errors.length) return [...errors];
        const tooCostly = costRefusal(schema, document, payload.variables ?? undefined, payload.operationName, config.production);
        if (tooCostly) return [tooCostly];
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== "subscription") {
          return refusal("Only subscriptions are served over WebSocket; send queries and mutations over HTTP.", "BAD_REQUEST");
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables ?? undefined,
          contextValue: liveContext(prisma),
        };
      },
    },
    wss,
  );
  return {
    async stop() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
