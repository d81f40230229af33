import { DateTimeResolver } from "graphql-scalars";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { actingReviewer } from "../auth";
import { Role } from "../common/enums";
import { checkListFirst, FirstArg } from "../common/lists";
import type { Context } from "../context";
import { BadUserInputError, ForbiddenError, parseId, UnauthenticatedError } from "../errors";
import { reviewerActor } from "../audit/audit.service";
import type { Reviewer as ReviewerRow } from "../generated/prisma/client";
import { createReviewer, DEFAULT_TOKEN_DAYS, hasRole, REFUSED_MESSAGES, revokeReviewer, rotateReviewerToken } from "./reviewer.service";
import { CreateReviewerInput, Reviewer, ReviewerToken } from "./reviewer.type";

function checkDays(days: number | null | undefined): number {
  if (days === null || days === undefined) return DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new BadUserInputError("expiresInDays", "expiresInDays must be between 1 and 3650.");
  return days;
}

/** Account dates are for ADMINs and the reviewer themselves. */
async function mayInspect(ctx: Context, reviewer: ReviewerRow): Promise<boolean> {
  const caller = await ctx.caller();
  return caller.kind === "reviewer" && (caller.reviewer.id === reviewer.id || hasRole(caller.reviewer, "ADMIN"));
}

@Resolver((_of) => Reviewer)
export class ReviewerResolver {
  @Query((_returns) => Reviewer, { nullable: true, description: "The reviewer whose token was sent; null without a token." })
  async me(@Ctx() ctx: Context) {
    const caller = await ctx.caller();
    if (caller.kind === "invalid") throw new UnauthenticatedError(REFUSED_MESSAGES[caller.reason]);
    return caller.kind === "reviewer" ? caller.reviewer : null;
  }

  @Authorized("ADMIN")
  @Query((_returns) => [Reviewer], { description: "Reviewer accounts, revoked and expired ones included, up to `first`. ADMIN only." })
  reviewers(@FirstArg("Query.reviewers") first: number, @Ctx() ctx: Context) {
    return ctx.prisma.reviewer.findMany({ orderBy: { id: "asc" }, take: checkListFirst(first, "Query.reviewers") });
  }

  @Authorized()
  @FieldResolver((_returns) => Role, { description: "What this reviewer may do. Shown to authenticated callers only." })
  role(@Root() reviewer: ReviewerRow) {
    return reviewer.role;
  }

  @FieldResolver((_returns) => DateTimeResolver, {
    nullable: true,
    description: "When the token expires; null if it never does. Shown to ADMINs and the reviewer themselves, else null.",
  })
  async expiresAt(@Root() reviewer: ReviewerRow, @Ctx() ctx: Context) {
    return (await mayInspect(ctx, reviewer)) ? reviewer.expiresAt : null;
  }

  @FieldResolver((_returns) => DateTimeResolver, {
    nullable: true,
    description: "When the account was revoked; null while it is active. Shown to ADMINs and the reviewer themselves, else null.",
  })
  async revokedAt(@Root() reviewer: ReviewerRow, @Ctx() ctx: Context) {
    return (await mayInspect(ctx, reviewer)) ? reviewer.revokedAt : null;
  }

  @FieldResolver((_returns) => DateTimeResolver, {
    nullable: true,
    description: "Last authenticated request (to the minute). Shown to ADMINs and the reviewer themselves, else null.",
  })
  async lastUsedAt(@Root() reviewer: ReviewerRow, @Ctx() ctx: Context) {
    return (await mayInspect(ctx, reviewer)) ? reviewer.lastUsedAt : null;
  }

  @Authorized("ADMIN")
  @Mutation((_returns) => ReviewerToken, { description: "Add a reviewer; returns their token, shown once. ADMIN only." })
  async createReviewer(
    @Arg("input", (_type) => CreateReviewerInput, { description: "Who and with which role." }) input: CreateReviewerInput,
    @Ctx() ctx: Context,
  ) {
    const admin = await actingReviewer(ctx);
    const name = input.name.trim();
    if (!name || input.name.length > 200) throw new BadUserInputError("name", "name must be 1 to 200 characters.");
    return createReviewer(ctx.prisma, name, input.role, { expiresInDays: checkDays(input.expiresInDays), actor: reviewerActor(admin.id) });
  }

  @Authorized("ADMIN")
  @Mutation((_returns) => Reviewer, {
    description: "Revoke a reviewer's token at once; it answers UNAUTHENTICATED from then on. ADMIN only.",
  })
  async revokeReviewer(@Arg("id", (_type) => ID, { description: "The reviewer to revoke." }) id: string, @Ctx() ctx: Context) {
    const admin = await actingReviewer(ctx);
    const reviewerId = parseId(id, "id");
    if (reviewerId === admin.id) throw new ForbiddenError("An admin may not revoke their own token; ask another admin or use the CLI.");
    return revokeReviewer(ctx.prisma, reviewerId, reviewerActor(admin.id));
  }

  @Authorized("ADMIN")
  @Mutation((_returns) => ReviewerToken, {
    description: "Give a reviewer a new token (shown once) with a fresh expiry; the old token stops working. ADMIN only.",
  })
  async rotateReviewerToken(
    @Arg("id", (_type) => ID, { description: "The reviewer whose token is replaced." }) id: string,
    @Arg("expiresInDays", (_type) => Int, { nullable: true, description: "Days until the new token expires (1 to 3650); default 90." })
    expiresInDays: number | null,
    @Ctx() ctx: Context,
  ) {
    const admin = await actingReviewer(ctx);
    return rotateReviewerToken(ctx.prisma, parseId(id, "id"), reviewerActor(admin.id), checkDays(expiresInDays));
  }
}
