import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { databaseFingerprint, factByKey, reviewerToken } from "../helpers/fixtures";
import { gql } from "../helpers/http";
import { useSeededApi } from "../helpers/suite";

const RECORD = `mutation($input: RecordVerdictInput!) {
  recordVerdict(input: $input) { id rationale retracted trustedClaim { id rank } reviewer { name } fact { version currentVerdict { id } } }
}`;
const FACT = `query($id: ID!) {
  fact(id: $id) {
    version agreement
    readings { label lower upper independentSources claims { id rank article { origin { slug } } } }
    currentVerdict { id } verdicts { id retracted }
    claimReview
  }
  outlets { slug trust { upheld overruled score } }
}`;

type FactView = {
  fact: {
    version: number;
    agreement: string;
    readings: Array<{
      label: string;
      lower: number;
      upper: number;
      independentSources: number;
      claims: Array<{ id: string; rank: string; article: { origin: { slug: string } } }>;
    }>;
    currentVerdict: { id: string } | null;
    verdicts: Array<{ id: string; retracted: boolean }>;
    claimReview: {
      "@type": string;
      claimReviewed: string;
      reviewRating: { alternateName: string; ratingExplanation: string };
      itemReviewed: { appearance: Array<{ headline: string }> };
    } | null;
  };
  outlets: Array<{ slug: string; trust: { upheld: number; overruled: number; score: number | null } }>;
};

describe("verdicts", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  let reviewer: { id: number; token: string };

  const suite = useSeededApi();
  beforeAll(() => {
    ({ prisma, api } = suite);
  });
  beforeEach(async () => {
    reviewer = await reviewerToken(prisma, "REVIEWER");
  });

  async function killedFact() {
    const fact = await factByKey(prisma, "bombing.killed");
    const trusted = fact.claims.find((claim) => claim.value === 24)!;
    const other = fact.claims.find((claim) => claim.value === 19)!;
    expect(trusted).toBeDefined();
    expect(other).toBeDefined();
    return { fact, trusted, other };
  }

  it("records a verdict and changes ranks, trust and claimReview", async () => {
    const { fact, trusted, other } = await killedFact();
    const before = await gql<FactView>(api.app, FACT, { id: String(fact.id) });
    expect(before.errors).toBeUndefined();
    expect(before.data!.fact.agreement).toBe("CONFLICT");
    expect(before.data!.fact.claimReview).toBeNull();
    expect(before.data!.fact.readings.flatMap((r) => r.claims).every((c) => c.rank === "NORMAL")).toBe(true);
    expect(before.data!.outlets.find((o) => o.slug === "reuters")!.trust.score).toBeNull();

    const rationale = "The later Reuters version and hospital sources give 24.";
    const res = await gql<{
      recordVerdict: { id: string; rationale: string; trustedClaim: { id: string; rank: string }; fact: { version: number } };
    }>(
      api.app,
      RECORD,
      { input: { factId: String(fact.id), trustedClaimId: String(trusted.id), rationale, expectedVersion: fact.version } },
      reviewer.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordVerdict.trustedClaim).toEqual({ id: String(trusted.id), rank: "PREFERRED" });
    expect(res.data!.recordVerdict.fact.version).toBe(fact.version + 1);

    const after = await gql<FactView>(api.app, FACT, { id: String(fact.id) });
    const claims = after.data!.fact.readings.flatMap((r) => r.claims);
    expect(claims.find((c) => c.id === String(trusted.id))!.rank).toBe("PREFERRED");
    expect(claims.find((c) => c.id === String(other.id))!.rank).toBe("DEPRECATED");
    expect(after.data!.fact.currentVerdict).toEqual({ id: res.data!.recordVerdict.id });

    // Both claims are Reuters (one via an aggregator copy of an earlier version): one upheld, one overruled.
    const reuters = after.data!.outlets.find((o) => o.slug === "reuters")!.trust;
    expect(reuters).toEqual({ upheld: 1, overruled: 1, score: 0.5 });

    const review = after.data!.fact.claimReview!;
    expect(review["@type"]).toBe("ClaimReview");
    expect(review.claimReviewed.length).toBeLessThan(75);
    expect(review.reviewRating.alternateName).toContain("24");
    expect(review.reviewRating.ratingExplanation).toBe(rationale);
    const articles = new Set(fact.claims.map((claim) => claim.articleId));
    expect(articles.size).toBe(2);
    expect(review.itemReviewed.appearance).toHaveLength(articles.size);
    expect(review.itemReviewed.appearance.map((a: { headline: string }) => a.headline).every(Boolean)).toBe(true);

    const audit = await prisma.auditEvent.findMany({ where: { action: "verdict.record" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe(`reviewer:${reviewer.id}`);
  });

  it("rejects a stale expectedVersion with CONFLICT and writes nothing", async () => {
    const { fact, trusted } = await killedFact();
    const first = await gql(
      api.app,
      RECORD,
      { input: { factId: String(fact.id), trustedClaimId: String(trusted.id), rationale: "first", expectedVersion: fact.version } },
      reviewer.token,
    );
    expect(first.errors).toBeUndefined();
    const fingerprint = await databaseFingerprint(prisma);
    const stale = await gql(
      api.app,
      RECORD,
      { input: { factId: String(fact.id), trustedClaimId: String(trusted.id), rationale: "second", expectedVersion: fact.version } },
      reviewer.token,
    );
    expect(stale.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(await databaseFingerprint(prisma)).toBe(fingerprint);
  });

  it("lets exactly one of 20 racing verdicts with the same expectedVersion through", async () => {
    const { fact, trusted, other } = await killedFact();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gql(
          api.app,
          RECORD,
          {
            input: {
              factId: String(fact.id),
              trustedClaimId: String(i % 2 ? trusted.id : other.id),
              rationale: `racer ${i}`,
              expectedVersion: fact.version,
            },
          },
          reviewer.token,
        ),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    const conflicts = results.filter((r) => r.errors?.[0].extensions?.code === "CONFLICT");
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    expect(await prisma.verdict.count()).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "verdict.record" } })).toBe(1);
    expect((await prisma.fact.findUniqueOrThrow({ where: { id: fact.id } })).version).toBe(fact.version + 1);
  });

  it("retracts: a new entry, the original never updated, history newest first", async () => {
    const { fact, trusted } = await killedFact();
    const recorded = await gql<{ recordVerdict: { id: string } }>(
      api.app,
      RECORD,
      { input: { factId: String(fact.id), trustedClaimId: String(trusted.id), rationale: "r", expectedVersion: fact.version } },
      reviewer.token,
    );
    const id = recorded.data!.recordVerdict.id;
    const original = await prisma.verdict.findUniqueOrThrow({ where: { id: Number(id) } });
    const res = await gql<{ retractVerdict: { id: string; retracted: boolean } }>(
      api.app,
      'mutation($id: ID!) { retractVerdict(id: $id, reason: "Wrong article version") { id retracted } }',
      { id },
      reviewer.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.retractVerdict).toEqual({ id, retracted: true });
    expect(await prisma.verdict.findUniqueOrThrow({ where: { id: Number(id) } })).toEqual(original);

    const view = await gql<FactView>(api.app, FACT, { id: String(fact.id) });
    expect(view.data!.fact.currentVerdict).toBeNull();
    expect(view.data!.fact.claimReview).toBeNull();
    expect(view.data!.fact.verdicts).toHaveLength(2);
    expect(view.data!.fact.verdicts[1]).toEqual({ id, retracted: true });
    expect(view.data!.fact.readings.flatMap((r) => r.claims).every((c) => c.rank === "NORMAL")).toBe(true);

    const again = await gql(api.app, 'mutation($id: ID!) { retractVerdict(id: $id, reason: "again") { id } }', { id }, reviewer.token);
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");
  });

  it("refuses to update or delete a verdict at the database level", async () => {
    const { fact, trusted } = await killedFact();
    await gql(
      api.app,
      RECORD,
      { input: { factId: String(fact.id), trustedClaimId: String(trusted.id), rationale: "r", expectedVersion: fact.version } },
      reviewer.token,
    );
    await expect(prisma.$executeRawUnsafe('UPDATE "Verdict" SET rationale = $1', "edited")).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('DELETE FROM "Verdict"')).rejects.toThrow(/append-only/);
  });

  it("validates the rationale and the trusted claim, naming the field", async () => {
    const { fact, trusted } = await killedFact();
    const wounded = await factByKey(prisma, "bombing.wounded");
    const fingerprint = await databaseFingerprint(prisma);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ rationale: "   " }, "BAD_USER_INPUT", "rationale"],
      [{ rationale: "x".repeat(5001) }, "BAD_USER_INPUT", "rationale"],
      [{ trustedClaimId: String(wounded.claims[0].id) }, "BAD_USER_INPUT", "trustedClaimId"],
      [{ trustedClaimId: "999999" }, "NOT_FOUND", "trustedClaimId"],
      [{ factId: "999999" }, "NOT_FOUND", "factId"],
      [{ factId: "abc" }, "BAD_USER_INPUT", "factId"],
      [{ expectedVersion: -1 }, "BAD_USER_INPUT", "expectedVersion"],
    ];
    for (const [override, code, field] of cases) {
      const input = {
        factId: String(fact.id),
        trustedClaimId: String(trusted.id),
        rationale: "ok",
        expectedVersion: fact.version,
        ...override,
      };
      const res = await gql(api.app, RECORD, { input }, reviewer.token);
      expect({ override: Object.keys(override), code: res.errors?.[0].extensions?.code, field: res.errors?.[0].extensions?.field }).toEqual(
        { override: Object.keys(override), code, field },
      );
    }
    expect(await databaseFingerprint(prisma)).toBe(fingerprint);
    // The limit is inclusive: exactly 5,000 characters is accepted.
    const ok = await gql(
      api.app,
      RECORD,
      {
        input: { factId: String(fact.id), trustedClaimId: String(trusted.id), rationale: "x".repeat(5000), expectedVersion: fact.version },
      },
      reviewer.token,
    );
    expect(ok.errors).toBeUndefined();
  });
});
