/**
 * The desk's "why the figures differ" parts in Chromium: divergence in the list and on the fact,
 * advice that never decides, needs-review explained, versions side by side and the timeline chart.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadFolder } from "../../src/ingest/loader";
import { ARTIFACTS, DEMO_STORY, hasChromium, loadDemoStory, useDeskBrowser } from "../helpers/desk-browser";
import { factByKey, quiet, reviewerToken, SEED_STORY } from "../helpers/fixtures";
import { gql } from "../helpers/http";

if (!hasChromium) console.warn("desk-divergence.e2e: /usr/bin/chromium not found, skipping.");
const describeIf = hasChromium ? describe : describe.skip;

const RECORD = `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`;

describeIf("desk: why the figures differ", () => {
  const desk = useDeskBrowser();

  const inFirstScreen = (selector: string) =>
    desk.page
      .locator(selector)
      .first()
      .evaluate((node) => {
        const box = node.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= node.ownerDocument.documentElement.clientHeight;
      });

  async function firstInQueue(): Promise<string> {
    const queue = await gql<{ reviewQueue: Array<{ key: string }> }>(
      desk.api.app,
      `query($slug: String!) { reviewQueue(storySlug: $slug) { key } }`,
      { slug: SEED_STORY },
    );
    return queue.data!.reviewQueue[0].key;
  }

  it("shows, with no click, 19 and 24 with their outlets and Reuters as the reason they differ", async () => {
    const first = await firstInQueue();
    const { page } = desk;
    await page.goto(desk.baseUrl);
    await page.locator("#fact-notes .why").waitFor();
    // The desk opens on the head of the server's review queue.
    expect(await page.locator(`[data-fact-key="${first}"]`).getAttribute("aria-current")).toBe("true");
    // The killed fact's figures and the reason they differ are in the list, on the first screen.
    const killed = '[data-fact-key="bombing.killed"]';
    expect(await page.locator(`${killed} .figures`).textContent()).toBe("19 · 24 killed");
    expect(await page.locator(`${killed} .why`).textContent()).toBe("revised by Reuters");
    for (const part of [".figures", ".why"]) expect([part, await inFirstScreen(`${killed} ${part}`)]).toEqual([part, true]);
    // The open fact names its outlets and says in words why the figures differ.
    expect(await page.locator("#fact-notes .why").textContent()).toMatch(/^Why they differ: .*Reuters/);
    expect((await page.locator("#readings .claim label strong").allTextContents()).join("|")).toMatch(/Reuters/);
    for (const part of ["#fact-notes .why", "#readings .claim label strong", "#readings .quote mark", "#submit"]) {
      expect([part, await inFirstScreen(part)]).toEqual([part, true]);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, "desk-divergence-first-screen.png") });
  });

  it("gives the suggestion as advice with its reasons and never selects it", async () => {
    const { page } = desk;
    await page.goto(desk.baseUrl);
    await page.locator('[data-fact-key="bombing.killed"]').click();
    await page.locator('.reading.suggested[data-reading="24"]').waitFor();
    expect(await page.locator("#advice").textContent()).toMatch(
      /^Advice, not a decision: the evidence points to 24 people; nothing is selected for you\./,
    );
    expect(await page.locator("#advice .reason").count()).toBeGreaterThan(0);
    expect(await page.locator("input[name=trusted]:checked").count()).toBe(0);
  });

  it("shows a REVISION fact's versions side by side, each with its figure", async () => {
    const { page } = desk;
    await page.goto(desk.baseUrl);
    await page.locator('[data-fact-key="bombing.killed"]').click();
    await page.locator("#versions:not([hidden]) .version").first().waitFor();
    const versions = page.locator("#versions .version");
    expect(await versions.count()).toBe(2);
    expect((await versions.locator(".value").allTextContents()).sort()).toEqual(["19", "24"]);
    const headlines = await desk.prisma.article.findMany({
      where: { origin: { slug: "reuters" }, story: { slug: SEED_STORY } },
      select: { headline: true },
    });
    expect((await versions.locator(".version-headline").allTextContents()).sort()).toEqual(headlines.map((a) => a.headline).sort());
    // Side by side: the two columns share a row.
    const [a, b] = await versions.evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().top));
    expect(a).toBe(b);
  });

  it("marks a decided fact that a new report reopens, and says why", async () => {
    const reviewer = await reviewerToken(desk.prisma, "REVIEWER");
    const fact = await factByKey(desk.prisma, "bombing.killed");
    const nineteen = fact.claims.find((claim) => claim.value === 19)!;
    const decided = await gql(
      desk.api.app,
      RECORD,
      {
        input: {
          factId: String(fact.id),
          trustedClaimId: String(nineteen.id),
          rationale: "The first copy.",
          expectedVersion: fact.version,
        },
      },
      reviewer.token,
    );
    expect(decided.errors).toBeUndefined();
    // A later report of our own writing says 24.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "desk-later-report-"));
    fs.writeFileSync(
      path.join(folder, "later.txt"),
      "May 29, 2007\n\nBaghdad bombing toll confirmed\n\nBAGHDAD, May 29 (AP) - The car bomb that exploded in central Baghdad on Monday killed 24 people, hospital officials said on Tuesday.\n",
    );
    try {
      await loadFolder(desk.prisma, { folder, storySlug: SEED_STORY, log: quiet });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }

    const { page } = desk;
    await page.goto(desk.baseUrl);
    const row = page.locator('[data-fact-key="bombing.killed"]');
    await row.locator(".badge.review").waitFor();
    expect(await row.locator(".decided").textContent()).toBe("decided by reviewer tester");
    await row.click();
    await page.locator("#needs-review").waitFor();
    expect(await page.locator("#needs-review").textContent()).toBe("Needs review: a new report says 24 after the verdict trusted 19.");
  });

  it("shows a figure found in a headline as a headline figure, marked in the article's headline", async () => {
    await loadDemoStory(desk.prisma);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "desk-headline-"));
    fs.writeFileSync(
      path.join(folder, "headline.txt"),
      "March 7, 2025\n\nFloods in Varnell kill 31\n\nVARNELL, March 7 (CNN) - Two more bodies were found downstream on Friday, the regional government said.\n",
    );
    try {
      await loadFolder(desk.prisma, { folder, storySlug: DEMO_STORY.slug, log: quiet });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    const { page } = desk;
    await page.goto(`${desk.baseUrl}/#story=${DEMO_STORY.slug}`);
    const claim = page.locator(".claim", { has: page.locator(".rank.headline") });
    await claim.first().waitFor();
    expect(await claim.first().locator(".quote.headline").textContent()).toBe("Headline: Floods in Varnell kill 31");
    expect(await claim.first().locator(".quote.headline mark").textContent()).toContain("31");
    await claim.first().locator("button.link").click();
    await page.locator("#article:not([hidden])").waitFor();
    expect(await page.locator("#article-h mark.current").textContent()).toContain("31");
  });

  it("draws the figures over publication time, one mark per outlet and report, hedges as ranges", async () => {
    await loadDemoStory(desk.prisma);
    const { page } = desk;
    await page.goto(`${desk.baseUrl}/#story=${DEMO_STORY.slug}`);
    await page.locator("#timeline:not([hidden]) svg .mark").first().waitFor();
    expect(await page.locator('[data-fact-key="flood.killed"] .why').textContent()).toBe("toll rose");
    expect(await page.locator('[data-fact-key="flood.killed"] .figures').textContent()).toBe(
      "at least 12 · about 20 · 27 · almost 30 killed",
    );
    const marks = page.locator("#timeline svg .mark");
    expect(await marks.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-outlet")))).toEqual([
      "Reuters",
      "AFP",
      "Reuters",
      "DPA",
    ]);
    // Oldest first from left to right.
    const xs = await marks.locator("circle").evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute("cx"))));
    expect([...xs].sort((p, q) => p - q)).toEqual(xs);
    // "at least 12" is open upwards (an arrowhead); "about 20" a closed range; "27" a point.
    expect(await marks.nth(0).locator("path.open").count()).toBe(1);
    const afp = await marks
      .nth(1)
      .locator("line.range")
      .first()
      .evaluate((line) => [line.getAttribute("y1"), line.getAttribute("y2")]);
    expect(afp[0]).not.toBe(afp[1]);
    expect(await marks.nth(2).locator("line.range").count()).toBe(0);
    expect(await page.locator("#timeline svg").getAttribute("aria-label")).toMatch(/at least 12.*about 20.*27.*almost 30/i);
    await page.locator("#timeline").screenshot({ path: path.join(ARTIFACTS, "desk-timeline.png") });
  });
});
