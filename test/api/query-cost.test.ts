import request from "supertest";
import type { CrosscheckApp } from "../../src/app";
import { onStatement, type Database } from "../../src/db";
import { testPrisma, truncateAll } from "../helpers/db";
import { copiedStory } from "../helpers/fixtures";
import { gql, testApp } from "../helpers/http";

const DEEP = `query($slug: String!) {
  story(slug: $slug) { facts { readings { claims { article { origin { name } } } } } }
}`;

describe("query cost", () => {
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

  async function cost(slug: string): Promise<{ statements: number; claims: number }> {
    statements = 0;
    const res = await gql<{ story: { facts: Array<{ readings: Array<{ claims: unknown[] }> }> } }>(api.app, DEEP, { slug });
    expect(res.errors).toBeUndefined();
    const claims = res.data!.story.facts.flatMap((f) => f.readings.flatMap((r) => r.claims)).length;
    return { statements, claims };
  }

  it("runs the same number of SQL statements for a story of 5 articles and one of 50", async () => {
    const five = await cost("five");
    const fifty = await cost("fifty");
    expect(fifty.claims).toBeGreaterThanOrEqual(9 * five.claims);
    expect(five.statements).toBeGreaterThan(0);
    expect(fifty.statements).toBe(five.statements);
    // story, facts, claims: the claims statement brings their articles and outlets along.
    expect(five.statements).toBeLessThanOrEqual(3);
  });

  it("answers the desk's conflicts view (readings, claims, origins) in one statement, at any story size", async () => {
    const view = `query($slug: String!) {
      conflicts(storySlug: $slug) { key readings { label claims { id text article { headline origin { name } host { name } } } } }
    }`;
    for (const slug of ["five", "fifty"]) {
      statements = 0;
      const res = await gql<{
        conflicts: Array<{ readings: Array<{ claims: Array<{ article: { headline: string; origin: { name: string } } }> }> }>;
      }>(api.app, view, { slug });
      expect(res.errors).toBeUndefined();
      const claims = res.data!.conflicts.flatMap((fact) => fact.readings.flatMap((reading) => reading.claims));
      expect(claims.length).toBeGreaterThan(0);
      expect(claims.every((claim) => claim.article.headline && claim.article.origin.name)).toBe(true);
      expect(statements).toBe(1);
    }
  });

  it("reads article bodies, when asked for, in one more statement for all of them", async () => {
    const view = `query($slug: String!) { conflicts(storySlug: $slug) { readings { claims { article { id body } } } } }`;
    for (const slug of ["five", "fifty"]) {
      statements = 0;
      const res = await gql<{ conflicts: Array<{ readings: Array<{ claims: Array<{ article: { id: string; body: string } }> }> }> }>(
        api.app,
        view,
        { slug },
      );
      expect(res.errors).toBeUndefined();
      expect(statements).toBe(2);
      const articles = res.data!.conflicts.flatMap((fact) =>
        fact.readings.flatMap((reading) => reading.claims.map((claim) => claim.article)),
      );
      expect(articles.length).toBeGreaterThan(0);
      const stored = await prisma.article.findMany({ where: { id: { in: articles.map((article) => Number(article.id)) } } });
      const bodies = new Map(stored.map((article) => [String(article.id), article.body]));
      for (const article of articles) expect(article.body).toBe(bodies.get(article.id));
    }
  });

  it("allows configured origins and refuses others (CORS)", async () => {
    const allowed = await request(api.app)
      .options("/graphql")
      .set("origin", "http://localhost:3000")
      .set("access-control-request-method", "POST");
    expect(allowed.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
    const refused = await request(api.app)
      .options("/graphql")
      .set("origin", "https://evil.example")
      .set("access-control-request-method", "POST");
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("keeps Apollo's CSRF prevention: a simple cross-site GET is refused", async () => {
    const res = await request(api.app).get("/graphql").query({ query: "{ stories { slug } }" });
    expect(res.status).toBe(400);
    const ok = await request(api.app).get("/graphql").set("apollo-require-preflight", "true").query({ query: "{ stories { slug } }" });
    expect(ok.status).toBe(200);
  });
});
