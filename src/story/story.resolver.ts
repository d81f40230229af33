import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { Article } from "../article/article.type";
import { Agreement } from "../common/enums";
import { Connection, PageArgs, paginate } from "../common/connection";
import { checkListFirst, FirstArg, firstOf } from "../common/lists";
import type { Context } from "../context";
import { Fact } from "../fact/fact.type";
import type { Story as StoryRow } from "../generated/prisma/client";
import { Person, Story } from "./story.type";
import { conflictsOf, peopleOf } from "./story.service";

export const ArticleConnection = Connection(Article, "Article");

@Resolver((_of) => Story)
export class StoryResolver {
  @Query((_returns) => [Story], { description: "Stories, newest first, up to `first`." })
  stories(@FirstArg("Query.stories") first: number, @Ctx() ctx: Context): Promise<StoryRow[]> {
    return ctx.prisma.story.findMany({ orderBy: { id: "desc" }, take: checkListFirst(first, "Query.stories") });
  }

  @Query((_returns) => Story, { nullable: true, description: "One story by slug; null when there is none." })
  story(
    @Arg("slug", (_type) => String, { description: 'The story\'s slug, e.g. "baghdad-talks-2007".' }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<StoryRow | null> {
    return ctx.prisma.story.findUnique({ where: { slug } });
  }

  @Query((_returns) => [Fact], { description: "The story's facts whose readings conflict, up to `first`; empty for an unknown slug." })
  conflicts(
    @Arg("storySlug", (_type) => String, { description: "The story's slug." }) storySlug: string,
    @FirstArg("Query.conflicts") first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return conflictsOf(ctx, storySlug, checkListFirst(first, "Query.conflicts"), info);
  }

  @FieldResolver((_returns) => [Article], {
    description: "The story's articles, in the order they were loaded, up to `first` (articlesConnection pages through all).",
  })
  async articles(@Root() story: StoryRow, @FirstArg("Story.articles") first: number, @Ctx() ctx: Context) {
    return firstOf(await ctx.loaders.articlesByStory.load(story.id), first, "Story.articles");
  }

  @FieldResolver((_returns) => ArticleConnection, { description: "The story's articles as a cursor connection." })
  articlesConnection(@Root() story: StoryRow, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context) {
    return paginate(
      page,
      "asc",
      (idFilter, take) => ctx.prisma.article.findMany({ where: { storyId: story.id, ...idFilter }, orderBy: { id: "asc" }, take }),
      () => ctx.prisma.article.count({ where: { storyId: story.id } }),
    );
  }

  @FieldResolver((_returns) => [Fact], {
    description: "The story's facts, conflicts first, up to `first`; optionally only those with one agreement.",
  })
  async facts(
    @Root() story: StoryRow,
    @Arg("agreement", (_type) => Agreement, { nullable: true, description: "Only facts with this agreement." }) agreement: Agreement | null,
    @FirstArg("Story.facts") first: number,
    @Ctx() ctx: Context,
  ) {
    const facts = await ctx.loaders.factsByStory.load(story.id);
    const order: Record<Agreement, number> = { CONFLICT: 0, COMPATIBLE: 1, AGREE: 2, SINGLE_SOURCE: 3 };
    const sorted = facts
      .filter((fact) => !agreement || fact.agreement === agreement)
      .sort((a, b) => order[a.agreement] - order[b.agreement] || a.id - b.id);
    return firstOf(sorted, first, "Story.facts");
  }

  @FieldResolver((_returns) => [Person], {
    description: "People the articles name, with spelling variants merged into one person; most mentioned first, up to `first`.",
  })
  async people(@Root() story: StoryRow, @FirstArg("Story.people") first: number, @Ctx() ctx: Context) {
    return firstOf(await peopleOf(ctx, story.id), first, "Story.people");
  }
}
