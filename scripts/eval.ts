/**
 * npm run eval -- [folder ...] [--by-key] [--verbose] [--gold] [--unmatched]
 *
 * Scores annotated events (the format of ../shared/eval/README.md) in process: no server, no
 * database. For each event folder it prepares every .txt/.html page as the loader does (prepareArticle:
 * format, cleaning, metadata, claims of the body and the headline), forms the story's facts, decides each fact's agreement, and scores the result
 * with the matching rules of ../shared/eval/score.py. One JSON line per event, then a summary line
 * in the shape run.sh prints, plus extraction time per sentence.
 *
 * A folder that holds gold.json is one event; any other folder is read as a set of events.
 * --gold prints, for each quantity the gold calls a conflict or a non-conflict, where each of its figures landed.
 * --unmatched prints every numeric claim no gold figure matched, with its kind and rules (where precision goes).
 * --by-key groups claims by their per-sentence fact key only (the grouping before story alignment).
 * Pages whose cleaning finds no outlet get one from their URL or file name rather than the loader's
 * fallback (the folder's name for all of them), so that grouping results are not hidden by
 * articles sharing one outlet (the count is printed as `no_outlet`).
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { decideAgreement, outletFromName, readingInputOf } from "../src/extraction";
import { alignFacts, type AlignInput } from "../src/extraction/align";
import type { Agreement, ExtractedClaim } from "../src/extraction/types";
import { formatOfFile } from "../src/ingest/formats";
import { prepareArticle, type PreparedArticle } from "../src/ingest/load-article";

type Field = "BODY" | "HEADLINE";

interface GoldClaim {
  file: string;
  quote: string;
  quantity: string;
  value: unknown;
  hedge?: string;
  hedge_word?: string;
  where?: string;
  unit?: string;
  tier?: string;
}

interface Gold {
  claims: GoldClaim[];
  conflicts?: Array<{ quantity: string; type?: string; verdict?: string }>;
  non_conflicts?: Array<{ quantity: string }>;
}

interface EvalClaim {
  id: string;
  file: string;
  field: Field;
  claim: ExtractedClaim;
  factId: string;
}

interface EvalArticle {
  file: string;
  body: string;
  headline: string;
  origin: string;
  claims: EvalClaim[];
}

/** The hedges score.py accepts for each gold hedge. */
const HEDGE: Record<string, string[]> = {
  exact: ["EXACT"],
  at_least: ["AT_LEAST"],
  more_than: ["MORE_THAN", "AT_LEAST"],
  about: ["APPROXIMATE"],
  almost: ["ALMOST", "APPROXIMATE", "LESS_THAN"],
  nearly: ["ALMOST", "APPROXIMATE"],
  up_to: ["AT_MOST"],
  range: ["RANGE"],
  quarter_of: ["APPROXIMATE"],
  shortly_before: ["ALMOST", "APPROXIMATE", "AT_MOST", "LESS_THAN"],
  less_than: ["LESS_THAN", "AT_MOST"],
};
const VAGUE = new Set(["vague_plural", "decade", "start_of_decade"]);
const VAGUE_WORDS =
  /^(?:several|a few|few|many|dozens|scores|hundreds|thousands|tens of thousands|hundreds of thousands|millions|a number of)$/i;

function scored(claim: GoldClaim): boolean {
  if (typeof claim.value !== "number" || (claim.tier ?? "core") !== "core") return false;
  if (VAGUE.has(claim.hedge ?? "exact") || VAGUE_WORDS.test((claim.hedge_word ?? "").trim())) return false;
  return claim.unit !== "clock_time";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Positions of a quote in a text, tolerant to whitespace differences (score.py's spans). */
function spans(text: string, quote: string): Array<[number, number]> {
  const words = quote.split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const pattern = new RegExp(words.map(escapeRegExp).join("\\s+"), "g");
  return [...text.matchAll(pattern)].map((match) => [match.index ?? 0, (match.index ?? 0) + match[0].length]);
}

/** The same boundary rule the extractor splits on, for the per-sentence timing. */
function sentenceCount(text: string): number {
  let count = 0;
  for (const paragraph of text.split("\n"))
    if (paragraph.trim()) count += 1 + (paragraph.match(/[.!?]+["”’)\]]*\s+(?=["“‘([]?[A-Z0-9])/g)?.length ?? 0);
  return count;
}

interface Timing {
  ms: number;
  sentences: number;
}

/**
 * Every page of an event as the loader prepares it (prepareArticle: the loader's format reading,
 * cleaning, metadata and headline rules), so the score is that of what a load stores.
 */
function loadEvent(folder: string, timing: Timing, noOutlet: { count: number }): EvalArticle[] {
  const files = fs
    .readdirSync(folder)
    .filter((name) => formatOfFile(name) !== null && !name.endsWith(".json"))
    .sort();
  return files.map((file) => {
    const raw = fs.readFileSync(path.join(folder, file), "utf8");
    const started = performance.now();
    let prepared: PreparedArticle;
    try {
      prepared = prepareArticle({ sourceKey: file, format: formatOfFile(file)!, content: raw, manifest: {} }, "", "eval");
    } catch (error) {
      // The loader refuses this page (it says why); it contributes no claims.
      console.error(`${path.basename(folder)}/${file}: refused: ${error instanceof Error ? error.message : String(error)}`);
      return { file, body: "", headline: "", origin: file, claims: [] };
    }
    timing.ms += performance.now() - started;
    const { resolved, extracted } = prepared;
    const body = prepared.columns.body;
    const headline = resolved.headline ?? "";
    timing.sentences += sentenceCount(body) + (headline ? sentenceCount(headline) : 0);
    let origin = resolved.origin.slug;
    if (resolved.noOutlet) {
      noOutlet.count += 1;
      const host = /^https?:\/\/(?:www\.)?([^/\s]+)/i.exec(raw.split("\n", 1)[0].trim())?.[1];
      origin = outletFromName(host ?? file.replace(/^\d+_/, "").replace(/\.\w+$/, "")).slug;
    }
    let b = 0;
    let h = 0;
    const claims = extracted.map(({ claim, field }) => ({
      id: field === "HEADLINE" ? `${file}#h${h++}` : `${file}#b${b++}`,
      file,
      field: field as Field,
      claim,
      factId: "",
    }));
    return { file, body, headline, origin, claims };
  });
}

/** Assigns every claim its fact: the story's alignment, or (--by-key) the per-sentence key. */
function formFacts(articles: EvalArticle[], byKey: boolean): void {
  const all = articles.flatMap((article) => article.claims);
  if (byKey) {
    for (const claim of all) claim.factId = claim.claim.factKey;
    return;
  }
  // A headline is its own text: its sentence offsets are not the body's.
  const inputs: AlignInput[] = all.map((claim) => ({
    id: claim.id,
    articleId: claim.field === "HEADLINE" ? `${claim.file}#headline` : claim.file,
    claim: claim.claim,
  }));
  const byId = new Map(all.map((claim) => [claim.id, claim]));
  for (const fact of alignFacts(inputs)) for (const id of fact.claimIds) byId.get(id)!.factId = fact.key;
}

function agreements(articles: EvalArticle[]): Map<string, Agreement> {
  const byFact = new Map<string, Parameters<typeof decideAgreement>[0]>();
  for (const article of articles) {
    for (const { id, claim, factId } of article.claims) {
      const list = byFact.get(factId) ?? [];
      list.push(readingInputOf(claim, id, article.origin));
      byFact.set(factId, list);
    }
  }
  return new Map([...byFact].map(([factId, claims]) => [factId, decideAgreement(claims)]));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** What scoreEvent prints besides its JSON line, on stderr. */
interface Views {
  verbose: boolean;
  gold: boolean;
  unmatched: boolean;
}

function scoreEvent(name: string, folder: string, byKey: boolean, timing: Timing, views: Views): Record<string, unknown> {
  const { verbose, gold: goldView, unmatched: unmatchedView } = views;
  const gold = JSON.parse(fs.readFileSync(path.join(folder, "gold.json"), "utf8")) as Gold;
  const noOutlet = { count: 0 };
  const articles = loadEvent(folder, timing, noOutlet);
  formFacts(articles, byKey);
  const agreement = agreements(articles);
  const byFile = new Map(articles.map((article) => [article.file, article]));

  const numGold = gold.claims.filter(scored);
  const matched = new Map<number, EvalClaim>();
  const used = new Set<string>();
  let hedgeOk = 0;
  numGold.forEach((g, i) => {
    const article = byFile.get(g.file);
    if (!article) return;
    const locs: Record<Field, Array<[number, number]>> = { BODY: spans(article.body, g.quote), HEADLINE: spans(article.headline, g.quote) };
    const value = g.value as number;
    for (const c of article.claims) {
      if (used.has(c.id) || c.claim.value === null) continue;
      if (Math.abs(c.claim.value - value) > 1e-6 * Math.max(1, Math.abs(value))) continue;
      if (locs[c.field].some(([s, e]) => s - 12 <= c.claim.quote.start && c.claim.quote.end <= e + 12)) {
        matched.set(i, c);
        used.add(c.id);
        if ((HEDGE[g.hedge ?? "exact"] ?? ["EXACT"]).includes(c.claim.hedge)) hedgeOk += 1;
        break;
      }
    }
  });
  const extracted = articles.flatMap((article) => article.claims).filter((c) => c.claim.value !== null);
  const sliceBad = articles.reduce(
    (n, article) =>
      n +
      article.claims.filter(
        (c) =>
          (c.field === "HEADLINE" ? article.headline : article.body).slice(c.claim.quote.start, c.claim.quote.end) !== c.claim.quote.exact,
      ).length,
    0,
  );
  const headlineGold = numGold.map((g, i) => (g.where === "headline" ? i : -1)).filter((i) => i >= 0);

  let confOk = 0;
  let confN = 0;
  const detail: string[] = [];
  for (const cf of gold.conflicts ?? []) {
    const scoredIdx = numGold.map((g, i) => (g.quantity === cf.quantity ? i : -1)).filter((i) => i >= 0);
    if (new Set(scoredIdx.map((i) => numGold[i].file)).size < 2) continue;
    confN += 1;
    const idx = scoredIdx.filter((i) => matched.has(i));
    if (idx.length === 0) {
      detail.push(`${cf.quantity}:unmatched`);
      continue;
    }
    const facts = new Map<string, number[]>();
    for (const i of idx) facts.set(matched.get(i)!.factId, [...(facts.get(matched.get(i)!.factId) ?? []), i]);
    // Python's max keeps the first of equal counts, in insertion order.
    let members: number[] = [];
    for (const list of facts.values()) if (list.length > members.length) members = list;
    const files = new Set(members.map((i) => numGold[i].file));
    const flagged = agreement.get(matched.get(members[0])!.factId)!;
    const verdict = cf.verdict ?? "conflict";
    let want = ({ conflict: ["CONFLICT"], compatible: ["COMPATIBLE"], agree: ["AGREE", "COMPATIBLE"] } as Record<string, string[]>)[
      verdict
    ] ?? ["CONFLICT"];
    if (verdict === "conflict" && cf.type === "approximation") want = ["CONFLICT", "COMPATIBLE"];
    const ok = members.length >= 0.7 * scoredIdx.length && files.size >= 2 && want.includes(flagged);
    if (ok) confOk += 1;
    detail.push(`${cf.quantity}:${flagged}${ok ? "" : "!"}`);
  }

  // A quantity the gold lists both as a conflict and as a non-conflict becomes a false conflict as
  // soon as its conflict is grouped and flagged (score.py checks every figure of the quantity):
  // false_conflicts_forced counts those, so the rest shows what grouping got wrong.
  const conflictQuantities = new Set(
    (gold.conflicts ?? [])
      .map((cf) => cf.quantity)
      .filter((quantity) => new Set(numGold.filter((g) => g.quantity === quantity).map((g) => g.file)).size >= 2),
  );
  const falseConf: string[] = [];
  for (const nc of gold.non_conflicts ?? []) {
    if (nc.quantity.includes("(within-file)") || nc.quantity.includes(" vs ")) continue;
    const idx = numGold.map((g, i) => (g.quantity === nc.quantity && matched.has(i) ? i : -1)).filter((i) => i >= 0);
    if (new Set(idx.map((i) => numGold[i].file)).size < 2) continue;
    const facts = new Map<string, number[]>();
    for (const i of idx) facts.set(matched.get(i)!.factId, [...(facts.get(matched.get(i)!.factId) ?? []), i]);
    for (const [factId, members] of facts) {
      if (new Set(members.map((i) => numGold[i].file)).size >= 2 && agreement.get(factId) === "CONFLICT") {
        falseConf.push(nc.quantity);
        break;
      }
    }
  }

  if (goldView) {
    const quantities = [
      ...new Set([...(gold.conflicts ?? []).map((c) => `C ${c.quantity}`), ...(gold.non_conflicts ?? []).map((c) => `N ${c.quantity}`)]),
    ];
    for (const entry of quantities) {
      const quantity = entry.slice(2);
      const lines = numGold.map((g, i) => ({ g, i })).filter(({ g }) => g.quantity === quantity);
      if (lines.length === 0) continue;
      console.error(`  ${entry}:`);
      for (const { g, i } of lines) {
        const c = matched.get(i);
        console.error(
          `    ${g.file.slice(0, 2)} ${g.value} ${g.hedge ?? "exact"} "${g.quote}" -> ${c ? `${c.factId} [${agreement.get(c.factId)}] ${c.claim.hedge} ${c.claim.scope}${c.claim.context.scopeCue ? `/${c.claim.context.scopeCue}` : ""}${c.claim.context.place ? `@${c.claim.context.place}` : ""} key=${c.claim.factKey}` : "MISSED"}`,
        );
      }
    }
  }

  if (unmatchedView) {
    const matchedIds = new Set([...matched.values()].map((c) => c.id));
    for (const c of extracted.filter((claim) => !matchedIds.has(claim.id))) {
      console.error(
        `  ${c.file.slice(0, 2)} ${c.field === "HEADLINE" ? "H" : "B"} ${c.claim.kind} "${c.claim.quote.exact}" ${c.claim.hedge} [${c.claim.rules.join(" ")}]`,
      );
    }
  }

  if (verbose) {
    const byFact = new Map<string, EvalClaim[]>();
    for (const c of articles.flatMap((article) => article.claims)) byFact.set(c.factId, [...(byFact.get(c.factId) ?? []), c]);
    for (const [factId, claims] of [...byFact].sort(([a], [b]) => a.localeCompare(b))) {
      const gq = claims.map((c) => [...matched].find(([, m]) => m === c)?.[0]).map((i) => (i === undefined ? "-" : numGold[i].quantity));
      console.error(
        `  ${agreement.get(factId)} ${factId}: ${claims.map((c, k) => `${c.file.slice(0, 2)}:${c.claim.text}[${gq[k]}|${c.claim.scope}${c.claim.context.place ? `@${c.claim.context.place}` : ""}]`).join(" ; ")}`,
      );
    }
  }

  return {
    story: name,
    gold_numeric: numGold.length,
    recall: round(matched.size / Math.max(1, numGold.length)),
    precision_lb: round(used.size / Math.max(1, extracted.length)),
    hedge_acc: round(hedgeOk / Math.max(1, matched.size)),
    slice_bad: sliceBad,
    conflicts_grouped: `${confOk}/${confN}`,
    conflicts_ok_frac: round(confOk / Math.max(1, confN)),
    headline_recall: round(headlineGold.filter((i) => matched.has(i)).length / Math.max(1, headlineGold.length)),
    false_conflicts: falseConf.length,
    false_conflicts_forced: falseConf.filter((quantity) => conflictQuantities.has(quantity)).length,
    false_conflict_quantities: falseConf,
    detail: detail.join(" ").slice(0, 300),
    missed: numGold
      .map((g, i) => (matched.has(i) ? null : g.quote))
      .filter((q) => q !== null)
      .slice(0, 12),
    event: name,
    refused: 0,
    no_outlet: noOutlet.count,
  };
}

function eventFolders(target: string): string[] {
  if (fs.existsSync(path.join(target, "gold.json"))) return [target];
  return fs
    .readdirSync(target)
    .map((name) => path.join(target, name))
    .filter((folder) => fs.statSync(folder).isDirectory() && fs.existsSync(path.join(folder, "gold.json")))
    .sort();
}

function main(): void {
  const args = process.argv.slice(2);
  const byKey = args.includes("--by-key");
  const views: Views = { verbose: args.includes("--verbose"), gold: args.includes("--gold"), unmatched: args.includes("--unmatched") };
  const targets = args.filter((arg) => !arg.startsWith("--"));
  const folders = (targets.length > 0 ? targets : ["../shared/eval"]).flatMap((target) => {
    const resolved = path.resolve(target);
    if (!fs.existsSync(resolved)) {
      console.error(`There is no folder ${resolved}.`);
      process.exit(2);
    }
    return eventFolders(resolved);
  });
  if (folders.length === 0) {
    console.error("No event folders (folders holding gold.json) found.");
    process.exit(2);
  }
  const timing: Timing = { ms: 0, sentences: 0 };
  const rows = folders.map((folder) => {
    if (views.verbose || views.gold || views.unmatched) console.error(path.basename(folder));
    const row = scoreEvent(path.basename(folder), folder, byKey, timing, views);
    console.log(JSON.stringify(row));
    return row as Record<string, number & string>;
  });
  const total = (key: string) => rows.reduce((sum, row) => sum + (row[key] as number), 0);
  const mean = (key: string) => round(total(key) / Math.max(1, rows.length));
  const gold = total("gold_numeric");
  const cg = rows.map((row) => (row.conflicts_grouped as string).split("/").map(Number));
  const [ok, n] = cg.reduce(([a, b], [x, y]) => [a + x, b + y], [0, 0]);
  console.log(
    JSON.stringify({
      summary: true,
      events: rows.length,
      scored: rows.length,
      refused_articles: 0,
      recall: round(rows.reduce((sum, row) => sum + (row.recall as number) * (row.gold_numeric as number), 0) / Math.max(1, gold)),
      precision_lb: mean("precision_lb"),
      hedge_acc: mean("hedge_acc"),
      headline_recall: mean("headline_recall"),
      conflicts: `${ok}/${n}`,
      conflicts_frac: round(ok / Math.max(1, n)),
      false_conflicts: total("false_conflicts"),
      false_conflicts_forced: total("false_conflicts_forced"),
      slice_bad: total("slice_bad"),
      grouping: byKey ? "fact_key" : "aligned",
      no_outlet: total("no_outlet"),
      ms_per_sentence: round(timing.ms / Math.max(1, timing.sentences)),
      sentences: timing.sentences,
    }),
  );
}

main();
