/**
 * DATABASE_REPLICA_URLS through @prisma/extension-read-replicas on the pg driver adapter. The
 * "replica" here is a second database with the same schema and different rows, so where each read
 * went is visible: queries read the replica, a mutation (its caller, its checks) the primary.
 */
import { randomUUID } from "node:crypto";
import type { CrosscheckApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { migrate } from "../../src/database";
import { createPrisma, type Database } from "../../src/db";
import { withReadReplicas } from "../../src/replicas";
import { asOwner, ownerDatabaseUrl, testPrisma, truncateAll } from "../helpers/db";
import { factByKey, reviewerToken, seedStory } from "../helpers/fixtures";
import { gql, testApp } from "../helpers/http";

jest.setTimeout(120_000);

describe("read replicas (DATABASE_REPLICA_URLS)", () => {
  const primary = testPrisma();
  const replicaName = `crosscheck_replica_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const replicaUrl = (() => {
    const url = new URL(ownerDatabaseUrl());
    url.pathname = `/${replicaName}`;
    return url.toString();
  })();
  let replica: Database;
  let routed: Database;
  let api: CrosscheckApp;

  beforeAll(async () => {
    await asOwner(`CREATE DATABASE "${replicaName}"`);
    await migrate(replicaUrl);
    replica = createPrisma(replicaUrl, loadConfig());
    const config = { ...loadConfig(), replicaUrls: [replicaUrl] };
    routed = withReadReplicas(primary, config);
    api = await testApp(routed, { replicaUrls: [replicaUrl] });
    await truncateAll(primary);
    await seedStory(primary);
    await replica.story.create({ data: { slug: "only-on-the-replica", title: "A row the primary does not have" } });
  });
  afterAll(async () => {
    await api.stop();
    await routed.$disconnect();
    await replica.$disconnect();
    await asOwner(`DROP DATABASE IF EXISTS "${replicaName}" WITH (FORCE)`);
    await primary.$disconnect();
  });

  it("serves queries from a replica", async () => {
    const result = await gql<{ stories: Array<{ slug: string }> }>(api.app, `{ stories { slug } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.stories.map((story) => story.slug)).toEqual(["only-on-the-replica"]);
  });

  it("serves the desk's main query from a replica too: the conflicts statement and the loaders' SQL", async () => {
    // The replica holds the seed story as well, with one fact's label and every outlet's name
    // changed, so each statement of the query shows which database answered it.
    await seedStory(replica);
    const conflict = await replica.fact.findFirstOrThrow({
      where: { story: { slug: "baghdad-talks-2007" }, agreement: "CONFLICT" },
      orderBy: { id: "asc" },
    });
    await replica.fact.update({ where: { id: conflict.id }, data: { label: "Read from the replica" } });
    await replica.$executeRawUnsafe(`UPDATE "Outlet" SET name = name || ' (replica)'`);
    try {
      const result = await gql<{
        conflicts: Array<{ label: string; readings: Array<{ claims: Array<{ article: { origin: { name: string } } }> }> }>;
      }>(api.app, `{ conflicts(storySlug: "baghdad-talks-2007") { label readings { claims { article { origin { name } } } } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data!.conflicts.map((fact) => fact.label)).toContain("Read from the replica");
      const origins = result.data!.conflicts.flatMap((fact) =>
        fact.readings.flatMap((reading) => reading.claims.map((claim) => claim.article.origin.name)),
      );
      expect(origins.length).toBeGreaterThan(0);
      expect(origins.filter((name) => !name.endsWith(" (replica)"))).toEqual([]);
    } finally {
      await asOwner(`TRUNCATE "AuditEvent", "Verdict", "Claim", "Fact", "Article", "Story", "Outlet" RESTART IDENTITY CASCADE`, replicaUrl);
      await replica.story.create({ data: { slug: "only-on-the-replica", title: "A row the primary does not have" } });
    }
  });

  it("runs a mutation, its caller lookup and its expectedVersion check on the primary", async () => {
    // The token and the fact exist only on the primary: read from the replica, this would fail.
    const { token } = await reviewerToken(primary, "REVIEWER");
    const fact = await factByKey(primary, "bombing.killed");
    const result = await gql<{ recordVerdict: { fact: { version: number } } }>(
      api.app,
      `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { fact { version } } }`,
      {
        input: {
          factId: String(fact.id),
          trustedClaimId: String(fact.claims[0].id),
          expectedVersion: fact.version,
          rationale: "On the primary.",
        },
      },
      token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordVerdict.fact.version).toBe(fact.version + 1);
    const stale = await gql(
      api.app,
      `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`,
      { input: { factId: String(fact.id), trustedClaimId: String(fact.claims[0].id), expectedVersion: fact.version, rationale: "Stale." } },
      token,
    );
    expect(stale.errors?.[0].extensions?.code).toBe("CONFLICT");
  });
});
