/**
 * npm run bench:ingest [-- <total articles, default 10000>]
 * On one synthetic corpus (10 articles per story), in one run:
 * 1. extraction alone, no database: what the loader does to an article before it writes it
 *    (parseSource + resolveMetadata + articleClaims), one article after another on one core;
 * 2. the whole loader (loadFolder), in three cumulative steps (10 %, 50 %, 100 % of the total),
 *    printing articles/s and the per-article cost of each step: if the loader's cost grew with the
 *    database, later steps would cost more per article.
 * The last line gives both rates and their ratio: how close the loader comes to the extraction limit.
 */
import fs from "node:fs";
import { loadFolder } from "../src/ingest/loader";
import { articleClaims, resolveMetadata } from "../src/ingest/load-article";
import { parseSource } from "../src/ingest/formats";
import { benchDatabase, machine } from "./database";
import { syntheticArticle, writeSyntheticCorpus } from "./synthetic";

const WARM_UP = 100;

/** Articles/s of extraction alone over articles 0..total-1 of the corpus, after a warm-up; and their mean size. */
function measureExtraction(total: number): { perSecond: number; meanBytes: number; claims: number; cpuMs: number } {
  const articles = Array.from({ length: total }, (_, index) => syntheticArticle(index));
  const extract = (article: (typeof articles)[number]): number => {
    const { cleaned } = parseSource({ format: "text", content: article.text });
    const resolved = resolveMetadata(cleaned, article.host ? { host: article.host } : {}, {});
    return articleClaims(resolved.headline, cleaned.body).length;
  };
  for (const article of articles.slice(0, WARM_UP)) extract(article);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let claims = 0;
  for (const article of articles) claims += extract(article);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const bytes = articles.reduce((sum, article) => sum + Buffer.byteLength(article.text, "utf8"), 0);
  return { perSecond: total / seconds, meanBytes: bytes / total, claims, cpuMs: (used.user + used.system) / 1000 / total };
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 10_000);
  const steps = [...new Set([Math.round(total / 10), Math.round(total / 2), total])];
  console.log(`bench:ingest on ${machine()}`);

  const extraction = measureExtraction(total);
  console.log(
    `extraction alone (parse + clean + extract, no database): ${total} articles of ${(extraction.meanBytes / 1024).toFixed(1)} KB on average, ` +
      `${extraction.perSecond.toFixed(0)} articles/s, ${extraction.cpuMs.toFixed(2)} ms CPU/article, ${extraction.claims} claims`,
  );

  const db = await benchDatabase();
  const rows: Array<{ upTo: number; articles: number; seconds: number }> = [];
  let loaded = 0;
  let loaderCpuMs = 0;
  try {
    for (const upTo of steps) {
      const corpus = writeSyntheticCorpus({ articles: upTo - loaded, firstIndex: loaded, perStory: 10 });
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      let failed = 0;
      for (const story of corpus.stories) {
        const summary = await loadFolder(db.prisma, { folder: story.folder, storySlug: story.slug, title: story.title });
        failed += summary.outcomes.failed;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const used = process.cpuUsage(cpu);
      const stepCpuMs = (used.user + used.system) / 1000;
      loaderCpuMs += stepCpuMs;
      fs.rmSync(corpus.root, { recursive: true, force: true });
      if (failed) throw new Error(`${failed} articles failed to load`);
      rows.push({ upTo, articles: upTo - loaded, seconds });
      console.log(
        `  ${String(loaded + 1).padStart(6)}..${String(upTo).padEnd(6)} ${String(upTo - loaded).padStart(6)} articles in ${seconds.toFixed(1).padStart(6)} s: ` +
          `${((upTo - loaded) / seconds).toFixed(0).padStart(4)} articles/s, ${((seconds * 1000) / (upTo - loaded)).toFixed(2)} ms/article, ` +
          `Node CPU ${(stepCpuMs / (upTo - loaded)).toFixed(2)} ms/article`,
      );
      loaded = upTo;
    }
    const [articles, claims, facts] = await Promise.all([db.prisma.article.count(), db.prisma.claim.count(), db.prisma.fact.count()]);
    const seconds = rows.reduce((sum, row) => sum + row.seconds, 0);
    const first = (rows[0].seconds * 1000) / rows[0].articles;
    const last = (rows.at(-1)!.seconds * 1000) / rows.at(-1)!.articles;
    const loaderPerSecond = loaded / seconds;
    console.log(`database: ${articles} articles, ${claims} claims, ${facts} facts`);
    console.log(`loader: Node CPU ${(loaderCpuMs / loaded).toFixed(2)} ms/article (extraction alone ${extraction.cpuMs.toFixed(2)})`);
    console.log(
      `articles=${loaded} seconds=${seconds.toFixed(1)} articles_per_s=${loaderPerSecond.toFixed(0)} ms_per_article_first=${first.toFixed(2)} ms_per_article_last=${last.toFixed(2)} growth=${(last / first).toFixed(2)} ` +
        `extract_aps=${extraction.perSecond.toFixed(0)} loader_aps=${loaderPerSecond.toFixed(0)} loader_vs_extract=${(loaderPerSecond / extraction.perSecond).toFixed(2)} ` +
        `mean_article_bytes=${extraction.meanBytes.toFixed(0)} loader_cpu_ms=${(loaderCpuMs / loaded).toFixed(2)} extract_cpu_ms=${extraction.cpuMs.toFixed(2)}`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
