/**
 * Scores extractClaims on the sentence benchmark (bench/sentence-set.ts): value F1 (a predicted
 * figure matches a gold one of the same value, or the same bounds for a range) and value+hedge F1
 * (the hedge must match too), micro-averaged over all figures; dates, years and TEXT claims are not
 * figures. Pure: used by `npm run bench:sentences` and by the unit test.
 */
import { extractClaims } from "../src/extraction";
import type { ExtractedClaim, Hedge } from "../src/extraction/types";
import type { GoldFigure, SentenceSpec } from "./sentence-set";

export interface Figure {
  value: number;
  hedge: Hedge;
  lower: number | null;
  upper: number | null;
}

export interface SentenceResult {
  spec: SentenceSpec;
  predicted: Figure[];
  valueHits: number;
  hedgeHits: number;
}

const close = (a: number | null, b: number | null): boolean =>
  a !== null && b !== null && Math.abs(a - b) <= Math.max(1e-6, Math.abs(b) * 0.002);

function goldFigure(figure: GoldFigure): Figure {
  if (figure[0] === "RANGE") return { value: figure[1], hedge: "RANGE", lower: figure[1], upper: figure[2] };
  return { value: figure[0], hedge: figure[1] ?? "EXACT", lower: null, upper: null };
}

function sameValue(gold: Figure, predicted: Figure): boolean {
  if (gold.hedge === "RANGE")
    return predicted.hedge === "RANGE"
      ? close(predicted.lower, gold.lower) && close(predicted.upper, gold.upper)
      : close(predicted.value, gold.lower);
  return close(predicted.value, gold.value);
}

export function figuresOf(claims: ExtractedClaim[]): Figure[] {
  return (
    claims
      .filter((claim) => claim.kind !== "TEXT" && claim.kind !== "DATE" && (claim.value !== null || claim.lower !== null))
      // "Dozens" has bounds but no point value: it is matched by its bounds, as a range.
      .map((claim) => ({ value: (claim.value ?? claim.lower) as number, hedge: claim.hedge, lower: claim.lower, upper: claim.upper }))
  );
}

/** Greedy one-to-one matching; value hits and value+hedge hits counted separately. */
function matchCount(gold: Figure[], predicted: Figure[], withHedge: boolean): number {
  const used = new Set<number>();
  let hits = 0;
  for (const want of gold) {
    const at = predicted.findIndex((got, index) => !used.has(index) && sameValue(want, got) && (!withHedge || got.hedge === want.hedge));
    if (at >= 0) {
      used.add(at);
      hits += 1;
    }
  }
  return hits;
}

export function scoreSentence(spec: SentenceSpec): SentenceResult {
  const predicted = figuresOf(extractClaims(spec.text));
  const gold = spec.figures.map(goldFigure);
  return { spec, predicted, valueHits: matchCount(gold, predicted, false), hedgeHits: matchCount(gold, predicted, true) };
}

/** True when the sentence is read exactly: as many figures as the gold, every one with its value and hedge. */
export function sentenceRight(result: SentenceResult): boolean {
  return result.predicted.length === result.spec.figures.length && result.hedgeHits === result.spec.figures.length;
}

export interface SetScore {
  sentences: number;
  gold: number;
  predicted: number;
  valueF1: number;
  hedgeF1: number;
  msPerSentence: number;
  results: SentenceResult[];
}

const f1 = (hits: number, gold: number, predicted: number): number => (gold + predicted === 0 ? 100 : (200 * hits) / (gold + predicted));

export function scoreSet(specs: SentenceSpec[]): SetScore {
  const started = process.hrtime.bigint();
  const results = specs.map(scoreSentence);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const gold = results.reduce((sum, result) => sum + result.spec.figures.length, 0);
  const predicted = results.reduce((sum, result) => sum + result.predicted.length, 0);
  const valueHits = results.reduce((sum, result) => sum + result.valueHits, 0);
  const hedgeHits = results.reduce((sum, result) => sum + result.hedgeHits, 0);
  return {
    sentences: specs.length,
    gold,
    predicted,
    valueF1: f1(valueHits, gold, predicted),
    hedgeF1: f1(hedgeHits, gold, predicted),
    msPerSentence: ms / specs.length,
    results,
  };
}

export function describeFigure(figure: Figure): string {
  return figure.hedge === "RANGE" ? `[${figure.lower}, ${figure.upper}]` : `${figure.value} ${figure.hedge}`;
}
