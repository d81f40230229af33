import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Article } from "../article/article.type";
import type { Context } from "../context";
import type { IngestJob as IngestJobRow } from "../generated/prisma/client";
import { findIngestJob, submitArticle } from "./ingest-job.service";
import { IngestJob, SubmitArticleInput } from "./ingest-job.type";

@Resolver((_of) => IngestJob)
export class IngestJobResolver {
  @Authorized("REVIEWER")
  @Mutation((_returns) => IngestJob, {
    description:
      "Queue an article for a story; a worker loads it as the folder loader would (the same text twice makes one article). Bad input is refused at once and queues nothing. REVIEWER or ADMIN.",
  })
  submitArticle(
    @Arg("input", (_type) => SubmitArticleInput, { description: "The article and its story." }) input: SubmitArticleInput,
    @Ctx() ctx: Context,
  ) {
    return submitArticle(ctx, input);
  }

  @Query((_returns) => IngestJob, { nullable: true, description: "A submitted article's job by id; null when there is none." })
  ingestJob(@Arg("id", (_type) => ID, { description: "The id submitArticle returned." }) id: string, @Ctx() ctx: Context) {
    return findIngestJob(ctx, id);
  }

  @FieldResolver((_returns) => Article, {
    nullable: true,
    description: "The article it made, once DONE (for a text already loaded, that article).",
  })
  article(@Root() job: IngestJobRow, @Ctx() ctx: Context) {
    // articleId is recorded with the article, while the job still RUNs; it is the job's article once DONE.
    return job.state !== "DONE" || job.articleId === null ? null : ctx.loaders.article.load(job.articleId);
  }
}
