/**
 * The loader killed mid-load (SIGKILL: no cleanup, no finally) and run again must finish the job:
 * every file loaded once, every article with all its claims, nothing half-written, nothing doubled.
 *
 * It drives the compiled CLI, as an editor would. `dist/` is rebuilt first when it is missing or
 * older than any file under src/ (test/helpers/processes.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config";
import type { Database } from "../../src/db";
import { cleanArticle, extractClaims } from "../../src/extraction";
import { writeSyntheticCorpus, type SyntheticStory } from "../../bench/synthetic";
import { testDatabaseUrl, testPrisma, truncateAll } from "../helpers/db";
import { ensureBuilt } from "../helpers/processes";

const ARTICLES = 240;
const KILL_AFTER = 40;
const CLI = path.join(PROJECT_ROOT, "dist", "src", "ingest", "cli.js");

function runLoader(story: SyntheticStory): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
} {
  const child = spawn(process.execPath, [CLI, story.folder, "--story", story.slug, "--title", story.title], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, done };
}

/** What a clean load stores per article: one claim per distinct (fact, quote offsets). */
function expectedClaims(text: string): number {
  return new Set(extractClaims(cleanArticle(text).body).map((claim) => `${claim.factKey}|${claim.quote.start}|${claim.quote.end}`)).size;
}

describe("the loader, killed in the middle of a load", () => {
  let prisma: Database;
  let root: string;
  let story: SyntheticStory;

  beforeAll(async () => {
    ensureBuilt([CLI]);
    prisma = testPrisma();
    await truncateAll(prisma);
    const corpus = writeSyntheticCorpus({ articles: ARTICLES, perStory: ARTICLES, seed: 7, slugPrefix: "killed-load" });
    root = corpus.root;
    story = corpus.stories[0];
  }, 120_000);
  afterAll(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    await prisma.$disconnect();
  });

  it("completes on a rerun, with no duplicates and no half-written article", async () => {
    const storyArticles = () => prisma.article.count({ where: { story: { slug: story.slug } } });

    const first = runLoader(story);
    const deadline = Date.now() + 60_000;
    while ((await storyArticles()) < KILL_AFTER) {
      if (Date.now() > deadline) throw new Error(`the loader did not get ${KILL_AFTER} articles in: ${(await first.done).output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    first.child.kill("SIGKILL");
    const killed = await first.done;
    expect(killed.signal).toBe("SIGKILL");
    const before = await storyArticles();
    expect(before).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(before).toBeLessThan(ARTICLES);

    const rerun = await runLoader(story).done;
    expect({ code: rerun.code, output: rerun.output }).toEqual({ code: 0, output: expect.stringContaining(`${ARTICLES - before} new`) });
    expect(rerun.output).toContain(`${before} unchanged`);

    // Every file once.
    const articles = await prisma.article.findMany({
      where: { story: { slug: story.slug } },
      select: { id: true, sourceKey: true, rawText: true, _count: { select: { claims: true } } },
    });
    expect(articles).toHaveLength(ARTICLES);
    expect(new Set(articles.map((a) => a.sourceKey))).toEqual(new Set(story.files));

    // Every article whole: as many claims as a fresh extraction of its file gives, and its text intact.
    const short = articles
      .map((a) => ({
        file: a.sourceKey,
        stored: a._count.claims,
        expected: expectedClaims(fs.readFileSync(path.join(story.folder, a.sourceKey), "utf8")),
        sameText: a.rawText === fs.readFileSync(path.join(story.folder, a.sourceKey), "utf8"),
      }))
      .filter((row) => row.stored !== row.expected || !row.sameText);
    expect(short).toEqual([]);
    expect(articles.reduce((sum, a) => sum + a._count.claims, 0)).toBeGreaterThan(ARTICLES);

    // No duplicate rows anywhere, and exactly one creation recorded per article.
    const duplicates = await prisma.$queryRaw<Array<{ what: string; n: bigint }>>`
      SELECT 'claim' AS what, count(*) AS n FROM (SELECT 1 FROM "Claim" GROUP BY "articleId", "factId", "quoteStart", "quoteEnd" HAVING count(*) > 1) d
      UNION ALL SELECT 'fact', count(*) FROM (SELECT 1 FROM "Fact" GROUP BY "storyId", key HAVING count(*) > 1) d
      UNION ALL SELECT 'article text', count(*) FROM (SELECT 1 FROM "Article" GROUP BY "storyId", "contentHash" HAVING count(*) > 1) d
      UNION ALL SELECT 'story', count(*) FROM (SELECT 1 FROM "Story" GROUP BY slug HAVING count(*) > 1) d
      UNION ALL SELECT 'outlet', count(*) FROM (SELECT 1 FROM "Outlet" GROUP BY slug HAVING count(*) > 1) d`;
    expect(duplicates.map((row) => [row.what, Number(row.n)])).toEqual([
      ["claim", 0],
      ["fact", 0],
      ["article text", 0],
      ["story", 0],
      ["outlet", 0],
    ]);
    expect(await prisma.auditEvent.count({ where: { action: "article.create" } })).toBe(ARTICLES);
    // Claims point at facts of their own story.
    const strays = await prisma.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" JOIN "Fact" f ON f.id = c."factId" WHERE f."storyId" <> a."storyId"`;
    expect(Number(strays[0].n)).toBe(0);
  });
});
