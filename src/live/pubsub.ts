import { EventEmitter } from "node:events";
import pg from "pg";
import type { PubSub } from "type-graphql";
import type { Database } from "../db";

/**
 * Live updates across API instances ride on Postgres LISTEN/NOTIFY: whoever commits a change
 * calls pg_notify, every instance's listener hears it and fans it out to its own subscribers.
 * A notification carries ids only (NOTIFY payloads are capped at 8,000 bytes, and a subscriber
 * must see the committed row as it is when it reads it, not a copy taken by the writer).
 */
export const LIVE_CHANNEL = "crosscheck_live";

export type LiveTopic = "FACT_CHANGED" | "ARTICLE_ADDED";

export interface LiveEvent {
  topic: LiveTopic;
  storyId: number;
  /** Fact id for FACT_CHANGED, article id for ARTICLE_ADDED. */
  id: number;
}

/** Events a slow subscriber may fall behind by before the oldest are dropped. */
const SUBSCRIBER_BUFFER = 256;

function isLiveEvent(value: unknown): value is LiveEvent {
  const event = value as Partial<LiveEvent> | null;
  return (
    !!event &&
    (event.topic === "FACT_CHANGED" || event.topic === "ARTICLE_ADDED") &&
    Number.isInteger(event.storyId) &&
    Number.isInteger(event.id)
  );
}

/**
 * An async iterator over one emitter event. Unlike events.on() wrapped in an async generator,
 * return() ends it at once even while it waits, so a client that unsubscribes frees its listener.
 */
function eventIterator<T>(emitter: EventEmitter, event: string): AsyncIterableIterator<T> {
  const queued: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let finished = false;
  const listener = (value: T) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value, done: false });
      return;
    }
    queued.push(value);
    if (queued.length > SUBSCRIBER_BUFFER) queued.shift();
  };
  emitter.on(event, listener);
  const finish = (): Promise<IteratorResult<T>> => {
    finished = true;
    emitter.off(event, listener);
    queued.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (queued.length) return Promise.resolve({ value: queued.shift()!, done: false });
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: (error: unknown) => finish().then(() => Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * The process's fan-out of live events to its subscriptions, keyed by topic and story. It is also
 * TypeGraphQL's PubSub (buildSchema requires one once a schema has subscriptions).
 */
class LiveHub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(topic: string, ...args: unknown[]): void {
    const [storyId, event] = args;
    this.emitter.emit(`${topic}:${String(storyId)}`, event);
  }

  subscribe(topic: string, storyId?: unknown): AsyncIterableIterator<LiveEvent> {
    return eventIterator<LiveEvent>(this.emitter, `${topic}:${String(storyId)}`);
  }

  /** A notification as it came from Postgres; anything malformed is ignored. */
  deliver(payload: string | undefined): void {
    let event: unknown;
    try {
      event = JSON.parse(payload ?? "");
    } catch {
      return;
    }
    if (isLiveEvent(event)) this.publish(event.topic, event.storyId, event);
  }

  listenerCount(): number {
    return this.emitter.eventNames().reduce((sum, name) => sum + this.emitter.listenerCount(name), 0);
  }
}

export const liveHub = new LiveHub();

/**
 * Publishing never fails the change it reports: the change is committed, and a subscriber that
 * missed an event still reads the truth on its next query.
 */
async function notify(run: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.error(`Live update for ${what} not sent: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** After a verdict, a retraction, a new claim or a load has committed: these facts changed. */
export function publishFactsChanged(prisma: Database, factIds: number[]): Promise<void> {
  if (factIds.length === 0) return Promise.resolve();
  return notify(
    () => prisma.$queryRaw`
      SELECT count(pg_notify(${LIVE_CHANNEL}, json_build_object('topic', 'FACT_CHANGED', 'storyId', "storyId", 'id', id)::text))::int AS sent
      FROM "Fact" WHERE id = ANY(${[...new Set(factIds)]}::int[])`,
    `facts ${factIds.join(", ")}`,
  );
}

/** After a loaded article has committed. */
export function publishArticleAdded(prisma: Database, articleId: number): Promise<void> {
  return notify(
    () => prisma.$queryRaw`
      SELECT count(pg_notify(${LIVE_CHANNEL}, json_build_object('topic', 'ARTICLE_ADDED', 'storyId', "storyId", 'id', id)::text))::int AS sent
      FROM "Article" WHERE id = ${articleId}`,
    `article ${articleId}`,
  );
}

export interface LiveListener {
  stop(): Promise<void>;
}

/**
 * One dedicated connection per process LISTENs (a pooled connection would be handed to other
 * queries). When it drops it reconnects with a growing pause; events sent meanwhile are missed,
 * which a client covers by re-querying after its own reconnect.
 */
export async function startLiveListener(databaseUrl: string, log: (line: string) => void = () => undefined): Promise<LiveListener> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000, application_name: "crosscheck-live" });
    next.on("notification", (message) => liveHub.deliver(message.payload));
    next.on("error", () => lost(next));
    next.on("end", () => lost(next));
    await next.connect();
    await next.query(`LISTEN ${LIVE_CHANNEL}`);
    client = next;
    retryMs = 500;
  };

  const lost = (which: pg.Client) => {
    if (stopped || client !== which) return;
    client = null;
    which.end().catch(() => undefined);
    log(`Live updates: lost the LISTEN connection; reconnecting in ${retryMs} ms`);
    schedule();
  };

  const schedule = () => {
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().catch(() => {
        retryMs = Math.min(retryMs * 2, 10_000);
        if (!stopped) schedule();
      });
    }, retryMs);
    retryTimer.unref();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const open = client;
      client = null;
      await open?.end().catch(() => undefined);
    },
  };
}
