import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { publishFactsChanged } from "../live/pubsub";
import { AddClaimInput } from "./claim.input";
import { addClaim } from "./claim.service";
import { Claim } from "./claim.type";

@Resolver((_of) => Claim)
export class ClaimMutationResolver {
  @Authorized("REVIEWER")
  @Mutation((_returns) => Claim, { description: "Mark a figure the loader missed. REVIEWER or ADMIN." })
  async addClaim(
    @Arg("input", (_type) => AddClaimInput, { description: "Where the figure is and what it says." }) input: AddClaimInput,
    @Ctx() ctx: Context,
  ) {
    const claim = await addClaim(ctx, input);
    await publishFactsChanged(ctx.prisma, [claim.factId]);
    return claim;
  }
}
