/**
 * npm run reviewer -- add "<name>" --role REVIEWER|ADMIN|VIEWER [--expires 90d|12h|never]
 *                                                  prints the new token alone on its last line
 * npm run reviewer -- list                         who exists, with expiry, revocation and last use
 * npm run reviewer -- revoke <id>                  the token stops working at once
 * npm run reviewer -- rotate <id> [--expires 90d]  a new token (last line); the old one stops working
 */
import { parseArgs } from "node:util";
import { runCli } from "../ingest/run-cli";
import type { Reviewer } from "../generated/prisma/client";
import { createReviewer, DEFAULT_TOKEN_DAYS, parseLifetime, revokeReviewer, rotateReviewerToken } from "./reviewer.service";

const ROLES = ["VIEWER", "REVIEWER", "ADMIN"] as const;
type RoleName = (typeof ROLES)[number];
const COMMANDS = ["add", "list", "revoke", "rotate"];
const USAGE = [
  'usage: npm run reviewer -- add "<name>" --role REVIEWER|ADMIN|VIEWER [--expires 90d|12h|never]',
  "       npm run reviewer -- list",
  "       npm run reviewer -- revoke <id>",
  "       npm run reviewer -- rotate <id> [--expires 90d|12h|never]",
  `       new tokens expire after ${DEFAULT_TOKEN_DAYS} days unless --expires says otherwise`,
].join("\n");

function usage(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

let args: { positionals: string[]; values: { role?: string; expires?: string } };
try {
  args = parseArgs({ options: { role: { type: "string" }, expires: { type: "string" } }, allowPositionals: true });
} catch (error) {
  usage((error as Error).message);
}
const [command, subject, ...extra] = args.positionals;
if (!COMMANDS.includes(command)) usage(`the command is one of ${COMMANDS.join(", ")}.`);
if (extra.length) usage(`unexpected arguments: ${extra.join(" ")}`);
if (command === "list" && subject !== undefined) usage(`unexpected argument: ${subject}`);
let role: RoleName = "REVIEWER";
let days: number | null = DEFAULT_TOKEN_DAYS;
if (args.values.expires !== undefined) {
  if (command !== "add" && command !== "rotate") usage("--expires goes with add or rotate.");
  try {
    days = parseLifetime(args.values.expires);
  } catch (error) {
    usage((error as Error).message);
  }
}
if (command === "add") {
  if (!subject || !subject.trim()) usage("give the reviewer's name.");
  if (subject.length > 200) usage("the name must be at most 200 characters.");
  const wanted = (args.values.role ?? "REVIEWER").toUpperCase();
  if (!ROLES.includes(wanted as RoleName)) usage(`--role must be one of ${ROLES.join(", ")}.`);
  role = wanted as RoleName;
}
let id = 0;
if (command === "revoke" || command === "rotate") {
  if (!subject || !/^[1-9][0-9]{0,9}$/.test(subject) || Number(subject) > 2_147_483_647) usage("give the reviewer's id (see list).");
  id = Number(subject);
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : "-");

function status(reviewer: Reviewer): string {
  if (reviewer.revokedAt) return "revoked";
  if (reviewer.expiresAt && reviewer.expiresAt <= new Date()) return "expired";
  return reviewer.demo ? "demo" : "active";
}

runCli(async (prisma) => {
  if (command === "list") {
    const reviewers = await prisma.reviewer.findMany({ orderBy: { id: "asc" } });
    if (reviewers.length === 0) {
      console.log('No reviewers yet. Add one: npm run reviewer -- add "Name" --role REVIEWER');
      return 0;
    }
    console.log(
      `${"id".padStart(4)}  ${"role".padEnd(8)}  ${"status".padEnd(7)}  ${"expires".padEnd(16)}  ${"revoked".padEnd(16)}  ${"last used".padEnd(16)}  name`,
    );
    for (const r of reviewers) {
      console.log(
        `${String(r.id).padStart(4)}  ${r.role.padEnd(8)}  ${status(r).padEnd(7)}  ${day(r.expiresAt).padEnd(16)}  ${day(r.revokedAt).padEnd(16)}  ${day(r.lastUsedAt).padEnd(16)}  ${r.name}`,
      );
    }
    return 0;
  }
  if (command === "revoke") {
    const reviewer = await revokeReviewer(prisma, id, "cli");
    console.log(
      `Revoked reviewer ${reviewer.id} "${reviewer.name}" at ${reviewer.revokedAt!.toISOString()}: the token answers UNAUTHENTICATED from now on.`,
    );
    return 0;
  }
  const created =
    command === "add"
      ? await createReviewer(prisma, subject.trim(), role, { expiresInDays: days, actor: "cli" })
      : await rotateReviewerToken(prisma, id, "cli", days);
  const { reviewer, token } = created;
  const expiry = reviewer.expiresAt ? `expires ${reviewer.expiresAt.toISOString()}` : "never expires";
  console.log(
    command === "add"
      ? `Created reviewer ${reviewer.id} "${reviewer.name}" (${reviewer.role}, ${expiry}). Send: Authorization: Bearer <token>`
      : `New token for reviewer ${reviewer.id} "${reviewer.name}" (${expiry}); the old token no longer works.`,
  );
  console.log("The token is shown once and stored only as a hash:");
  console.log(token);
  return 0;
});
