import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import type { Outlet as OutletRow } from "../generated/prisma/client";
import { trustScore } from "./outlet.service";
import { Outlet, TrustRecord } from "./outlet.type";

@Resolver(_of => Outlet)
export class OutletResolver {
  @Query(_returns => [Outlet], { description: "Every outlet, by name." })
  outlets(@Ctx() ctx: Context) {
    return ctx.prisma.outlet.findMany({ orderBy: { name: "asc" } });
  }

  @FieldResolver(_returns => TrustRecord, { description: "Track record derived from current verdicts; never stored by hand." })
  async trust(@Root() outlet: OutletRow, @Ctx() ctx: Context): Promise<TrustRecord> {
    const tally = await ctx.loaders.trustTally.load(outlet.id);
    return { ...tally, score: trustScore(tally) };
  }
}
