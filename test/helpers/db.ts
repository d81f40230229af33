import { Client } from "pg";
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

const TRUNCATE_ALL =
  'TRUNCATE "AuditEvent", "Verdict", "Claim", "Fact", "Article", "Story", "Outlet", "Reviewer", "RateLimit" RESTART IDENTITY CASCADE';

/** Empties every table between tests so no test depends on another's rows or ids. */
export async function truncateAll(prisma: Database): Promise<void> {
  const owner = process.env.MIGRATE_DATABASE_URL;
  if (owner && owner !== testDatabaseUrl()) {
    // The API's role may not TRUNCATE (it would skip the append-only triggers); the owner may.
    const client = new Client({ connectionString: owner });
    await client.connect();
    try {
      await client.query(TRUNCATE_ALL);
    } finally {
      await client.end();
    }
    return;
  }
  await prisma.$executeRawUnsafe(TRUNCATE_ALL);
}

/** The database owner's URL (migrations, DDL in test set-up); the API's own role may not create anything. */
export function ownerDatabaseUrl(): string {
  return process.env.MIGRATE_DATABASE_URL || testDatabaseUrl();
}

/** Runs SQL as the database owner, for test set-up that needs DDL (triggers, databases). */
export async function asOwner(sql: string, url: string = ownerDatabaseUrl()): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
