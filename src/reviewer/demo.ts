import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../config";
import type { Database } from "../db";
import { createReviewer, hashToken } from "./reviewer.service";

const DEMO_TOKEN_FILE = path.join(PROJECT_ROOT, ".data", "demo-reviewer-token");

/**
 * Development only (main.ts never calls this with NODE_ENV=production, and production refuses it): a reviewer whose token is
 * printed at start, so Sandbox users can try mutations. The token is kept in .data/ (gitignored)
 * so it survives restarts; only its hash is in the database.
 */
export async function ensureDemoReviewer(prisma: Database, log: (line: string) => void): Promise<void> {
  if (fs.existsSync(DEMO_TOKEN_FILE)) {
    const token = fs.readFileSync(DEMO_TOKEN_FILE, "utf8").trim();
    const existing = await prisma.reviewer.findUnique({ where: { tokenHash: hashToken(token) } });
    if (existing && !existing.revokedAt && (!existing.expiresAt || existing.expiresAt > new Date())) {
      if (!existing.demo) await prisma.reviewer.update({ where: { id: existing.id }, data: { demo: true } });
      log(`Demo reviewer token (development only): ${token}`);
      return;
    }
  }
  // Flagged demo: identifyCaller refuses it when the same data is served with NODE_ENV=production.
  const { token } = await createReviewer(prisma, "Demo reviewer", "REVIEWER", { demo: true, expiresInDays: null, actor: "demo" });
  fs.mkdirSync(path.dirname(DEMO_TOKEN_FILE), { recursive: true });
  fs.writeFileSync(DEMO_TOKEN_FILE, `${token}\n`, { mode: 0o600 });
  log(`Demo reviewer token (development only): ${token}`);
}
