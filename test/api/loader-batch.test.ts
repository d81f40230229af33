/**
 * The folder loader writes new articles in batches (src/ingest/load-batch.ts). A folder larger than
 * one batch must load as it would one article at a time: the same articles, claims and audit rows,
 * a text under two names once (also when both names fall in one batch), bad files named while the
 * rest loads, and a re-run that changes nothing. A database failure inside a batch must lose nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { writeSyntheticCorpus, type SyntheticStory } from "../../bench/synthetic";
import type { Database } from "../../src/db";
import { parseSource } from "../../src/ingest/formats";
import { articleClaims, finishStoryLoad, loadArticleSource } from "../../src/ingest/load-article";
import { loadFolder } from "../../src/ingest/loader";
import { readManifest } from "../../src/ingest/manifest";
import { asOwner, testPrisma, truncateAll } from "../helpers/db";
import { databaseFingerprint, quiet } from "../helpers/fixtures";

/** Three batches of the default 50, the last one partial. */
const ARTICLES = 120;

/** What a clean load of one text stores: one claim per distinct (fact, field, quote offsets). */
function expectedClaims(text: string): number {
  const { cleaned } = parseSource({ format: "text", content: text });
  return new Set(
    articleClaims(cleaned.headline, cleaned.body).map(
      ({ claim, field }) => `${claim.factKey}|${field}|${claim.quote.start}|${claim.quote.end}`,
    ),
  ).size;
}

/** Every article of a story with its outlets and claims, by file name, ids left out. */
async function storyContents(prisma: Database, slug: string) {
  const articles = await prisma.article.findMany({
    where: { story: { slug } },
    orderBy: { sourceKey: "asc" },
    include: {
      origin: { select: { slug: true } },
      host: { select: { slug: true } },
      claims: { orderBy: [{ quoteField: "asc" }, { quoteStart: "asc" }, { quoteEnd: "asc" }, { value: "asc" }] },
    },
  });
  return articles.map((article) => ({
    sourceKey: article.sourceKey,
    headline: article.headline,
    body: article.body,
    contentHash: article.contentHash,
    outlets: `${article.origin.slug} via ${article.host.slug}`,
    claims: article.claims.map((claim) => [
      claim.quoteField,
      claim.quoteStart,
      claim.quoteEnd,
      claim.value,
      claim.hedge,
      claim.unit,
      claim.text,
    ]),
  }));
}

describe("the folder loader, in batches", () => {
  let prisma: Database;
  let root: string;
  let story: SyntheticStory;
  /** The same text as the first file, under a name that sorts right after it: both in the first batch. */
  let copyName: string;

  beforeAll(() => {
    prisma = testPrisma();
    const corpus = writeSyntheticCorpus({ articles: ARTICLES, perStory: ARTICLES, seed: 11, slugPrefix: "batched" });
    root = corpus.root;
    story = corpus.stories[0];
    copyName = `${story.files[0].slice(0, "000000-".length)}zz-copy.txt`;
    fs.copyFileSync(path.join(story.folder, story.files[0]), path.join(story.folder, copyName));
    // One file the reader refuses (binary) and one the parser refuses (no article text), in the second batch.
    fs.writeFileSync(path.join(story.folder, "000060-binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    fs.writeFileSync(path.join(story.folder, "000061-menu.html"), "<html><body><nav><a href='/'>Home</a></nav></body></html>");
  });
  beforeEach(() => truncateAll(prisma));
  afterAll(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    await prisma.$disconnect();
  });

  const load = (extra: { extractorVersion?: string; log?: (line: string) => void } = {}) =>
    loadFolder(prisma, { folder: story.folder, storySlug: story.slug, title: story.title, log: quiet, ...extra });

  it("loads a folder of several batches once, names the bad files, and a re-run changes nothing", async () => {
    const lines: string[] = [];
    const first = await load({ log: (line) => lines.push(line) });
    expect(first.outcomes).toEqual({ created: ARTICLES, updated: 0, reextracted: 0, unchanged: 0, duplicate: 1, failed: 2 });
    expect(first.failures.map((failure) => failure.file).sort()).toEqual(["000060-binary.txt", "000061-menu.html"]);
    expect(first.failures.find((failure) => failure.file === "000060-binary.txt")!.reason).toMatch(/binary/);
    expect(first.failures.find((failure) => failure.file === "000061-menu.html")!.reason).toMatch(/no article text/i);
    expect(lines).toContain(`  ${copyName}: skipped, the same text is already loaded under another name`);
    // Written by the batches themselves: none fell back to one article at a time.
    expect(lines.filter((line) => line.includes("one by one"))).toEqual([]);
    expect(lines.filter((line) => /^ {2}\d+\/123 articles \(\d+\/s\)$/.test(line)).at(-1)).toMatch(/^ {2}123\/123 /);

    // Every file once, whole: its text and as many claims as a fresh extraction of it gives.
    const articles = await prisma.article.findMany({
      where: { story: { slug: story.slug } },
      select: { id: true, sourceKey: true, rawText: true, _count: { select: { claims: true } } },
    });
    expect(articles.map((article) => article.sourceKey).sort()).toEqual([...story.files].sort());
    const wrong = articles
      .map((article) => {
        const text = fs.readFileSync(path.join(story.folder, article.sourceKey), "utf8");
        return {
          file: article.sourceKey,
          stored: article._count.claims,
          expected: expectedClaims(text),
          sameText: article.rawText === text,
        };
      })
      .filter((row) => row.stored !== row.expected || !row.sameText);
    expect(wrong).toEqual([]);
    expect(first.claims).toBeGreaterThan(ARTICLES * 3);

    // One creation recorded per article, as a per-article load records it.
    const audits = await prisma.auditEvent.findMany({ where: { action: "article.create" } });
    expect(audits).toHaveLength(ARTICLES);
    const byId = new Map(articles.map((article) => [String(article.id), article]));
    for (const event of audits) {
      const article = byId.get(event.subjectId)!;
      expect({ actor: event.actor, subjectType: event.subjectType, before: event.before, after: event.after }).toEqual({
        actor: "loader",
        subjectType: "Article",
        before: null,
        after: {
          sourceKey: article.sourceKey,
          contentHash: expect.any(String),
          extractorVersion: expect.any(String),
          claims: article._count.claims,
        },
      });
    }

    const before = await databaseFingerprint(prisma);
    const again = await load();
    expect(again.outcomes).toEqual({ created: 0, updated: 0, reextracted: 0, unchanged: ARTICLES, duplicate: 1, failed: 2 });
    expect(await databaseFingerprint(prisma)).toBe(before);
  });

  it("stores what loading the files one by one stores", async () => {
    await load();
    const batched = await storyContents(prisma, story.slug);

    await truncateAll(prisma);
    const single = await prisma.story.create({ data: { slug: story.slug, title: story.title } });
    const manifest = readManifest(story.folder);
    for (const name of [...story.files, copyName].sort()) {
      await loadArticleSource(
        prisma,
        single,
        {
          sourceKey: name,
          format: "text",
          content: fs.readFileSync(path.join(story.folder, name), "utf8"),
          manifest: manifest.articles[name],
        },
        { fallbackOutlet: path.basename(story.folder) },
      );
    }
    await finishStoryLoad(prisma, single.id);
    expect(batched).toEqual(await storyContents(prisma, story.slug));
  });

  it("re-extracts every article under new rules and rewrites only a changed one", async () => {
    await load({ extractorVersion: "rules-1" });
    const changed = story.files[70];
    const file = path.join(story.folder, changed);
    const original = fs.readFileSync(file, "utf8");
    try {
      fs.writeFileSync(file, original.replace(/\n\n/, "\n\nEditor's note: 3 paragraphs were added.\n\n"));
      const updated = await load({ extractorVersion: "rules-1" });
      expect(updated.outcomes).toMatchObject({ created: 0, updated: 1, unchanged: ARTICLES - 1, duplicate: 1, failed: 2 });
      expect(await prisma.auditEvent.count({ where: { action: "article.update", subjectType: "Article" } })).toBe(1);

      const reextracted = await load({ extractorVersion: "rules-2" });
      expect(reextracted.outcomes).toMatchObject({ created: 0, reextracted: ARTICLES, unchanged: 0, duplicate: 1, failed: 2 });
      expect(await prisma.article.count({ where: { extractorVersion: "rules-2" } })).toBe(ARTICLES);
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it("loads a batch one by one when its transaction fails: the article the database refuses is named, the others load", async () => {
    const poisoned = story.files[30];
    await asOwner(`
      CREATE FUNCTION test_refuse_article() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."sourceKey" = '${poisoned}' THEN RAISE EXCEPTION 'test refuses %', NEW."sourceKey"; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_refuse_article BEFORE INSERT ON "Article" FOR EACH ROW EXECUTE FUNCTION test_refuse_article();`);
    try {
      const lines: string[] = [];
      const summary = await load({ log: (line) => lines.push(line) });
      expect(summary.outcomes).toEqual({ created: ARTICLES - 1, updated: 0, reextracted: 0, unchanged: 0, duplicate: 1, failed: 3 });
      expect(summary.failures.map((failure) => failure.file).sort()).toEqual([poisoned, "000060-binary.txt", "000061-menu.html"]);
      expect(summary.failures.find((failure) => failure.file === poisoned)!.reason).toContain(`test refuses ${poisoned}`);
      // Only the first batch (where the poisoned file is) fell back.
      expect(lines.filter((line) => line.includes("loading them one by one"))).toHaveLength(1);
    } finally {
      await asOwner('DROP TRIGGER test_refuse_article ON "Article"; DROP FUNCTION test_refuse_article();');
    }
    // Nothing of the refused article, and every other one whole, with its audit row.
    expect(await prisma.article.count({ where: { sourceKey: poisoned } })).toBe(0);
    expect(await prisma.article.count()).toBe(ARTICLES - 1);
    expect(await prisma.auditEvent.count({ where: { action: "article.create" } })).toBe(ARTICLES - 1);
    const strays = await prisma.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM "AuditEvent" e LEFT JOIN "Article" a ON a.id::text = e."subjectId" WHERE a.id IS NULL`;
    expect(Number(strays[0].n)).toBe(0);

    const rerun = await load();
    expect(rerun.outcomes).toEqual({ created: 1, updated: 0, reextracted: 0, unchanged: ARTICLES - 1, duplicate: 1, failed: 2 });
  });
});
