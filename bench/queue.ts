/**
 * npm run bench:queue [-- <articles per run, default 200> [serial|contention|queue]]
 * What limits ingest through the queue (src/jobs/) as workers are added.
 *
 * 1. In process, one story: each article loaded as a job loads it (loadArticleSource, then
 *    finishStoryLoad), timing the two steps as the story grows. finishStoryLoad holds the story's
 *    exclusive lock (src/fact/story-lock.ts), so its time bounds one story's rate whatever the
 *    number of workers.
 * 2. Through the queue with 1 and then 2 worker processes (`dist/src/jobs/cli.js`, INGEST_CONCURRENCY
 *    2 each): N articles into one story, and N articles into stories of 10, submitted as
 *    submitArticle does (an IngestJob row, then the pg-boss job), timed until every job is DONE.
 * 3. (printed before 2) Four loads at a time into one story in process, settling by waiting or by
 *    skipping when another settler is at work, alternating, with the number of settles.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config";
import type { Database } from "../src/db";
import { finishStoryLoad, loadArticleSource } from "../src/ingest/load-article";
import { openIngestQueue, prepareIngestQueue, type IngestQueue } from "../src/jobs/queue";
import { benchDatabase, machine } from "./database";
import { syntheticArticle } from "./synthetic";

const WORKER_CLI = path.resolve(__dirname, "..", "src", "jobs", "cli.js");

async function serialCosts(prisma: Database, articles: number): Promise<void> {
  const story = await prisma.story.create({ data: { slug: "bench-serial", title: "One growing story" } });
  const marks = new Set([10, 50, 100, 200, 400, 800].filter((k) => k <= articles).concat(articles));
  let load = 0;
  let finish = 0;
  let from = 1;
  console.log("1. one story, in process: ms per article in each range of story sizes");
  console.log("   articles   load (parallel part)   finishStoryLoad (under the story's exclusive lock)");
  for (let k = 1; k <= articles; k++) {
    const article = syntheticArticle(k, 3);
    const t0 = process.hrtime.bigint();
    await loadArticleSource(prisma, story, { sourceKey: article.name, format: "text", content: article.text });
    const t1 = process.hrtime.bigint();
    await finishStoryLoad(prisma, story.id);
    const t2 = process.hrtime.bigint();
    load += Number(t1 - t0) / 1e6;
    finish += Number(t2 - t1) / 1e6;
    if (marks.has(k)) {
      const n = k - from + 1;
      console.log(
        `   ${String(from).padStart(4)}..${String(k).padEnd(4)} ${(load / n).toFixed(1).padStart(10)} ms ${(finish / n).toFixed(1).padStart(20)} ms`,
      );
      console.log(`serial from=${from} to=${k} load_ms=${(load / n).toFixed(1)} finish_ms=${(finish / n).toFixed(1)}`);
      load = 0;
      finish = 0;
      from = k + 1;
    }
  }
}

/** Why attempts failed, as the workers logged it ("Ingest job …: attempt n failed: <reason>"). */
const failureReasons = new Map<string, number>();

/**
 * 3. Settling under contention, in one process so that the two ways run side by side on the same
 * machine load: `slots` loads at a time into one story, each followed by finishStoryLoad that
 * either waits its turn to settle the story ("wait", as every load did before) or leaves it to a
 * settler already at work ("skip", what workers do). Rounds alternate between the two.
 */
async function contention(prisma: Database, articles: number, slots: number, rounds: number): Promise<void> {
  console.log(
    `3. ${slots} loads at a time into one story, ${articles} articles per round, in process: finishStoryLoad waits, or skips when busy`,
  );
  let offset = 50_000;
  for (let round = 0; round < rounds; round++) {
    for (const whenBusy of ["wait", "skip"] as const) {
      const story = await prisma.story.create({ data: { slug: `bench-contention-${whenBusy}-${round}`, title: "Contention" } });
      let next = 0;
      let settles = 0;
      const first = offset;
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: slots }, async () => {
          while (next < articles) {
            const article = syntheticArticle(first + next++, 7);
            await loadArticleSource(prisma, story, { sourceKey: article.name, format: "text", content: article.text });
            if ((await finishStoryLoad(prisma, story.id, { whenBusy })).settled) settles++;
          }
        }),
      );
      // A skipped settle is covered by the settler at work; the last one leaves the story settled.
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const used = process.cpuUsage(cpu);
      offset += articles;
      const cpuMs = (used.user + used.system) / 1000 / articles;
      console.log(
        `   round ${round + 1} ${whenBusy.padEnd(4)}: ${articles} articles in ${seconds.toFixed(1).padStart(5)} s = ${(articles / seconds).toFixed(1).padStart(5)} articles/s, ${String(settles).padStart(3)} settles, Node CPU ${cpuMs.toFixed(1)} ms/article (load average ${os.loadavg()[0].toFixed(1)})`,
      );
      console.log(
        `contention round=${round + 1} when_busy=${whenBusy} articles=${articles} seconds=${seconds.toFixed(1)} settles=${settles} node_cpu_ms_per_article=${cpuMs.toFixed(1)}`,
      );
    }
  }
}

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER_CLI], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      MIGRATE_DATABASE_URL: url,
      INGEST_CONCURRENCY: "2",
      INGEST_POLL_SECONDS: "1",
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      for (const match of String(chunk).matchAll(/attempt \d+ failed: (.*)/g))
        failureReasons.set(match[1], (failureReasons.get(match[1]) ?? 0) + 1);
      if (/worker \S+ ready/.test(output)) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU used so far by the database's backends (the workers' pools, the bench's own connections). */
async function backendCpuSeconds(prisma: Database): Promise<number> {
  const rows = await prisma.$queryRaw<Array<{ pid: number }>>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  return rows.reduce((sum, row) => sum + cpuSeconds(row.pid), 0);
}

async function throughQueue(
  prisma: Database,
  queue: IngestQueue,
  url: string,
  label: string,
  workers: number,
  articles: number,
  perStory: number,
  offset: number,
) {
  const stories: number[] = [];
  for (let s = 0; s < Math.ceil(articles / perStory); s++) {
    stories.push((await prisma.story.create({ data: { slug: `bench-${label}-${workers}w-${s}`, title: `Bench ${label} ${s}` } })).id);
  }
  const children = await Promise.all(Array.from({ length: workers }, () => startWorker(url)));
  try {
    const ids: string[] = [];
    const workerCpuBefore = children.reduce((sum, child) => sum + cpuSeconds(child.pid!), 0);
    const postgresCpuBefore = await backendCpuSeconds(prisma);
    const started = process.hrtime.bigint();
    for (let i = 0; i < articles; i++) {
      const article = syntheticArticle(offset + i, 5);
      const id = crypto.randomUUID();
      const storyId = stories[Math.floor(i / perStory)];
      const sourceKey = `submitted-${crypto.createHash("sha256").update(article.text).digest("hex").slice(0, 16)}.txt`;
      await prisma.ingestJob.create({ data: { id, storyId, format: "TEXT", content: article.text, sourceKey } });
      await queue.send(id);
      ids.push(id);
    }
    for (;;) {
      const open = await prisma.ingestJob.count({ where: { id: { in: ids }, state: { notIn: ["DONE", "FAILED"] } } });
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Wall time on a shared machine says little; CPU per article says what a core can do.
    const workerCpuMs = ((children.reduce((sum, child) => sum + cpuSeconds(child.pid!), 0) - workerCpuBefore) * 1000) / articles;
    const postgresCpuMs = (((await backendCpuSeconds(prisma)) - postgresCpuBefore) * 1000) / articles;
    const jobs = await prisma.ingestJob.findMany({ where: { id: { in: ids } }, select: { state: true, attempts: true } });
    const failed = jobs.filter((job) => job.state !== "DONE").length;
    const retried = jobs.filter((job) => job.attempts > 1).length;
    console.log(
      `   ${label.padEnd(18)} ${String(workers).padStart(2)} worker(s): ${articles} articles in ${seconds.toFixed(1).padStart(5)} s = ${(articles / seconds).toFixed(1).padStart(5)} articles/s` +
        `; CPU per article: workers ${workerCpuMs.toFixed(0)} ms, Postgres ${postgresCpuMs.toFixed(0)} ms (load average ${os.loadavg()[0].toFixed(1)})` +
        (failed || retried ? ` (${failed} not DONE, ${retried} retried)` : ""),
    );
    for (const [reason, count] of failureReasons) console.log(`      ${count} x attempt failed: ${reason}`);
    failureReasons.clear();
    console.log(
      `queue story=${label} workers=${workers} articles=${articles} seconds=${seconds.toFixed(1)} articles_per_s=${(articles / seconds).toFixed(1)} worker_cpu_ms=${workerCpuMs.toFixed(0)} postgres_cpu_ms=${postgresCpuMs.toFixed(0)} failed=${failed} retried=${retried}`,
    );
  } finally {
    await Promise.all(children.map(stopWorker));
  }
}

async function main(): Promise<void> {
  const articles = Number(process.argv[2] ?? 200);
  // `-- 200 serial`, `-- 200 contention` or `-- 200 queue` runs only that part.
  const only = process.argv[3];
  const db = await benchDatabase();
  console.log(`bench:queue on ${machine()}`);
  const config = { ...loadConfig().ingest, workerInApi: false, concurrency: 2 };
  await prepareIngestQueue(db.url, db.url, config);
  const queue = await openIngestQueue(db.url, config);
  try {
    if (!only || only === "serial") await serialCosts(db.prisma, articles);
    if (!only || only === "contention") await contention(db.prisma, Math.min(articles, 100), 4, 2);
    if (only && only !== "queue") return;
    console.log(`2. through the queue: ${articles} articles, workers of concurrency 2 in their own processes`);
    let offset = 10_000;
    for (const workers of [1, 2]) {
      for (const [label, perStory] of [
        ["one story", articles],
        ["stories of 10", 10],
      ] as const) {
        await throughQueue(db.prisma, queue, db.url, label.replace(/ /g, "-"), workers, articles, perStory, offset);
        offset += articles;
      }
    }
  } finally {
    await queue.stop();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
