/**
 * The editorial desk (public/) in a real browser against a real server: Debian's Chromium driven by
 * playwright-core, the app listening on a free port of 127.0.0.1, a seeded story per test.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { loadFolder } from "../../src/ingest/loader";
import { loadConfig } from "../../src/config";
import { testDatabaseUrl, testPrisma, truncateAll } from "./db";
import { quiet, seedStory } from "./fixtures";
import { testApp } from "./http";
import { TEST_INGEST_CONFIG } from "./ingest";
import { openIngestQueue, useIngestQueue } from "../../src/jobs/queue";
import { startIngestWorker } from "../../src/jobs/worker";
import { startLiveListener } from "../../src/live/pubsub";
import { attachLiveServer } from "../../src/live/ws-server";
import { crosscheckSchema } from "../../src/schema";

export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS = path.join(__dirname, "..", "artifacts");
export const PROJECT = path.join(__dirname, "..", "..");
/** A story of our own (docs/demo-story): four dated reports whose toll rises, with hedges. */
export const DEMO_STORY = { folder: path.join(PROJECT, "docs", "demo-story"), slug: "varnell-floods-2025" };
const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-quic",
  "--disable-sync",
];

export const hasChromium = fs.existsSync(CHROMIUM);

/** Subscriptions on the server's port and path, as src/main.ts attaches them. */
async function attachLive(server: Server, prisma: Database): Promise<{ stop(): Promise<void> }> {
  const live = attachLiveServer(server, await crosscheckSchema(), prisma, loadConfig());
  const listener = await startLiveListener(testDatabaseUrl());
  return {
    async stop() {
      await listener.stop();
      await live.stop();
    },
  };
}

/** The ingest queue and a worker, so that submitArticle's jobs run as under `npm start`. */
async function startIngest(prisma: Database): Promise<{ stop(): Promise<void> }> {
  const queue = await openIngestQueue(testDatabaseUrl(), TEST_INGEST_CONFIG);
  useIngestQueue(queue);
  const worker = await startIngestWorker(queue, prisma);
  return {
    async stop() {
      await worker.stop();
      await queue.stop();
      useIngestQueue(null);
    },
  };
}

export interface DeskBrowser {
  prisma: Database;
  api: CrosscheckApp;
  baseUrl: string;
  /** The test's first page, opened before each test. */
  page: Page;
  /** Another tab, with the same error watch; closed after the test. */
  newPage(): Promise<Page>;
  /** Uncaught page errors and console errors of every page of the test; checked empty after each. */
  pageErrors: string[];
}

export async function loadDemoStory(prisma: Database): Promise<void> {
  await loadFolder(prisma, { folder: DEMO_STORY.folder, storySlug: DEMO_STORY.slug, createFromManifest: true, log: quiet });
}

/** Registers the suite's hooks; the returned object is filled in by them. */
export function useDeskBrowser(): DeskBrowser {
  let server: Server;
  let browser: Browser;
  let live: { stop(): Promise<void> } | undefined;
  let ingest: { stop(): Promise<void> } | undefined;
  const pages: Page[] = [];
  const desk = { pageErrors: [] as string[] } as unknown as DeskBrowser;

  const watch = (page: Page): Page => {
    page.on("pageerror", (error) => desk.pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") desk.pageErrors.push(message.text());
    });
    pages.push(page);
    return page;
  };
  desk.newPage = async () => watch(await browser.newPage({ viewport: { width: 1440, height: 900 } }));

  beforeAll(async () => {
    desk.prisma = testPrisma();
    desk.api = await testApp(desk.prisma);
    server = desk.api.app.listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    live = await attachLive(server, desk.prisma);
    ingest = await startIngest(desk.prisma);
    desk.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  beforeEach(async () => {
    await truncateAll(desk.prisma);
    await seedStory(desk.prisma);
    desk.page = await desk.newPage();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
    expect(desk.pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await ingest?.stop();
    await live?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await desk.api?.stop();
    await desk.prisma?.$disconnect();
  });
  return desk;
}
