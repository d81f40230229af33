import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { UnauthenticatedError } from "../errors";
import { Reviewer } from "./reviewer.type";

@Resolver(_of => Reviewer)
export class ReviewerResolver {
  @Query(_returns => Reviewer, { nullable: true, description: "The reviewer whose token was sent; null without a token." })
  async me(@Ctx() ctx: Context) {
    const caller = await ctx.caller();
    if (caller.kind === "invalid") throw new UnauthenticatedError("The bearer token is not valid.");
    return caller.kind === "reviewer" ? caller.reviewer : null;
  }
}
