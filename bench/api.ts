/**
 * npm run bench [-- <seconds per run, default 10>]   (BENCH_ROUNDS=3, BENCH_PROFILE=full|raw)
 * The main editorial query (a story's conflicts with readings, claims and article origins) through
 * the full stack (express, Apollo, TypeGraphQL, DataLoader, Prisma for writes, the lean pg read
 * path) against a minimal node:http + pg handler that returns the same JSON. Each server runs in its
 * own child process; autocannon drives them from this one, taking turns at max rate for a few rounds.
 * Prints req/s for each, the ratio, p50/p99 latency of both at half the full stack's max rate, SQL
 * statements per request and each server's CPU per request. The last line is machine-readable.
 */
import autocannon from "autocannon";
import { fork } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import inspector from "node:inspector";
import os from "node:os";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Pool } from "pg";
import pino from "pino";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createPrisma, onStatement } from "../src/db";
import { groupReadings } from "../src/extraction";
import type { FactKind, Hedge } from "../src/generated/prisma/client";
import { seed } from "../src/ingest/seed";
import { useLogStream } from "../src/observability";
import { benchDatabase, machine } from "./database";
import { profileSummary } from "./profile";

const STORY = "baghdad-talks-2007";
export const CONFLICTS_QUERY = `{ conflicts(storySlug:"${STORY}") { key label agreement readings { label lower upper independentSources claims { id text article { origin { name } } } } } }`;
const BODY = JSON.stringify({ query: CONFLICTS_QUERY });
const CONNECTIONS = 10;
/** Max-rate runs per server, taking turns (BENCH_ROUNDS). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// ---------------------------------------------------------------------------------------------
// The two servers (child processes).

/**
 * The full stack as `npm start` builds it, with two differences: autocannon sends everything from
 * one address, so the per-address read limit is lifted (the in-process limiter still counts every
 * request), and the request log goes to /dev/null (see startServer) instead of a terminal.
 */
function benchConfig() {
  const config = { ...loadConfig(), production: true };
  return { ...config, rateLimits: { ...config.rateLimits, readsPerAddress: 1_000_000_000, readsPerToken: 1_000_000_000 } };
}

async function serveFull(url: string): Promise<number> {
  const config = benchConfig();
  const prisma = createPrisma(url, config);
  const { app } = await createApp(prisma, config);
  return listen(http.createServer(app));
}

interface ClaimRow {
  id: number;
  factId: number;
  text: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  hedge: Hedge;
  textValue: string | null;
  originId: number;
  originName: string;
}

/** The same answer with two statements and no framework: the floor the full stack is measured against. */
async function serveRaw(url: string): Promise<number> {
  const config = loadConfig();
  const pool = new Pool({ connectionString: url, max: config.dbPoolSize });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const facts = await pool.query<{ id: number; key: string; label: string; agreement: string; kind: FactKind }>(
          `SELECT f.id, f.key, f.label, f.agreement, f.kind FROM "Fact" f JOIN "Story" s ON s.id = f."storyId"
           WHERE s.slug = $1 AND f.agreement = 'CONFLICT' ORDER BY f.id`,
          [STORY],
        );
        const claims = await pool.query<ClaimRow>(
          `SELECT c.id, c."factId", c.text, c.value, c.lower, c.upper, c.hedge, c."textValue", a."originId", o.name AS "originName"
           FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" JOIN "Outlet" o ON o.id = a."originId"
           WHERE c."factId" = ANY($1::int[]) ORDER BY c.id`,
          [facts.rows.map((fact) => fact.id)],
        );
        const byFact = new Map<number, ClaimRow[]>();
        for (const claim of claims.rows) byFact.set(claim.factId, [...(byFact.get(claim.factId) ?? []), claim]);
        const conflicts = facts.rows.map((fact) => {
          const rows = byFact.get(fact.id) ?? [];
          const byId = new Map(rows.map((row) => [String(row.id), row]));
          const readings = groupReadings(
            rows.map((row) => ({
              id: String(row.id),
              kind: fact.kind,
              value: row.value,
              lower: row.lower,
              upper: row.upper,
              hedge: row.hedge,
              textValue: row.textValue,
              text: row.text,
              originSlug: String(row.originId),
            })),
          );
          return {
            key: fact.key,
            label: fact.label,
            agreement: fact.agreement,
            readings: readings.map((reading) => ({
              label: reading.label,
              lower: reading.lower,
              upper: reading.upper,
              independentSources: reading.independentSources,
              claims: reading.claimIds.map((id) => {
                const row = byId.get(id)!;
                return { id, text: row.text, article: { origin: { name: row.originName } } };
              }),
            })),
          };
        });
        // Apollo ends its JSON with a newline; so does this, so that the bodies compare byte for byte.
        const body = `${JSON.stringify({ data: { conflicts } })}\n`;
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
        res.end(body);
      } catch (error) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    });
  });
  return listen(server);
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

// ---------------------------------------------------------------------------------------------
// The driver (parent process).

interface Server {
  port: number;
  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** With BENCH_PROFILE=<kind>: CPU-profile this server until the returned function is called. */
  profile(): Promise<() => Promise<string | null>>;
  stop(): void;
}

export function startServer(kind: "full" | "raw", url: string): Promise<Server> {
  // stdout is the request log (one JSON line per request): written, then thrown away.
  // NODE_ENV=production as `npm start` in production has it (graphql-js and express read it too).
  const child = fork(__filename, ["--serve", kind, url], {
    execArgv: process.execArgv,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["inherit", "ignore", "inherit", "ipc"],
  });
  const ask = <T>(message: string) =>
    new Promise<T>((resolve) => {
      child.once("message", (reply: { [key: string]: T }) => resolve(reply[message]));
      child.send(message);
    });
  const profile = async () => {
    if (process.env.BENCH_PROFILE !== kind) return async () => null;
    await ask<boolean>("profile-start");
    return () => ask<string>("profile-stop");
  };
  const cpuMs = () => ask<number>("cpu");
  return new Promise((resolve, reject) => {
    child.once("message", (message: { port: number }) => resolve({ port: message.port, cpuMs, profile, stop: () => child.kill("SIGINT") }));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** The child's side of profile(): the inspector's CPU profiler, written to bench-profiles/. */
function answerProfileRequests(kind: string): void {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  process.on("message", async (message: string) => {
    if (message === "cpu") {
      const { user, system } = process.cpuUsage();
      process.send!({ cpu: (user + system) / 1000 });
    } else if (message === "profile-start") {
      await post("Profiler.enable");
      await post("Profiler.start");
      process.send!({ "profile-start": true });
    } else if (message === "profile-stop") {
      const { profile } = (await post("Profiler.stop")) as { profile: unknown };
      fs.mkdirSync("bench-profiles", { recursive: true });
      const file = path.join("bench-profiles", `${kind}-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      process.send!({ "profile-stop": file });
    }
  });
}

export async function post(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text}`);
  return text;
}

export function load(port: number, seconds: number, expectBody: string, overallRate?: number): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}/graphql`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
    connections: CONNECTIONS,
    duration: seconds,
    expectBody,
    ...(overallRate ? { overallRate } : {}),
  });
}

function checked(name: string, result: autocannon.Result): autocannon.Result {
  const bad = result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0);
  if (bad > 0)
    throw new Error(
      `${name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${result.mismatches} wrong bodies`,
    );
  return result;
}

/** SQL statements the full stack runs per request: every statement its pool sends (src/db.ts onStatement). */
async function sqlPerRequest(url: string, requests: number): Promise<number> {
  const config = benchConfig();
  useLogStream(pino.destination("/dev/null"));
  const prisma = createPrisma(url, config);
  let statements = 0;
  onStatement(prisma, () => statements++);
  const api = await createApp(prisma, config);
  const server = http.createServer(api.app);
  const port = await listen(server);
  try {
    await post(port);
    statements = 0;
    for (let i = 0; i < requests; i++) await post(port);
    return statements / requests;
  } finally {
    server.close();
    await api.stop();
    await prisma.$disconnect();
  }
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  /** The server process's CPU time per request, ms. */
  cpuMs: number;
}

async function measure(name: string, server: Server, seconds: number, body: string, profiles: string[] | null): Promise<Measured> {
  const stopProfile = profiles ? await server.profile() : null;
  const cpuBefore = await server.cpuMs();
  const result = checked(name, await load(server.port, seconds, body));
  const cpuMs = ((await server.cpuMs()) - cpuBefore) / result.requests.total;
  const file = stopProfile ? await stopProfile() : null;
  if (file) profiles!.push(file);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 10);
  const db = await benchDatabase();
  console.log(
    `bench (api) on ${machine()}; ${CONNECTIONS} connections, ${seconds} s per run, ${ROUNDS} rounds; load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  try {
    await seed(db.prisma, () => undefined);
    const full = await startServer("full", db.url);
    const raw = await startServer("raw", db.url);
    try {
      const fullBody = await post(full.port);
      const rawBody = await post(raw.port);
      if (fullBody !== rawBody) {
        let at = 0;
        while (fullBody[at] === rawBody[at]) at++;
        throw new Error(
          `the two servers disagree at byte ${at}:\nfull: …${fullBody.slice(at - 150, at + 150)}\nraw:  …${rawBody.slice(at - 150, at + 150)}`,
        );
      }
      const conflicts = (JSON.parse(fullBody) as { data: { conflicts: unknown[] } }).data.conflicts.length;
      if (conflicts === 0) throw new Error("the story has no conflicts: nothing to measure");
      console.log(`both return the same ${fullBody.length}-byte body (${conflicts} conflicts)`);

      // Warm up both (JIT, pools, Prisma's query plan cache), then measure each at full speed.
      await load(full.port, 3, fullBody);
      await load(raw.port, 3, rawBody);
      // The machine may be shared: the two servers take turns, ROUNDS times, and each figure is the
      // median over the rounds (the ratio is the median of each round's own ratio).
      const rounds: Array<{ full: Measured; raw: Measured }> = [];
      const profiles: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const profileThis = round === 0;
        rounds.push({
          full: await measure("full", full, seconds, fullBody, profileThis ? profiles : null),
          raw: await measure("raw", raw, seconds, rawBody, profileThis ? profiles : null),
        });
      }
      const fullRps = median(rounds.map((r) => r.full.rps));
      const rawRps = median(rounds.map((r) => r.raw.rps));
      const ratio = median(rounds.map((r) => r.full.rps / r.raw.rps));
      const fullCpu = median(rounds.map((r) => r.full.cpuMs));
      const rawCpu = median(rounds.map((r) => r.raw.cpuMs));
      const half = Math.max(1, Math.round(fullRps / 2));
      const halfLoad = checked("full at half load", await load(full.port, seconds, fullBody, half));
      const rawHalf = checked("raw at the same rate", await load(raw.port, seconds, rawBody, half));
      const sql = await sqlPerRequest(db.url, 50);

      for (const [i, r] of rounds.entries()) {
        console.log(
          `  round ${i + 1}: full ${r.full.rps.toFixed(0)} req/s (p50 ${r.full.p50} ms, p99 ${r.full.p99} ms), raw ${r.raw.rps.toFixed(0)} req/s (p50 ${r.raw.p50} ms, p99 ${r.raw.p99} ms), ratio ${(r.full.rps / r.raw.rps).toFixed(2)}`,
        );
      }
      const row = (name: string, r: autocannon.Result) =>
        `  ${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms`;
      console.log(row(`full stack at ${half} req/s`, halfLoad));
      console.log(row(`raw at ${half} req/s`, rawHalf));
      console.log(`  SQL statements per request: full ${sql.toFixed(1)}, raw 2`);
      // CPU per request of each server process at max rate: less at the mercy of a shared machine than req/s.
      console.log(`  server CPU per request at max rate (median): full ${fullCpu.toFixed(2)} ms, raw ${rawCpu.toFixed(2)} ms`);
      for (const file of profiles) console.log(`CPU profile of round 1's max-rate run: ${file}\n${profileSummary(file, 15)}`);
      const p99Met = halfLoad.latency.p99 <= rawHalf.latency.p99;
      console.log(
        `goals: full >= 0.5x raw (${ratio >= 0.5 ? "met" : "NOT met"}), p99 at half load no worse than raw's at the same rate (${p99Met ? "met" : "NOT met"}), SQL per request <= 3 (${sql <= 3 ? "met" : "NOT met"})`,
      );
      console.log(
        `ratio=${ratio.toFixed(2)} full_rps=${fullRps.toFixed(0)} raw_rps=${rawRps.toFixed(0)} p99_ms=${halfLoad.latency.p99} raw_p99_ms=${rawHalf.latency.p99} sql_per_request=${Number(sql.toFixed(1))} cpu_ms_full=${fullCpu.toFixed(2)} cpu_ms_raw=${rawCpu.toFixed(2)}`,
      );
    } finally {
      full.stop();
      raw.stop();
    }
  } finally {
    await db.close();
  }
}

if (require.main === module && process.argv[2] === "--serve") {
  const kind = process.argv[3];
  const url = process.argv[4];
  answerProfileRequests(kind);
  (kind === "full" ? serveFull(url) : serveRaw(url)).then(
    (port) => process.send!({ port }),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
  // SIGINT ends the process normally (node --cpu-prof, if given, writes its profile).
  process.on("SIGINT", () => process.exit(0));
} else if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
