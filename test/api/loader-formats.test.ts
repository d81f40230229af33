import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { describeSummary, loadFolder } from "../../src/ingest/loader";
import { finishStoryLoad, loadArticleSource } from "../../src/ingest/load-article";
import { reextract } from "../../src/ingest/reextract";
import { testPrisma, truncateAll } from "../helpers/db";
import { quiet, reviewerToken } from "../helpers/fixtures";
import { gql, testApp } from "../helpers/http";
import { CLUTTERED_PAGE } from "../fixtures/pages";

const NINJS_ITEM = {
  uri: "urn:newsml:example-wire:20310409:quarry",
  headline: "Quarry collapse traps 9 workers",
  byline: "Ana Field",
  versioncreated: "2031-04-09T14:05:30Z",
  firstcreated: "2031-04-09T09:00:00Z",
  located: "Ostrava",
  copyrightholder: "Example Wire",
  body_text: "A quarry wall collapsed on Wednesday, trapping 9 workers, the fire service said.\n\nRescuers reached 4 of them by evening.",
};

const LONG_TEXT = (lead: string) =>
  `${lead}\n\nThe ${"inquiry will report within 3 months, the minister said in a statement to parliament. ".repeat(2)}\n`;

describe("the loader, with the formats newsrooms have", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  const folders: string[] = [];
  const scratch = (name = "crosscheck-formats-") => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), name));
    folders.push(folder);
    return folder;
  };

  beforeAll(async () => {
    prisma = testPrisma();
    api = await testApp(prisma);
  });
  beforeEach(() => truncateAll(prisma));
  afterAll(async () => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
    await api.stop();
    await prisma.$disconnect();
  });

  it("loads .txt, .html and ninjs .json from one folder; the HTML page gives only its article's figures", async () => {
    const folder = scratch();
    fs.writeFileSync(path.join(folder, "courier.html"), CLUTTERED_PAGE);
    fs.writeFileSync(path.join(folder, "wire.json"), JSON.stringify(NINJS_ITEM));
    fs.writeFileSync(
      path.join(folder, "gazette.txt"),
      `https://www.northgazette.example.org/2031/04/09/ferry-fire-99\nFerry fire: 14 dead\n\n${LONG_TEXT("At least 14 people died in the ferry fire, the coast guard said on Tuesday.")}`,
    );
    const summary = await loadFolder(prisma, { folder, storySlug: "ferry", title: "Ferry fire", log: quiet });
    expect(summary.outcomes).toMatchObject({ created: 3, failed: 0 });

    const page = await prisma.article.findFirstOrThrow({ where: { sourceKey: "courier.html" }, include: { claims: true, host: true } });
    expect(page.rawText).toBe(CLUTTERED_PAGE);
    expect(page.sourceFormat).toBe("html");
    expect(page.host.slug).toBe("example-com-ph");
    expect(page.publishedAt?.toISOString()).toBe("2031-04-08T22:45:00.000Z");
    const values = page.claims.map((claim) => claim.value).filter((value) => value !== null);
    expect(new Set(values)).toEqual(new Set([14, 212, 31, 3]));
    for (const claim of page.claims) {
      const text = claim.quoteField === "HEADLINE" ? page.headline : page.body;
      expect(text.slice(claim.quoteStart, claim.quoteEnd)).toBe(claim.quoteExact);
    }
    expect(page.claims.filter((claim) => claim.quoteField === "HEADLINE").map((claim) => claim.value)).toEqual([14]);

    const wire = await prisma.article.findFirstOrThrow({ where: { sourceKey: "wire.json" }, include: { origin: true } });
    expect(wire.publishedAt?.toISOString()).toBe("2031-04-09T14:05:30.000Z");
    expect([wire.headline, wire.byline, wire.sourceFormat, wire.origin.name]).toEqual([
      "Quarry collapse traps 9 workers",
      "Ana Field",
      "ninjs",
      "Example Wire",
    ]);

    const gazette = await prisma.article.findFirstOrThrow({ where: { sourceKey: "gazette.txt" }, include: { host: true, claims: true } });
    expect(gazette.host.slug).toBe("example-org");
    expect(gazette.claims.map((claim) => claim.value)).not.toContain(99);

    // The API says which text a quote indexes.
    const res = await gql<{
      story: {
        articles: Array<{ headline: string; claims: Array<{ quote: { exact: string; start: number; end: number; field: string } }> }>;
      };
    }>(api.app, '{ story(slug: "ferry") { articles { headline claims { quote { exact start end field } } } } }');
    expect(res.errors).toBeUndefined();
    const headlineQuotes = res.data!.story.articles.flatMap((article) =>
      article.claims.filter((claim) => claim.quote.field === "HEADLINE").map((claim) => ({ article, claim })),
    );
    expect(headlineQuotes.length).toBeGreaterThanOrEqual(3);
    for (const { article, claim } of headlineQuotes)
      expect(article.headline.slice(claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
  });

  it("keeps one reading per article when the headline repeats the lead's figure", async () => {
    const folder = scratch();
    fs.writeFileSync(
      path.join(folder, "a.txt"),
      `Mine blast kills 12\n\n${LONG_TEXT("At least 12 miners were killed in a blast at the mine on Monday, officials said.")}`,
    );
    await loadFolder(prisma, { folder, storySlug: "mine", title: "Mine blast", log: quiet });
    const facts = await prisma.fact.findMany({ where: { claims: { some: { value: 12 } } }, include: { claims: true } });
    expect(facts).toHaveLength(1);
    expect(facts[0].claims.map((claim) => claim.quoteField).sort()).toEqual(["BODY", "HEADLINE"]);
    expect(facts[0].agreement).toBe("SINGLE_SOURCE");
    const res = await gql<{ fact: { readings: Array<{ independentSources: number; claims: unknown[] }> } }>(
      api.app,
      `{ fact(id: "${facts[0].id}") { readings { independentSources claims { id } } } }`,
    );
    expect(res.data!.fact.readings).toEqual([{ independentSources: 1, claims: [expect.anything(), expect.anything()] }]);
  });

  it("loads a page that names no outlet under the folder's name and counts it", async () => {
    const folder = path.join(scratch(), "river-clippings");
    fs.mkdirSync(folder);
    fs.writeFileSync(
      path.join(folder, "note.txt"),
      LONG_TEXT("The river rose by 2 metres overnight, residents said, and 30 homes were flooded."),
    );
    const summary = await loadFolder(prisma, { folder, storySlug: "river", title: "River", log: quiet });
    expect(summary.outcomes).toMatchObject({ created: 1, failed: 0 });
    expect(summary.noOutlet).toEqual(["note.txt"]);
    expect(describeSummary(summary)).toContain("1 with no outlet found: add a manifest.json to name them");
    const article = await prisma.article.findFirstOrThrow({ include: { host: true, origin: true } });
    expect([article.host.name, article.origin.name]).toEqual(["river-clippings", "river-clippings"]);

    // Through the API's path there is no folder: "Unknown source".
    const story = await prisma.story.findUniqueOrThrow({ where: { slug: "river" } });
    const result = await loadArticleSource(prisma, story, {
      sourceKey: "api-1",
      format: "text",
      content: LONG_TEXT("Another 5 homes were flooded on Tuesday, the council said in a statement."),
    });
    expect(result).toMatchObject({ outcome: "created", noOutlet: true });
    await finishStoryLoad(prisma, story.id);
    const submitted = await prisma.article.findUniqueOrThrow({ where: { id: result.articleId! }, include: { host: true } });
    expect(submitted.host.name).toBe("Unknown source");
  });

  it("re-extracts when the rules change, keeping the verdict, and removes facts left with no claims", async () => {
    const folder = scratch();
    fs.writeFileSync(
      path.join(folder, "a.txt"),
      `https://a.example.net/x\nBlast kills 7\n\n${LONG_TEXT("A blast killed 7 people at the depot on Friday, police said.")}`,
    );
    fs.writeFileSync(
      path.join(folder, "b.txt"),
      `https://b.example.org/y\nBlast kills 9\n\n${LONG_TEXT("A blast killed 9 people at the depot on Friday, the fire service said.")}`,
    );
    const first = await loadFolder(prisma, { folder, storySlug: "depot", title: "Depot blast", extractorVersion: "rules-1", log: quiet });
    expect(first.outcomes).toMatchObject({ created: 2 });
    const fact = await prisma.fact.findFirstOrThrow({ where: { claims: { some: { value: 9 } } }, include: { claims: true } });
    expect(fact.agreement).toBe("CONFLICT");
    const trusted = fact.claims.find((claim) => claim.value === 9 && claim.quoteField === "BODY")!;
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    const recorded = await gql(
      api.app,
      "mutation($i: RecordVerdictInput!) { recordVerdict(input: $i) { id } }",
      {
        i: { factId: String(fact.id), trustedClaimId: String(trusted.id), rationale: "fire service count", expectedVersion: fact.version },
      },
      reviewer.token,
    );
    expect(recorded.errors).toBeUndefined();
    const story = await prisma.story.findUniqueOrThrow({ where: { slug: "depot" } });
    const stray = await prisma.fact.create({ data: { storyId: story.id, key: "stray.count", label: "left over", kind: "COUNT" } });

    const same = await loadFolder(prisma, { folder, storySlug: "depot", extractorVersion: "rules-1", log: quiet });
    expect(same.outcomes).toMatchObject({ unchanged: 2 });
    const changed = await loadFolder(prisma, { folder, storySlug: "depot", extractorVersion: "rules-2", log: quiet });
    expect(changed.outcomes).toMatchObject({ reextracted: 2, failed: 0 });
    expect(await prisma.fact.findUnique({ where: { id: stray.id } })).toBeNull();
    expect(await prisma.verdict.count()).toBe(1);
    const kept = await prisma.claim.findUniqueOrThrow({ where: { id: trusted.id } });
    expect(kept.anchored).toBe(true);
    // The kept claim stands in for its re-extracted twin: nothing is duplicated.
    const after = await prisma.claim.findMany({ where: { articleId: trusted.articleId, value: 9 } });
    expect(after.map((claim) => claim.quoteField).sort()).toEqual(["BODY", "HEADLINE"]);
    expect((await prisma.article.findFirstOrThrow({ where: { id: trusted.articleId } })).extractorVersion).toBe("rules-2");

    const again = await reextract(prisma, { storySlug: "depot", extractorVersion: "rules-3" });
    expect(again).toEqual([{ story: "depot", reextracted: 2, unchanged: 0, failures: [] }]);
    expect(await prisma.verdict.count()).toBe(1);
    expect((await prisma.fact.findUniqueOrThrow({ where: { id: fact.id } })).agreement).toBe("CONFLICT");
    const articles = await prisma.article.findMany({ include: { host: true }, orderBy: { sourceKey: "asc" } });
    expect(articles.map((article) => article.host.slug)).toEqual(["example-net", "example-org"]);
  });

  it("trusts no file: a symlink and a FIFO are named and skipped, an oversized file is refused by its size", async () => {
    const folder = scratch();
    const outside = path.join(scratch("crosscheck-secret-"), "secret.txt");
    fs.writeFileSync(outside, LONG_TEXT("The password list holds 40 entries, the admin said."));
    fs.symlinkSync(outside, path.join(folder, "link.txt"));
    execFileSync("mkfifo", [path.join(folder, "pipe.txt")]);
    fs.writeFileSync(path.join(folder, "big.txt"), "x".repeat(5000));
    fs.writeFileSync(path.join(folder, "broken.html"), "<html><body><nav>Home</nav></body></html>");
    fs.writeFileSync(path.join(folder, "broken.json"), '{ "headline": ');
    fs.writeFileSync(
      path.join(folder, "good.txt"),
      `Quake hits town\n\n${LONG_TEXT("A quake of magnitude 5.8 hit the town on Sunday, officials said.")}`,
    );

    const started = Date.now();
    const summary = await loadFolder(prisma, { folder, storySlug: "quake", title: "Quake", maxBytes: 4000, log: quiet });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(summary.outcomes).toMatchObject({ created: 1, failed: 5 });
    const reasons = Object.fromEntries(summary.failures.map((failure) => [failure.file, failure.reason]));
    expect(reasons["link.txt"]).toMatch(/symbolic link/);
    expect(reasons["pipe.txt"]).toMatch(/FIFO/);
    expect(reasons["big.txt"]).toMatch(/4\.9 KB, over the 3\.9 KB limit/);
    expect(reasons["broken.html"]).toMatch(/no article text/);
    expect(reasons["broken.json"]).toMatch(/not valid JSON/);
    const articles = await prisma.article.findMany();
    expect(articles.map((article) => article.sourceKey)).toEqual(["good.txt"]);
    expect(articles.some((article) => article.body.includes("password"))).toBe(false);
  });

  it("creates no story when nothing in the folder loads", async () => {
    const folder = scratch();
    fs.writeFileSync(path.join(folder, "empty.txt"), "   \n");
    execFileSync("mkfifo", [path.join(folder, "pipe.txt")]);
    const summary = await loadFolder(prisma, { folder, storySlug: "nothing", title: "Nothing", log: quiet });
    expect(summary.outcomes).toMatchObject({ created: 0, failed: 2 });
    expect(await prisma.story.count()).toBe(0);
  });

  it("refuses an oversized API body by its size before parsing it", async () => {
    const story = await prisma.story.create({ data: { slug: "big", title: "Big" } });
    const previous = process.env.INGEST_MAX_BYTES;
    process.env.INGEST_MAX_BYTES = "1000";
    try {
      await expect(
        loadArticleSource(prisma, story, { sourceKey: "big", format: "html", content: `<p>${"y".repeat(2000)}</p>` }),
      ).rejects.toThrow(/2\.0 KB, over the 1000 bytes limit/);
    } finally {
      if (previous === undefined) delete process.env.INGEST_MAX_BYTES;
      else process.env.INGEST_MAX_BYTES = previous;
    }
    expect(await prisma.article.count()).toBe(0);
  });
});
