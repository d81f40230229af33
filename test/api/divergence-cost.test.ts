import type { CrosscheckApp } from "../../src/app";
import { onStatement, type Database } from "../../src/db";
import { testPrisma, truncateAll } from "../helpers/db";
import { copiedStory } from "../helpers/fixtures";
import { gql, testApp } from "../helpers/http";

const WHY = `query($slug: String!) {
  story(slug: $slug) {
    articles { versions { id } }
    facts {
      divergence divergenceNote needsReview
      timeline { at claim { id } }
      latest { label }
      suggestion { reading { label } reasons }
    }
  }
  reviewQueue(storySlug: $slug) { id }
}`;

describe("query cost of divergence, versions and the review queue", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  let statements = 0;

  beforeAll(async () => {
    prisma = testPrisma();
    // Every statement the pool sends, from Prisma or from the lean read path.
    onStatement(prisma, () => statements++);
    api = await testApp(prisma);
    await truncateAll(prisma);
    await copiedStory(prisma, "five", 5);
    await copiedStory(prisma, "fifty", 50);
  });
  afterAll(async () => {
    await api.stop();
    await prisma.$disconnect();
  });

  async function cost(slug: string): Promise<{ statements: number; points: number }> {
    statements = 0;
    const res = await gql<{ story: { facts: Array<{ timeline: unknown[] }> } }>(api.app, WHY, { slug });
    expect(res.errors).toBeUndefined();
    return { statements, points: res.data!.story.facts.flatMap((f) => f.timeline).length };
  }

  it("runs the same number of SQL statements for a story of 5 articles and one of 50 (no N+1)", async () => {
    const five = await cost("five");
    const fifty = await cost("fifty");
    expect(fifty.points).toBeGreaterThanOrEqual(9 * five.points);
    expect(fifty.statements).toBe(five.statements);
    // story, its articles, their versions, facts, claims (with articles and outlets), trust tallies, review queue.
    expect(five.statements).toBeLessThanOrEqual(7);
  });
});
