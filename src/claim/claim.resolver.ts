import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Article } from "../article/article.type";
import { Rank } from "../common/enums";
import type { Context } from "../context";
import { Fact } from "../fact/fact.type";
import { rankOf } from "../fact/fact.service";
import type { Claim as ClaimRow } from "../generated/prisma/client";
import { Claim, Quote } from "./claim.type";

@Resolver((_of) => Claim)
export class ClaimResolver {
  @FieldResolver((_returns) => Fact, { description: "The fact this claim is a reading of." })
  fact(@Root() claim: ClaimRow, @Ctx() ctx: Context) {
    return ctx.loaders.fact.load(claim.factId);
  }

  @FieldResolver((_returns) => Article, { description: "The article that makes this claim." })
  article(@Root() claim: ClaimRow, @Ctx() ctx: Context) {
    return ctx.loaders.article.load(claim.articleId);
  }

  @FieldResolver((_returns) => Rank, {
    description: "PREFERRED if the current verdict trusts it, DEPRECATED if it contradicts it, else NORMAL.",
  })
  rank(@Root() claim: ClaimRow, @Ctx() ctx: Context) {
    return rankOf(ctx, claim);
  }

  @FieldResolver((_returns) => Quote, {
    description: "Where the claim sits in Article.body, or in Article.headline for a headline figure.",
  })
  quote(@Root() claim: ClaimRow): Quote {
    return {
      exact: claim.quoteExact,
      prefix: claim.quotePrefix,
      suffix: claim.quoteSuffix,
      start: claim.quoteStart,
      end: claim.quoteEnd,
      field: claim.quoteField,
    };
  }
}
