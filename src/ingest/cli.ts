/**
 * npm run ingest -- <folder> --story <slug> [--title "…"]
 * Loads every .txt article of a folder (and its optional manifest.json) into a story.
 */
import { parseArgs } from "node:util";
import { describeSummary, LoadError, loadFolder } from "./loader";
import { runCli } from "./run-cli";

const USAGE = 'usage: npm run ingest -- <folder> --story <slug> [--title "Story title"]';

function usage(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed: ReturnType<typeof parseArgs<{ options: { story: { type: "string" }; title: { type: "string" } }; allowPositionals: true }>>;
try {
  parsed = parseArgs({ options: { story: { type: "string" }, title: { type: "string" } }, allowPositionals: true });
} catch (error) {
  usage((error as Error).message);
}
const [folder, ...extra] = parsed.positionals;
if (!folder) usage("give the folder to load.");
if (extra.length) usage(`unexpected arguments: ${extra.join(" ")}`);
if (!parsed.values.story) usage("--story <slug> is required.");

runCli(async (prisma) => {
  try {
    const summary = await loadFolder(prisma, {
      folder,
      storySlug: parsed.values.story,
      title: parsed.values.title,
      log: (line) => console.log(line),
    });
    console.log(describeSummary(summary));
    return summary.outcomes.failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof LoadError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
});
