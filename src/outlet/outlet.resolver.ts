import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { checkListFirst, FirstArg } from "../common/lists";
import type { Context } from "../context";
import type { Outlet as OutletRow } from "../generated/prisma/client";
import { trustScore } from "./outlet.service";
import { Outlet, TrustRecord } from "./outlet.type";

@Resolver((_of) => Outlet)
export class OutletResolver {
  @Query((_returns) => [Outlet], { description: "Outlets by name, up to `first`." })
  outlets(@FirstArg("Query.outlets") first: number, @Ctx() ctx: Context) {
    return ctx.prisma.outlet.findMany({ orderBy: { name: "asc" }, take: checkListFirst(first, "Query.outlets") });
  }

  @FieldResolver((_returns) => TrustRecord, { description: "Track record derived from current verdicts; never stored by hand." })
  async trust(@Root() outlet: OutletRow, @Ctx() ctx: Context): Promise<TrustRecord> {
    const tally = await ctx.loaders.trustTally.load(outlet.id);
    return { ...tally, score: trustScore(tally) };
  }
}
