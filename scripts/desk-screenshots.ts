/**
 * Screenshots of the editorial desk for the README, taken in headless Chromium against a throwaway
 * database holding the seed story and the demo story (docs/demo-story):
 *   npm run screenshots            (writes docs/desk-first-screen.png, desk-timeline.png, desk-add-article.png)
 * Needs /usr/bin/chromium (or CHROMIUM=/path/to/chrome).
 */
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { createApp } from "../src/app";
import { loadConfig, PROJECT_ROOT } from "../src/config";
import { migrate } from "../src/database";
import { createPrisma } from "../src/db";
import { startEmbeddedPostgres } from "../src/embedded-postgres";
import { loadFolder } from "../src/ingest/loader";
import { seed } from "../src/ingest/seed";
import { openIngestQueue, prepareIngestQueue, useIngestQueue } from "../src/jobs/queue";
import { startIngestWorker } from "../src/jobs/worker";
import { startLiveListener } from "../src/live/pubsub";
import { attachLiveServer } from "../src/live/ws-server";
import { createReviewer } from "../src/reviewer/reviewer.service";
import { crosscheckSchema } from "../src/schema";

const DOCS = path.join(PROJECT_ROOT, "docs");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const VIEWPORT = { width: 1440, height: 900 };
const quiet = (): void => undefined;

/** An article of our own for the "Add an article" shot: a later report on the demo story's floods. */
const NEW_REPORT = `March 7, 2025

Varnell flood toll reaches 31

VARNELL, March 7 (CNN) - The floods in Varnell killed 31 people, the regional government said on Friday, after two more bodies were found downstream.
`;

interface Stoppable {
  stop(): Promise<void>;
}

/** The ingest queue with a worker, and subscriptions, as `npm start` runs them, so that the add-an-article shot shows a real job. */
async function startBackground(server: Server, prisma: ReturnType<typeof createPrisma>, url: string): Promise<Stoppable[]> {
  const config = loadConfig();
  // The throwaway cluster's one role owns everything: it prepares pg-boss's schema and uses it.
  await prepareIngestQueue(url, url, config.ingest);
  const queue = await openIngestQueue(url, config.ingest);
  useIngestQueue(queue);
  const worker = await startIngestWorker(queue, prisma);
  const listener = await startLiveListener(url);
  const live = attachLiveServer(server, await crosscheckSchema(), prisma, config);
  return [live, listener, worker, queue];
}

async function shoot(page: Page, name: string, target?: string): Promise<void> {
  const file = path.join(DOCS, name);
  if (target) await page.locator(target).screenshot({ path: file });
  else await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-screenshots-"));
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(root, "data"), database: "crosscheck_screenshots" });
  const config = loadConfig();
  const prisma = createPrisma(cluster.url, config);
  const api = await createApp(prisma, config);
  const server = api.app.listen(0, "127.0.0.1");
  let background: Stoppable[] = [];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    await migrate(cluster.url);
    await seed(prisma, quiet);
    await loadFolder(prisma, {
      folder: path.join(DOCS, "demo-story"),
      storySlug: "varnell-floods-2025",
      createFromManifest: true,
      log: quiet,
    });
    const { token } = await createReviewer(prisma, "Ada Editor", "REVIEWER");
    background = await startBackground(server, prisma, cluster.url);
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));

    await page.goto(`${base}/#story=baghdad-talks-2007`);
    await page.locator("#readings .reading").first().waitFor();
    await page.locator(".live-state.live, .live-state.offline").waitFor();
    await shoot(page, "desk-first-screen.png");

    await page.goto(`${base}/#story=varnell-floods-2025`);
    await page.reload();
    await page.locator("#timeline:not([hidden]) svg .mark").first().waitFor();
    await shoot(page, "desk-timeline.png");

    if (!(await page.locator("#report-form").isVisible())) {
      console.log("skipped desk-add-article.png: this server has no submitArticle yet");
      return;
    }
    await page.getByLabel("Reviewer token").fill(token);
    await page.getByRole("button", { name: "Save token" }).click();
    await page.locator("#who", { hasText: "Signed in as Ada Editor" }).waitFor();
    await page.getByLabel("Paste the article's text or its page's HTML").fill(NEW_REPORT);
    await page.getByRole("button", { name: "Add the article" }).click();
    await page.locator("#report-figures li").first().waitFor({ timeout: 60_000 });
    await shoot(page, "desk-add-article.png", "aside");
  } finally {
    await browser.close();
    for (const part of background.reverse()) await part.stop();
    await new Promise((resolve) => server.close(resolve));
    await api.stop();
    await prisma.$disconnect();
    await cluster.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
