import "reflect-metadata";
import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth";
import { ArticleResolver } from "./article/article.resolver";
import { AuditResolver } from "./audit/audit.resolver";
import { ClaimMutationResolver } from "./claim/claim.mutation";
import { ClaimResolver } from "./claim/claim.resolver";
import { FactResolver, ReadingResolver } from "./fact/fact.resolver";
import { OutletResolver } from "./outlet/outlet.resolver";
import { ReviewerResolver } from "./reviewer/reviewer.resolver";
import { StoryResolver } from "./story/story.resolver";
import { IngestJobResolver } from "./jobs/ingest-job.resolver";
import { LiveResolver } from "./live/live.resolver";
import { liveHub } from "./live/pubsub";
import { VerdictResolver } from "./verdict/verdict.resolver";

let built: Promise<GraphQLSchema> | null = null;

/** Built once per process: TypeGraphQL's metadata is global, and building is the slow part of start-up. */
export function crosscheckSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      StoryResolver,
      ArticleResolver,
      OutletResolver,
      FactResolver,
      ReadingResolver,
      ClaimResolver,
      ClaimMutationResolver,
      VerdictResolver,
      ReviewerResolver,
      AuditResolver,
      IngestJobResolver,
      LiveResolver,
    ],
    pubSub: liveHub,
    validate: true,
    authChecker,
  }).then((schema) => {
    // TypeGraphQL has no description option for root types; this one's contract is worth stating.
    const subscription = schema.getSubscriptionType() as { description?: string | null } | null | undefined;
    if (subscription)
      subscription.description = "Live updates over graphql-ws on the same port and path (/graphql). Read-only; no token needed.";
    return schema;
  });
  return built;
}

/** The SDL committed as schema.graphql; a test fails when the two drift apart. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await crosscheckSchema()))}\n`;
}
