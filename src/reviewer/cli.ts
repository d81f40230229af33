/**
 * npm run reviewer -- add "<name>" --role REVIEWER|ADMIN|VIEWER   prints the new token alone on its last line
 * npm run reviewer -- list                                         shows who exists
 */
import { parseArgs } from "node:util";
import { runCli } from "../ingest/run-cli";
import { createReviewer } from "./reviewer.service";

const ROLES = ["VIEWER", "REVIEWER", "ADMIN"] as const;
type RoleName = (typeof ROLES)[number];
const USAGE = 'usage: npm run reviewer -- add "<name>" --role REVIEWER|ADMIN|VIEWER\n       npm run reviewer -- list';

function usage(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

let args: { positionals: string[]; values: { role?: string } };
try {
  args = parseArgs({ options: { role: { type: "string" } }, allowPositionals: true });
} catch (error) {
  usage((error as Error).message);
}
const [command, name, ...extra] = args.positionals;
if (command !== "add" && command !== "list") usage("the command is add or list.");
if (extra.length) usage(`unexpected arguments: ${extra.join(" ")}`);
let role: RoleName = "REVIEWER";
if (command === "add") {
  if (!name || !name.trim()) usage("give the reviewer's name.");
  if (name.length > 200) usage("the name must be at most 200 characters.");
  const wanted = (args.values.role ?? "REVIEWER").toUpperCase();
  if (!ROLES.includes(wanted as RoleName)) usage(`--role must be one of ${ROLES.join(", ")}.`);
  role = wanted as RoleName;
}

runCli(async (prisma) => {
  if (command === "list") {
    const reviewers = await prisma.reviewer.findMany({ orderBy: { id: "asc" } });
    if (reviewers.length === 0) console.log("No reviewers yet. Add one: npm run reviewer -- add \"Name\" --role REVIEWER");
    for (const reviewer of reviewers) {
      console.log(`${String(reviewer.id).padStart(4)}  ${reviewer.role.padEnd(8)}  ${reviewer.name}  (since ${reviewer.createdAt.toISOString().slice(0, 10)})`);
    }
    return 0;
  }
  const { reviewer, token } = await createReviewer(prisma, name.trim(), role);
  console.log(`Created reviewer ${reviewer.id} "${reviewer.name}" (${reviewer.role}). Send: Authorization: Bearer <token>`);
  console.log("The token is shown once and stored only as a hash:");
  console.log(token);
  return 0;
});
