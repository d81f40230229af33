/**
 * Accounts that can be taken away (issue 16.4) and authorization declared with @Authorized (16.5).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, type GraphQLInputType } from "graphql";
import { crosscheckSchema } from "../../src/schema";
import { createReviewer } from "../../src/reviewer/reviewer.service";
import { testApp, gql } from "../helpers/http";
import { reviewerToken } from "../helpers/fixtures";
import { useSeededApi } from "../helpers/suite";

const ME = "{ me { id name role expiresAt revokedAt lastUsedAt } }";
const ROOT = path.join(__dirname, "..", "..");

describe("reviewer accounts", () => {
  const suite = useSeededApi();

  it("new tokens expire after 90 days by default; an expired token is UNAUTHENTICATED saying so", async () => {
    const { reviewer, token } = await createReviewer(suite.prisma, "Exp Iring", "REVIEWER");
    const days = (reviewer.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const me = await gql<{ me: { lastUsedAt: string | null; role: string } }>(suite.api.app, ME, {}, token);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.role).toBe("REVIEWER");
    expect(me.data!.me.lastUsedAt).not.toBeNull();

    await suite.prisma.reviewer.update({ where: { id: reviewer.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await gql(suite.api.app, ME, {}, token);
    expect(expired.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(expired.errors?.[0].message).toMatch(/expired/);
  });

  it("the CLI revokes, rotates and lists; revoked and rotated-away tokens are UNAUTHENTICATED", async () => {
    const env = { ...process.env };
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "src/reviewer/cli.ts", ...args], {
        cwd: ROOT,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    let run: (...args: string[]) => string;
    try {
      require.resolve("ts-node/register/transpile-only");
      run = cli;
    } catch {
      // No ts-node: drive the built CLI (npm test builds nothing, so build it for this test).
      execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "ignore" });
      run = (...args) =>
        execFileSync(process.execPath, ["dist/src/reviewer/cli.js", ...args], {
          cwd: ROOT,
          env,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        });
    }
    const added = run("add", "Cli Person", "--role", "REVIEWER", "--expires", "30d").trim().split("\n");
    const token = added[added.length - 1];
    expect(token).toMatch(/^cc_/);
    const id = /reviewer (\d+)/.exec(added[0])![1];
    const reviewer = await suite.prisma.reviewer.findUniqueOrThrow({ where: { id: Number(id) } });
    expect(Math.round((reviewer.expiresAt!.getTime() - Date.now()) / 86_400_000)).toBe(30);
    expect((await gql(suite.api.app, ME, {}, token)).errors).toBeUndefined();

    const rotated = run("rotate", id).trim().split("\n");
    const fresh = rotated[rotated.length - 1];
    expect(fresh).not.toBe(token);
    expect((await gql(suite.api.app, ME, {}, token)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await gql(suite.api.app, ME, {}, fresh)).errors).toBeUndefined();

    run("revoke", id);
    const revoked = await gql(suite.api.app, ME, {}, fresh);
    expect(revoked.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(revoked.errors?.[0].message).toMatch(/revoked/);
    const listed = run("list");
    expect(listed).toMatch(
      new RegExp(
        `^\\s*${id}\\s+REVIEWER\\s+revoked\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+\\d{4}-`,
        "m",
      ),
    );
    const events = await suite.prisma.auditEvent.findMany({ where: { subjectType: "Reviewer", subjectId: id }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["reviewer.create", "reviewer.rotate", "reviewer.revoke"]);
    expect(JSON.stringify(events)).not.toContain(token.slice(3));
  }, 120_000);

  it("ADMIN mutations create, rotate and revoke, with audit events; others may not", async () => {
    const admin = await reviewerToken(suite.prisma, "ADMIN");
    const viewer = await reviewerToken(suite.prisma, "VIEWER");
    const created = await gql<{ createReviewer: { token: string; reviewer: { id: string; expiresAt: string } } }>(
      suite.api.app,
      `mutation { createReviewer(input: { name: "Desk Hand", role: REVIEWER, expiresInDays: 7 }) { token reviewer { id expiresAt } } }`,
      {},
      admin.token,
    );
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createReviewer.reviewer;
    expect(Math.round((Date.parse(created.data!.createReviewer.reviewer.expiresAt) - Date.now()) / 86_400_000)).toBe(7);
    const rotated = await gql<{ rotateReviewerToken: { token: string } }>(
      suite.api.app,
      `mutation($id: ID!) { rotateReviewerToken(id: $id) { token } }`,
      { id },
      admin.token,
    );
    expect(rotated.errors).toBeUndefined();
    expect((await gql(suite.api.app, ME, {}, created.data!.createReviewer.token)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const refused = await gql(suite.api.app, `mutation($id: ID!) { revokeReviewer(id: $id) { id } }`, { id }, viewer.token);
    expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const revoked = await gql<{ revokeReviewer: { revokedAt: string } }>(
      suite.api.app,
      `mutation($id: ID!) { revokeReviewer(id: $id) { revokedAt } }`,
      { id },
      admin.token,
    );
    expect(revoked.data!.revokeReviewer.revokedAt).toBeTruthy();
    expect((await gql(suite.api.app, ME, {}, rotated.data!.rotateReviewerToken.token)).errors?.[0].message).toMatch(/revoked/);
    const actions = (
      await suite.prisma.auditEvent.findMany({ where: { subjectType: "Reviewer", subjectId: id }, orderBy: { id: "asc" } })
    ).map((event) => [event.actor, event.action]);
    expect(actions).toEqual([
      [`reviewer:${admin.id}`, "reviewer.create"],
      [`reviewer:${admin.id}`, "reviewer.rotate"],
      [`reviewer:${admin.id}`, "reviewer.revoke"],
    ]);
  });

  it("the demo reviewer is refused in production", async () => {
    const { token } = await createReviewer(suite.prisma, "Demo reviewer", "REVIEWER", { demo: true, expiresInDays: null });
    expect((await gql(suite.api.app, ME, {}, token)).errors).toBeUndefined();
    const production = await testApp(suite.prisma, { production: true });
    try {
      const refused = await gql(production.app, ME, {}, token);
      expect(refused.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(refused.errors?.[0].message).toMatch(/demo/i);
    } finally {
      await production.stop();
    }
  });

  it("roles are shown to authenticated callers only", async () => {
    const viewer = await reviewerToken(suite.prisma, "VIEWER");
    const reviewer = await reviewerToken(suite.prisma, "REVIEWER");
    const fact = await suite.prisma.fact.findFirstOrThrow({ include: { claims: true } });
    await gql(
      suite.api.app,
      `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`,
      {
        input: { factId: String(fact.id), trustedClaimId: String(fact.claims[0].id), expectedVersion: fact.version, rationale: "Test." },
      },
      reviewer.token,
    );
    const query = `query($id: ID!) { fact(id: $id) { verdicts { reviewer { name role expiresAt } } } }`;
    const anonymous = await gql(suite.api.app, query, { id: String(fact.id) });
    expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect(JSON.stringify(anonymous.data)).not.toContain("REVIEWER");
    const signedIn = await gql<{ fact: { verdicts: Array<{ reviewer: { role: string; expiresAt: string | null } }> } }>(
      suite.api.app,
      query,
      { id: String(fact.id) },
      viewer.token,
    );
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.fact.verdicts[0].reviewer).toEqual({ name: "reviewer tester", role: "REVIEWER", expiresAt: null });
  });
});

/** Mutations any caller may send on purpose. None today: every write needs a token. */
const PUBLIC_MUTATIONS: string[] = [];

describe("authorization is declared on every mutation", () => {
  const suite = useSeededApi();

  function sample(type: GraphQLInputType): unknown {
    if (isNonNullType(type)) return sample(type.ofType);
    if (isListType(type)) return [];
    if (isEnumType(type)) return type.getValues()[0].name;
    if (isInputObjectType(type)) {
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((field) => isNonNullType(field.type))
          .map((field) => [field.name, sample(field.type)]),
      );
    }
    return { Int: 1, Float: 1, Boolean: true, ID: "1", String: "x", JSON: {} }[type.name] ?? "x";
  }

  it("refuses an anonymous caller and a VIEWER on each mutation of the built schema", async () => {
    const schema = await crosscheckSchema();
    const viewer = await reviewerToken(suite.prisma, "VIEWER");
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => !PUBLIC_MUTATIONS.includes(field.name));
    expect(mutations.length).toBeGreaterThanOrEqual(6);
    const outcomes: Record<string, string[]> = {};
    for (const field of mutations) {
      const params = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
      const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
      const selection = isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
      const query = `mutation${params ? `(${params})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
      const variables = Object.fromEntries(field.args.map((arg) => [arg.name, sample(arg.type)]));
      const anonymous = await gql(suite.api.app, query, variables);
      const asViewer = await gql(suite.api.app, query, variables, viewer.token);
      outcomes[field.name] = [String(anonymous.errors?.[0]?.extensions?.code), String(asViewer.errors?.[0]?.extensions?.code)];
    }
    expect(outcomes).toEqual(Object.fromEntries(mutations.map((field) => [field.name, ["UNAUTHENTICATED", "FORBIDDEN"]])));
  });
});
