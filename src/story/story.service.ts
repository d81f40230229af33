import { Kind, type GraphQLResolveInfo, type SelectionNode } from "graphql";
import type { Context } from "../context";
import { rows } from "../db";
import { FACT_COLUMNS_OF_F } from "../loaders";
import { Prisma, type Fact } from "../generated/prisma/client";
import { findPeople, groupPeople } from "../extraction";
import type { Person } from "./story.type";

/** People are derived from the bodies on read: cheap for a story's handful of articles, and never stale. */
export async function peopleOf(ctx: Context, storyId: number): Promise<Person[]> {
  const articles = await ctx.loaders.articlesByStory.load(storyId);
  const mentions = articles.flatMap((article) =>
    findPeople(article.body).map((mention) => ({ ...mention, articleId: String(article.id) })),
  );
  return groupPeople(mentions)
    .map((person) => ({
      name: person.name,
      variants: person.variants,
      articleIds: [...new Set(person.mentions.map((mention) => mention.articleId!))],
      mentions: person.mentions.length,
    }))
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
}

/** Fact fields that read the fact's claims (through claimsByFact). */
const CLAIM_FIELDS = new Set(["readings", "claims", "divergence", "divergenceNote", "timeline", "latest", "suggestion", "claimReview"]);

/** The field names selected directly under this field, through fragments too. */
function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet.selections);
      else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet.selections);
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) visit(node.selectionSet.selections);
  return names;
}

/**
 * The editorial desk's main question, answered from the (story, agreement) index. When the query
 * asks for anything built from claims (readings, divergence, …), the same statement brings the
 * claims, their articles and outlets along: the whole view is one round trip.
 */
export function conflictsOf(ctx: Context, storySlug: string, info: GraphQLResolveInfo): Promise<Fact[]> {
  const where = Prisma.sql`s.slug = ${storySlug} AND f.agreement = 'CONFLICT'`;
  if (process.env.NO_JOIN !== "1" && [...selectedFields(info)].some((field) => CLAIM_FIELDS.has(field))) return ctx.loaders.factsWithClaims(where);
  return rows<Fact>(ctx.prisma, Prisma.sql`SELECT ${FACT_COLUMNS_OF_F} FROM "Fact" f JOIN "Story" s ON s.id = f."storyId" WHERE ${where} ORDER BY f.id`);
}
