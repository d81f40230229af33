/**
 * Loads every story folder under seeds/ (each with a manifest.json naming its story).
 * Wired as Prisma's seed (`prisma db seed`) and as `npm run seed`; `npm start` runs it on an empty database.
 */
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../config";
import type { Database } from "../db";
import { describeSummary, loadFolder, type LoadSummary } from "./loader";
import { runCli } from "./run-cli";

export const SEEDS_DIR = path.join(PROJECT_ROOT, "seeds");

export async function seed(prisma: Database, log: (line: string) => void = console.log): Promise<LoadSummary[]> {
  const folders = fs
    .readdirSync(SEEDS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(SEEDS_DIR, entry.name))
    .sort();
  const summaries: LoadSummary[] = [];
  for (const folder of folders) {
    const summary = await loadFolder(prisma, { folder, createFromManifest: true, log });
    log(describeSummary(summary));
    summaries.push(summary);
  }
  return summaries;
}

if (require.main === module) {
  runCli(async (prisma) => {
    const summaries = await seed(prisma);
    return summaries.some((summary) => summary.outcomes.failed > 0) ? 1 : 0;
  });
}
