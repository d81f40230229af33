/**
 * Agreement: group a fact's claims into readings (what each asserts) and decide whether the
 * readings CONFLICT, are COMPATIBLE, AGREE, or rest on a SINGLE_SOURCE.
 *
 * Numeric readings are intervals from the hedge table; two readings conflict when their
 * intervals cannot both hold, i.e. do not overlap. TEXT readings conflict when neither
 * statement contains the other (see textsCompatible).
 */
import type { Agreement, ExtractedClaim, GroupedReading, ReadingInput } from "./types";
import { hedgeLabel } from "./hedge";
import { toCanonical, unitDefinition } from "./lexicon/units";

/** An extracted claim as agreement sees it, with the id and origin it was stored under. */
export function readingInputOf(claim: ExtractedClaim, id: string, originSlug: string): ReadingInput {
  const { kind, value, lower, upper, hedge, textValue, text, unit } = claim;
  return { id, kind, value, lower, upper, hedge, textValue, text, originSlug, unit };
}

export interface Interval {
  lower: number | null;
  upper: number | null;
}

/** Closed intervals; a null bound is unbounded. Touching bounds overlap: [27, 27] and [27, 30]. */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  const aBelowB = a.upper !== null && b.lower !== null && a.upper < b.lower;
  const bBelowA = b.upper !== null && a.lower !== null && b.upper < a.lower;
  return !aBelowB && !bBelowA;
}

/** Words that describe rather than identify, left out when comparing two TEXT statements. */
const TEXT_FILLER = new Set(["a", "an", "the", "of", "in", "at", "on", "near", "outside", "inside", "by", "to", "close", "beside", "and"]);

function textTerms(value: string): { names: Set<string>; words: Set<string> } {
  const tokens = value.match(/[A-Za-z0-9][A-Za-z0-9'’-]*/g) ?? [];
  return {
    names: new Set(tokens.filter((token) => /^[A-Z]/.test(token)).map((token) => token.toLowerCase())),
    words: new Set(tokens.map((token) => token.toLowerCase()).filter((token) => !TEXT_FILLER.has(token))),
  };
}

function subset<T>(a: Set<T>, b: Set<T>): boolean {
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/**
 * Two TEXT statements are compatible when one says less than the other and nothing different:
 * "bomb" / "car bomb" and "suicide car bomb" / "car bomb" are compatible, "car bomb" / "truck bomb"
 * are not. When either statement names places or people (capitalised words), only those names
 * are compared, so "in central Baghdad" fits "near a mosque in central Baghdad", while
 * "in the Sinak area of Baghdad" and "near a Sunni mosque in Baghdad" conflict.
 */
export function textsCompatible(a: string, b: string): boolean {
  const left = textTerms(a);
  const right = textTerms(b);
  if (left.names.size > 0 || right.names.size > 0) {
    return subset(left.names, right.names) || subset(right.names, left.names);
  }
  return subset(left.words, right.words) || subset(right.words, left.words);
}

/**
 * The fields that decide what a claim asserts; every rule about readings reads only these.
 * `unit`, when it has a dimension ("mph", "kilometres"), puts the bounds in the dimension's
 * canonical unit first, so "up to 114 mph" and "up to 183 km/h" are one reading.
 */
export type ReadingClaim = Pick<ReadingInput, "kind" | "lower" | "upper" | "textValue" | "text"> & { unit?: string | null };

/** A claim's bounds as readings compare them: in the canonical unit of its dimension, when it has one. */
export function readingBounds(claim: ReadingClaim): Interval {
  if (!claim.unit || !unitDefinition(claim.unit)) return { lower: claim.lower, upper: claim.upper };
  return { lower: toCanonical(claim.unit, claim.lower), upper: toCanonical(claim.unit, claim.upper) };
}

/** Decimal places a bound is written to ("27.3" has one), at most six. */
function decimals(x: number): number {
  for (let places = 0; places < 6; places += 1) if (Math.abs(x * 10 ** places - Math.round(x * 10 ** places)) < 1e-6) return places;
  return 6;
}

/**
 * A measured figure stands for every value that rounds to it: "27%" and "27.3%", "52%" and
 * "52.15%", "100 mph" and "161 km/h" are one figure at different roundings. Each bound of a
 * QUANTITY widens by just under half a unit of its last decimal place (so 12 and 13 still
 * differ), in the claim's own unit, before conversion. Counts are whole and stay exact.
 */
function roundingBounds(claim: ReadingClaim): Interval {
  if (claim.kind !== "QUANTITY") return readingBounds(claim);
  const widen = (x: number | null, sign: number): number | null => (x === null ? null : x + sign * 0.4999 * 10 ** -decimals(x));
  return readingBounds({ ...claim, lower: widen(claim.lower, -1), upper: widen(claim.upper, 1) });
}

/**
 * A TEXT claim's statement as readings compare it: spacing collapsed and letter case folded, so
 * "Car bomb" and "car bomb" are one statement. Null for numeric claims.
 */
export function readingStatement(claim: ReadingClaim): string | null {
  if (claim.kind !== "TEXT") return null;
  return (claim.textValue ?? claim.text).trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * The one definition of "same reading": two claims are the same reading exactly when their keys
 * are equal. Grouping (groupReadings), rank (PREFERRED) and outlets' track record all use it.
 */
export function readingKey(claim: ReadingClaim): string {
  const statement = readingStatement(claim);
  if (statement !== null) return `text:${statement}`;
  const { lower, upper } = readingBounds(claim);
  return `interval:${lower ?? "-inf"}:${upper ?? "inf"}`;
}

export function sameReading(a: ReadingClaim, b: ReadingClaim): boolean {
  return readingKey(a) === readingKey(b);
}

/**
 * The one definition of "these two claims cannot both hold": intervals that do not overlap, or
 * TEXT statements neither of which contains the other. It decides CONFLICT and DEPRECATED.
 */
export function readingsClash(a: ReadingClaim, b: ReadingClaim): boolean {
  const left = readingStatement(a);
  const right = readingStatement(b);
  if (left !== null || right !== null) return left === null || right === null || !textsCompatible(left, right);
  return !intervalsOverlap(roundingBounds(a), roundingBounds(b));
}

/** "up to 114", or "up to 114 mph" when the fact's claims give it in more than one unit. */
function readingLabel(claim: ReadingInput, mixedUnits: boolean): string {
  const label = hedgeLabel(claim.value, claim.hedge, claim.lower, claim.upper);
  return mixedUnits && claim.unit ? `${label} ${claim.unit}` : label;
}

interface Draft {
  key: string;
  label: string;
  representative: ReadingClaim;
  lower: number | null;
  upper: number | null;
  claimIds: string[];
  origins: Set<string>;
}

function draftsOf(claims: ReadingInput[]): Draft[] {
  const drafts = new Map<string, Draft>();
  const mixedUnits =
    new Set(claims.map((claim) => claim.unit ?? null)).size > 1 && claims.some((claim) => unitDefinition(claim.unit ?? null));
  for (const claim of claims) {
    const key = readingKey(claim);
    let draft = drafts.get(key);
    if (!draft) {
      const statement = readingStatement(claim);
      draft = {
        key,
        label: statement ?? readingLabel(claim, mixedUnits),
        representative: claim,
        lower: statement === null ? claim.lower : null,
        upper: statement === null ? claim.upper : null,
        claimIds: [],
        origins: new Set(),
      };
      drafts.set(key, draft);
    }
    draft.claimIds.push(claim.id);
    draft.origins.add(claim.originSlug);
  }
  return [...drafts.values()];
}

/** Readings, most independent sources first, then most claims, then label. */
export function groupReadings(claims: ReadingInput[]): GroupedReading[] {
  return draftsOf(claims)
    .map((draft) => ({
      key: draft.key,
      label: draft.label,
      lower: draft.lower,
      upper: draft.upper,
      claimIds: draft.claimIds,
      independentSources: draft.origins.size,
    }))
    .sort((a, b) => b.independentSources - a.independentSources || b.claimIds.length - a.claimIds.length || a.label.localeCompare(b.label));
}

export function decideAgreement(claims: ReadingInput[]): Agreement {
  const drafts = draftsOf(claims);
  if (drafts.length === 0) return "SINGLE_SOURCE";
  for (let i = 0; i < drafts.length; i += 1) {
    for (let j = i + 1; j < drafts.length; j += 1) {
      // Even two versions from one origin (an early and a later wire story) conflict.
      if (readingsClash(drafts[i].representative, drafts[j].representative)) return "CONFLICT";
    }
  }
  if (drafts.length > 1) return "COMPATIBLE";
  return drafts[0].origins.size >= 2 ? "AGREE" : "SINGLE_SOURCE";
}
