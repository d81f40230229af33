import "reflect-metadata";
import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth";
import { ArticleResolver } from "./article/article.resolver";
import { AuditResolver } from "./audit/audit.resolver";
import { ClaimMutationResolver } from "./claim/claim.mutation";
import { ClaimResolver } from "./claim/claim.resolver";
import { FactResolver } from "./fact/fact.resolver";
import { OutletResolver } from "./outlet/outlet.resolver";
import { ReviewerResolver } from "./reviewer/reviewer.resolver";
import { StoryResolver } from "./story/story.resolver";
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
      ClaimResolver,
      ClaimMutationResolver,
      VerdictResolver,
      ReviewerResolver,
      AuditResolver,
    ],
    validate: true,
    authChecker,
  });
  return built;
}

/** The SDL committed as schema.graphql; a test fails when the two drift apart. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await crosscheckSchema()))}\n`;
}
