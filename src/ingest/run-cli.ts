import { loadConfig } from "../config";
import { migrate, openDatabase } from "../database";
import { createPrisma, type Database } from "../db";

/**
 * Shared start-up for the command-line tools: the database in DATABASE_URL, else the embedded one
 * (reused if `npm start` already runs it, started and stopped again if not), migrated.
 */
export function runCli(body: (prisma: Database) => Promise<number>): void {
  const config = loadConfig();
  (async () => {
    const database = await openDatabase(config, (line) => console.error(line));
    const prisma = createPrisma(database.url, config);
    let code: number;
    try {
      await migrate(database.migrateUrl);
      code = await body(prisma);
    } finally {
      await prisma.$disconnect();
      await database.release();
    }
    process.exit(code);
  })().catch((error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof Error && error.name === "UsageError" ? 2 : 1);
  });
}
