import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { loadFolder, LoadError } from "../../src/ingest/loader";
import { SEEDS_DIR } from "../../src/ingest/seed";
import { testPrisma, truncateAll } from "../helpers/db";
import { quiet, reviewerToken, SEED_STORY, seedStory } from "../helpers/fixtures";
import { gql, testApp } from "../helpers/http";

const SEED_FOLDER = path.join(SEEDS_DIR, SEED_STORY);

/** A scratch copy of the seed folder that a test may edit. */
function scratchCopy(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-loader-"));
  for (const name of fs.readdirSync(SEED_FOLDER)) fs.copyFileSync(path.join(SEED_FOLDER, name), path.join(folder, name));
  return folder;
}

type ConflictView = {
  conflicts: Array<{ key: string; readings: Array<{ lower: number; upper: number; claims: Array<{ text: string }> }> }>;
};

describe("the loader", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  const folders: string[] = [];

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

  it("finds the real outlet behind each aggregator copy", async () => {
    await seedStory(prisma);
    const articles = await prisma.article.findMany({ include: { origin: true, host: true }, orderBy: { sourceKey: "asc" } });
    const pairs = articles.map((a) => `${a.sourceKey}: ${a.origin.slug} via ${a.host.slug}`);
    expect(pairs).toEqual([
      "iran-us-talks-end-without-breakthrough.txt: dpa via ncri",
      "us-and-iran-trade-blame-over-iraq-chaos.txt: afp via ncri",
      "us-tells-iran-face-to-face.txt: cnn via iranpressnews",
      "us-tells-iran-to-stop-backing-iraq-militias-copy.txt: reuters via iranfocus",
      "us-tells-iran-to-stop-backing-iraq-militias.txt: reuters via reuters",
    ]);
  });

  it("anchors every claim's quote in its article body, and keeps no page clutter", async () => {
    await seedStory(prisma);
    const articles = await prisma.article.findMany({ include: { claims: true } });
    let claims = 0;
    for (const article of articles) {
      for (const claim of article.claims) {
        claims++;
        expect(article.body.slice(claim.quoteStart, claim.quoteEnd)).toBe(claim.quoteExact);
        expect(claim.quotePrefix).toBe(article.body.slice(Math.max(0, claim.quoteStart - 32), claim.quoteStart));
        expect(claim.quoteSuffix).toBe(article.body.slice(claim.quoteEnd, claim.quoteEnd + 32));
      }
      for (const clutter of ["Exit mobile version", "Latest news", "Must read", "You might also like", "©", "tablet", "12 years ago"]) {
        expect(article.body).not.toContain(clutter);
      }
      expect(article.rawText.length).toBeGreaterThan(article.body.length);
    }
    expect(claims).toBeGreaterThan(30);
  });

  it("reports the bombing's toll as conflicts and the years since relations were cut as compatible", async () => {
    await seedStory(prisma);
    const res = await gql<ConflictView>(
      api.app,
      `{ conflicts(storySlug: "${SEED_STORY}") { key readings { lower upper claims { text } } } }`,
    );
    const byKey = new Map(res.data!.conflicts.map((fact) => [fact.key, fact]));
    const values = (key: string) =>
      byKey
        .get(key)
        ?.readings.map((r) => r.lower)
        .sort((a, b) => a - b);
    expect(values("bombing.killed")).toEqual([19, 24]);
    expect(values("bombing.wounded")).toEqual([46, 68]);
    // Every report agrees on 1980; dpa's "the 1979 hostage crisis" dates another event.
    expect(byKey.has("relations.cut_year")).toBe(false);

    const story = await gql<{
      story: { facts: Array<{ key: string; agreement: string; readings: Array<{ label: string; independentSources: number }> }> };
    }>(api.app, `{ story(slug: "${SEED_STORY}") { facts { key agreement readings { label independentSources } } } }`);
    const years = story.data!.story.facts.find(
      (f) => f.readings.some((r) => r.label === "27") && f.readings.some((r) => r.label === "almost 30"),
    );
    expect(years?.agreement).toBe("COMPATIBLE");
    // CNN and AFP both say 27; Reuters twice (one aggregator copy) and dpa say almost 30: two origins each.
    expect(years!.readings.map((r) => r.independentSources)).toEqual([2, 2]);
  });

  it("recognises one person across spellings", async () => {
    await seedStory(prisma);
    const res = await gql<{ story: { people: Array<{ name: string; variants: string[]; articleIds: string[] }> } }>(
      api.app,
      `{ story(slug: "${SEED_STORY}") { people { name variants articleIds } } }`,
    );
    const envoy = res.data!.story.people.find((p) => p.variants.some((v) => v.includes("Kazemi Qumi")));
    for (const spelling of ["Kazemi-Qomi", "Kazemi Qomi", "Kazemi Qumi"]) {
      expect(envoy?.variants.some((variant) => variant.endsWith(spelling))).toBe(true);
    }
    expect(res.data!.story.people.filter((p) => p.variants.some((v) => /Q[ou]mi$/.test(v)))).toHaveLength(1);
    expect(envoy!.articleIds).toHaveLength(5);
  });

  it("re-extracts a changed article, keeps verdicts and flags a claim whose quote no longer anchors", async () => {
    const folder = scratchCopy();
    folders.push(folder);
    await loadFolder(prisma, { folder, createFromManifest: true, log: quiet });
    const fact = await prisma.fact.findFirstOrThrow({
      where: { key: "bombing.killed" },
      include: { claims: { include: { article: true } } },
    });
    const trusted = fact.claims.find((c) => c.value === 24)!;
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    const recorded = await gql(
      api.app,
      "mutation($i: RecordVerdictInput!) { recordVerdict(input: $i) { id } }",
      {
        i: { factId: String(fact.id), trustedClaimId: String(trusted.id), rationale: "later version", expectedVersion: fact.version },
      },
      reviewer.token,
    );
    expect(recorded.errors).toBeUndefined();

    // The outlet corrects its copy: a paragraph is added at the top, so every offset moves.
    const file = path.join(folder, trusted.article.sourceKey);
    const raw = fs.readFileSync(file, "utf8");
    const lead = raw.indexOf("BAGHDAD");
    fs.writeFileSync(file, `${raw.slice(0, lead)}Editor's note: this story was updated with a new paragraph.\n\n${raw.slice(lead)}`);
    const summary = await loadFolder(prisma, { folder, createFromManifest: true, log: quiet });
    expect(summary.outcomes).toMatchObject({ updated: 1, unchanged: 4, failed: 0 });

    const kept = await prisma.claim.findUniqueOrThrow({ where: { id: trusted.id } });
    expect(kept.anchored).toBe(false);
    expect(kept.quoteStart).toBe(trusted.quoteStart);
    expect(await prisma.verdict.count()).toBe(1);
    const article = await prisma.article.findUniqueOrThrow({ where: { id: trusted.articleId }, include: { claims: true } });
    const fresh = article.claims.filter((c) => c.anchored);
    expect(fresh.length).toBeGreaterThan(5);
    for (const claim of fresh) expect(article.body.slice(claim.quoteStart, claim.quoteEnd)).toBe(claim.quoteExact);
    // The re-extracted 24 sits beside the kept one; nothing else was duplicated.
    expect(article.claims.filter((c) => c.factId === fact.id)).toHaveLength(2);

    const again = await loadFolder(prisma, { folder, createFromManifest: true, log: quiet });
    expect(again.outcomes).toMatchObject({ unchanged: 5 });
  });

  it("reports bad files, still loads the rest, and refuses a missing folder or an unknown story", async () => {
    const folder = scratchCopy();
    folders.push(folder);
    fs.writeFileSync(path.join(folder, "empty.txt"), "  \n");
    fs.writeFileSync(path.join(folder, "binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]));
    fs.writeFileSync(path.join(folder, "latin1.txt"), Buffer.from("caf\xe9 au lait, 12 people", "latin1"));
    const summary = await loadFolder(prisma, { folder, createFromManifest: true, log: quiet });
    expect(summary.outcomes).toMatchObject({ created: 5, failed: 3 });
    expect(summary.failures.map((f) => f.file).sort()).toEqual(["binary.txt", "empty.txt", "latin1.txt"]);
    expect(await prisma.article.count()).toBe(5);

    const counts = await Promise.all([prisma.article.count(), prisma.claim.count(), prisma.fact.count()]);
    await expect(loadFolder(prisma, { folder: path.join(folder, "nope"), storySlug: SEED_STORY, log: quiet })).rejects.toBeInstanceOf(
      LoadError,
    );
    await expect(loadFolder(prisma, { folder, storySlug: "no-such-story", log: quiet })).rejects.toThrow(/no story "no-such-story"/);
    expect(await Promise.all([prisma.article.count(), prisma.claim.count(), prisma.fact.count()])).toEqual(counts);
    expect(await prisma.story.count()).toBe(1);
  });

  it("loads a folder into a new story given a title, and the same text under two names once", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-other-"));
    folders.push(folder);
    const text =
      "MADRID (Reuters) - At least 12 people died and more than 200 were injured when a train derailed, police said.\n\nThe three-day inquiry begins on Monday.\n";
    fs.writeFileSync(path.join(folder, "a.txt"), `Train derails near Madrid\n\n${text}`);
    fs.writeFileSync(path.join(folder, "b.txt"), `Train derails near Madrid\n\n${text}`);
    const summary = await loadFolder(prisma, { folder, storySlug: "madrid-train", title: "Train derailment", log: quiet });
    expect(summary.outcomes).toMatchObject({ created: 1, duplicate: 1 });
    const claims = await prisma.claim.findMany({ orderBy: { quoteStart: "asc" } });
    expect(claims.map((c) => [c.value, c.hedge])).toEqual(
      expect.arrayContaining([
        [12, "AT_LEAST"],
        [200, "MORE_THAN"],
        [3, "EXACT"],
      ]),
    );
  });

  it("lets two loads that meet the same new outlet at once both succeed", async () => {
    const makeFolder = (city: string) => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-race-"));
      folders.push(folder);
      for (let i = 0; i < 8; i++) {
        fs.writeFileSync(
          path.join(folder, `${i}.txt`),
          `Storm hits ${city}\n\n${city.toUpperCase()} (Zeta News) - At least ${i + 3} people died when a storm hit the coast, officials said.\n`,
        );
      }
      return folder;
    };
    const [a, b] = await Promise.all([
      loadFolder(prisma, { folder: makeFolder("Lisbon"), storySlug: "storm-lisbon", title: "Storm in Lisbon", log: quiet }),
      loadFolder(prisma, { folder: makeFolder("Porto"), storySlug: "storm-porto", title: "Storm in Porto", log: quiet }),
    ]);
    expect([a.outcomes.failed, b.outcomes.failed]).toEqual([0, 0]);
    expect(await prisma.outlet.count({ where: { slug: "zeta-news" } })).toBe(1);
    expect(await prisma.article.count()).toBe(16);
  });
});
