import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { Claim } from "../claim/claim.type";
import type { Context } from "../context";
import { Fact } from "../fact/fact.type";
import type { Verdict as VerdictRow } from "../generated/prisma/client";
import { publishFactsChanged } from "../live/pubsub";
import { Reviewer } from "../reviewer/reviewer.type";
import { RecordVerdictInput } from "./verdict.input";
import { isWithdrawn, recordVerdict, retractVerdict } from "./verdict.service";
import { Verdict } from "./verdict.type";

@Resolver((_of) => Verdict)
export class VerdictResolver {
  @Authorized("REVIEWER")
  @Mutation((_returns) => Verdict, { description: "Trust one claim of a fact, with a rationale. REVIEWER or ADMIN." })
  async recordVerdict(
    @Arg("input", (_type) => RecordVerdictInput, { description: "The decision." }) input: RecordVerdictInput,
    @Ctx() ctx: Context,
  ) {
    const verdict = await recordVerdict(ctx, input);
    await publishFactsChanged(ctx.prisma, [verdict.factId]);
    return verdict;
  }

  @Authorized("REVIEWER")
  @Mutation((_returns) => Verdict, { description: "Withdraw a verdict; returns it, now retracted. Its author or an ADMIN." })
  async retractVerdict(
    @Arg("id", (_type) => ID, { description: "The verdict to withdraw." }) id: string,
    @Arg("reason", (_type) => String, { description: "Why it is withdrawn (1 to 5,000 characters)." }) reason: string,
    @Ctx() ctx: Context,
  ) {
    const retraction = await retractVerdict(ctx, id, reason);
    await publishFactsChanged(ctx.prisma, [retraction.factId]);
    return retraction;
  }

  @FieldResolver((_returns) => Boolean, { description: "True for a withdrawn verdict and for the retraction entry that withdrew it." })
  async retracted(@Root() verdict: VerdictRow, @Ctx() ctx: Context) {
    if (verdict.retracted) return true;
    return isWithdrawn(verdict, await ctx.loaders.verdictsByFact.load(verdict.factId));
  }

  @FieldResolver((_returns) => Verdict, { nullable: true, description: "For a retraction entry: the verdict it withdrew." })
  async retracts(@Root() verdict: VerdictRow, @Ctx() ctx: Context) {
    if (verdict.retractsId === null) return null;
    const history = await ctx.loaders.verdictsByFact.load(verdict.factId);
    return history.find((entry) => entry.id === verdict.retractsId) ?? null;
  }

  @FieldResolver((_returns) => Fact, { description: "The fact decided." })
  fact(@Root() verdict: VerdictRow, @Ctx() ctx: Context) {
    return ctx.loaders.fact.load(verdict.factId);
  }

  @FieldResolver((_returns) => Reviewer, { description: "Who decided." })
  reviewer(@Root() verdict: VerdictRow, @Ctx() ctx: Context) {
    return ctx.loaders.reviewer.load(verdict.reviewerId);
  }

  @FieldResolver((_returns) => Claim, { description: "The claim trusted." })
  trustedClaim(@Root() verdict: VerdictRow, @Ctx() ctx: Context) {
    return ctx.loaders.claim.load(verdict.trustedClaimId);
  }
}
