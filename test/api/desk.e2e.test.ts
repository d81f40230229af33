/**
 * The editorial desk (public/) in a real browser against a real server: Debian's Chromium driven by
 * playwright-core. Skipped, with a message, where /usr/bin/chromium is missing (CI installs it).
 */
import fs from "node:fs";
import type { AddressInfo, Server } from "node:net";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { testPrisma, truncateAll } from "../helpers/db";
import { factByKey, reviewerToken, seedStory } from "../helpers/fixtures";
import { gql, testApp } from "../helpers/http";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.join(__dirname, "..", "artifacts");
const LAUNCH_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
];
const RECORD = `mutation($input: RecordVerdictInput!) { recordVerdict(input: $input) { id } }`;

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`desk.e2e: ${CHROMIUM} not found, skipping the browser test (apt-get install chromium).`);
const describeInBrowser = hasChromium ? describe : describe.skip;

describeInBrowser("editorial desk in the browser", () => {
  let prisma: Database;
  let api: CrosscheckApp;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    prisma = testPrisma();
    api = await testApp(prisma);
    server = api.app.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  beforeEach(async () => {
    await truncateAll(prisma);
    await seedStory(prisma);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => { if (message.type() === "error") pageErrors.push(message.text()); });
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await api?.stop();
    await prisma?.$disconnect();
  });

  async function openKilledFact(): Promise<void> {
    await page.goto(baseUrl);
    const factButton = page.locator('[data-fact-key="bombing.killed"]');
    await factButton.waitFor();
    expect(await factButton.locator(".badge").textContent()).toBe("CONFLICT");
    // Conflicts come first in the list.
    expect(await page.locator("#facts .fact .badge").first().textContent()).toBe("CONFLICT");
    // Real buttons: the keyboard opens a fact, and focus moves to its heading.
    await factButton.focus();
    await page.keyboard.press("Enter");
    await page.locator('.reading[data-reading="24"]').waitFor();
    expect(await page.locator("#fact-h").evaluate((heading) => heading === heading.ownerDocument.activeElement)).toBe(true);
    await page.locator('.reading[data-reading="19"]').waitFor();
  }

  const ranksOf = (label: string) => page.locator(`.reading[data-reading="${label}"] .claim .rank`).allTextContents();

  async function pasteToken(token: string): Promise<void> {
    await page.getByLabel("Reviewer token").fill(token);
    await page.getByRole("button", { name: "Save token" }).click();
    await page.locator("#who", { hasText: "Signed in as reviewer tester" }).waitFor();
  }

  it("shows the 19 vs 24 conflict, records a verdict and shows the new ranks and history", async () => {
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    await openKilledFact();
    expect(await page.locator(".reading .value").allTextContents()).toEqual(expect.arrayContaining(["19", "24"]));
    expect(await ranksOf("24")).toEqual(expect.arrayContaining(["NORMAL"]));
    // Each claim's quote is highlighted inside its sentence, and the outlet is named (host too when it differs).
    expect(await page.locator('.reading[data-reading="24"] .quote mark').first().textContent()).toContain("24");
    expect((await page.locator(".reading .claim label").allTextContents()).join("|")).toMatch(/Reuters via /);

    // A click on a claim opens the full article with every claim marked.
    await page.locator('.reading[data-reading="19"] .claim button.link').first().click();
    await page.locator("#article:not([hidden])").waitFor();
    expect(await page.locator("#article-body mark.current").textContent()).toContain("19");
    expect(await page.locator("#article-body mark").count()).toBeGreaterThan(1);

    await pasteToken(reviewer.token);
    await page.locator('.reading[data-reading="24"] input[type=radio]').first().check();
    const rationale = "The later Reuters version and hospital sources give 24.";
    await page.getByLabel("Rationale").fill(rationale);
    expect(await page.locator("#count").textContent()).toBe(`${rationale.length} / 5000 characters`);
    await page.getByRole("button", { name: "Record verdict" }).click();

    await page.getByRole("status").getByText("Verdict recorded").waitFor();
    expect(new Set(await ranksOf("24"))).toEqual(new Set(["PREFERRED"]));
    expect(new Set(await ranksOf("19"))).toEqual(new Set(["DEPRECATED"]));
    expect(await page.locator("#verdicts li").first().textContent()).toContain(rationale);
    expect(await page.locator("#verdicts li").first().textContent()).toContain("reviewer tester");
    await page.screenshot({ path: path.join(ARTIFACTS, "desk.png"), fullPage: true });
  });

  it("says in plain words when someone else decided while the reviewer was reading", async () => {
    const reviewer = await reviewerToken(prisma, "REVIEWER");
    await openKilledFact();
    await pasteToken(reviewer.token);

    // Another reviewer decides behind the page's back.
    const fact = await factByKey(prisma, "bombing.killed");
    const nineteen = fact.claims.find((claim) => claim.value === 19)!;
    const other = await reviewerToken(prisma, "REVIEWER", "other desk");
    const behind = await gql(api.app, RECORD, {
      input: { factId: String(fact.id), trustedClaimId: String(nineteen.id), rationale: "Decided elsewhere.", expectedVersion: fact.version },
    }, other.token);
    expect(behind.errors).toBeUndefined();

    await page.locator('.reading[data-reading="24"] input[type=radio]').first().check();
    await page.getByLabel("Rationale").fill("I still think 24.");
    await page.getByRole("button", { name: "Record verdict" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("Someone decided this while you were reading. Refresh to see their verdict.").waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "desk-conflict.png"), fullPage: true });

    await alert.getByRole("button", { name: "Refresh" }).click();
    await page.locator("#verdicts li", { hasText: "Decided elsewhere." }).waitFor();
    expect(new Set(await ranksOf("19"))).toEqual(new Set(["PREFERRED"]));
    expect(await page.getByRole("alert").textContent()).toBe("");
  });

  it("names the problem when the token is missing or the role may not write", async () => {
    const viewer = await reviewerToken(prisma, "VIEWER");
    await openKilledFact();
    await page.locator('.reading[data-reading="24"] input[type=radio]').first().check();
    await page.getByLabel("Rationale").fill("No token yet.");
    await page.getByRole("button", { name: "Record verdict" }).click();
    await page.getByRole("alert").getByText("token is missing or not valid").waitFor();

    await page.getByLabel("Reviewer token").fill(viewer.token);
    await page.getByRole("button", { name: "Save token" }).click();
    await page.locator("#who", { hasText: "Signed in as viewer tester" }).waitFor();
    await page.getByRole("button", { name: "Record verdict" }).click();
    await page.getByRole("alert").getByText("Your role may not record verdicts").waitFor();
    expect(await prisma.verdict.count()).toBe(0);
  });

  it("shows hostile outlet names and headlines as text, never as markup", async () => {
    const hostile = '<img src=x onerror="document.title=1">';
    await prisma.outlet.updateMany({ where: { slug: "iranfocus" }, data: { name: `${hostile}Iran Focus` } });
    const fact = await factByKey(prisma, "bombing.killed");
    const nineteen = fact.claims.find((claim) => claim.value === 19)!;
    await prisma.article.update({ where: { id: nineteen.articleId }, data: { headline: `${hostile} headline` } });
    await openKilledFact();
    await page.locator('.reading[data-reading="19"] .claim button.link').first().click();
    await page.locator("#article:not([hidden])").waitFor();
    expect(await page.locator("#article-h").textContent()).toBe(`${hostile} headline`);
    expect(await page.locator('.reading[data-reading="19"] .claim label').first().textContent()).toContain(`via ${hostile}Iran Focus`);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.title()).toBe("Crosscheck desk");
    // Escape closes the article and returns focus to the fact.
    await page.keyboard.press("Escape");
    await page.locator("#article").waitFor({ state: "hidden" });
  });

  it("never puts article text into the page as HTML", () => {
    const script = fs.readFileSync(path.join(__dirname, "..", "..", "public", "desk.js"), "utf8");
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
