import { Kind, type GraphQLResolveInfo, type SelectionNode } from "graphql";
import type { Context } from "../context";
import { readerOf, rows } from "../db";
import { FACT_COLUMNS_OF_F } from "../loaders";
import { Prisma, type Fact } from "../generated/prisma/client";
import { findPeople, groupPeople } from "../extraction";
import type { Person } from "./story.type";

/**
 * People are derived from the bodies on read, and never stale. Finding them is synchronous work
 * (about 0.2 s for a 200,000-character body), so the answer is kept per story for as long as its
 * articles (ids, content hashes, last updates) stay the same: aliases, parallel reads and the desk's reloads
 * then share one pass instead of holding the event loop each time.
 */
const peopleCache = new Map<number, { articles: string; people: Person[] }>();
const PEOPLE_CACHE_STORIES = 50;

export async function peopleOf(ctx: Context, storyId: number): Promise<Person[]> {
  const articles = await ctx.loaders.articlesByStory.load(storyId);
  const key = articles.map((article) => `${article.id}:${article.contentHash}:${article.updatedAt.getTime()}`).join(",");
  const cached = peopleCache.get(storyId);
  if (cached?.articles === key) return cached.people;
  const mentions = articles.flatMap((article) =>
    findPeople(article.body).map((mention) => ({ ...mention, articleId: String(article.id) })),
  );
  const people = groupPeople(mentions)
    .map((person) => ({
      name: person.name,
      variants: person.variants,
      articleIds: [...new Set(person.mentions.map((mention) => mention.articleId!))],
      mentions: person.mentions.length,
    }))
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  peopleCache.delete(storyId);
  peopleCache.set(storyId, { articles: key, people });
  if (peopleCache.size > PEOPLE_CACHE_STORIES) peopleCache.delete(peopleCache.keys().next().value!);
  return people;
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
export function conflictsOf(ctx: Context, storySlug: string, first: number, info: GraphQLResolveInfo): Promise<Fact[]> {
  const where = Prisma.sql`s.slug = ${storySlug} AND f.agreement = 'CONFLICT'`;
  if ([...selectedFields(info)].some((field) => CLAIM_FIELDS.has(field))) return ctx.loaders.factsWithClaims(where, first);
  return rows<Fact>(
    readerOf(ctx.prisma),
    Prisma.sql`SELECT ${FACT_COLUMNS_OF_F} FROM "Fact" f JOIN "Story" s ON s.id = f."storyId" WHERE ${where} ORDER BY f.id LIMIT ${first}`,
  );
}
