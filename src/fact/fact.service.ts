import { readerOf, type RawSql } from "../db";
import type { Context } from "../context";
import { auditAll } from "../audit/audit.service";
import { Rank } from "../common/enums";
import {
  decideAgreement,
  explainDivergence,
  groupReadings,
  readingsClash,
  sameReading,
  type DivergenceReport,
  type ReadingClaim,
  type ReportedClaim,
} from "../extraction";
import { trustScore } from "../outlet/outlet.service";
import type { FactKind, ReadingInput } from "../extraction/types";
import { PERSON_MEASURES } from "../extraction/facts";
import { rows } from "../db";
import { Prisma, type Agreement, type Claim, type Fact, type Verdict } from "../generated/prisma/client";
import { FACT_COLUMNS_OF_F, type ArticleRow } from "../loaders";

export interface ReadingView {
  /** readingKey() of its claims; internal, not served. */
  key: string;
  label: string;
  lower: number | null;
  upper: number | null;
  claims: Claim[];
  independentSources: number;
}

/** The reading identity the extraction core groups by; origin is the article's origin outlet id. */
type ReadingSource = Pick<Claim, "id" | "value" | "lower" | "upper" | "hedge" | "textValue" | "text" | "unit">;

export function toReadingInput(claim: ReadingSource, fact: Pick<Fact, "kind">, originId: number): ReadingInput {
  return {
    id: String(claim.id),
    kind: fact.kind,
    value: claim.value,
    lower: claim.lower,
    upper: claim.upper,
    hedge: claim.hedge,
    textValue: claim.textValue,
    text: claim.text,
    originSlug: String(originId),
    unit: claim.unit,
  };
}

async function readingInputs(ctx: Context, fact: Fact): Promise<{ claims: Claim[]; inputs: ReadingInput[] }> {
  const claims = await ctx.loaders.claimsByFact.load(fact.id);
  const articles = await ctx.loaders.article.loadMany(claims.map((claim) => claim.articleId));
  const inputs = claims.map((claim, i) => {
    const article = articles[i];
    if (!article || article instanceof Error) throw article ?? new Error(`claim ${claim.id} has no article`);
    return toReadingInput(claim, fact, article.originId);
  });
  return { claims, inputs };
}

const readingsCache = new WeakMap<Context["loaders"], Map<number, Promise<ReadingView[]>>>();

/** The fact's readings, grouped once per fact and request (aliases and nested facts reuse them). */
export function readingsOf(ctx: Context, fact: Fact): Promise<ReadingView[]> {
  let cache = readingsCache.get(ctx.loaders);
  if (!cache) readingsCache.set(ctx.loaders, (cache = new Map()));
  let readings = cache.get(fact.id);
  if (!readings) cache.set(fact.id, (readings = groupFactReadings(ctx, fact)));
  return readings;
}

async function groupFactReadings(ctx: Context, fact: Fact): Promise<ReadingView[]> {
  const { claims, inputs } = await readingInputs(ctx, fact);
  const claimById = new Map(claims.map((claim) => [String(claim.id), claim]));
  return groupReadings(inputs).map((reading) => ({
    key: reading.key,
    label: reading.label,
    lower: reading.lower,
    upper: reading.upper,
    independentSources: reading.independentSources,
    claims: reading.claimIds.map((id) => claimById.get(id)!),
  }));
}

/** The verdict in force, from the fact's stored currentVerdictId (kept by the verdict service). */
export async function currentVerdict(ctx: Context, fact: Pick<Fact, "currentVerdictId">): Promise<Verdict | null> {
  return fact.currentVerdictId === null ? null : ctx.loaders.verdict.load(fact.currentVerdictId);
}

function asReadingClaim(claim: Pick<Claim, "lower" | "upper" | "textValue" | "text" | "unit">, kind: FactKind): ReadingClaim {
  return { kind, lower: claim.lower, upper: claim.upper, textValue: claim.textValue, text: claim.text, unit: claim.unit };
}

/** Same reading as the trusted claim: PREFERRED; cannot both hold: DEPRECATED; else NORMAL. */
export function rankAgainst(claim: Claim, trusted: Claim | null, kind: FactKind): Rank {
  if (!trusted) return Rank.NORMAL;
  const mine = asReadingClaim(claim, kind);
  const theirs = asReadingClaim(trusted, kind);
  if (sameReading(mine, theirs)) return Rank.PREFERRED;
  return readingsClash(mine, theirs) ? Rank.DEPRECATED : Rank.NORMAL;
}

export async function rankOf(ctx: Context, claim: Claim): Promise<Rank> {
  const fact = await ctx.loaders.fact.load(claim.factId);
  if (!fact) return Rank.NORMAL;
  const verdict = await currentVerdict(ctx, fact);
  const trusted = verdict ? await ctx.loaders.claim.load(verdict.trustedClaimId) : null;
  return rankAgainst(claim, trusted, fact.kind);
}

const CLAIM_REVIEWED_MAX = 74;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** schema.org ClaimReview (JSON-LD) for a decided fact; null while no current verdict exists. */
export async function claimReviewOf(ctx: Context, fact: Fact): Promise<Prisma.JsonObject | null> {
  const verdict = await currentVerdict(ctx, fact);
  if (!verdict) return null;
  const readings = await readingsOf(ctx, fact);
  const trustedReading = readings.find((reading) => reading.claims.some((claim) => claim.id === verdict.trustedClaimId));
  const value = trustedReading ? `${trustedReading.label}${fact.unit ? ` ${fact.unit}` : ""}` : "";
  const claims = readings.flatMap((reading) => reading.claims);
  const articleIds = [...new Set(claims.map((claim) => claim.articleId))];
  const articles = (await ctx.loaders.article.loadMany(articleIds)).filter((a): a is ArticleRow => !!a && !(a instanceof Error));
  const origins = await ctx.loaders.outlet.loadMany(articles.map((article) => article.originId));
  const reviewer = await ctx.loaders.reviewer.load(verdict.reviewerId);
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    datePublished: verdict.createdAt.toISOString(),
    claimReviewed: shorten(`${fact.label}: ${value}`, CLAIM_REVIEWED_MAX),
    author: { "@type": "Person", name: reviewer?.name ?? "Crosscheck reviewer" },
    reviewRating: {
      "@type": "Rating",
      alternateName: shorten(`Trusted: ${value}`, CLAIM_REVIEWED_MAX),
      ratingExplanation: verdict.rationale,
    },
    itemReviewed: {
      "@type": "Claim",
      appearance: articles.map((article, i) => {
        const origin = origins[i];
        return {
          "@type": "NewsArticle",
          headline: article.headline,
          ...(article.url ? { url: article.url } : {}),
          ...(article.publishedAt ? { datePublished: article.publishedAt.toISOString() } : {}),
          ...(origin && !(origin instanceof Error) ? { publisher: { "@type": "Organization", name: origin.name } } : {}),
        };
      }),
    },
  };
}

/** Recomputes a fact's stored agreement from its claims, inside the caller's transaction. */
export async function refreshAgreement(tx: Prisma.TransactionClient, factId: number): Promise<void> {
  const fact = await tx.fact.findUniqueOrThrow({ where: { id: factId } });
  const claims = await tx.claim.findMany({ where: { factId }, include: { article: { select: { originId: true } } } });
  const agreement = decideAgreement(claims.map((claim) => toReadingInput(claim, fact, claim.article.originId)));
  if (agreement !== fact.agreement) await tx.fact.update({ where: { id: factId }, data: { agreement } });
}

/**
 * Settles every fact of a story after a load. Agreement depends only on the distinct readings and
 * their origins, so the database collapses the claims first: the work stays proportional to the
 * number of distinct readings, not to the number of copies of them.
 */
/** Returns the facts whose agreement changed or that were reopened for review. */
export async function refreshStoryAgreement(prisma: RawSql, storyId: number): Promise<number[]> {
  // Plain SQL throughout: it runs once per load (BENCHMARKS.md, "Ingest": Prisma's client costs more than these statements).
  const facts = await prisma.$queryRaw<Array<{ id: number; kind: FactKind; agreement: Agreement }>>`
    SELECT id, kind::text AS kind, agreement::text AS agreement FROM "Fact" WHERE "storyId" = ${storyId}::int`;
  const readings = await prisma.$queryRaw<Array<ReadingSource & { factId: number; originId: number }>>`
    SELECT c."factId", c.value, c.lower, c.upper, c.unit, c.hedge::text AS hedge, c."textValue", a."originId",
           min(c.text) AS text, min(c.id) AS id
    FROM "Claim" c JOIN "Article" a ON a.id = c."articleId"
    WHERE a."storyId" = ${storyId}
    GROUP BY c."factId", c.value, c.lower, c.upper, c.unit, c.hedge, c."textValue", a."originId"`;
  const factById = new Map(facts.map((fact) => [fact.id, fact]));
  const byFact = new Map<number, ReadingInput[]>();
  for (const row of readings) {
    const fact = factById.get(row.factId);
    if (!fact) continue;
    const list = byFact.get(row.factId) ?? [];
    list.push(toReadingInput({ ...row, id: Number(row.id) }, fact, row.originId));
    byFact.set(row.factId, list);
  }
  const changes: Array<{ id: number; agreement: Agreement }> = [];
  for (const fact of facts) {
    const agreement = decideAgreement(byFact.get(fact.id) ?? []);
    if (agreement !== fact.agreement) changes.push({ id: fact.id, agreement });
  }
  if (changes.length > 0) {
    await prisma.$executeRaw`
      UPDATE "Fact" f SET agreement = c.agreement
      FROM unnest(${changes.map((c) => c.id)}::int[], ${changes.map((c) => c.agreement)}::"Agreement"[]) AS c(id, agreement)
      WHERE f.id = c.id`;
  }
  // A load is new evidence: decided facts it contradicts are reopened for review.
  const reopened = await reopenContradictedFacts(prisma, { storyId }, "loader");
  return [...new Set([...changes.map((change) => change.id), ...reopened])];
}

type ReopenCandidate = {
  factId: number;
  verdictId: number;
  kind: FactKind;
  claimId: number;
  text: string;
  lower: number | null;
  upper: number | null;
  unit: string | null;
  textValue: string | null;
  trustedClaimId: number;
  trustedText: string;
  trustedLower: number | null;
  trustedUpper: number | null;
  trustedUnit: string | null;
  trustedTextValue: string | null;
};

/**
 * New evidence reopens a decision: a decided fact whose claims include one added after its current
 * verdict that cannot hold together with the trusted claim gets needsReview, with an AuditEvent
 * naming that claim. Facts already waiting for review are left as they are, so a re-run writes
 * nothing twice; a new verdict clears the flag (recordVerdict).
 */
export async function reopenContradictedFacts(
  tx: RawSql,
  where: { storyId: number } | { factId: number },
  actor: string,
): Promise<number[]> {
  const filter = "storyId" in where ? Prisma.sql`f."storyId" = ${where.storyId}` : Prisma.sql`f.id = ${where.factId}`;
  const candidates = await tx.$queryRaw<ReopenCandidate[]>`
    SELECT f.id AS "factId", v.id AS "verdictId", f.kind::text AS kind,
           c.id AS "claimId", c.text, c.lower, c.upper, c.unit, c."textValue",
           t.id AS "trustedClaimId", t.text AS "trustedText", t.lower AS "trustedLower", t.upper AS "trustedUpper",
           t.unit AS "trustedUnit", t."textValue" AS "trustedTextValue"
    FROM "Fact" f
    JOIN "Verdict" v ON v.id = f."currentVerdictId"
    JOIN "Claim" t ON t.id = v."trustedClaimId"
    JOIN "Claim" c ON c."factId" = f.id AND c."createdAt" > v."createdAt"
    WHERE ${filter} AND NOT f."needsReview"
    ORDER BY f.id, c.id DESC`;
  const reopened: number[] = [];
  for (const row of candidates) {
    if (reopened.includes(row.factId)) continue;
    const claim = asReadingClaim(row, row.kind);
    const trusted = asReadingClaim(
      { text: row.trustedText, lower: row.trustedLower, upper: row.trustedUpper, unit: row.trustedUnit, textValue: row.trustedTextValue },
      row.kind,
    );
    if (!readingsClash(claim, trusted)) continue;
    // Conditional on the same verdict still being in force: a verdict recorded meanwhile wins.
    const changed = await tx.$executeRaw`
      UPDATE "Fact" SET "needsReview" = true, version = version + 1
      WHERE id = ${row.factId}::int AND "currentVerdictId" = ${row.verdictId}::int AND NOT "needsReview"`;
    if (changed === 0) continue;
    reopened.push(row.factId);
    await auditAll(tx, [
      {
        actor,
        action: "fact.reopen",
        subjectType: "Fact",
        subjectId: row.factId,
        before: { needsReview: false },
        after: {
          needsReview: true,
          claimId: row.claimId,
          claimText: row.text,
          trustedClaimId: row.trustedClaimId,
          verdictId: row.verdictId,
        },
      },
    ]);
  }
  return reopened;
}

export interface FactDivergence {
  divergence: DivergenceReport["divergence"];
  note: string | null;
  timeline: Array<{ at: Date | null; claim: Claim }>;
  latest: ReadingView | null;
  suggestion: { reading: ReadingView; reasons: string[] } | null;
}

const divergenceCache = new WeakMap<Context["loaders"], Map<number, Promise<FactDivergence>>>();

/** Why the fact's readings differ, computed once per fact and request from loaders only (no N+1). */
export function divergenceOf(ctx: Context, fact: Fact): Promise<FactDivergence> {
  let cache = divergenceCache.get(ctx.loaders);
  if (!cache) divergenceCache.set(ctx.loaders, (cache = new Map()));
  let report = cache.get(fact.id);
  if (!report) cache.set(fact.id, (report = computeDivergence(ctx, fact)));
  return report;
}

async function computeDivergence(ctx: Context, fact: Fact): Promise<FactDivergence> {
  const [{ claims, inputs }, readings, versions] = await Promise.all([
    readingInputs(ctx, fact),
    readingsOf(ctx, fact),
    ctx.loaders.versionsByStory.load(fact.storyId),
  ]);
  const articles = await ctx.loaders.article.loadMany(claims.map((claim) => claim.articleId));
  const article = (i: number): ArticleRow => articles[i] as ArticleRow;
  const outletIds = [...new Set(articles.flatMap((_, i) => [article(i).originId, article(i).hostId]))];
  const [outlets, tallies] = await Promise.all([ctx.loaders.outlet.loadMany(outletIds), ctx.loaders.trustTally.loadMany(outletIds)]);
  const outletById = new Map(outletIds.map((id, i) => [id, outlets[i]]));
  const scoreById = new Map(
    outletIds.map((id, i) => {
      const tally = tallies[i];
      if (!tally || tally instanceof Error) throw tally ?? new Error(`no trust tally for outlet ${id}`);
      return [id, trustScore(tally)];
    }),
  );
  const nameOf = (id: number) => {
    const outlet = outletById.get(id);
    return outlet && !(outlet instanceof Error) ? outlet.name : `outlet ${id}`;
  };
  const reported: ReportedClaim[] = claims.map((claim, i) => {
    const row = article(i);
    const group = [row.id, ...(versions.get(row.id) ?? [])].reduce((a, b) => Math.min(a, b));
    return {
      ...inputs[i],
      publishedAt: row.publishedAt,
      versionGroup: String(group),
      originName: nameOf(row.originId),
      hostName: nameOf(row.hostId),
      onOriginSite: row.hostId === row.originId,
      // Claim.scope arrives with the grouping work; until that column exists every scope is unknown.
      scope: (claim as Claim & { scope?: string | null }).scope ?? null,
      unit: claim.unit,
      trackRecord: scoreById.get(row.originId) ?? null,
    };
  });
  const report = explainDivergence(reported);
  const claimById = new Map(claims.map((claim) => [String(claim.id), claim]));
  const readingByKey = new Map(readings.map((reading) => [reading.key, reading]));
  return {
    divergence: report.divergence,
    note: report.note,
    timeline: report.timeline.map((point) => ({ at: point.at, claim: claimById.get(point.claimId)! })),
    latest: report.latestReadingKey === null ? null : (readingByKey.get(report.latestReadingKey) ?? null),
    suggestion: report.suggestion && { reading: readingByKey.get(report.suggestion.readingKey)!, reasons: report.suggestion.reasons },
  };
}

/**
 * Measures (the part of a fact key after the dot) an editor settles first, most consequential first:
 * a toll of the dead is the figure a story's readers look for before the injured or the evacuated.
 */
const DECIDE_FIRST = [...PERSON_MEASURES];

/**
 * What needs a decision in a story: undecided conflicts first, then facts that new evidence
 * reopened; within each, the measures of DECIDE_FIRST in its order, then the newest evidence
 * (latest claim added) first.
 */
export function reviewQueueOf(ctx: Context, storySlug: string, first: number): Promise<Fact[]> {
  return rows<Fact>(
    readerOf(ctx.prisma),
    Prisma.sql`
      SELECT ${FACT_COLUMNS_OF_F} FROM "Fact" f
      JOIN "Story" s ON s.id = f."storyId"
      CROSS JOIN LATERAL (SELECT max(c."createdAt") AS newest FROM "Claim" c WHERE c."factId" = f.id) evidence
      WHERE s.slug = ${storySlug}
        AND ((f.agreement = 'CONFLICT' AND f."currentVerdictId" IS NULL) OR f."needsReview")
      ORDER BY (f."currentVerdictId" IS NULL) DESC,
        array_position(${DECIDE_FIRST}::text[], split_part(f.key, '.', 2)) NULLS LAST,
        evidence.newest DESC NULLS LAST, f.id DESC
      LIMIT ${first}`,
  );
}
