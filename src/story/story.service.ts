import { readerOf } from "../db";
import type { Context } from "../context";
import type { Fact } from "../generated/prisma/client";
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

/** The editorial desk's main question, answered from the (story, agreement) index in one statement. */
export function conflictsOf(ctx: Context, storySlug: string, first: number): Promise<Fact[]> {
  return readerOf(ctx.prisma).$queryRaw<Fact[]>`
    SELECT f.* FROM "Fact" f JOIN "Story" s ON s.id = f."storyId"
    WHERE s.slug = ${storySlug} AND f.agreement = 'CONFLICT'
    ORDER BY f.id
    LIMIT ${first}`;
}
