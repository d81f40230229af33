/**
 * GraphQL subscriptions over graphql-ws on the API's own port and path: what they deliver (a fresh
 * read of the row an event names) and what they refuse (mutations, documents over the query
 * limits, an unknown story, too many subscriptions on one connection).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, type Client, type FormattedExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import { startLiveListener, type LiveListener } from "../../src/live/pubsub";
import { attachLiveServer, LIVE_LIMITS, type LiveServer } from "../../src/live/ws-server";
import { loadConfig } from "../../src/config";
import { crosscheckSchema } from "../../src/schema";
import { testDatabaseUrl } from "../helpers/db";
import { factByKey, reviewerToken, SEED_STORY } from "../helpers/fixtures";
import { gql } from "../helpers/http";
import { waitFor } from "../helpers/ingest";
import { useSeededApi } from "../helpers/suite";

type Result = FormattedExecutionResult<Record<string, unknown>, unknown>;

describe("live updates over graphql-ws", () => {
  const suite = useSeededApi();
  let server: http.Server;
  let live: LiveServer;
  let listener: LiveListener;
  let url: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = http.createServer(suite.api.app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    live = attachLiveServer(server, await crosscheckSchema(), suite.prisma, loadConfig());
    listener = await startLiveListener(testDatabaseUrl());
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });
  afterAll(async () => {
    await listener.stop();
    await live.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  function connect(): Client {
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    clients.push(client);
    return client;
  }

  /** Subscribes and collects what arrives; `failed` settles with the first error. */
  function watch(client: Client, query: string) {
    const results: Result[] = [];
    const errors: unknown[] = [];
    const unsubscribe = client.subscribe<Record<string, unknown>>(
      { query },
      {
        next: (result) => (result.errors ? errors.push(result.errors) : results.push(result)),
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    return { results, errors, unsubscribe };
  }

  const codeOf = (errors: unknown[]) => {
    const first = errors[0] as Array<{ extensions?: { code?: string } }> | { extensions?: { code?: string } };
    return Array.isArray(first) ? first[0]?.extensions?.code : first?.extensions?.code;
  };

  it("delivers factChanged with the committed fact when a verdict is recorded, and again with fresh data on a retraction", async () => {
    const fact = await factByKey(suite.prisma, "bombing.killed");
    const { token } = await reviewerToken(suite.prisma, "REVIEWER");
    const watching = watch(connect(), `subscription { factChanged(storySlug: "${SEED_STORY}") { id version verdicts { id retracted } } }`);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const recorded = await gql<{ recordVerdict: { id: string } }>(
      suite.api.app,
      `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`,
      {
        input: {
          factId: String(fact.id),
          trustedClaimId: String(fact.claims[0].id),
          expectedVersion: fact.version,
          rationale: "Matches the later wire copy.",
        },
      },
      token,
    );
    expect(recorded.errors).toBeUndefined();
    await waitFor("factChanged after the verdict", async () => watching.results.length >= 1, 5_000, 20);
    expect(watching.results[0].data).toEqual({
      factChanged: {
        id: String(fact.id),
        version: fact.version + 1,
        verdicts: [{ id: recorded.data!.recordVerdict.id, retracted: false }],
      },
    });

    const retracted = await gql(
      suite.api.app,
      `mutation { retractVerdict(id: "${recorded.data!.recordVerdict.id}", reason: "Wrong copy.") { id } }`,
      {},
      token,
    );
    expect(retracted.errors).toBeUndefined();
    await waitFor("factChanged after the retraction", async () => watching.results.length >= 2, 5_000, 20);
    const second = watching.results[1].data!.factChanged as { verdicts: Array<{ retracted: boolean }> };
    expect(second.verdicts).toHaveLength(2);
    expect(second.verdicts.every((verdict) => verdict.retracted)).toBe(true);
    expect(watching.errors).toEqual([]);
  });

  it("does not deliver another story's events", async () => {
    await suite.prisma.story.create({ data: { slug: "quiet-story", title: "Nothing happens here" } });
    const fact = await factByKey(suite.prisma, "bombing.killed");
    const { token } = await reviewerToken(suite.prisma, "REVIEWER");
    const watching = watch(connect(), `subscription { factChanged(storySlug: "quiet-story") { id } }`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await gql(
      suite.api.app,
      `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`,
      {
        input: {
          factId: String(fact.id),
          trustedClaimId: String(fact.claims[0].id),
          expectedVersion: fact.version,
          rationale: "Elsewhere.",
        },
      },
      token,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(watching.results).toEqual([]);
  });

  it("refuses an unknown story with NOT_FOUND", async () => {
    const watching = watch(connect(), `subscription { articleAdded(storySlug: "no-such-story") { id } }`);
    await waitFor("an error", async () => watching.errors.length > 0, 5_000, 20);
    expect(codeOf(watching.errors)).toBe("NOT_FOUND");
  });

  it("refuses queries and mutations over WebSocket: subscriptions only, read-only", async () => {
    const mutation = watch(connect(), `mutation { retractVerdict(id: "1", reason: "x") { id } }`);
    await waitFor("an error", async () => mutation.errors.length > 0, 5_000, 20);
    expect(codeOf(mutation.errors)).toBe("BAD_REQUEST");
    expect(mutation.results).toEqual([]);
  });

  it("holds subscriptions to the query limits (depth)", async () => {
    const deep = `subscription { factChanged(storySlug: "${SEED_STORY}") { claims { fact { claims { fact { claims { fact { claims { fact { claims { id } } } } } } } } } } }`;
    const watching = watch(connect(), deep);
    await waitFor("an error", async () => watching.errors.length > 0, 5_000, 20);
    expect(JSON.stringify(watching.errors)).toMatch(/depth/i);
  });

  it("holds subscriptions to the query cost, which counts every list (issue 16.1)", async () => {
    // Depth 9, within the depth limit; every list counts as its assumed size, so this costs 71,306.
    const costly = `subscription { factChanged(storySlug: "${SEED_STORY}") { readings { claims { article { claims { fact { readings { claims { id } } } } } } } } }`;
    const watching = watch(connect(), costly);
    await waitFor("an error", async () => watching.errors.length > 0, 5_000, 20);
    expect(codeOf(watching.errors)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(watching.errors)).toMatch(/Limit exceeded: the query's estimated cost/);
  });

  it(`caps open subscriptions at ${LIVE_LIMITS.maxSubscriptionsPerConnection} per connection`, async () => {
    const client = connect();
    const open = Array.from({ length: LIVE_LIMITS.maxSubscriptionsPerConnection }, () =>
      watch(client, `subscription { articleAdded(storySlug: "${SEED_STORY}") { id } }`),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(open.flatMap((entry) => entry.errors)).toEqual([]);
    const extra = watch(client, `subscription { articleAdded(storySlug: "${SEED_STORY}") { id } }`);
    await waitFor("the extra subscription to be refused", async () => extra.errors.length > 0, 5_000, 20);
    expect(codeOf(extra.errors)).toBe("BAD_REQUEST");
    // Completing one frees a place.
    open[0].unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = watch(client, `subscription { articleAdded(storySlug: "${SEED_STORY}") { id } }`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(again.errors).toEqual([]);
  });
});
