import request from "supertest";
import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { seed } from "../../src/ingest/seed";
import { testPrisma, truncateAll } from "../helpers/db";
import { gql, testApp } from "../helpers/http";

const quiet = () => undefined;

describe("foundation: the API on real Postgres", () => {
  let prisma: Database;
  let api: CrosscheckApp;

  beforeAll(async () => {
    prisma = testPrisma();
    api = await testApp(prisma);
  });
  beforeEach(() => truncateAll(prisma));
  afterAll(async () => {
    await api.stop();
    await prisma.$disconnect();
  });

  it("answers /healthz with 200 while the database answers", async () => {
    const res = await request(api.app).get("/healthz");
    expect(res.status).toBe(200);
    expect(res.body.database).toBe("up");
  });

  it("serves the seed story with its five articles, each with origin and host", async () => {
    await seed(prisma, quiet);
    const res = await gql<{
      stories: Array<{
        slug: string;
        articles: Array<{ headline: string; origin: { name: string; slug: string }; host: { name: string } }>;
      }>;
    }>(api.app, "{ stories { slug articles { headline origin { name slug } host { name } } } }");
    expect(res.errors).toBeUndefined();
    expect(res.data!.stories).toHaveLength(1);
    const [story] = res.data!.stories;
    expect(story.slug).toBe("baghdad-talks-2007");
    expect(story.articles).toHaveLength(5);
    expect(story.articles.map((a) => a.origin.slug).sort()).toEqual(["afp", "cnn", "dpa", "reuters", "reuters"]);
    for (const article of story.articles) {
      expect(article.headline.length).toBeGreaterThan(10);
      expect(article.host.name.length).toBeGreaterThan(1);
    }
  });

  it("loads the seeds a second time without duplicating anything", async () => {
    await seed(prisma, quiet);
    const counts = async () =>
      Promise.all([prisma.story.count(), prisma.article.count(), prisma.outlet.count(), prisma.fact.count(), prisma.claim.count()]);
    const first = await counts();
    await seed(prisma, quiet);
    expect(await counts()).toEqual(first);
    expect(first[1]).toBe(5);
  });

  it("serves the editorial desk at / under a strict Content-Security-Policy", async () => {
    const res = await request(api.app).get("/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.text).toContain("desk.js");
  });

  it("returns null, not an error, for an unknown story slug", async () => {
    const res = await gql(api.app, '{ story(slug: "no-such-story") { slug } }');
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ story: null });
  });

  it("answers a malformed query with 400 and a GraphQL error", async () => {
    const res = await gql(api.app, "{ stories { slug ");
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("answers a query for a field that does not exist with 400 and a validation error", async () => {
    const res = await gql(api.app, "{ stories { nonsense } }");
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("serves outlets and one article by id", async () => {
    await seed(prisma, quiet);
    const article = await prisma.article.findFirstOrThrow({ where: { origin: { slug: "afp" } } });
    const res = await gql<{
      article: { headline: string; body: string; origin: { slug: string } };
      outlets: Array<{ slug: string; kind: string }>;
    }>(api.app, "query($id: ID!) { article(id: $id) { headline body origin { slug } } outlets { slug kind } }", { id: String(article.id) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.article.origin.slug).toBe("afp");
    expect(res.data!.article.body).toBe(article.body);
    expect(res.data!.outlets.map((o) => o.slug)).toEqual(expect.arrayContaining(["afp", "reuters", "cnn", "dpa"]));
  });
});
