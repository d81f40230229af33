/**
 * npm run bench:scale [-- <largest corpus, default 100000>]
 * Grows the database around the seed story (1,000, 10,000, then 100,000 synthetic articles, 10 per
 * story) and measures the seed story's conflicts query through the full stack at each size, with
 * EXPLAIN of every SQL statement that query runs.
 *
 * Up to 10,000 articles are loaded through loadFolder (two stories at a time). Past that, the loader
 * would need ~45 min on 2 cores, so the corpus is multiplied in SQL instead: every synthetic story,
 * with its articles, facts and claims, is copied under a new slug until the target is reached. The
 * copies have exactly the loaded rows' shapes and distributions; they are not extracted again.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import { Client } from "pg";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { createPrisma, onStatement, type Statement } from "../src/db";
import { loadFolder } from "../src/ingest/loader";
import { seed } from "../src/ingest/seed";
import { CONFLICTS_QUERY } from "./api";
import { benchDatabase, machine } from "./database";
import { writeSyntheticCorpus, type SyntheticStory } from "./synthetic";

const LOADED_MAX = 10_000;
const REQUESTS = 300;

async function loadStories(prisma: Parameters<typeof loadFolder>[0], stories: SyntheticStory[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < stories.length) {
      const story = stories[next++];
      let summary = await loadFolder(prisma, { folder: story.folder, storySlug: story.slug, title: story.title });
      // Two stories may race to create the same outlet; the loader is idempotent, so load again.
      if (summary.outcomes.failed > 0)
        summary = await loadFolder(prisma, { folder: story.folder, storySlug: story.slug, title: story.title });
      if (summary.outcomes.failed > 0) throw new Error(`${story.slug}: ${JSON.stringify(summary.failures)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Copies every loaded synthetic story (articles, facts, claims) `copies` times under new slugs. */
async function multiply(url: string, copies: number, round: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `CREATE TEMP TABLE story_map ON COMMIT DROP AS
      SELECT s.id AS old_id, s.slug || '-copy' || ${round} || '-' || g AS slug, s.title
      FROM "Story" s, generate_series(1, $1::int) g WHERE s.slug ~ '^synthetic-[0-9]+$'`,
      [copies],
    );
    await client.query(`INSERT INTO "Story" (slug, title) SELECT slug, title FROM story_map`);
    await client.query(`ALTER TABLE story_map ADD COLUMN new_id int`);
    await client.query(`UPDATE story_map m SET new_id = s.id FROM "Story" s WHERE s.slug = m.slug`);
    await client.query(`INSERT INTO "Article" ("storyId", "hostId", "originId", "sourceKey", headline, byline, dateline, "publishedAt", url, "rawText", body, "contentHash", "updatedAt")
      SELECT m.new_id, a."hostId", a."originId", a."sourceKey", a.headline, a.byline, a.dateline, a."publishedAt", a.url, a."rawText", a.body, a."contentHash", now()
      FROM "Article" a JOIN story_map m ON m.old_id = a."storyId"`);
    await client.query(`INSERT INTO "Fact" ("storyId", key, label, kind, unit, agreement)
      SELECT m.new_id, f.key, f.label, f.kind, f.unit, f.agreement FROM "Fact" f JOIN story_map m ON m.old_id = f."storyId"`);
    await client.query(`INSERT INTO "Claim" ("factId", "articleId", text, value, lower, upper, unit, hedge, "textValue", "quoteExact", "quotePrefix", "quoteSuffix", "quoteStart", "quoteEnd", anchored, attribution, "extractedBy")
      SELECT nf.id, na.id, c.text, c.value, c.lower, c.upper, c.unit, c.hedge, c."textValue", c."quoteExact", c."quotePrefix", c."quoteSuffix", c."quoteStart", c."quoteEnd", c.anchored, c.attribution, c."extractedBy"
      FROM story_map m
      JOIN "Article" oa ON oa."storyId" = m.old_id
      JOIN "Article" na ON na."storyId" = m.new_id AND na."sourceKey" = oa."sourceKey"
      JOIN "Claim" c ON c."articleId" = oa.id
      JOIN "Fact" ofa ON ofa.id = c."factId"
      JOIN "Fact" nf ON nf."storyId" = m.new_id AND nf.key = ofa.key`);
    await client.query("COMMIT");
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

interface Measured {
  articles: number;
  claims: number;
  p50: number;
  p99: number;
  mean: number;
  plans: string[];
}

async function measure(url: string): Promise<Measured> {
  const config = { ...loadConfig(), production: true };
  const prisma = createPrisma(url, config);
  const statements: Statement[] = [];
  onStatement(prisma, (statement) => statements.push(statement));
  const api = await createApp(prisma, config);
  const server = http.createServer(api.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const ask = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: CONFLICTS_QUERY }),
    });
    const body = (await res.json()) as { data?: { conflicts: unknown[] }; errors?: unknown };
    if (!body.data || body.data.conflicts.length === 0) throw new Error(`unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
  };
  try {
    for (let i = 0; i < 50; i++) await ask();
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      statements.length = 0;
      const started = process.hrtime.bigint();
      await ask();
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    const plans = await explain(url, [...statements]);
    const [articles, claims] = await Promise.all([prisma.article.count(), prisma.claim.count()]);
    return {
      articles,
      claims,
      p50: times[Math.floor(times.length * 0.5)],
      p99: times[Math.floor(times.length * 0.99)],
      mean: times.reduce((a, b) => a + b, 0) / times.length,
      plans,
    };
  } finally {
    server.close();
    await api.stop();
    await prisma.$disconnect();
  }
}

/** EXPLAIN ANALYZE of the statements one request ran, with the parameters it ran them with. */
async function explain(url: string, statements: Statement[]): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const out: string[] = [];
    for (const statement of statements) {
      const plan = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${statement.text}`,
        statement.values,
      );
      const lines = plan.rows.map((row) => row["QUERY PLAN"]);
      const table = /FROM "(?:public"\.")?(\w+)"/.exec(statement.text)?.[1] ?? "?";
      const scans = lines
        .filter((line) => /Scan|Join|Nested Loop/.test(line))
        .map((line) =>
          line
            .trim()
            .replace(/^->\s*/, "")
            .replace(/\s*\(actual.*$/, ""),
        );
      out.push(`${table}: ${scans.join(" / ")}`);
    }
    return out;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const largest = Number(process.argv[2] ?? 100_000);
  const targets = [1_000, 10_000, 100_000].filter((n) => n <= largest);
  const db = await benchDatabase();
  console.log(`bench:scale on ${machine()}`);
  const results: Array<Measured & { target: number; how: string }> = [];
  try {
    await seed(db.prisma, () => undefined);
    let synthetic = 0;
    for (const target of targets) {
      const started = Date.now();
      let how: string;
      if (target <= LOADED_MAX) {
        const corpus = writeSyntheticCorpus({ articles: target - synthetic, firstIndex: synthetic, perStory: 10 });
        // The first story alone creates the outlets; after that, two stories load side by side.
        await loadStories(db.prisma, corpus.stories.slice(0, 1), 1);
        await loadStories(db.prisma, corpus.stories.slice(1), 2);
        fs.rmSync(corpus.root, { recursive: true, force: true });
        how = "loadFolder";
      } else {
        const copies = Math.ceil(target / synthetic) - 1;
        await multiply(db.url, copies, results.length);
        how = `SQL copies x${copies + 1}`;
      }
      synthetic = (await db.prisma.article.count()) - 5;
      console.log(`  ${synthetic} synthetic articles (${how}) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      const measured = await measure(db.url);
      results.push({ ...measured, target, how });
      console.log(
        `  conflicts(${"baghdad-talks-2007"}): p50 ${measured.p50.toFixed(2)} ms, p99 ${measured.p99.toFixed(2)} ms, mean ${measured.mean.toFixed(2)} ms over ${REQUESTS} requests`,
      );
      for (const plan of measured.plans) console.log(`    ${plan}`);
    }
    console.log("\n| articles | claims | how loaded | p50 ms | p99 ms | mean ms |\n|---:|---:|---|---:|---:|---:|");
    for (const r of results)
      console.log(`| ${r.articles} | ${r.claims} | ${r.how} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.mean.toFixed(2)} |`);
    const ratio = results.at(-1)!.p50 / results[0].p50;
    console.log(`\nlargest/smallest p50 = ${ratio.toFixed(2)} (goal: within 2x) ${ratio <= 2 ? "met" : "NOT met"}`);
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
