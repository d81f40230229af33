import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Claim } from "../claim/claim.type";
import { FirstArg, firstOf } from "../common/lists";
import type { Context } from "../context";
import { parseId } from "../errors";
import type { ArticleRow } from "../loaders";
import { Outlet } from "../outlet/outlet.type";
import { Story } from "../story/story.type";
import { Article } from "./article.type";

@Resolver((_of) => Article)
export class ArticleResolver {
  @Query((_returns) => Article, { nullable: true, description: "One article by id; null when there is none." })
  article(@Arg("id", (_type) => ID, { description: "The article's id." }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.article.load(parseId(id, "id"));
  }

  @FieldResolver((_returns) => String, { description: "Cleaned article text; claim quote offsets index into this string." })
  async body(@Root() article: ArticleRow, @Ctx() ctx: Context): Promise<string> {
    if (article.body !== undefined) return article.body;
    const body = await ctx.loaders.articleBody(article.id);
    if (body === null) throw new Error(`article ${article.id} has no row`);
    return body;
  }

  @FieldResolver((_returns) => Story, { description: "The story this article reports." })
  story(@Root() article: ArticleRow, @Ctx() ctx: Context) {
    return ctx.loaders.story.load(article.storyId);
  }

  @FieldResolver((_returns) => Outlet, { description: "The site the text was taken from (an aggregator, or the outlet itself)." })
  host(@Root() article: ArticleRow, @Ctx() ctx: Context) {
    return ctx.loaders.outlet.load(article.hostId);
  }

  @FieldResolver((_returns) => Outlet, { description: "Who wrote it: the wire agency or broadcaster named in the text." })
  origin(@Root() article: ArticleRow, @Ctx() ctx: Context) {
    return ctx.loaders.outlet.load(article.originId);
  }

  @FieldResolver((_returns) => [Article], {
    description:
      "Other versions of the same origin's story in this story (same byline and near-identical headline, or near-duplicate text), in load order, up to `first`; empty when there are none.",
  })
  async versions(@Root() article: ArticleRow, @FirstArg("Article.versions") first: number, @Ctx() ctx: Context) {
    const [versions, articles] = await Promise.all([
      ctx.loaders.versionsByStory.load(article.storyId),
      ctx.loaders.articlesByStory.load(article.storyId),
    ]);
    const others = new Set(versions.get(article.id) ?? []);
    return firstOf(
      articles.filter((other) => others.has(other.id)),
      first,
      "Article.versions",
    );
  }

  @FieldResolver((_returns) => [Claim], { description: "The claims found in this article, in text order, up to `first`." })
  async claims(@Root() article: ArticleRow, @FirstArg("Article.claims") first: number, @Ctx() ctx: Context) {
    return firstOf(await ctx.loaders.claimsByArticle.load(article.id), first, "Article.claims");
  }
}
