import { loadConfig } from "../../src/config";
import { createPrisma, type Database } from "../../src/db";

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the tests through jest (test/global-setup.ts sets it).");
  return url;
}

export function testPrisma(options: { logQueries?: boolean } = {}): Database {
  return createPrisma(testDatabaseUrl(), loadConfig(), options);
}

/** Empties every table between tests so no test depends on another's rows or ids. */
export async function truncateAll(prisma: Database): Promise<void> {
  await prisma.$executeRawUnsafe(
    'TRUNCATE "AuditEvent", "Verdict", "Claim", "Fact", "Article", "Story", "Outlet", "Reviewer", "RateLimit" RESTART IDENTITY CASCADE',
  );
}
