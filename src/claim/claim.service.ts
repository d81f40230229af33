import { audit, reviewerActor } from "../audit/audit.service";
import { lockStory } from "../fact/story-lock";
import type { Context } from "../context";
import { BadUserInputError, NotFoundError, parseId, translatePrismaError, writeTransaction } from "../errors";
import { intervalFor } from "../extraction";
import { quoteAt } from "../extraction/quote";
import type { Claim, Fact } from "../generated/prisma/client";
import { refreshAgreement, reopenContradictedFacts } from "../fact/fact.service";
import { actingReviewer } from "../auth";
import type { AddClaimInput } from "./claim.input";

const SAME = 1e-9;

/**
 * The figures a claim may hold: 0, or from a thousandth to a quadrillion. Bounds are kept to six
 * decimals (roundBound), so anything smaller would collapse to 0, and anything larger loses whole
 * units in a double (and 1.1 x 1.7e308 is Infinity, stored as "unbounded").
 */
export const CLAIM_VALUE_RANGE = { min: 0.001, max: 1e15 } as const;

function checkNumber(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value)) throw new BadUserInputError(field, `${field} must be a finite number.`);
  if (value < 0) throw new BadUserInputError(field, `${field} must not be negative; figures in news copy are magnitudes.`);
  if (value !== 0 && (value < CLAIM_VALUE_RANGE.min || value > CLAIM_VALUE_RANGE.max)) {
    throw new BadUserInputError(
      field,
      `${field} must be 0 or between ${CLAIM_VALUE_RANGE.min} and ${CLAIM_VALUE_RANGE.max.toExponential()} (got ${value}).`,
    );
  }
  return value;
}

/** The derived interval must be what the hedge says: finite bounds, in order, around the value. */
function checkInterval(field: string, value: number, interval: { lower: number | null; upper: number | null }) {
  const { lower, upper } = interval;
  const broken =
    (lower !== null && (!Number.isFinite(lower) || lower > value)) || (upper !== null && (!Number.isFinite(upper) || upper < value));
  if (broken) throw new BadUserInputError(field, `${field} ${value} gives no usable interval; use a figure in range.`);
  return interval;
}

/** The interval a reviewer's figure stands for; the hedge decides it, and given bounds must agree. */
export function claimInterval(fact: Pick<Fact, "kind">, input: Pick<AddClaimInput, "value" | "lower" | "upper" | "hedge">) {
  const value = checkNumber("value", input.value);
  const lower = checkNumber("lower", input.lower);
  const upper = checkNumber("upper", input.upper);
  if (fact.kind === "TEXT") {
    if (value !== null || lower !== null || upper !== null)
      throw new BadUserInputError("value", "A TEXT fact takes no value, lower or upper.");
    if (input.hedge !== "EXACT") throw new BadUserInputError("hedge", "A TEXT fact's claims are EXACT.");
    return { value: null, lower: null, upper: null };
  }
  if (input.hedge === "RANGE") {
    if (lower === null) throw new BadUserInputError("lower", "A RANGE claim needs lower.");
    if (upper === null) throw new BadUserInputError("upper", "A RANGE claim needs upper.");
    if (lower > upper) throw new BadUserInputError("lower", "lower must not exceed upper.");
    if (value !== null && (value < lower || value > upper)) throw new BadUserInputError("value", "value must lie between lower and upper.");
    return { value: value ?? (lower + upper) / 2, lower, upper };
  }
  if (value === null) throw new BadUserInputError("value", `A ${input.hedge} claim needs value.`);
  const interval = checkInterval("value", value, intervalFor(value, input.hedge));
  const differs = (given: number | null, expected: number | null) =>
    given !== null && (expected === null || Math.abs(given - expected) > SAME);
  if (differs(lower, interval.lower)) {
    throw new BadUserInputError("lower", `With hedge ${input.hedge} and value ${value}, lower is ${interval.lower ?? "unbounded"}.`);
  }
  if (differs(upper, interval.upper)) {
    throw new BadUserInputError("upper", `With hedge ${input.hedge} and value ${value}, upper is ${interval.upper ?? "unbounded"}.`);
  }
  return { value, ...interval };
}

export async function addClaim(ctx: Context, input: AddClaimInput): Promise<Claim> {
  const reviewer = await actingReviewer(ctx);
  const articleId = parseId(input.articleId, "articleId");
  const factId = parseId(input.factId, "factId");

  return writeTransaction(ctx.prisma, "claim", async (tx) => {
    const article = await tx.article.findUnique({ where: { id: articleId } });
    if (!article) throw new NotFoundError("article", articleId, "articleId");
    const fact = await tx.fact.findUnique({ where: { id: factId } });
    if (!fact) throw new NotFoundError("fact", factId, "factId");
    if (fact.storyId !== article.storyId)
      throw new BadUserInputError("factId", `Fact ${factId} belongs to another story than article ${articleId}.`);
    // Not while a load rearranges the story (it could remove this fact before the claim is in).
    await lockStory(tx, fact.storyId, "shared");

    const { start, end } = input;
    if (!Number.isInteger(start) || start < 0 || start >= article.body.length) {
      throw new BadUserInputError("start", `start must be an offset inside the body (0 to ${article.body.length - 1}).`);
    }
    if (!Number.isInteger(end) || end <= start || end > article.body.length) {
      throw new BadUserInputError("end", `end must be after start and at most the body's length (${article.body.length}).`);
    }
    const quote = quoteAt(article.body, start, end);
    if (quote.exact.trim() === "") throw new BadUserInputError("end", "The quoted text is blank.");
    const interval = claimInterval(fact, input);

    let claim: Claim;
    try {
      claim = await tx.claim.create({
        data: {
          factId,
          articleId,
          text: quote.exact,
          ...interval,
          unit: fact.unit,
          hedge: input.hedge,
          textValue: fact.kind === "TEXT" ? quote.exact.trim().toLowerCase() : null,
          quoteExact: quote.exact,
          quotePrefix: quote.prefix,
          quoteSuffix: quote.suffix,
          quoteStart: quote.start,
          quoteEnd: quote.end,
          extractedBy: reviewerActor(reviewer.id),
        },
      });
    } catch (error) {
      translatePrismaError(error, "claim (same article, fact and offsets)");
    }
    // A new reading changes what reviewers are deciding between, so stale verdict forms must fail.
    await tx.fact.update({ where: { id: factId }, data: { version: { increment: 1 } } });
    await refreshAgreement(tx, factId);
    await audit(tx, {
      actor: reviewerActor(reviewer.id),
      action: "claim.add",
      subjectType: "Claim",
      subjectId: claim.id,
      after: { ...claim, createdAt: claim.createdAt.toISOString() },
    });
    await reopenContradictedFacts(tx, { factId }, reviewerActor(reviewer.id));
    return claim;
  });
}
