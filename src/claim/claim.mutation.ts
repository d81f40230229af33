import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { AddClaimInput } from "./claim.input";
import { addClaim } from "./claim.service";
import { Claim } from "./claim.type";

@Resolver(_of => Claim)
export class ClaimMutationResolver {
  @Authorized("REVIEWER")
  @Mutation(_returns => Claim, { description: "Mark a figure the loader missed. REVIEWER or ADMIN." })
  addClaim(@Arg("input", _type => AddClaimInput, { description: "Where the figure is and what it says." }) input: AddClaimInput, @Ctx() ctx: Context) {
    return addClaim(ctx, input);
  }
}
