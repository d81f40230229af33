import { Arg, Ctx, Resolver, Root, Subscription } from "type-graphql";
import { Article } from "../article/article.type";
import type { Context } from "../context";
import { NotFoundError } from "../errors";
import { Fact } from "../fact/fact.type";
import { createLoaders } from "../loaders";
import { liveHub, type LiveEvent, type LiveTopic } from "./pubsub";

/** Subscribing to an unknown story is an error at once, not a subscription that never fires. */
async function eventsOfStory(ctx: Context, topic: LiveTopic, storySlug: string): Promise<AsyncIterable<LiveEvent>> {
  const story = await ctx.prisma.story.findUnique({ where: { slug: storySlug }, select: { id: true } });
  if (!story) throw new NotFoundError("story", storySlug, "storySlug");
  return liveHub.subscribe(topic, story.id);
}

/**
 * Every event is a fresh read of the committed row: a subscription's context lives as long as the
 * subscription, so its loaders are replaced per event, or the second event would be served from
 * the first one's cache.
 */
function freshLoaders(ctx: Context): Context {
  ctx.loaders = createLoaders(ctx.prisma);
  return ctx;
}

@Resolver()
export class LiveResolver {
  @Subscription((_returns) => Fact, {
    description:
      "A fact of the story changed: a verdict was recorded or retracted, a claim was added (by a reviewer or a newly loaded article), or its agreement was recomputed. Over graphql-ws on /graphql; no token needed.",
    subscribe: ({ args, context }) => eventsOfStory(context as Context, "FACT_CHANGED", (args as { storySlug: string }).storySlug),
  })
  factChanged(
    @Root() event: LiveEvent,
    @Arg("storySlug", (_type) => String, { description: "The story whose facts to watch." }) _storySlug: string,
    @Ctx() ctx: Context,
  ) {
    return freshLoaders(ctx).loaders.fact.load(event.id);
  }

  @Subscription((_returns) => Article, {
    description:
      "An article was loaded into the story (from submitArticle or the folder loader). Over graphql-ws on /graphql; no token needed.",
    subscribe: ({ args, context }) => eventsOfStory(context as Context, "ARTICLE_ADDED", (args as { storySlug: string }).storySlug),
  })
  articleAdded(
    @Root() event: LiveEvent,
    @Arg("storySlug", (_type) => String, { description: "The story whose new articles to watch." }) _storySlug: string,
    @Ctx() ctx: Context,
  ) {
    return freshLoaders(ctx).loaders.article.load(event.id);
  }
}
