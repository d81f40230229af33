import { GraphQLError } from "graphql";

/** The extensions.code values of ../shared/API.md. */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
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

/** Prisma's known request errors carry a code; translate the two that mean something to a client. */
export function translatePrismaError(error: unknown, what: string): never {
  const code = (error as { code?: string } | null)?.code;
  if (code === "P2002") throw new ConflictError(`This ${what} already exists.`);
  if (code === "P2025") throw new CrosscheckError("NOT_FOUND", `The ${what} no longer exists.`);
  throw error;
}

/** Parses a GraphQL ID into our integer keys; anything else is bad input, not a crash. */
export function parseId(raw: string, field: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw new BadUserInputError(field, `${field} must be an id as returned by the API, got "${raw.slice(0, 40)}".`);
  }
  return Number(raw);
}
