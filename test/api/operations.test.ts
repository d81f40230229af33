/**
 * What operators look at (issue 16.7): JSON request logs with a request id and no secrets,
 * /metrics, and production messages that give nothing away.
 */
import { Writable } from "node:stream";
import request from "supertest";
import type { CrosscheckApp } from "../../src/app";
import { useLogStream } from "../../src/observability";
import { factByKey, reviewerToken } from "../helpers/fixtures";
import { testApp } from "../helpers/http";
import { useSeededApi } from "../helpers/suite";

describe("logs and metrics", () => {
  const suite = useSeededApi();
  const lines: string[] = [];
  let app: CrosscheckApp;
  let production: CrosscheckApp;

  beforeAll(async () => {
    useLogStream(new Writable({ write: (chunk, _encoding, done) => (lines.push(...String(chunk).split("\n").filter(Boolean)), done()) }));
    app = await testApp(suite.prisma);
    production = await testApp(suite.prisma, { production: true });
  });
  afterAll(async () => {
    await app.stop();
    await production.stop();
  });
  beforeEach(() => {
    lines.length = 0;
  });

  const post = (target: CrosscheckApp, body: object, headers: Record<string, string> = {}) =>
    request(target.app).post("/graphql").set("content-type", "application/json").set(headers).send(body);

  it("logs one JSON line per request with its id, operation, duration, reviewer, outcome and codes, and no token or rationale", async () => {
    const { id, token } = await reviewerToken(suite.prisma, "REVIEWER");
    const fact = await factByKey(suite.prisma, "bombing.killed");
    const rationale = "A rationale that must never reach the log";
    const res = await post(
      app,
      {
        query: `mutation Decide($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`,
        variables: { input: { factId: String(fact.id), trustedClaimId: String(fact.claims[0].id), expectedVersion: 99, rationale } },
      },
      { authorization: `Bearer ${token}`, "x-request-id": "desk-42" },
    );
    expect(res.body.errors[0].extensions.code).toBe("CONFLICT");
    expect(res.headers["x-request-id"]).toBe("desk-42");
    const generated = await post(app, { query: "query Stories { stories { slug } }" });
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

    const parsed = lines.map((line) => JSON.parse(line));
    const decide = parsed.find((line) => line.req?.id === "desk-42");
    expect(decide).toMatchObject({ operation: "Decide", reviewerId: id, outcome: "error", codes: ["CONFLICT"], res: { statusCode: 200 } });
    expect(typeof decide.responseTime).toBe("number");
    expect(parsed.find((line) => line.req?.id === generated.headers["x-request-id"])).toMatchObject({
      operation: "Stories",
      outcome: "ok",
    });
    const all = lines.join("\n");
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.slice(3, 20));
    expect(all).not.toContain(rationale);
    expect(all).not.toMatch(/authorization/i);
  });

  it("logs an INTERNAL error with its cause, masked for the client", async () => {
    const broken = { ...suite.prisma, story: { findUnique: () => Promise.reject(new Error("connection refused (a test fault)")) } };
    const target = await testApp(broken as never);
    try {
      const res = await post(target, { query: '{ story(slug: "x") { id } }' });
      expect(res.body.errors[0]).toEqual(
        expect.objectContaining({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }),
      );
      const logged = lines.map((line) => JSON.parse(line)).find((line) => line.msg === "internal error");
      expect(logged?.err?.message).toContain("connection refused (a test fault)");
      expect(logged?.level).toBe(50);
    } finally {
      await target.stop();
    }
  });

  it("GET /metrics has a request-duration histogram by operation and outcome, errors by code and pool gauges", async () => {
    await post(app, { query: "query Stories { stories { slug } }" });
    await post(app, { query: '{ fact(id: "nope") { id } }' });
    const res = await request(app.app).get("/metrics");
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/crosscheck_graphql_request_duration_seconds_bucket\{le="[^"]+",operation="Stories",outcome="ok"\} \d+/);
    expect(res.text).toMatch(/crosscheck_graphql_errors_total\{code="BAD_USER_INPUT"\} \d+/);
    expect(res.text).toMatch(/crosscheck_db_pool_connections\{state="in_use"\} \d+/);
    expect(res.text).toMatch(/crosscheck_db_pool_connections\{state="waiting"\} \d+/);
    expect(res.text).toMatch(/crosscheck_loaded_rows\{table="Article"\}/);
  });

  it("in production: no enum suggestions, limits named as limits, no anonymous persisted-query registration", async () => {
    const enumTypo = await post(production, {
      query: "query($a: Agreement!) { stories { facts(agreement: $a) { id } } }",
      variables: { a: "CONFLICTS" },
    });
    const dev = await post(app, {
      query: "query($a: Agreement!) { stories { facts(agreement: $a) { id } } }",
      variables: { a: "CONFLICTS" },
    });
    expect(dev.body.errors[0].message).toMatch(/Did you mean the enum value "CONFLICT"/);
    expect(enumTypo.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(enumTypo.body)).not.toMatch(/Did you mean|"CONFLICT"/);
    const literal = await post(production, { query: "{ stories { facts(agreement: CONFLICTS) { id } } }" });
    expect(literal.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(literal.body)).not.toMatch(/Did you mean|"CONFLICT"/);

    const deep = `{ stories { facts { story { facts { story { facts { story { facts { story { facts { id } } } } } } } } } } }`;
    const limited = await post(production, { query: deep });
    expect(limited.status).toBe(400);
    expect(limited.body.errors[0].message).toMatch(/^Limit exceeded/);
    expect(limited.body.errors[0].message).not.toMatch(/Syntax Error/);

    const crypto = await import("node:crypto");
    const query = "{ stories { slug } }";
    const sha256Hash = crypto.createHash("sha256").update(query).digest("hex");
    const register = await post(production, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(register.body.data.stories.length).toBeGreaterThan(0);
    const replay = await post(production, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(replay.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });
});
