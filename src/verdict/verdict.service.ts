import { audit, reviewerActor } from "../audit/audit.service";
import { lockStory } from "../fact/story-lock";
import type { Context } from "../context";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, parseId, writeTransaction } from "../errors";
import { reopenContradictedFacts } from "../fact/fact.service";
import type { Prisma, Verdict } from "../generated/prisma/client";
import { actingReviewer } from "../auth";
import type { RecordVerdictInput } from "./verdict.input";

export const RATIONALE_MAX = 5000;

export function checkRationale(raw: string, field: string): string {
  const text = raw.trim();
  if (text.length === 0) throw new BadUserInputError(field, `${field} must not be empty.`);
  if (raw.length > RATIONALE_MAX)
    throw new BadUserInputError(field, `${field} must be at most ${RATIONALE_MAX} characters (got ${raw.length}).`);
  return text;
}

/** Ids of the verdicts a retraction entry has withdrawn. */
export function withdrawnIds(history: Pick<Verdict, "retractsId">[]): Set<number> {
  return new Set(history.map((entry) => entry.retractsId).filter((id): id is number => id !== null));
}

/** True for a retraction entry and for a verdict a retraction withdrew. */
export function isWithdrawn(verdict: Pick<Verdict, "id" | "retracted">, history: Pick<Verdict, "retractsId">[]): boolean {
  return verdict.retracted || withdrawnIds(history).has(verdict.id);
}

/**
 * The one definition of "current verdict": the newest verdict that is neither a retraction entry
 * nor withdrawn by one. It is stored as Fact.currentVerdictId whenever a verdict is written, and
 * everything else (ranks, trust tallies, ClaimReview, the review queue) reads that column.
 */
export function currentVerdictOf(history: Verdict[]): Verdict | null {
  const live = history.filter((entry) => !isWithdrawn(entry, history));
  return live.reduce<Verdict | null>((newest, entry) => (!newest || entry.id > newest.id ? entry : newest), null);
}

async function storeCurrentVerdict(tx: Prisma.TransactionClient, factId: number): Promise<Verdict | null> {
  const current = currentVerdictOf(await tx.verdict.findMany({ where: { factId } }));
  // A decision (or its withdrawal) answers every earlier "needs review"; the reopening check
  // below looks again at the evidence that came after whichever verdict is now in force.
  await tx.fact.update({ where: { id: factId }, data: { currentVerdictId: current?.id ?? null, needsReview: false } });
  return current;
}

export async function recordVerdict(ctx: Context, input: RecordVerdictInput): Promise<Verdict> {
  const reviewer = await actingReviewer(ctx);
  const factId = parseId(input.factId, "factId");
  const trustedClaimId = parseId(input.trustedClaimId, "trustedClaimId");
  const rationale = checkRationale(input.rationale, "rationale");
  if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0) {
    throw new BadUserInputError("expectedVersion", "expectedVersion must be the non-negative Fact.version you read.");
  }

  return writeTransaction(ctx.prisma, "verdict", async (tx) => {
    const fact = await tx.fact.findUnique({ where: { id: factId } });
    if (!fact) throw new NotFoundError("fact", factId, "factId");
    // Not while a load rearranges the story: the claim read next stays in this fact until commit.
    await lockStory(tx, fact.storyId, "shared");
    const claim = await tx.claim.findUnique({ where: { id: trustedClaimId } });
    if (!claim) throw new NotFoundError("claim", trustedClaimId, "trustedClaimId");
    if (claim.factId !== factId) throw new BadUserInputError("trustedClaimId", `Claim ${trustedClaimId} is not a claim of fact ${factId}.`);

    // The conditional update is the lock: of N racing writers with the same expectedVersion, the
    // first to commit bumps the version and every other one then matches no row.
    const bumped = await tx.fact.updateMany({ where: { id: factId, version: input.expectedVersion }, data: { version: { increment: 1 } } });
    if (bumped.count === 0) {
      const current = await tx.fact.findUniqueOrThrow({ where: { id: factId }, select: { version: true } });
      throw new ConflictError(
        `Fact ${factId} changed while you were reading it (you saw version ${input.expectedVersion}, it is now ${current.version}). Reload and decide again.`,
        { currentVersion: current.version },
      );
    }
    const verdict = await tx.verdict.create({ data: { factId, trustedClaimId, rationale, reviewerId: reviewer.id } });
    await storeCurrentVerdict(tx, factId);
    await audit(tx, {
      actor: reviewerActor(reviewer.id),
      action: "verdict.record",
      subjectType: "Verdict",
      subjectId: verdict.id,
      before: { factVersion: fact.version },
      after: { factId, trustedClaimId, rationale, factVersion: fact.version + 1 },
    });
    return verdict;
  });
}

/** A retraction is a new, retracted entry pointing at the verdict it withdraws; nothing is updated. */
export async function retractVerdict(ctx: Context, rawId: string, rawReason: string): Promise<Verdict> {
  const reviewer = await actingReviewer(ctx);
  const verdictId = parseId(rawId, "id");
  const reason = checkRationale(rawReason, "reason");

  return writeTransaction(ctx.prisma, "verdict", async (tx) => {
    const verdict = await tx.verdict.findUnique({ where: { id: verdictId }, include: { retractedBy: true } });
    if (!verdict) throw new NotFoundError("verdict", verdictId, "id");
    if (verdict.retracted) throw new BadUserInputError("id", `Verdict ${verdictId} is itself a retraction.`);
    if (verdict.reviewerId !== reviewer.id && reviewer.role !== "ADMIN") {
      throw new ForbiddenError("Only the verdict's author or an ADMIN may retract it.");
    }
    if (verdict.retractedBy) throw new ConflictError(`Verdict ${verdictId} was already retracted.`);
    await tx.fact.update({ where: { id: verdict.factId }, data: { version: { increment: 1 } } });
    const retraction = await tx.verdict.create({
      data: {
        factId: verdict.factId,
        trustedClaimId: verdict.trustedClaimId,
        reviewerId: reviewer.id,
        rationale: reason,
        retracted: true,
        retractsId: verdict.id,
      },
    });
    if (await storeCurrentVerdict(tx, verdict.factId))
      await reopenContradictedFacts(tx, { factId: verdict.factId }, reviewerActor(reviewer.id));
    await audit(tx, {
      actor: reviewerActor(reviewer.id),
      action: "verdict.retract",
      subjectType: "Verdict",
      subjectId: verdict.id,
      before: { retracted: false },
      after: { retracted: true, retractionId: retraction.id, reason },
    });
    return verdict;
  });
}
