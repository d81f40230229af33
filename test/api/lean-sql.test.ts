/**
 * @jest-environment ./test/helpers/new-york-environment.ts
 *
 * The lean read path (rows() in src/db.ts) must hand back what Prisma's $queryRaw does for every
 * column type the schema uses, whatever the process's time zone: the loaders' rows are served as
 * they are.
 */
import { auditAll } from "../../src/audit/audit.service";
import { leanTransaction, onStatement, rows, type Database } from "../../src/db";
import { outletIds } from "../../src/ingest/load-article";
import { Prisma } from "../../src/generated/prisma/client";
import { asOwner, testPrisma, truncateAll } from "../helpers/db";
import { createLoaders } from "../../src/loaders";
import { reviewerToken, seedStory } from "../helpers/fixtures";

describe("lean read path", () => {
  let prisma: Database;

  beforeAll(async () => {
    prisma = testPrisma();
    await truncateAll(prisma);
    await seedStory(prisma);
    await reviewerToken(prisma, "REVIEWER");
    // A verdict and an audit event, so that every table the loaders read has rows.
    const claim = await prisma.claim.findFirstOrThrow({ orderBy: { id: "asc" } });
    const reviewer = await prisma.reviewer.findFirstOrThrow();
    await prisma.verdict.create({ data: { factId: claim.factId, trustedClaimId: claim.id, reviewerId: reviewer.id, rationale: "test" } });
    await prisma.auditEvent.create({
      data: { actor: "test", action: "test", subjectType: "Fact", subjectId: String(claim.factId), after: { nested: [1, "two"] } },
    });
    await prisma.article.updateMany({ data: { publishedAt: new Date("2007-05-28T09:30:15.250Z") } });
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  const tables = ["Outlet", "Story", "Article", "Fact", "Claim", "Verdict", "Reviewer", "AuditEvent"];

  it("returns the rows $queryRaw returns, with the process in New York", async () => {
    // The environment really moved the zone (pg's own parser would read timestamps as local time).
    expect(new Date(2007, 4, 28).getTimezoneOffset()).toBe(240);
    for (const table of tables) {
      const query = Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} ORDER BY id`;
      const lean = await rows<Record<string, unknown>>(prisma, query);
      const prismas = await prisma.$queryRaw<Array<Record<string, unknown>>>(query);
      expect(lean.length).toBeGreaterThan(0);
      expect(lean).toEqual(prismas);
    }
    const [article] = await rows<{ publishedAt: Date }>(prisma, Prisma.sql`SELECT "publishedAt" FROM "Article" ORDER BY id LIMIT 1`);
    expect(article.publishedAt.toISOString()).toBe("2007-05-28T09:30:15.250Z");
  });

  it("primes the loaders, from the one statement of the claims view, with the rows Prisma reads", async () => {
    const facts = await prisma.fact.findMany({ orderBy: { id: "asc" } });
    const claims = await prisma.claim.findMany({ orderBy: { id: "asc" } });
    const articles = await prisma.article.findMany({ omit: { rawText: true, body: true } });
    const outlets = await prisma.outlet.findMany();
    expect(claims.some((claim) => claim.context !== null)).toBe(true);
    let statements = 0;
    const stop = onStatement(prisma, () => statements++);
    try {
      const loaders = createLoaders(prisma);
      const read = await loaders.factsWithClaims(Prisma.sql`s.slug = ${"baghdad-talks-2007"}`, 1000);
      expect(read).toEqual(facts);
      expect(statements).toBe(1);
      for (const fact of facts) {
        expect(await loaders.claimsByFact.load(fact.id)).toEqual(claims.filter((claim) => claim.factId === fact.id));
      }
      for (const article of articles) expect(await loaders.article.load(article.id)).toEqual(article);
      const used = new Set(articles.flatMap((article) => [article.originId, article.hostId]));
      for (const outlet of outlets.filter((one) => used.has(one.id))) expect(await loaders.outlet.load(outlet.id)).toEqual(outlet);
      expect(statements).toBe(1);
      // The claims loader on its own reads the same view.
      const alone = createLoaders(prisma);
      expect(await alone.claimsByFact.loadMany(facts.map((fact) => fact.id))).toEqual(
        facts.map((fact) => claims.filter((claim) => claim.factId === fact.id)),
      );
      expect(await alone.article.load(articles[0].id)).toEqual(articles[0]);
      expect(statements).toBe(2);
    } finally {
      stop();
    }
  });

  it("writes times in UTC, whatever the zone of the process or of the session", async () => {
    const at = new Date("2007-05-28T09:30:15.250Z");
    const [read] = await leanTransaction(prisma, (tx) => tx.$queryRaw<Array<{ t: Date }>>`SELECT ${at}::timestamp(3) AS t`);
    expect(read.t.toISOString()).toBe(at.toISOString());
    // The plain-SQL writers also run inside Prisma's transactions (verdicts, single loads).
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE 'America/New_York'`);
      await auditAll(tx, [{ actor: "test", action: "zone", subjectType: "Test", subjectId: 1 }]);
      await outletIds(tx, [{ slug: "zone-test-outlet", name: "Zone Test", kind: "NEWSPAPER" }]);
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "zone" } });
    const outlet = await prisma.outlet.findUniqueOrThrow({ where: { slug: "zone-test-outlet" } });
    for (const written of [event.createdAt, outlet.createdAt]) expect(Math.abs(written.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("fails a transaction whose connection is lost, not the process, and the pool goes on", async () => {
    await expect(
      leanTransaction(prisma, async (tx) => {
        await tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`;
      }),
    ).rejects.toThrow();
    expect(await rows<{ one: number }>(prisma, Prisma.sql`SELECT 1::int AS one`)).toEqual([{ one: 1 }]);
  });

  it("does not report a transaction a failed statement aborted as committed", async () => {
    await expect(
      leanTransaction(prisma, async (tx) => {
        await tx.$queryRaw`SELECT 1 / 0`.catch(() => undefined);
        await tx.$executeRaw`INSERT INTO "Story" (slug, title) VALUES ('never-stored', 'Never')`.catch(() => undefined);
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await prisma.story.count({ where: { slug: "never-stored" } })).toBe(0);
  });

  it("is seen by onStatement, with its text and values", async () => {
    const seen: Array<{ text: string; values: unknown[] }> = [];
    const stop = onStatement(prisma, (statement) => seen.push(statement));
    await rows(prisma, Prisma.sql`SELECT id FROM "Story" WHERE slug = ${"baghdad-talks-2007"}`);
    await prisma.story.findMany();
    stop();
    await rows(prisma, Prisma.sql`SELECT 1`);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual({ text: 'SELECT id FROM "Story" WHERE slug = $1', values: ["baghdad-talks-2007"] });
    expect(seen[1].text).toMatch(/"Story"/);
  });

  it("keeps prepared statements working when a migration adds a column under a running instance", async () => {
    const story = (await prisma.story.findFirstOrThrow()).id;
    const read = () => createLoaders(prisma).story.load(story);
    // Six runs: past Postgres's switch to a generic plan for the prepared statement.
    for (let i = 0; i < 6; i++) expect(await read()).toMatchObject({ id: story });
    await asOwner('ALTER TABLE "Story" ADD COLUMN "addedByALaterMigration" text');
    try {
      expect(await read()).toMatchObject({ id: story });
      expect(await read()).not.toHaveProperty("addedByALaterMigration");
    } finally {
      await asOwner('ALTER TABLE "Story" DROP COLUMN "addedByALaterMigration"');
    }
  });
});
