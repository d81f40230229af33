/**
 * No user action gives INTERNAL_SERVER_ERROR (issue 16.3): the races, numbers, cursors and
 * variables that used to, and a schema-driven fuzz run over every argument of the built schema.
 */
import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import request from "supertest";
import { crosscheckSchema } from "../../src/schema";
import { databaseFingerprint, factByKey, reviewerToken } from "../helpers/fixtures";
import { gql, type GraphQLResponse } from "../helpers/http";
import { useSeededApi } from "../helpers/suite";

const RETRACT = `mutation($id: ID!, $reason: String!) { retractVerdict(id: $id, reason: $reason) { id retracted } }`;
const ADD_CLAIM = `mutation($input: AddClaimInput!) { addClaim(input: $input) { id value lower upper } }`;

function codes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}

describe("no user action gives INTERNAL_SERVER_ERROR", () => {
  const suite = useSeededApi();

  async function verdictOnKilled(token: string): Promise<string> {
    const fact = await factByKey(suite.prisma, "bombing.killed");
    const trusted = fact.claims.find((claim) => claim.value === 24)!;
    const recorded = await gql<{ recordVerdict: { id: string } }>(
      suite.api.app,
      `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`,
      {
        input: {
          factId: String(fact.id),
          trustedClaimId: String(trusted.id),
          expectedVersion: fact.version,
          rationale: "The later version.",
        },
      },
      token,
    );
    expect(recorded.errors).toBeUndefined();
    return recorded.data!.recordVerdict.id;
  }

  it("20 concurrent retractions of one verdict: 1 ok, 19 CONFLICT", async () => {
    const { token } = await reviewerToken(suite.prisma, "REVIEWER");
    const id = await verdictOnKilled(token);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gql(suite.api.app, RETRACT, { id, reason: `Withdrawn ${i}.` }, token)),
    );
    const outcomes = results.map((result) => (result.errors ? codes(result).join(",") : "ok"));
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "CONFLICT")).toHaveLength(19);
    expect(await suite.prisma.verdict.count({ where: { retractsId: Number(id) } })).toBe(1);
  });

  it("10 concurrent verdicts with one expectedVersion: 1 ok, 9 CONFLICT", async () => {
    const { token } = await reviewerToken(suite.prisma, "REVIEWER");
    const fact = await factByKey(suite.prisma, "bombing.killed");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gql(
          suite.api.app,
          `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`,
          {
            input: {
              factId: String(fact.id),
              trustedClaimId: String(fact.claims[0].id),
              expectedVersion: fact.version,
              rationale: `Race ${i}.`,
            },
          },
          token,
        ),
      ),
    );
    const outcomes = results.map((result) => (result.errors ? codes(result).join(",") : "ok"));
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "CONFLICT")).toHaveLength(9);
  });

  it("cursors past 2^31 are bad input", async () => {
    const { token } = await reviewerToken(suite.prisma, "ADMIN");
    const after = Buffer.from("cursor:2147483648").toString("base64url");
    const articles = await gql(
      suite.api.app,
      `query($after: String) { story(slug: "baghdad-talks-2007") { articlesConnection(first: 2, after: $after) { totalCount } } }`,
      { after },
    );
    expect(codes(articles)).toEqual(["BAD_USER_INPUT"]);
    const log = await gql(
      suite.api.app,
      `query($after: String) { auditLog(first: 2, after: $after) { totalCount } }`,
      { after: Buffer.from("cursor:9999999999").toString("base64url") },
      token,
    );
    expect(codes(log)).toEqual(["BAD_USER_INPUT"]);
  });

  it("figures out of range are refused and nothing is stored; small and large figures keep their interval", async () => {
    const { token } = await reviewerToken(suite.prisma, "REVIEWER");
    const fact = await factByKey(suite.prisma, "bombing.killed");
    const article = await suite.prisma.article.findFirstOrThrow({ where: { storyId: fact.storyId } });
    const base = { articleId: String(article.id), factId: String(fact.id), start: 0, end: 5, hedge: "APPROXIMATE" };
    const before = await databaseFingerprint(suite.prisma);
    for (const value of [1.7976931348623157e308, 1.7e308, 5e-324, 1e-7, 2e15]) {
      const result = await gql(suite.api.app, ADD_CLAIM, { input: { ...base, value } }, token);
      expect({ value, codes: codes(result) }).toEqual({ value, codes: ["BAD_USER_INPUT"] });
      expect(result.errors![0].extensions?.field).toBe("value");
    }
    const range = await gql(suite.api.app, ADD_CLAIM, { input: { ...base, hedge: "RANGE", lower: 1, upper: 1e300 } }, token);
    expect(codes(range)).toEqual(["BAD_USER_INPUT"]);
    expect(await databaseFingerprint(suite.prisma)).toBe(before);

    const small = await gql<{ addClaim: { value: number; lower: number; upper: number } }>(
      suite.api.app,
      ADD_CLAIM,
      { input: { ...base, value: 0.001 } },
      token,
    );
    expect(small.errors).toBeUndefined();
    expect(small.data!.addClaim.lower).toBeGreaterThan(0);
    expect(small.data!.addClaim.upper).toBeGreaterThan(small.data!.addClaim.lower);
    const large = await gql<{ addClaim: { value: number; lower: number; upper: number } }>(
      suite.api.app,
      ADD_CLAIM,
      { input: { ...base, start: 1, end: 6, value: 1e15 } },
      token,
    );
    expect(large.errors).toBeUndefined();
    expect(large.data!.addClaim.upper).toBe(1.1e15);
  });

  it("variables nested 45,000 arrays deep are refused as bad input", async () => {
    const depth = 45_000;
    const body = `{"query":"query($slug: String!) { story(slug: $slug) { id } }","variables":{"slug":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
    const res = await request(suite.api.app).post("/graphql").set("content-type", "application/json").send(body);
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unused = `{"query":"{ stories { id } }","variables":{"x":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}}`;
    const second = await request(suite.api.app).post("/graphql").set("content-type", "application/json").send(unused);
    expect(second.status).toBeLessThan(500);
    expect(second.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  describe("schema-driven fuzz", () => {
    const HOSTILE_STRINGS = [
      "",
      " ",
      "0",
      "-1",
      "1e5",
      "2147483648",
      "99999999999",
      "cursor:1",
      Buffer.from("cursor:4294967296").toString("base64url"),
      "\u0000",
      "\u202e",
      "\ud800",
      "x".repeat(6000),
      '\'; DROP TABLE "Verdict"; --',
      "🙂".repeat(50),
    ];
    const HOSTILE_NUMBERS = [0, -0, -1, 1, 2147483647, -2147483648, 1.7976931348623157e308, 5e-324, 1e15, 1e16, 0.5, 1e-7];
    let ids: string[] = [];

    function stringValue(): fc.Arbitrary<string> {
      return fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.constantFrom(...ids));
    }

    function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
      if (isNonNullType(type)) return valueFor(type.ofType, depth);
      const inner = ((): fc.Arbitrary<unknown> => {
        if (isListType(type)) return fc.array(valueFor(type.ofType, depth + 1), { maxLength: 3 });
        if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((value) => value.name)));
        if (isInputObjectType(type)) {
          const fields = Object.values(type.getFields());
          if (depth > 3) return fc.constant({});
          return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, depth + 1)])), {
            requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
          });
        }
        switch (type.name) {
          case "Int":
            return fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS.filter(Number.isInteger)), fc.integer({ min: -5, max: 2000 }));
          case "Float":
            return fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }));
          case "Boolean":
            return fc.boolean();
          case "ID":
            return fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...HOSTILE_STRINGS));
          default:
            return stringValue();
        }
      })();
      // Nullable positions also get null, and sometimes a value of the wrong type.
      return isNonNullType(type) ? inner : fc.oneof(inner, fc.constant(null));
    }

    function operation(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): string {
      const params = field.args.map((arg: GraphQLArgument) => `$${arg.name}: ${String(arg.type)}`).join(", ");
      const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
      const selection = isObjectType(getNamedType(field.type)) ? " { __typename }" : "";
      return `${kind}${params ? `(${params})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
    }

    it("random and hostile arguments, anonymous and authenticated: never INTERNAL, failed mutations change nothing", async () => {
      const schema = await crosscheckSchema();
      const prisma = suite.prisma;
      const tokens: Array<string | undefined> = [undefined, "cc_not-a-real-token"];
      for (const role of ["VIEWER", "REVIEWER", "ADMIN"] as const) tokens.push((await reviewerToken(prisma, role)).token);
      const maxId = Math.max(await prisma.claim.count(), await prisma.fact.count(), 30);
      ids = Array.from({ length: maxId }, (_, i) => String(i + 1));
      await verdictOnKilled(tokens[3]!);

      const fields = [
        ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: "mutation" as const, field })),
        ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: "query" as const, field })),
      ];
      const cases = fc.oneof(
        ...fields.map(({ kind, field }) =>
          fc.record({
            kind: fc.constant(kind),
            field: fc.constant(field),
            variables: fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueFor(arg.type)]))),
            token: fc.constantFrom(...tokens),
          }),
        ),
      );
      const seen: string[] = [];
      const deadline = Date.now() + 60_000;
      await fc.assert(
        fc.asyncProperty(cases, async ({ kind, field, variables, token }) => {
          if (Date.now() > deadline) return;
          const before = kind === "mutation" ? await databaseFingerprint(prisma) : null;
          const result = await gql(suite.api.app, operation(kind, field), variables, token);
          const got = codes(result);
          seen.push(...got);
          if (got.includes("INTERNAL_SERVER_ERROR") || result.status >= 500) {
            throw new Error(`INTERNAL on ${field.name} ${JSON.stringify(variables).slice(0, 300)} token=${token ? "yes" : "no"}`);
          }
          if (kind === "mutation" && result.errors) expect(await databaseFingerprint(prisma)).toBe(before);
        }),
        { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 16), endOnFailure: true },
      );
      // The run reached past the validators: both refusals and resolver-level errors were seen.
      expect(seen).toContain("BAD_USER_INPUT");
      expect(seen).toContain("UNAUTHENTICATED");
    }, 120_000);
  });
});
