/**
 * npm run bench:ingest [-- <total articles, default 10000>]
 * Loads synthetic articles (10 per story) through loadFolder in three cumulative steps (10 %, 50 %,
 * 100 % of the total) and prints articles/s and the per-article cost of each step: if the loader's
 * cost grew with the database, later steps would cost more per article.
 */
import fs from "node:fs";
import { loadFolder } from "../src/ingest/loader";
import { benchDatabase, machine } from "./database";
import { writeSyntheticCorpus } from "./synthetic";

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 10_000);
  const steps = [...new Set([Math.round(total / 10), Math.round(total / 2), total])];
  const db = await benchDatabase();
  console.log(`bench:ingest on ${machine()}`);
  const rows: Array<{ upTo: number; articles: number; seconds: number }> = [];
  let loaded = 0;
  try {
    for (const upTo of steps) {
      const corpus = writeSyntheticCorpus({ articles: upTo - loaded, firstIndex: loaded, perStory: 10 });
      const started = process.hrtime.bigint();
      let failed = 0;
      for (const story of corpus.stories) {
        const summary = await loadFolder(db.prisma, { folder: story.folder, storySlug: story.slug, title: story.title });
        failed += summary.outcomes.failed;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      fs.rmSync(corpus.root, { recursive: true, force: true });
      if (failed) throw new Error(`${failed} articles failed to load`);
      rows.push({ upTo, articles: upTo - loaded, seconds });
      console.log(
        `  ${String(loaded + 1).padStart(6)}..${String(upTo).padEnd(6)} ${String(upTo - loaded).padStart(6)} articles in ${seconds.toFixed(1).padStart(6)} s: ` +
          `${((upTo - loaded) / seconds).toFixed(0).padStart(4)} articles/s, ${((seconds * 1000) / (upTo - loaded)).toFixed(2)} ms/article`,
      );
      loaded = upTo;
    }
    const [articles, claims, facts] = await Promise.all([db.prisma.article.count(), db.prisma.claim.count(), db.prisma.fact.count()]);
    const seconds = rows.reduce((sum, row) => sum + row.seconds, 0);
    const first = (rows[0].seconds * 1000) / rows[0].articles;
    const last = (rows.at(-1)!.seconds * 1000) / rows.at(-1)!.articles;
    console.log(`database: ${articles} articles, ${claims} claims, ${facts} facts`);
    console.log(
      `articles=${loaded} seconds=${seconds.toFixed(1)} articles_per_s=${(loaded / seconds).toFixed(0)} ms_per_article_first=${first.toFixed(2)} ms_per_article_last=${last.toFixed(2)} growth=${(last / first).toFixed(2)}`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
