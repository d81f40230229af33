import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { databaseFingerprint, factByKey, reviewerToken } from "../helpers/fixtures";
import { gql } from "../helpers/http";
import { useSeededApi } from "../helpers/suite";

const ADD = `mutation($input: AddClaimInput!) { addClaim(input: $input) { id text value lower upper hedge extractedBy quote { exact start end } fact { version agreement } } }`;
const RECORD = `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`;

describe("who may do what, and addClaim", () => {
  let prisma: Database;
  let api: CrosscheckApp;

  const suite = useSeededApi();
  beforeAll(() => {
    ({ prisma, api } = suite);
  });

  async function verdictInput() {
    const fact = await factByKey(prisma, "bombing.killed");
    return { factId: String(fact.id), trustedClaimId: String(fact.claims[0].id), rationale: "because", expectedVersion: fact.version };
  }

  it("gives UNAUTHENTICATED without a token or with a bad one, FORBIDDEN to a VIEWER, and writes nothing", async () => {
    const input = await verdictInput();
    const viewer = await reviewerToken(prisma, "VIEWER");
    const fingerprint = await databaseFingerprint(prisma);
    expect((await gql(api.app, RECORD, { input })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await gql(api.app, RECORD, { input }, "cc_not-a-real-token")).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await gql(api.app, RECORD, { input }, viewer.token)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await databaseFingerprint(prisma)).toBe(fingerprint);
  });

  it("stores only a hash of each token, and me answers who the token belongs to", async () => {
    const admin = await reviewerToken(prisma, "ADMIN", "Ada Admin");
    const rows = await prisma.reviewer.findMany();
    expect(JSON.stringify(rows)).not.toContain(admin.token);
    const me = await gql<{ me: { name: string; role: string } }>(api.app, "{ me { name role } }", {}, admin.token);
    expect(me.data!.me).toEqual({ name: "Ada Admin", role: "ADMIN" });
    expect((await gql(api.app, "{ me { name } }")).data).toEqual({ me: null });
  });

  it("needs ADMIN to retract someone else's verdict", async () => {
    const author = await reviewerToken(prisma, "REVIEWER", "author");
    const colleague = await reviewerToken(prisma, "REVIEWER", "colleague");
    const admin = await reviewerToken(prisma, "ADMIN", "admin");
    const recorded = await gql<{ recordVerdict: { id: string } }>(api.app, RECORD, { input: await verdictInput() }, author.token);
    const retract = 'mutation($id: ID!) { retractVerdict(id: $id, reason: "no") { retracted } }';
    const id = recorded.data!.recordVerdict.id;
    expect((await gql(api.app, retract, { id }, colleague.token)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(
      (await gql<{ retractVerdict: { retracted: boolean } }>(api.app, retract, { id }, admin.token)).data!.retractVerdict.retracted,
    ).toBe(true);
  });

  it("keeps the audit log for ADMIN", async () => {
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    const admin = await reviewerToken(prisma, "ADMIN");
    await gql(api.app, RECORD, { input: await verdictInput() }, reviewer.token);
    const query =
      "query($after: String) { auditLog(first: 2, after: $after) { totalCount edges { node { id action actor } } pageInfo { hasNextPage endCursor } } }";
    expect((await gql(api.app, query, {}, reviewer.token)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const page = await gql<{
      auditLog: {
        totalCount: number;
        edges: Array<{ node: { id: string; action: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(api.app, query, {}, admin.token);
    expect(page.errors).toBeUndefined();
    expect(page.data!.auditLog.edges[0].node.action).toBe("verdict.record");
    expect(page.data!.auditLog.pageInfo.hasNextPage).toBe(page.data!.auditLog.totalCount > 2);
    const next = await gql<{ auditLog: { edges: Array<{ node: { id: string } }> } }>(
      api.app,
      query,
      { after: page.data!.auditLog.pageInfo.endCursor },
      admin.token,
    );
    const firstIds = page.data!.auditLog.edges.map((e) => Number(e.node.id));
    const nextIds = next.data!.auditLog.edges.map((e) => Number(e.node.id));
    expect(nextIds.length).toBeGreaterThan(0);
    expect(Math.max(...nextIds)).toBeLessThan(Math.min(...firstIds));
  });

  it("adds a claim a reviewer marked, bumps the version and recomputes agreement", async () => {
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    const fact = await factByKey(prisma, "bombing.killed");
    const article = await prisma.article.findFirstOrThrow({ where: { origin: { slug: "cnn" } } });
    // CNN does not report the toll; mark the word "Monday" as if it were one, to exercise the path.
    const start = article.body.indexOf("Monday");
    const res = await gql<{
      addClaim: {
        text: string;
        value: number;
        lower: number;
        upper: number;
        extractedBy: string;
        quote: { exact: string };
        fact: { version: number; agreement: string };
      };
    }>(
      api.app,
      ADD,
      { input: { articleId: String(article.id), factId: String(fact.id), start, end: start + 6, value: 30, hedge: "APPROXIMATE" } },
      reviewer.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.addClaim).toMatchObject({
      text: "Monday",
      value: 30,
      lower: 27,
      upper: 33,
      extractedBy: `reviewer:${reviewer.id}`,
      quote: { exact: "Monday" },
    });
    expect(res.data!.addClaim.fact.version).toBe(fact.version + 1);
    expect(res.data!.addClaim.fact.agreement).toBe("CONFLICT");
  });

  it("rejects bad addClaim input with BAD_USER_INPUT or NOT_FOUND naming the field, and writes nothing", async () => {
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    const fact = await factByKey(prisma, "bombing.killed");
    const article = await prisma.article.findFirstOrThrow({ where: { origin: { slug: "afp" } } });
    await prisma.story.create({ data: { slug: "other-story", title: "Another story" } });
    const otherFact = await prisma.fact.create({
      data: {
        storyId: (await prisma.story.findUniqueOrThrow({ where: { slug: "other-story" } })).id,
        key: "x.count",
        label: "x",
        kind: "COUNT",
      },
    });
    const base = { articleId: String(article.id), factId: String(fact.id), start: 0, end: 4, value: 5, hedge: "EXACT" };
    const len = article.body.length;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ start: len, end: len + 3 }, "BAD_USER_INPUT", "start"],
      [{ start: 10, end: len + 1 }, "BAD_USER_INPUT", "end"],
      [{ start: 10, end: 10 }, "BAD_USER_INPUT", "end"],
      [{ start: -1 }, "BAD_USER_INPUT", "start"],
      [{ value: -5 }, "BAD_USER_INPUT", "value"],
      [{ value: null }, "BAD_USER_INPUT", "value"],
      [{ lower: 1, upper: 9 }, "BAD_USER_INPUT", "lower"],
      [{ hedge: "RANGE", value: null, lower: 9, upper: 1 }, "BAD_USER_INPUT", "lower"],
      [{ factId: String(otherFact.id) }, "BAD_USER_INPUT", "factId"],
      [{ articleId: "424242" }, "NOT_FOUND", "articleId"],
      [{ factId: "424242" }, "NOT_FOUND", "factId"],
    ];
    const fingerprint = await databaseFingerprint(prisma);
    for (const [override, code, field] of cases) {
      const res = await gql(api.app, ADD, { input: { ...base, ...override } }, reviewer.token);
      expect({ override, code: res.errors?.[0].extensions?.code, field: res.errors?.[0].extensions?.field }).toEqual({
        override,
        code,
        field,
      });
    }
    expect(await databaseFingerprint(prisma)).toBe(fingerprint);
  });
});
