/**
 * Runs a command with DATABASE_URL pointing at the project's database, as its owner (migrations need it): the one in DATABASE_URL
 * if set, else the embedded cluster in .data/ (reused when `npm start` already runs it).
 *   npm run db -- npx prisma migrate dev --name <change>
 */
import { spawn } from "node:child_process";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/database";

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error("usage: npm run db -- <command> [args...]");
    process.exit(2);
  }
  const database = await openDatabase(loadConfig(), (line) => console.error(line));
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: database.migrateUrl } });
  const code: number = await new Promise((resolve) => child.on("close", (exit) => resolve(exit ?? 1)));
  await database.release();
  process.exit(code);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
