import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { getNamedType, isLeafType, type GraphQLFormattedError, type GraphQLOutputType, type GraphQLResolveInfo } from "graphql";
import type { Config } from "./config";
import type { Context } from "./context";
import { CrosscheckError } from "./errors";

/**
 * What one GraphQL request may spend once it runs: the bytes of its response and its time. The
 * cost limit (src/query-cost.ts) refuses what is costly on paper; these stop what turns out big or
 * slow on the data at hand (a fact with thousands of claims, a busy database), so no request can
 * hold the event loop, the pool or the memory for long.
 */
export type RequestBudget = Pick<Config, "responseMaxBytes" | "requestTimeoutMs" | "production">;

/** How long past its deadline a request may still be finishing its last step before HTTP answers for it. */
export const TIMEOUT_GRACE_MS = 1000;

function tooLarge(budget: RequestBudget): GraphQLFormattedError {
  const limit = budget.production ? "the limit" : `${budget.responseMaxBytes.toLocaleString("en")} bytes (RESPONSE_MAX_BYTES)`;
  return {
    message: `The response grew past ${limit} and was stopped. Ask for fewer fields or items (a smaller \`first\`, a connection's pages, fewer aliases).`,
    extensions: { code: "RESPONSE_TOO_LARGE" },
  };
}

function timedOut(budget: RequestBudget): GraphQLFormattedError {
  const limit = budget.production ? "its time limit" : `${budget.requestTimeoutMs.toLocaleString("en")} ms (REQUEST_TIMEOUT_MS)`;
  return {
    message: `The request ran past ${limit} and was stopped. Ask for less, or try again when the server is less busy.`,
    extensions: { code: "REQUEST_TIMEOUT" },
  };
}

const leaves = new WeakMap<GraphQLOutputType, boolean>();

/** About the length of a field's value as JSON, with its key; the fields inside an object count themselves. */
function jsonLength(info: GraphQLResolveInfo, result: unknown): number {
  const key = typeof info.path.key === "string" ? info.path.key.length + 4 : 0;
  let leaf = leaves.get(info.returnType);
  if (leaf === undefined) leaves.set(info.returnType, (leaf = isLeafType(getNamedType(info.returnType))));
  return key + valueLength(result, leaf);
}

function valueLength(value: unknown, leaf: boolean): number {
  if (value === null || value === undefined) return 4;
  if (Array.isArray(value)) {
    let length = 2 + value.length;
    if (leaf) for (const item of value) length += valueLength(item, true);
    return length;
  }
  if (!leaf) return 2;
  if (typeof value === "string") return value.length + 2;
  if (typeof value === "number" || typeof value === "boolean") return String(value).length;
  if (value instanceof Date) return 26;
  return JSON.stringify(value)?.length ?? 4;
}

/**
 * Requests the budget does not stop: mutations. A write that has committed must not be answered
 * with a timeout (the client would think it failed and send it again); a mutation is bounded by
 * the statement and transaction timeouts instead, and returns small objects.
 */
const writes = new WeakSet<object>();

/**
 * Counts a read's response as it is resolved and watches the clock at every field. Once over
 * either limit, every further field fails at once (so the rest of the work is skipped, not done),
 * and the response becomes one error with no partial data: RESPONSE_TOO_LARGE (HTTP 400: ask for
 * less) or REQUEST_TIMEOUT (HTTP 503: the server could not do it in time).
 */
export function requestBudgetPlugin(budget: RequestBudget): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let deadline = budget.requestTimeoutMs > 0 ? Date.now() + budget.requestTimeoutMs : Number.POSITIVE_INFINITY;
      let maxBytes = budget.responseMaxBytes;
      let bytes = 0;
      let stopped: { error: GraphQLFormattedError; status: number; thrown: CrosscheckError } | null = null;
      const stop = (error: GraphQLFormattedError, status: number) => {
        stopped ??= { error, status, thrown: new CrosscheckError(error.extensions!.code as "REQUEST_TIMEOUT", error.message) };
        return stopped.thrown;
      };
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation || operation.operation === "query") return;
          deadline = Number.POSITIVE_INFINITY;
          maxBytes = Number.POSITIVE_INFINITY;
          if (contextValue.rawRequest) writes.add(contextValue.rawRequest);
        },
        async executionDidStart() {
          return {
            willResolveField({ info }) {
              if (stopped) throw stopped.thrown;
              if (Date.now() > deadline) throw stop(timedOut(budget), 503);
              return (error, result) => {
                if (error || stopped) return;
                bytes += jsonLength(info, result);
                if (bytes > maxBytes) stop(tooLarge(budget), 400);
              };
            },
          };
        },
        async willSendResponse({ response }) {
          if (!stopped || response.body.kind !== "single") return;
          response.body.singleResult = { errors: [stopped.error] };
          response.http.status = stopped.status;
        },
      };
    },
  };
}

/**
 * The HTTP side of the timeout, for a read stuck in one step (waiting for the database): past the
 * deadline and a grace second it answers REQUEST_TIMEOUT itself; the read's own work stops at its
 * next field, and its late answer is dropped. Mutations are left to finish.
 */
export function withDeadline(handler: RequestHandler, budget: RequestBudget): RequestHandler {
  if (budget.requestTimeoutMs <= 0) return handler;
  return (req: Request, res: Response, next: NextFunction) => {
    let late = false;
    const timer = setTimeout(() => {
      if (writes.has(req) || res.headersSent) return;
      late = true;
      res.status(503).json({ errors: [timedOut(budget)] });
    }, budget.requestTimeoutMs + TIMEOUT_GRACE_MS);
    Promise.resolve(handler(req, res, next))
      .catch((error: unknown) => {
        if (!late) next(error);
      })
      .finally(() => clearTimeout(timer));
  };
}
