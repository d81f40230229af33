/**
 * The GraphQL-over-HTTP spec audit from graphql-http, run against the live server on a free port.
 * Every MUST passes; the SHOULD/MAY results that fail are listed in BENCHMARKS.md ("HTTP audit").
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { serverAudits } from "graphql-http";
import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { testPrisma, truncateAll } from "../helpers/db";
import { seedStory } from "../helpers/fixtures";
import { testApp } from "../helpers/http";

/**
 * The warnings we know of and accept; a new one fails the test so that it gets documented. All three
 * are the same choice: for a client that accepts only application/json (the legacy media type) the
 * spec prefers 200 for a request that never executed, while Apollo (and our hardening contract)
 * answers 400 so that proxies, logs and rate limiters see a client error. Clients that accept
 * application/graphql-response+json get the 400s the spec asks for.
 */
const KNOWN_WARNINGS = [
  "572B SHOULD use 200 status code on document parsing failure when accepting application/json",
  "FDE2 SHOULD use 200 status code on document validation failure when accepting application/json",
  "7B9B SHOULD use a status code of 200 on variable coercion failure when accepting application/json",
];

describe("GraphQL over HTTP audit", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    prisma = testPrisma();
    await truncateAll(prisma);
    await seedStory(prisma);
    api = await testApp(prisma);
    server = api.app.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.stop();
    await prisma.$disconnect();
  });

  it("passes every MUST; every failing SHOULD/MAY is a known, documented one", async () => {
    const results = [];
    for (const audit of serverAudits({ url, fetchFn: fetch })) {
      const result = await audit.fn();
      results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.status === "ok" ? "" : result.reason });
    }
    const failed = results.filter((r) => r.status === "error");
    const warnings = results.filter((r) => r.status === "warn");
    if (process.env.PRINT_AUDIT) console.log(JSON.stringify({ total: results.length, warnings }, null, 2));
    expect(results.length).toBeGreaterThan(50);
    expect(failed).toEqual([]);
    expect(warnings.map((w) => `${w.id} ${w.name}`).sort()).toEqual([...KNOWN_WARNINGS].sort());
  });
});
