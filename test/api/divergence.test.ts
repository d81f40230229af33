import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { loadFolder } from "../../src/ingest/loader";
import { factByKey, quiet, reviewerToken, SEED_STORY } from "../helpers/fixtures";
import { gql } from "../helpers/http";
import { useSeededApi } from "../helpers/suite";

const FACT = `query($id: ID!) {
  fact(id: $id) {
    key agreement version divergence divergenceNote needsReview
    readings { label independentSources claims { id rank } }
    timeline { at claim { id value article { origin { slug } } } }
    latest { label }
    suggestion { reading { label } reasons }
    currentVerdict { id }
  }
}`;

const RECORD = `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id fact { needsReview version } } }`;
const QUEUE = `query($slug: String!) { reviewQueue(storySlug: $slug) { id key agreement needsReview currentVerdict { id } } }`;
const TRUST = `{ outlets { slug trust { upheld overruled } } }`;

type FactView = {
  key: string;
  agreement: string;
  version: number;
  divergence: string | null;
  divergenceNote: string | null;
  needsReview: boolean;
  readings: Array<{ label: string; independentSources: number; claims: Array<{ id: string; rank: string }> }>;
  timeline: Array<{ at: string | null; claim: { id: string; value: number; article: { origin: { slug: string } } } }>;
  latest: { label: string } | null;
  suggestion: { reading: { label: string }; reasons: string[] } | null;
  currentVerdict: { id: string } | null;
};

interface TestArticle {
  file: string;
  text: string;
  publishedAt?: string;
}

/** Loads articles the test wrote into a story, through the real loader. */
async function loadArticles(prisma: Database, slug: string, articles: TestArticle[], title?: string): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `crosscheck-${slug}-`));
  const manifest: Record<string, { publishedAt?: string }> = {};
  for (const article of articles) {
    fs.writeFileSync(path.join(folder, article.file), article.text);
    manifest[article.file] = article.publishedAt ? { publishedAt: article.publishedAt } : {};
  }
  fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify({ articles: manifest }));
  try {
    const summary = await loadFolder(prisma, { folder, storySlug: slug, title, log: quiet });
    expect(summary.failures).toEqual([]);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const warehouseFire = (outlet: string, lead: string, headline: string) =>
  `${headline}\n\nLAGOS (${outlet}) - ${lead}\n\nFirefighters worked for hours to bring the blaze under control, and the cause of the fire was not yet known.\n`;

describe("why a fact's figures differ", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  const suite = useSeededApi();
  beforeAll(() => {
    ({ prisma, api } = suite);
  });

  async function fact(id: number): Promise<FactView> {
    const res = await gql<{ fact: FactView }>(api.app, FACT, { id: String(id) });
    expect(res.errors).toBeUndefined();
    return res.data!.fact;
  }

  async function factIn(slug: string, key: string) {
    return prisma.fact.findFirstOrThrow({ where: { key, story: { slug } }, include: { claims: true } });
  }

  it("reports the seed's killed and wounded figures as a REVISION of one Reuters story", async () => {
    for (const [key, early, later] of [
      ["bombing.killed", "19", "24"],
      ["bombing.wounded", "46", "68"],
    ] as const) {
      const view = await fact((await factByKey(prisma, key)).id);
      expect(view.agreement).toBe("CONFLICT");
      expect(view.divergence).toBe("REVISION");
      expect(view.divergenceNote).toBe(
        `Reuters changed its figure between versions of the same story: ${early} in the copy on Iran Focus and ${later} on Reuters (2007-05-28 09:26 UTC).`,
      );
      // The version on Reuters' own site is the dated one; the aggregator copy carries no date.
      expect(view.latest!.label).toBe(later);
      expect(view.suggestion!.reading.label).toBe(later);
      expect(view.timeline.map((point) => point.claim.value)).toEqual([Number(later), Number(early)]);
      expect(view.timeline[1].at).toBeNull();
      // Advice only: no verdict is recorded.
      expect(view.currentVerdict).toBeNull();
    }
    expect(await prisma.verdict.count()).toBe(0);
  });

  it("lists the two Reuters articles as versions of each other, and no other article", async () => {
    const res = await gql<{
      story: {
        articles: Array<{
          id: string;
          byline: string | null;
          origin: { slug: string };
          host: { slug: string };
          versions: Array<{ id: string }>;
        }>;
      };
    }>(api.app, `query($slug: String!) { story(slug: $slug) { articles { id byline origin { slug } host { slug } versions { id } } } }`, {
      slug: SEED_STORY,
    });
    expect(res.errors).toBeUndefined();
    const articles = res.data!.story.articles;
    const reuters = articles.filter((article) => article.origin.slug === "reuters");
    expect(reuters.map((article) => article.host.slug).sort()).toEqual(["iranfocus", "reuters"]);
    expect(reuters.every((article) => article.byline === "Ross Colvin")).toBe(true);
    const [a, b] = reuters;
    expect(a.versions.map((version) => version.id)).toEqual([b.id]);
    expect(b.versions.map((version) => version.id)).toEqual([a.id]);
    for (const article of articles.filter((article) => article.origin.slug !== "reuters")) expect(article.versions).toEqual([]);
  });

  it("reports a toll that rises over three dated reports as an UPDATE, with the timeline in time order and the latest suggested", async () => {
    await loadArticles(
      prisma,
      "warehouse-fire",
      [
        // Files are named so that load order differs from time order.
        {
          file: "a-afp.txt",
          publishedAt: "2026-03-03T16:00:00Z",
          text: warehouseFire(
            "AFP",
            "Twelve people were killed when fire tore through a textile warehouse in Lagos on Tuesday, the state emergency agency said.",
            "Lagos warehouse fire kills 12",
          ),
        },
        {
          file: "b-reuters.txt",
          publishedAt: "2026-03-03T08:00:00Z",
          text: warehouseFire(
            "Reuters",
            "A fire at a textile warehouse in Lagos killed six people on Tuesday, the fire service said.",
            "Fire at Lagos warehouse kills six",
          ),
        },
        {
          file: "c-ap.txt",
          publishedAt: "2026-03-03T11:30:00Z",
          text: warehouseFire(
            "AP",
            "A fire at a textile warehouse in Lagos killed nine people on Tuesday, emergency officials said.",
            "Toll in Lagos warehouse fire rises",
          ),
        },
      ],
      "Warehouse fire in Lagos",
    );
    const view = await fact((await factIn("warehouse-fire", "fire.killed")).id);
    expect(view.agreement).toBe("CONFLICT");
    expect(view.divergence).toBe("UPDATE");
    // Every claim (headline figures included), in time order, each at its own article's time.
    const figureAt: Record<string, number> = {
      "2026-03-03T08:00:00.000Z": 6,
      "2026-03-03T11:30:00.000Z": 9,
      "2026-03-03T16:00:00.000Z": 12,
    };
    const times = view.timeline.map((point) => point.at!);
    expect(times).toEqual([...times].sort());
    expect([...new Set(times)]).toEqual(Object.keys(figureAt));
    for (const point of view.timeline) expect(point.claim.value).toBe(figureAt[point.at!]);
    expect(view.timeline).toHaveLength(view.readings.reduce((n, reading) => n + reading.claims.length, 0));
    expect(view.latest!.label).toBe("12");
    expect(view.suggestion!.reading.label).toBe("12");
    expect(view.suggestion!.reasons[0]).toMatch(/newest report/);
    expect(view.divergenceNote).toMatch(/^The figure changed as reports came in: 6 .*, then 9 .*, then 12 /);
  });

  it("reports two independent outlets with different figures at the same time as a DISAGREEMENT", async () => {
    await loadArticles(
      prisma,
      "warehouse-fire-dispute",
      [
        {
          file: "reuters.txt",
          publishedAt: "2026-03-03T10:00:00Z",
          text: warehouseFire(
            "Reuters",
            "A fire at a textile warehouse in Lagos killed six people on Tuesday, the fire service said.",
            "Fire at Lagos warehouse kills six",
          ),
        },
        {
          file: "ap.txt",
          publishedAt: "2026-03-03T10:20:00Z",
          text: warehouseFire(
            "AP",
            "A fire at a textile warehouse in Lagos killed nine people on Tuesday, emergency officials said.",
            "Nine dead in Lagos warehouse fire",
          ),
        },
      ],
      "Warehouse fire in Lagos, two accounts",
    );
    const view = await fact((await factIn("warehouse-fire-dispute", "fire.killed")).id);
    expect(view.divergence).toBe("DISAGREEMENT");
    expect(view.divergenceNote).toMatch(/^Independent sources differ at about the same time/);
    expect(view.readings.map((reading) => reading.independentSources)).toEqual([1, 1]);
    expect(view.suggestion).not.toBeNull();
  });

  it("puts the dead before the injured among undecided conflicts, whichever was loaded last", async () => {
    const first = async () =>
      (await gql<{ reviewQueue: Array<{ key: string }> }>(api.app, QUEUE, { slug: SEED_STORY })).data!.reviewQueue.map((f) => f.key);
    const keys = await first();
    expect(keys.indexOf("bombing.killed")).toBe(0);
    expect(keys.indexOf("bombing.wounded")).toBe(1);
    // Newer evidence on the injured does not jump them ahead of the toll of the dead.
    const wounded = await factByKey(prisma, "bombing.wounded");
    await prisma.claim.updateMany({ where: { factId: wounded.id }, data: { createdAt: new Date(Date.now() + 60_000) } });
    expect((await first()).slice(0, 2)).toEqual(["bombing.killed", "bombing.wounded"]);
  });

  it("reopens a decided fact when a load brings a different toll, queues it, and clears it with a new verdict", async () => {
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    const killed = await factByKey(prisma, "bombing.killed");
    const trusted = killed.claims.find((claim) => claim.value === 24)!;
    const recorded = await gql(
      api.app,
      RECORD,
      {
        input: {
          factId: String(killed.id),
          trustedClaimId: String(trusted.id),
          expectedVersion: killed.version,
          rationale: "The later Reuters version gives 24.",
        },
      },
      reviewer.token,
    );
    expect(recorded.errors).toBeUndefined();
    const queueBefore = await gql<{ reviewQueue: Array<{ key: string }> }>(api.app, QUEUE, { slug: SEED_STORY });
    expect(queueBefore.data!.reviewQueue.map((f) => f.key)).not.toContain("bombing.killed");

    const newArticle = {
      file: "ap-toll-rises.txt",
      text: "Toll from Baghdad blast rises\n\nBAGHDAD (AP) — A truck bomb exploded near a mosque in central Baghdad on Monday, killing 26 people, police said.\n",
    };
    await loadArticles(prisma, SEED_STORY, [newArticle]);
    const reopened = await fact(killed.id);
    expect(reopened.needsReview).toBe(true);
    const newClaim = (await factByKey(prisma, "bombing.killed")).claims.find((claim) => claim.value === 26)!;
    expect(newClaim).toBeDefined();
    const events = await prisma.auditEvent.findMany({ where: { action: "fact.reopen", subjectId: String(killed.id) } });
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ claimId: newClaim.id, needsReview: true, trustedClaimId: trusted.id });

    // Undecided conflicts first, then the reopened fact.
    const queue = (
      await gql<{ reviewQueue: Array<{ key: string; needsReview: boolean; currentVerdict: { id: string } | null; agreement: string }> }>(
        api.app,
        QUEUE,
        { slug: SEED_STORY },
      )
    ).data!.reviewQueue;
    const at = queue.findIndex((f) => f.key === "bombing.killed");
    expect(at).toBeGreaterThan(0);
    expect(queue.slice(0, at).every((f) => f.agreement === "CONFLICT" && f.currentVerdict === null)).toBe(true);
    expect(queue.slice(at).every((f) => f.needsReview)).toBe(true);

    // A re-run of the load adds nothing and reopens nothing twice.
    await loadArticles(prisma, SEED_STORY, [newArticle]);
    expect(await prisma.auditEvent.count({ where: { action: "fact.reopen" } })).toBe(1);

    const decided = await gql<{ recordVerdict: { fact: { needsReview: boolean } } }>(
      api.app,
      RECORD,
      {
        input: {
          factId: String(killed.id),
          trustedClaimId: String(newClaim.id),
          expectedVersion: reopened.version,
          rationale: "AP's later count.",
        },
      },
      reviewer.token,
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.recordVerdict.fact.needsReview).toBe(false);
    const queueAfter = (await gql<{ reviewQueue: Array<{ key: string }> }>(api.app, QUEUE, { slug: SEED_STORY })).data!.reviewQueue;
    expect(queueAfter.map((f) => f.key)).not.toContain("bombing.killed");
  });

  it("reopens a decided fact when addClaim brings a figure outside the trusted reading, not one inside it", async () => {
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    const killed = await factByKey(prisma, "bombing.killed");
    const trusted = killed.claims.find((claim) => claim.value === 24)!;
    await gql(
      api.app,
      RECORD,
      { input: { factId: String(killed.id), trustedClaimId: String(trusted.id), expectedVersion: killed.version, rationale: "24." } },
      reviewer.token,
    );
    const article = await prisma.article.findUniqueOrThrow({ where: { id: trusted.articleId } });
    const ADD = `mutation($input: AddClaimInput!) { addClaim(input: $input) { id fact { needsReview } } }`;
    const word = (from: number) => {
      const start = article.body.indexOf("talks", from);
      return { start, end: start + "talks".length };
    };
    const inside = await gql<{ addClaim: { fact: { needsReview: boolean } } }>(
      api.app,
      ADD,
      { input: { articleId: String(article.id), factId: String(killed.id), ...word(0), value: 20, hedge: "AT_LEAST" } },
      reviewer.token,
    );
    expect(inside.errors).toBeUndefined();
    expect(inside.data!.addClaim.fact.needsReview).toBe(false);
    const outside = await gql<{ addClaim: { id: string; fact: { needsReview: boolean } } }>(
      api.app,
      ADD,
      { input: { articleId: String(article.id), factId: String(killed.id), ...word(word(0).end), value: 30, hedge: "EXACT" } },
      reviewer.token,
    );
    expect(outside.errors).toBeUndefined();
    expect(outside.data!.addClaim.fact.needsReview).toBe(true);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "fact.reopen" } });
    expect(event.after).toMatchObject({ claimId: Number(outside.data!.addClaim.id) });
  });

  it("compares TEXT readings that differ only in letter case the same way for grouping, rank and trust", async () => {
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    await loadArticles(prisma, SEED_STORY, [
      {
        file: "ap-mosque.txt",
        text: "Blast near Baghdad mosque\n\nBAGHDAD (AP) — A truck bomb exploded near an important Sunni Muslim Mosque in central Baghdad on Monday, killing 24 people, police said.\n",
      },
    ]);
    const weapon = await factByKey(prisma, "bombing.location");
    const reuters = await prisma.claim.findFirstOrThrow({
      where: { factId: weapon.id, article: { origin: { slug: "reuters" }, host: { slug: "reuters" } } },
    });
    const ap = await prisma.claim.findFirstOrThrow({ where: { factId: weapon.id, article: { origin: { slug: "ap" } } } });
    expect(reuters.textValue).not.toBe(ap.textValue);
    expect(reuters.textValue!.toLowerCase()).toBe(ap.textValue!.toLowerCase());

    for (const [trust, other] of [
      [reuters, ap],
      [ap, reuters],
    ] as const) {
      const before = await fact(weapon.id);
      const reading = before.readings.find((r) => r.claims.some((c) => c.id === String(trust.id)))!;
      expect(reading.claims.map((c) => c.id)).toContain(String(other.id));
      const res = await gql(
        api.app,
        RECORD,
        {
          input: { factId: String(weapon.id), trustedClaimId: String(trust.id), expectedVersion: before.version, rationale: "Same place." },
        },
        reviewer.token,
      );
      expect(res.errors).toBeUndefined();
      const after = await fact(weapon.id);
      const ranks = new Map(after.readings.flatMap((r) => r.claims).map((c) => [c.id, c.rank]));
      expect(ranks.get(String(trust.id))).toBe("PREFERRED");
      expect(ranks.get(String(other.id))).toBe("PREFERRED");
      const outlets = (await gql<{ outlets: Array<{ slug: string; trust: { upheld: number; overruled: number } }> }>(api.app, TRUST)).data!
        .outlets;
      const ofOutlet = (slug: string) => outlets.find((o) => o.slug === slug)!.trust;
      // AP's one claim is in the trusted reading; so is Reuters' own-site claim (its copy on Iran Focus is not).
      expect(ofOutlet("ap")).toEqual({ upheld: 1, overruled: 0 });
      expect(ofOutlet("reuters")).toEqual({ upheld: 1, overruled: 1 });
    }
  });
});

describe("the API.md additions for issue 12", () => {
  it("have the contract's names and nullability", async () => {
    const { crosscheckSchema } = await import("../../src/schema");
    const { isEnumType, isObjectType } = await import("graphql");
    const schema = await crosscheckSchema();
    const field = (type: string, name: string) => {
      const found = schema.getType(type);
      if (!found || !isObjectType(found)) throw new Error(`no type ${type}`);
      return found.getFields()[name];
    };
    const expected: Array<[string, string, string]> = [
      ["Article", "versions", "[Article!]!"],
      ["Fact", "divergence", "Divergence"],
      ["Fact", "divergenceNote", "String"],
      ["Fact", "timeline", "[TimelinePoint!]!"],
      ["Fact", "latest", "Reading"],
      ["Fact", "suggestion", "Suggestion"],
      ["Fact", "needsReview", "Boolean!"],
      ["TimelinePoint", "at", "DateTime"],
      ["TimelinePoint", "claim", "Claim!"],
      ["Suggestion", "reading", "Reading!"],
      ["Suggestion", "reasons", "[String!]!"],
      ["Query", "reviewQueue", "[Fact!]!"],
    ];
    for (const [type, name, shape] of expected)
      expect(`${type}.${name}: ${String(field(type, name)?.type)}`).toBe(`${type}.${name}: ${shape}`);
    // What a caller must send is the contract's; the one optional argument is the list's cap (issue 16.1).
    const queueArgs = field("Query", "reviewQueue").args;
    expect(String(queueArgs.filter((arg) => arg.defaultValue === undefined).map((arg) => `${arg.name}: ${arg.type}`))).toBe(
      "storySlug: String!",
    );
    expect(
      queueArgs.filter((arg) => arg.defaultValue !== undefined).map((arg) => `${arg.name}: ${arg.type} = ${arg.defaultValue}`),
    ).toEqual(["first: Int! = 500"]);
    const divergence = schema.getType("Divergence");
    expect(isEnumType(divergence) && divergence.getValues().map((value) => value.name)).toEqual([
      "REVISION",
      "UPDATE",
      "DISAGREEMENT",
      "SCOPE",
      "DEFINITION",
    ]);
  });
});

describe("retracting a reopened verdict", () => {
  const suite = useSeededApi();

  it("clears needsReview and puts the fact back among the undecided conflicts", async () => {
    const { prisma, api } = suite;
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    const killed = await factByKey(prisma, "bombing.killed");
    const trusted = killed.claims.find((claim) => claim.value === 24)!;
    const recorded = await gql<{ recordVerdict: { id: string } }>(
      api.app,
      RECORD,
      { input: { factId: String(killed.id), trustedClaimId: String(trusted.id), expectedVersion: killed.version, rationale: "24." } },
      reviewer.token,
    );
    await loadArticles(prisma, SEED_STORY, [
      {
        file: "ap-toll.txt",
        text: "Baghdad blast toll\n\nBAGHDAD (AP) — A truck bomb exploded near a mosque in central Baghdad on Monday, killing 26 people, police said.\n",
      },
    ]);
    expect((await prisma.fact.findUniqueOrThrow({ where: { id: killed.id } })).needsReview).toBe(true);
    const retracted = await gql(
      api.app,
      `mutation($id: ID!) { retractVerdict(id: $id, reason: "New count.") { id } }`,
      { id: recorded.data!.recordVerdict.id },
      reviewer.token,
    );
    expect(retracted.errors).toBeUndefined();
    const row = await prisma.fact.findUniqueOrThrow({ where: { id: killed.id } });
    expect(row).toMatchObject({ needsReview: false, currentVerdictId: null });
    const queue = (
      await gql<{ reviewQueue: Array<{ key: string; needsReview: boolean; currentVerdict: unknown }> }>(api.app, QUEUE, {
        slug: SEED_STORY,
      })
    ).data!.reviewQueue;
    expect(queue.find((f) => f.key === "bombing.killed")).toMatchObject({ needsReview: false, currentVerdict: null });
  });
});
