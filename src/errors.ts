import { GraphQLError } from "graphql";
import type { Prisma } from "./generated/prisma/client";

/** The extensions.code values of ../shared/API.md. */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "RESPONSE_TOO_LARGE"
  | "REQUEST_TIMEOUT"
  | "INTERNAL_SERVER_ERROR";

export class CrosscheckError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export class UnauthenticatedError extends CrosscheckError {
  constructor(message = "Send a valid reviewer token: Authorization: Bearer <token>.") {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends CrosscheckError {
  constructor(message: string) {
    super("FORBIDDEN", message);
  }
}

export class NotFoundError extends CrosscheckError {
  constructor(what: string, id: string | number, field?: string) {
    super("NOT_FOUND", `No ${what} with id ${id}.`, field ? { field } : {});
  }
}

/** Names the offending input field in extensions.field so a frontend can point at it. */
export class BadUserInputError extends CrosscheckError {
  constructor(field: string, message: string) {
    super("BAD_USER_INPUT", message, { field });
  }
}

export class ConflictError extends CrosscheckError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super("CONFLICT", message, extra);
  }
}

/**
 * The database's own reason for a failure: Prisma's P-code when it has one, else the SQLSTATE or
 * the driver adapter's kind (errors raised by the pg adapter carry them in `cause` or `meta`).
 */
export function databaseErrorCode(error: unknown): string | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as {
      code?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      meta?: { driverAdapterError?: unknown };
      cause?: unknown;
    };
    if (typeof record.code === "string" && /^(P\d{4}|[0-9A-Z]{5})$/.test(record.code) && record.code !== "P2010") return record.code;
    if (typeof record.originalCode === "string") return record.originalCode;
    if (typeof record.kind === "string" && record.kind !== "postgres") return record.kind;
    current = record.meta?.driverAdapterError ?? record.cause;
  }
  return null;
}

const UNIQUE = new Set(["P2002", "23505", "UniqueConstraintViolation"]);
const FOREIGN_KEY = new Set(["P2003", "23503", "ForeignKeyConstraintViolation"]);
const MISSING = new Set(["P2025", "P2001", "P2015", "P2018"]);
const OUT_OF_RANGE = new Set(["P2020", "P2033", "22003", "22P02", "22007", "22008", "ValueOutOfRange"]);
/** Serialization failures and deadlocks: another transaction won a race; trying again is safe. */
const RETRYABLE = new Set(["P2034", "40001", "40P01", "TransactionWriteConflict"]);

/** Errors a retry may cure: a lost race shows up as a serialization failure or a unique violation. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof GraphQLError) return false;
  const code = databaseErrorCode(error);
  return code !== null && (RETRYABLE.has(code) || UNIQUE.has(code));
}

/**
 * Turns a database error into the client error it means; anything else is rethrown as it is
 * (and is then masked as INTERNAL_SERVER_ERROR and logged with its cause).
 */
export function translatePrismaError(error: unknown, what: string): never {
  if (error instanceof GraphQLError) throw error;
  const code = databaseErrorCode(error);
  if (code === null) throw error;
  if (UNIQUE.has(code))
    throw new ConflictError(`This ${what} already exists, or someone else wrote it at the same time. Reload and try again.`);
  if (FOREIGN_KEY.has(code)) throw new ConflictError(`The ${what} refers to a row that no longer exists. Reload and try again.`);
  if (MISSING.has(code)) throw new CrosscheckError("NOT_FOUND", `The ${what} no longer exists.`);
  if (OUT_OF_RANGE.has(code))
    throw new CrosscheckError("BAD_USER_INPUT", `A value given for the ${what} is out of the range the database stores.`);
  if (RETRYABLE.has(code)) throw new ConflictError(`Someone changed the ${what} at the same time. Reload and try again.`);
  throw error;
}

/**
 * Runs a write transaction; a lost race (serialization failure, deadlock, unique violation) is
 * retried once, because the retry then sees the winner's row and answers with a clear error; a
 * second loss is a CONFLICT. Every other database error is translated where it occurs.
 */
export async function writeTransaction<T>(
  prisma: { $transaction<R>(fn: (tx: Prisma.TransactionClient) => Promise<R>): Promise<R> },
  what: string,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  try {
    return await prisma.$transaction(fn);
  } catch (first) {
    if (!isRetryable(first)) translatePrismaError(first, what);
    try {
      return await prisma.$transaction(fn);
    } catch (second) {
      translatePrismaError(second, what);
    }
  }
}

/** Parses a GraphQL ID into our integer keys; anything else is bad input, not a crash. */
export function parseId(raw: string, field: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw new BadUserInputError(field, `${field} must be an id as returned by the API, got "${raw.slice(0, 40)}".`);
  }
  return Number(raw);
}
