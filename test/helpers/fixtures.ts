import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../src/db";
import { loadFolder } from "../../src/ingest/loader";
import { seed, SEEDS_DIR } from "../../src/ingest/seed";
import { createReviewer } from "../../src/reviewer/reviewer.service";
import type { Role } from "../../src/generated/prisma/client";

export const SEED_STORY = "baghdad-talks-2007";
export const quiet = (): void => undefined;

export async function seedStory(prisma: Database): Promise<void> {
  await seed(prisma, quiet);
}

export async function reviewerToken(
  prisma: Database,
  role: Role,
  name = `${role.toLowerCase()} tester`,
): Promise<{ id: number; token: string }> {
  const { reviewer, token } = await createReviewer(prisma, name, role);
  return { id: reviewer.id, token };
}

/**
 * A story of `count` articles made from the seed texts, each copy marked so that its content hash
 * differs; used to show that query cost does not grow with the number of articles.
 */
export async function copiedStory(prisma: Database, slug: string, count: number): Promise<void> {
  const source = path.join(SEEDS_DIR, SEED_STORY);
  const texts = fs
    .readdirSync(source)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => fs.readFileSync(path.join(source, name), "utf8"));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `crosscheck-${slug}-`));
  const manifest: Record<string, { host: string }> = {};
  for (let i = 0; i < count; i++) {
    const name = `copy-${String(i).padStart(4, "0")}.txt`;
    fs.writeFileSync(path.join(folder, name), `${texts[i % texts.length]}\n\n(Copy ${i + 1} for testing.)\n`);
    manifest[name] = { host: "test-mirror" };
  }
  fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify({ articles: manifest }));
  try {
    await loadFolder(prisma, { folder, storySlug: slug, title: `Copies (${count})`, log: quiet });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

export async function factByKey(prisma: Database, key: string) {
  return prisma.fact.findFirstOrThrow({ where: { key, story: { slug: SEED_STORY } }, include: { claims: true } });
}

/**
 * Row counts of every table and a checksum of their contents: proof that a failure changed nothing.
 * Reviewer.lastUsedAt is left out: any authenticated request, failed or not, records its use.
 */
export async function databaseFingerprint(prisma: Database): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<Array<{ t: string; n: bigint; h: string | null }>>(`
    SELECT 'Outlet' AS t, count(*) AS n, md5(string_agg(x::text, '|' ORDER BY x.id)) AS h FROM "Outlet" x
    UNION ALL SELECT 'Story', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM "Story" x
    UNION ALL SELECT 'Article', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM "Article" x
    UNION ALL SELECT 'Fact', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM "Fact" x
    UNION ALL SELECT 'Claim', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM "Claim" x
    UNION ALL SELECT 'Reviewer', count(*), md5(string_agg((x.id, x.name, x.role, x."tokenHash", x."createdAt", x."expiresAt", x."revokedAt", x.demo)::text, '|' ORDER BY x.id)) FROM "Reviewer" x
    UNION ALL SELECT 'Verdict', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM "Verdict" x
    UNION ALL SELECT 'AuditEvent', count(*), md5(string_agg(x::text, '|' ORDER BY x.id)) FROM "AuditEvent" x`);
  return rows.map((row) => `${row.t}:${row.n}:${row.h ?? "-"}`).join(" ");
}
