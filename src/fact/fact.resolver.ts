import { JSONResolver } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Claim } from "../claim/claim.type";
import { Connection, PageArgs, paginate } from "../common/connection";
import { checkListFirst, FirstArg, firstOf } from "../common/lists";
import type { Context } from "../context";
import { parseId } from "../errors";
import type { Fact as FactRow } from "../generated/prisma/client";
import { Story } from "../story/story.type";
import { Verdict } from "../verdict/verdict.type";
import { Divergence } from "../common/enums";
import { claimReviewOf, currentVerdict, divergenceOf, readingsOf, reviewQueueOf, type ReadingView } from "./fact.service";
import { Fact, Reading, Suggestion, TimelinePoint } from "./fact.type";

export const ClaimConnection = Connection(Claim, "Claim");
export const VerdictConnection = Connection(Verdict, "Verdict");

@Resolver((_of) => Fact)
export class FactResolver {
  @Query((_returns) => Fact, { nullable: true, description: "One fact by id; null when there is none." })
  fact(@Arg("id", (_type) => ID, { description: "The fact's id." }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.fact.load(parseId(id, "id"));
  }

  @FieldResolver((_returns) => Story, { description: "The story this fact belongs to." })
  story(@Root() fact: FactRow, @Ctx() ctx: Context) {
    return ctx.loaders.story.load(fact.storyId);
  }

  @FieldResolver((_returns) => [Reading], {
    description: "Claims grouped by what they assert, most independent support first, up to `first`.",
  })
  async readings(@Root() fact: FactRow, @FirstArg("Fact.readings") first: number, @Ctx() ctx: Context) {
    return firstOf(await readingsOf(ctx, fact), first, "Fact.readings");
  }

  @FieldResolver((_returns) => [Claim], {
    description: "The fact's claims across the story's articles, up to `first` (claimsConnection pages through all).",
  })
  async claims(@Root() fact: FactRow, @FirstArg("Fact.claims") first: number, @Ctx() ctx: Context) {
    return firstOf(await ctx.loaders.claimsByFact.load(fact.id), first, "Fact.claims");
  }

  @FieldResolver((_returns) => ClaimConnection, { description: "The fact's claims as a cursor connection." })
  claimsConnection(@Root() fact: FactRow, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return paginate(
      page,
      "asc",
      (idFilter, take) => ctx.prisma.claim.findMany({ where: { factId: fact.id, ...idFilter }, orderBy: { id: "asc" }, take }),
      () => ctx.prisma.claim.count({ where: { factId: fact.id } }),
    );
  }

  @FieldResolver((_returns) => Verdict, { nullable: true, description: "The latest verdict that has not been retracted." })
  currentVerdict(@Root() fact: FactRow, @Ctx() ctx: Context) {
    return currentVerdict(ctx, fact);
  }

  @Query((_returns) => [Fact], {
    description:
      "What needs a decision in a story: undecided conflicts first, then facts that new evidence reopened (needsReview); newest evidence first within each; up to `first`.",
  })
  reviewQueue(
    @Arg("storySlug", (_type) => String, { description: "The story's slug." }) storySlug: string,
    @FirstArg("Query.reviewQueue") first: number,
    @Ctx() ctx: Context,
  ) {
    return reviewQueueOf(ctx, storySlug, checkListFirst(first, "Query.reviewQueue"));
  }

  @FieldResolver((_returns) => Divergence, {
    nullable: true,
    description: "Why the readings differ: REVISION, UPDATE, DISAGREEMENT, SCOPE or DEFINITION; null while there is one reading.",
  })
  async divergence(@Root() fact: FactRow, @Ctx() ctx: Context) {
    return (await divergenceOf(ctx, fact)).divergence;
  }

  @FieldResolver((_returns) => String, {
    nullable: true,
    description: "The same in plain words for an editor; null while there is one reading.",
  })
  async divergenceNote(@Root() fact: FactRow, @Ctx() ctx: Context) {
    return (await divergenceOf(ctx, fact)).note;
  }

  @FieldResolver((_returns) => [TimelinePoint], {
    description: "The fact's claims with their article's publication time, oldest first, undated claims last; up to `first`.",
  })
  async timeline(@Root() fact: FactRow, @FirstArg("Fact.timeline") first: number, @Ctx() ctx: Context) {
    return firstOf((await divergenceOf(ctx, fact)).timeline, first, "Fact.timeline");
  }

  @FieldResolver((_returns) => Reading, {
    nullable: true,
    description: "The reading of the newest dated report; null when no report is dated.",
  })
  async latest(@Root() fact: FactRow, @Ctx() ctx: Context) {
    return (await divergenceOf(ctx, fact)).latest;
  }

  @FieldResolver((_returns) => Suggestion, {
    nullable: true,
    description:
      "Advice, never a verdict: for an UPDATE the latest report, for a REVISION the latest version, else the reading with the most independent sources weighted by their track record. Null while there is one reading.",
  })
  async suggestion(@Root() fact: FactRow, @Ctx() ctx: Context) {
    return (await divergenceOf(ctx, fact)).suggestion;
  }

  @FieldResolver((_returns) => [Verdict], {
    description: "Verdict history, newest first, retractions included, up to `first` (verdictsConnection pages through all).",
  })
  async verdicts(@Root() fact: FactRow, @FirstArg("Fact.verdicts") first: number, @Ctx() ctx: Context) {
    return firstOf(await ctx.loaders.verdictsByFact.load(fact.id), first, "Fact.verdicts");
  }

  @FieldResolver((_returns) => VerdictConnection, { description: "Verdict history as a cursor connection, newest first." })
  verdictsConnection(@Root() fact: FactRow, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return paginate(
      page,
      "desc",
      (idFilter, take) => ctx.prisma.verdict.findMany({ where: { factId: fact.id, ...idFilter }, orderBy: { id: "desc" }, take }),
      () => ctx.prisma.verdict.count({ where: { factId: fact.id } }),
    );
  }

  @FieldResolver((_returns) => JSONResolver, {
    nullable: true,
    description: "schema.org ClaimReview (JSON-LD) once a verdict exists, else null.",
  })
  claimReview(@Root() fact: FactRow, @Ctx() ctx: Context) {
    return claimReviewOf(ctx, fact);
  }
}

@Resolver((_of) => Reading)
export class ReadingResolver {
  @FieldResolver((_returns) => [Claim], { description: "The claims that assert this reading, up to `first`." })
  claims(@Root() reading: ReadingView, @FirstArg("Reading.claims") first: number) {
    return firstOf(reading.claims, first, "Reading.claims");
  }
}
