/**
 * Agreement: group a fact's claims into readings (what each asserts) and decide whether the
 * readings CONFLICT, are COMPATIBLE, AGREE, or rest on a SINGLE_SOURCE.
 *
 * Numeric readings are intervals from the hedge table; two readings conflict when their
 * intervals cannot both hold, i.e. do not overlap. TEXT readings conflict when neither
 * statement contains the other (see textsCompatible).
 */
import type { Agreement, GroupedReading, ReadingInput } from "./types";
import { hedgeLabel } from "./hedge";

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
const TEXT_FILLER = new Set([
  "a", "an", "the", "of", "in", "at", "on", "near", "outside", "inside", "by", "to", "close", "beside", "and",
]);

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

function normaliseText(value: string | null): string {
  return (value ?? "").trim().replace(/\s+/g, " ").toLowerCase();
}

interface Draft {
  label: string;
  lower: number | null;
  upper: number | null;
  textValue: string | null;
  claimIds: string[];
  origins: Set<string>;
}

function draftsOf(claims: ReadingInput[]): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const claim of claims) {
    const isText = claim.kind === "TEXT";
    const key = isText ? `text:${normaliseText(claim.textValue ?? claim.text)}` : `interval:${claim.lower ?? "-inf"}:${claim.upper ?? "inf"}`;
    let draft = drafts.get(key);
    if (!draft) {
      draft = {
        label: isText ? normaliseText(claim.textValue ?? claim.text) : hedgeLabel(claim.value, claim.hedge, claim.lower, claim.upper),
        lower: isText ? null : claim.lower,
        upper: isText ? null : claim.upper,
        textValue: isText ? normaliseText(claim.textValue ?? claim.text) : null,
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
      const a = drafts[i];
      const b = drafts[j];
      const clash = a.textValue !== null || b.textValue !== null
        ? !textsCompatible(a.textValue ?? a.label, b.textValue ?? b.label)
        : !intervalsOverlap(a, b);
      // Even two versions from one origin (an early and a later wire story) conflict.
      if (clash) return "CONFLICT";
    }
  }
  if (drafts.length > 1) return "COMPATIBLE";
  return drafts[0].origins.size >= 2 ? "AGREE" : "SINGLE_SOURCE";
}
