/**
 * Why a fact's readings differ, for an editor: one origin revised its story (REVISION), the
 * figure changed as reports came in (UPDATE), independent sources say different things at about
 * the same time (DISAGREEMENT), or the claims cover a different scope or count a different thing
 * (SCOPE, DEFINITION). Also the timeline of reports, the reading of the newest dated report, and a
 * suggested reading with its reasons: advice only, never a verdict.
 *
 * Pure: the service hands in every claim with its article's time, version group and outlets.
 */
import { groupReadings, readingsClash } from "./agreement";
import type { GroupedReading, ReadingInput } from "./types";

export type Divergence = "REVISION" | "UPDATE" | "DISAGREEMENT" | "SCOPE" | "DEFINITION";

/** Reports this close in time count as "at about the same time". */
export const SAME_TIME_MS = 60 * 60 * 1000;
/** The track-record score of an outlet with no decided fact yet: (0+1)/(0+0+2). */
export const UNKNOWN_TRACK_RECORD = 0.5;

export interface ReportedClaim extends ReadingInput {
  /** The article's publication time; null when unknown. */
  publishedAt: Date | null;
  /** The article's version group: the same for all versions of one origin's story, else the article's own id. */
  versionGroup: string;
  /** Editor-facing names for the note and reasons. */
  originName: string;
  hostName: string;
  /** True when the article sits on its origin's own site, not on an aggregator. */
  onOriginSite: boolean;
  /** What part of the event the claim covers (EVENT, SUB_AREA, BACKGROUND); null while unknown. */
  scope: string | null;
  /** What the claim counts ("people", "workers"); null while unknown. */
  unit: string | null;
  /** The origin's track-record score (Outlet.trust.score); null before its first decided fact. */
  trackRecord: number | null;
}

export interface TimelineEntry {
  at: Date | null;
  claimId: string;
}

export interface SuggestedReading {
  readingKey: string;
  reasons: string[];
}

export interface DivergenceReport {
  divergence: Divergence | null;
  note: string | null;
  /** Every claim, dated ones oldest first, then the undated ones. */
  timeline: TimelineEntry[];
  /** readingKey of the newest dated report; null when no report is dated. */
  latestReadingKey: string | null;
  suggestion: SuggestedReading | null;
}

const SCOPE_WORDS: Record<string, string> = {
  EVENT: "the whole event",
  SUB_AREA: "one area or group",
  BACKGROUND: "background or an earlier event",
};

function when(at: Date): string {
  const iso = at.toISOString();
  const time = iso.slice(11, 16);
  return time === "00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time} UTC`;
}

function list(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? "";
  return `${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}`;
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

function byTime(a: ReportedClaim, b: ReportedClaim): number {
  if (a.publishedAt && b.publishedAt)
    return a.publishedAt.getTime() - b.publishedAt.getTime() || Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);
  if (a.publishedAt) return -1;
  if (b.publishedAt) return 1;
  return Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);
}

interface Context {
  readings: GroupedReading[];
  readingOf: Map<string, GroupedReading>;
  claims: ReportedClaim[];
}

function representative(ctx: Context, reading: GroupedReading): ReportedClaim {
  return ctx.claims.find((claim) => claim.id === reading.claimIds[0])!;
}

function labelOf(ctx: Context, claim: ReportedClaim): string {
  return ctx.readingOf.get(claim.id)!.label;
}

/** The difference disappears once claims are split by `facet`: each value of it has one reading. */
function explainedBy(ctx: Context, facet: (claim: ReportedClaim) => string | null): Map<string, GroupedReading> | null {
  if (ctx.claims.some((claim) => facet(claim) === null)) return null;
  const readingsByFacet = new Map<string, Set<GroupedReading>>();
  for (const claim of ctx.claims) {
    const value = facet(claim)!;
    readingsByFacet.set(value, (readingsByFacet.get(value) ?? new Set()).add(ctx.readingOf.get(claim.id)!));
  }
  if (readingsByFacet.size < 2 || [...readingsByFacet.values()].some((readings) => readings.size > 1)) return null;
  return new Map([...readingsByFacet].map(([value, readings]) => [value, [...readings][0]]));
}

/** Version groups whose articles assert more than one reading: an origin that changed its figure. */
function revisedGroups(ctx: Context): Map<string, ReportedClaim[]> {
  const groups = new Map<string, ReportedClaim[]>();
  for (const claim of ctx.claims) groups.set(claim.versionGroup, [...(groups.get(claim.versionGroup) ?? []), claim]);
  return new Map([...groups].filter(([, claims]) => new Set(claims.map((claim) => ctx.readingOf.get(claim.id))).size > 1));
}

/**
 * The latest version in a group: the newest dated one; undated or tied, the one on the origin's
 * own site, then the one loaded last. Returns the versions oldest first and the reasons.
 */
function latestVersion(claims: ReportedClaim[]): { claim: ReportedClaim; oldestFirst: ReportedClaim[]; reasons: string[] } {
  const ordered = [...claims].sort((a, b) => {
    if (a.publishedAt && b.publishedAt && a.publishedAt.getTime() !== b.publishedAt.getTime())
      return b.publishedAt.getTime() - a.publishedAt.getTime();
    if (a.publishedAt && !b.publishedAt) return -1;
    if (b.publishedAt && !a.publishedAt) return 1;
    return Number(b.onOriginSite) - Number(a.onOriginSite) || -byTime(a, b);
  });
  const claim = ordered[0];
  const reasons: string[] = [];
  const dated = claims.filter((other) => other.publishedAt);
  if (claim.publishedAt && dated.length === claims.length) {
    reasons.push(`It is the newest version of ${possessive(claim.originName)} story (${when(claim.publishedAt)}).`);
  } else if (claim.publishedAt) {
    reasons.push(
      `It is the newest dated version of ${possessive(claim.originName)} story (${when(claim.publishedAt)}); the other versions carry no date.`,
    );
  }
  if (claim.onOriginSite)
    reasons.push(`It is on ${possessive(claim.originName)} own site; copies elsewhere are often taken from an earlier version.`);
  if (reasons.length === 0) reasons.push(`The versions carry no dates; this is the one loaded last.`);
  reasons.push("An agency's later version of a story usually supersedes its earlier ones.");
  return { claim, oldestFirst: ordered.reverse(), reasons };
}

/** Reports at about the same time by different sources that assert different readings. */
function simultaneousDisagreement(ctx: Context, dated: ReportedClaim[]): [ReportedClaim, ReportedClaim] | null {
  for (let i = 0; i < dated.length; i += 1) {
    for (let j = i + 1; j < dated.length && dated[j].publishedAt!.getTime() - dated[i].publishedAt!.getTime() <= SAME_TIME_MS; j += 1) {
      const a = dated[i];
      const b = dated[j];
      if (a.versionGroup !== b.versionGroup && ctx.readingOf.get(a.id) !== ctx.readingOf.get(b.id)) return [a, b];
    }
  }
  return null;
}

/** Each reading's reports form one stretch of time, the stretches one after another. */
function successiveReadings(ctx: Context, dated: ReportedClaim[]): boolean {
  const seen = new Set<GroupedReading>();
  let current: GroupedReading | null = null;
  for (const claim of dated) {
    const reading = ctx.readingOf.get(claim.id)!;
    if (reading === current) continue;
    if (seen.has(reading)) return false;
    seen.add(reading);
    current = reading;
  }
  return true;
}

function weightedSuggestion(ctx: Context): SuggestedReading {
  const scored = ctx.readings.map((reading) => {
    const claims = ctx.claims.filter((claim) => ctx.readingOf.get(claim.id) === reading);
    const origins = new Map<string, ReportedClaim>();
    for (const claim of claims) if (!origins.has(claim.originSlug)) origins.set(claim.originSlug, claim);
    const weight = [...origins.values()].reduce((sum, claim) => sum + (claim.trackRecord ?? UNKNOWN_TRACK_RECORD), 0);
    return { reading, origins: [...origins.values()], weight };
  });
  scored.sort((a, b) => b.weight - a.weight || b.origins.length - a.origins.length);
  const best = scored[0];
  const sources = best.origins.map((claim) => claim.originName);
  const reasons = [
    `${best.origins.length} independent source${best.origins.length === 1 ? "" : "s"} report ${best.reading.label}: ${list(sources)}.`,
    `Track record: ${best.origins
      .map((claim) => `${claim.originName} ${claim.trackRecord === null ? "has no decided fact yet" : claim.trackRecord.toFixed(2)}`)
      .join("; ")}.`,
  ];
  const runnerUp = scored[1];
  if (runnerUp && Math.abs(runnerUp.weight - best.weight) < 1e-9) {
    reasons.push(`${runnerUp.reading.label} has as much support; this is a close call.`);
  }
  return { readingKey: best.reading.key, reasons };
}

export function explainDivergence(claims: ReportedClaim[]): DivergenceReport {
  const readings = groupReadings(claims);
  const readingOf = new Map<string, GroupedReading>();
  for (const reading of readings) for (const id of reading.claimIds) readingOf.set(id, reading);
  const ctx: Context = { readings, readingOf, claims };

  const ordered = [...claims].sort(byTime);
  const timeline = ordered.map((claim) => ({ at: claim.publishedAt, claimId: claim.id }));
  const dated = ordered.filter((claim) => claim.publishedAt !== null);
  const newest = dated[dated.length - 1] ?? null;
  const latestReadingKey = newest ? readingOf.get(newest.id)!.key : null;
  const base = { timeline, latestReadingKey };
  if (readings.length < 2) return { ...base, divergence: null, note: null, suggestion: null };

  const scopes = explainedBy(ctx, (claim) => claim.scope);
  if (scopes) {
    const parts = [...scopes].map(([scope, reading]) => `${reading.label} for ${SCOPE_WORDS[scope] ?? scope.toLowerCase()}`);
    const event = scopes.get("EVENT");
    return {
      ...base,
      divergence: "SCOPE",
      note: `The figures cover different parts of the story: ${list(parts)}.`,
      suggestion: event
        ? {
            readingKey: event.key,
            reasons: [`${event.label} is the figure for the whole event; the others cover a part of it or something else.`],
          }
        : weightedSuggestion(ctx),
    };
  }
  const units = explainedBy(ctx, (claim) => claim.unit);
  if (units) {
    const parts = [...units].map(([unit, reading]) => `${reading.label} ${unit}`);
    return {
      ...base,
      divergence: "DEFINITION",
      note: `The figures count different things: ${list(parts)}.`,
      suggestion: weightedSuggestion(ctx),
    };
  }

  const revised = revisedGroups(ctx);
  const revisedIds = new Set([...revised.values()].flat().map((claim) => claim.id));
  if (revised.size > 0 && readings.every((reading) => reading.claimIds.some((id) => revisedIds.has(id)))) {
    const [group] = [...revised.values()].sort((a, b) => b.length - a.length);
    const latest = latestVersion(group);
    const versions = latest.oldestFirst.map(
      (claim) =>
        `${labelOf(ctx, claim)} ${claim.onOriginSite ? `on ${claim.hostName}` : `in the copy on ${claim.hostName}`}${claim.publishedAt ? ` (${when(claim.publishedAt)})` : ""}`,
    );
    const what = group[0].kind === "TEXT" ? "its account" : "its figure";
    return {
      ...base,
      divergence: "REVISION",
      note: `${group[0].originName} changed ${what} between versions of the same story: ${list(versions)}.`,
      suggestion: { readingKey: readingOf.get(latest.claim.id)!.key, reasons: latest.reasons },
    };
  }

  const undatedReadings = readings.filter((reading) => !dated.some((claim) => readingOf.get(claim.id) === reading));
  const clash = simultaneousDisagreement(ctx, dated);
  if (undatedReadings.length > 0 || clash || !successiveReadings(ctx, dated)) {
    const sides = readings.map((reading) => {
      const origins = claims.filter((claim) => readingOf.get(claim.id) === reading).map((claim) => claim.originName);
      return `${list(origins)} ${new Set(origins).size > 1 ? "say" : "says"} ${reading.label}`;
    });
    const time = clash
      ? ` at about the same time (${when(clash[0].publishedAt!)})`
      : undatedReadings.length > 0
        ? ", and the reports' times are unknown"
        : ", back and forth over time";
    const overlap = readings.every((a) => readings.every((b) => a === b || !readingsClash(representative(ctx, a), representative(ctx, b))));
    return {
      ...base,
      divergence: "DISAGREEMENT",
      note: `Independent sources differ${time}: ${sides.join("; ")}.${overlap ? (claims[0].kind === "TEXT" ? " The statements fit together." : " The figures overlap, so they can all be true.") : ""}`,
      suggestion: weightedSuggestion(ctx),
    };
  }

  const steps: string[] = [];
  let previous: GroupedReading | null = null;
  for (const claim of dated) {
    const reading = readingOf.get(claim.id)!;
    if (reading !== previous) steps.push(`${reading.label} (${claim.originName}, ${when(claim.publishedAt!)})`);
    previous = reading;
  }
  return {
    ...base,
    divergence: "UPDATE",
    note: `The figure changed as reports came in: ${steps.join(", then ")}.`,
    suggestion: {
      readingKey: latestReadingKey!,
      reasons: [
        `The newest report, ${newest!.originName} at ${when(newest!.publishedAt!)}, gives ${readingOf.get(newest!.id)!.label}.`,
        "Figures like this are revised as reports come in; the earlier ones were overtaken.",
      ],
    },
  };
}
