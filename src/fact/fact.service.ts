import type { Context } from "../context";
import { Rank } from "../common/enums";
import { decideAgreement, groupReadings, intervalsOverlap, textsCompatible } from "../extraction";
import type { ReadingInput } from "../extraction/types";
import type { Database } from "../db";
import type { Agreement, Claim, Fact, Prisma, Verdict } from "../generated/prisma/client";
import type { ArticleRow } from "../loaders";

export interface ReadingView {
  label: string;
  lower: number | null;
  upper: number | null;
  claims: Claim[];
  independentSources: number;
}

/** The reading identity the extraction core groups by; origin is the article's origin outlet id. */
type ReadingSource = Pick<Claim, "id" | "value" | "lower" | "upper" | "hedge" | "textValue" | "text">;

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

export async function readingsOf(ctx: Context, fact: Fact): Promise<ReadingView[]> {
  const { claims, inputs } = await readingInputs(ctx, fact);
  const claimById = new Map(claims.map((claim) => [String(claim.id), claim]));
  return groupReadings(inputs).map((reading) => ({
    label: reading.label,
    lower: reading.lower,
    upper: reading.upper,
    independentSources: reading.independentSources,
    claims: reading.claimIds.map((id) => claimById.get(id)!),
  }));
}

/** The newest verdict that is neither a retraction entry nor withdrawn by one. */
export function currentVerdictOf(history: Verdict[]): Verdict | null {
  const withdrawn = new Set(history.map((entry) => entry.retractsId).filter((id): id is number => id !== null));
  const live = history.filter((entry) => !entry.retracted && !withdrawn.has(entry.id));
  return live.reduce<Verdict | null>((newest, entry) => (!newest || entry.id > newest.id ? entry : newest), null);
}

export async function currentVerdict(ctx: Context, factId: number): Promise<Verdict | null> {
  return currentVerdictOf(await ctx.loaders.verdictsByFact.load(factId));
}

/** Same reading as the trusted claim: same interval, or same statement for TEXT facts. */
function sameReading(claim: Claim, trusted: Claim): boolean {
  return claim.lower === trusted.lower && claim.upper === trusted.upper && claim.textValue === trusted.textValue;
}

function contradicts(claim: Claim, trusted: Claim): boolean {
  if (claim.textValue !== null || trusted.textValue !== null) {
    return claim.textValue === null || trusted.textValue === null || !textsCompatible(claim.textValue, trusted.textValue);
  }
  return !intervalsOverlap(claim, trusted);
}

export function rankAgainst(claim: Claim, trusted: Claim | null): Rank {
  if (!trusted) return Rank.NORMAL;
  if (sameReading(claim, trusted)) return Rank.PREFERRED;
  return contradicts(claim, trusted) ? Rank.DEPRECATED : Rank.NORMAL;
}

export async function rankOf(ctx: Context, claim: Claim): Promise<Rank> {
  const verdict = await currentVerdict(ctx, claim.factId);
  const trusted = verdict ? await ctx.loaders.claim.load(verdict.trustedClaimId) : null;
  return rankAgainst(claim, trusted);
}

const CLAIM_REVIEWED_MAX = 74;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** schema.org ClaimReview (JSON-LD) for a decided fact; null while no current verdict exists. */
export async function claimReviewOf(ctx: Context, fact: Fact): Promise<Prisma.JsonObject | null> {
  const verdict = await currentVerdict(ctx, fact.id);
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
export async function refreshStoryAgreement(prisma: Database, storyId: number): Promise<void> {
  const facts = await prisma.fact.findMany({ where: { storyId }, select: { id: true, kind: true, agreement: true } });
  const readings = await prisma.$queryRaw<
    Array<ReadingSource & { factId: number; originId: number }>
  >`
    SELECT c."factId", c.value, c.lower, c.upper, c.hedge::text AS hedge, c."textValue", a."originId",
           min(c.text) AS text, min(c.id) AS id
    FROM "Claim" c JOIN "Article" a ON a.id = c."articleId"
    WHERE a."storyId" = ${storyId}
    GROUP BY c."factId", c.value, c.lower, c.upper, c.hedge, c."textValue", a."originId"`;
  const factById = new Map(facts.map((fact) => [fact.id, fact]));
  const byFact = new Map<number, ReadingInput[]>();
  for (const row of readings) {
    const fact = factById.get(row.factId);
    if (!fact) continue;
    const list = byFact.get(row.factId) ?? [];
    list.push(toReadingInput({ ...row, id: Number(row.id) }, fact, row.originId));
    byFact.set(row.factId, list);
  }
  const changes = new Map<Agreement, number[]>();
  for (const fact of facts) {
    const agreement = decideAgreement(byFact.get(fact.id) ?? []);
    if (agreement !== fact.agreement) changes.set(agreement, [...(changes.get(agreement) ?? []), fact.id]);
  }
  for (const [agreement, ids] of changes) {
    await prisma.fact.updateMany({ where: { id: { in: ids } }, data: { agreement } });
  }
}
