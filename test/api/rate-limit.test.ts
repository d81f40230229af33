/**
 * Limits on callers (issue 16.6): counters in Postgres, 429 with Retry-After and RATE_LIMITED.
 * This suite sets its own low limits; the rest of the tests run with high ones (global-setup.ts).
 */
import request from "supertest";
import type { CrosscheckApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { factByKey, reviewerToken } from "../helpers/fixtures";
import { testApp } from "../helpers/http";
import { useSeededApi } from "../helpers/suite";

const LIMITS = {
  windowSeconds: 60,
  authFailuresPerAddress: 10,
  mutationsPerToken: 120,
  mutationsPerAddress: 1000,
  readsPerToken: 1000,
  readsPerAddress: 1000,
};
const RECORD = `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`;

describe("rate limits", () => {
  const suite = useSeededApi();
  let limited: CrosscheckApp;

  beforeAll(async () => {
    limited = await testApp(suite.prisma, { rateLimits: LIMITS });
  });
  afterAll(async () => {
    await limited.stop();
  });

  /** supertest always comes from 127.0.0.1, so "another client" here is another token. */
  function post(body: object, options: { token?: string } = {}) {
    let req = request(limited.app).post("/graphql").set("content-type", "application/json");
    if (options.token) req = req.set("authorization", `Bearer ${options.token}`);
    return req.send(body);
  }

  it("the defaults leave room for a busy desk", () => {
    const defaults = loadConfig().rateLimits;
    expect(process.env.RATE_LIMIT_MUTATIONS_PER_TOKEN).toBe("1000000");
    delete process.env.RATE_LIMIT_MUTATIONS_PER_TOKEN;
    try {
      expect(loadConfig().rateLimits.mutationsPerToken).toBeGreaterThanOrEqual(20);
    } finally {
      process.env.RATE_LIMIT_MUTATIONS_PER_TOKEN = String(defaults.mutationsPerToken);
    }
  });

  it("a burst of 20 verdicts from one token passes; 300 mutations in a burst get 429 with Retry-After; reads from another client still answer", async () => {
    const busy = await reviewerToken(suite.prisma, "REVIEWER", "busy desk");
    const reader = await reviewerToken(suite.prisma, "VIEWER", "other client");
    const fact = await factByKey(suite.prisma, "bombing.killed");
    const desk = [];
    for (let i = 0; i < 20; i++) {
      const version = (await suite.prisma.fact.findUniqueOrThrow({ where: { id: fact.id } })).version;
      desk.push(
        await post(
          {
            query: RECORD,
            variables: {
              input: {
                factId: String(fact.id),
                trustedClaimId: String(fact.claims[0].id),
                expectedVersion: version,
                rationale: `Verdict ${i}.`,
              },
            },
          },
          { token: busy.token },
        ),
      );
    }
    expect(desk.map((res) => res.status)).toEqual(Array(20).fill(200));
    expect(desk.every((res) => !res.body.errors)).toBe(true);

    const burst = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        post(
          {
            query: RECORD,
            variables: {
              input: {
                factId: String(fact.id),
                trustedClaimId: String(fact.claims[0].id),
                expectedVersion: fact.version + 1,
                rationale: `Burst ${i}.`,
              },
            },
          },
          { token: busy.token },
        ),
      ),
    );
    const refused = burst.filter((res) => res.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(300 - (LIMITS.mutationsPerToken - 20));
    for (const res of refused) {
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(res.body.errors[0].extensions.code).toBe("RATE_LIMITED");
    }
    // The ones let through reached the resolver (a version the fact does not have is a CONFLICT, not a limit).
    const passedCodes = new Set(burst.filter((res) => res.status === 200).map((res) => String(res.body.errors?.[0]?.extensions?.code)));
    expect([...passedCodes]).toEqual(["CONFLICT"]);

    const read = await post({ query: "{ stories { slug } }" }, { token: reader.token });
    expect(read.status).toBe(200);
    expect(read.body.data.stories.length).toBeGreaterThan(0);
    const counters = await suite.prisma.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM "RateLimit"`);
    expect(Number(counters[0].n)).toBeGreaterThan(0);
  }, 60_000);

  it("failed authentications are limited per address, before the token is even looked up", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.authFailuresPerAddress + 3; i++) {
      const res = await post({ query: "{ me { id } }" }, { token: `cc_guess-${i}` });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.errors[0].extensions.code).toBe("RATE_LIMITED");
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(3);
    expect(statuses.slice(0, LIMITS.authFailuresPerAddress).every((status) => status !== 429)).toBe(true);
    // An anonymous read from the same address still answers.
    const anonymous = await post({ query: "{ stories { slug } }" });
    expect(anonymous.status).toBe(200);
  });
});
