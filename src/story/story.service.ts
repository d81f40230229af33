import type { Context } from "../context";
import { rows } from "../db";
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

/** The editorial desk's main question, answered from the (story, agreement) index in one statement. */
export function conflictsOf(ctx: Context, storySlug: string): Promise<Fact[]> {
  return rows<Fact>(
    ctx.prisma,
    Prisma.sql`
      SELECT f.* FROM "Fact" f JOIN "Story" s ON s.id = f."storyId"
      WHERE s.slug = ${storySlug} AND f.agreement = 'CONFLICT'
      ORDER BY f.id`,
  );
}
