import type { AuthChecker } from "type-graphql";
import type { Context } from "./context";
import { UnauthenticatedError } from "./errors";
import type { Reviewer, Role } from "./generated/prisma/client";
import { requireRole } from "./reviewer/reviewer.service";

/**
 * The one authorization check: TypeGraphQL runs it for every field marked `@Authorized(role)`,
 * before the resolver. The role named is the minimum (REVIEWER admits ADMIN too); `@Authorized()`
 * with no role admits any valid token. Refusals say why: no token, an unknown, revoked or expired
 * one (UNAUTHENTICATED), or a role too low (FORBIDDEN).
 */
export const authChecker: AuthChecker<Context, Role> = async ({ context }, roles) => {
  const caller = await context.caller();
  requireRole(caller, roles.length ? lowest(roles) : "VIEWER");
  return true;
};

function lowest(roles: Role[]): Role {
  return roles.includes("VIEWER") ? "VIEWER" : roles.includes("REVIEWER") ? "REVIEWER" : "ADMIN";
}

/**
 * The reviewer behind a request that `@Authorized` already let through; services use it to know
 * who acts (for ownership and the audit log), not to decide whether they may.
 */
export async function actingReviewer(ctx: Context): Promise<Reviewer> {
  const caller = await ctx.caller();
  if (caller.kind !== "reviewer") throw new UnauthenticatedError();
  return caller.reviewer;
}
