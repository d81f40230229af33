import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import type { Outlet as OutletRow } from "../generated/prisma/client";
import { Outlet, TrustRecord } from "./outlet.type";

@Resolver(_of => Outlet)
export class OutletResolver {
  @Query(_returns => [Outlet], { description: "Every outlet, by name." })
  outlets(@Ctx() ctx: Context) {
    return ctx.prisma.outlet.findMany({ orderBy: { name: "asc" } });
  }

  @FieldResolver(_returns => TrustRecord, { description: "Track record derived from current verdicts; never stored by hand." })
  async trust(@Root() outlet: OutletRow, @Ctx() ctx: Context): Promise<TrustRecord> {
    const { upheld, overruled } = await ctx.loaders.trustTally.load(outlet.id);
    const decided = upheld + overruled;
    return { upheld, overruled, score: decided === 0 ? null : (upheld + 1) / (decided + 2) };
  }
}
