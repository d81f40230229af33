/**
 * Runs story-level alignment (src/extraction/align.ts) over every claim of a story and makes the
 * database follow it: claims move to the fact their cluster names, facts are created under the
 * derived keys, and facts left empty are removed unless a verdict refers to them. A fact that
 * holds a verdict keeps its claims: they are not re-aligned. One read of the story's claims and
 * a few batched writes, so the cost per load stays linear in the story's size. It runs inside the
 * caller's transaction, which holds the story's lock (finishStoryLoad), so what it read is still
 * true when it writes.
 */
import { alignFacts, type AlignInput } from "../extraction/align";
import type { ClaimContext, Scope } from "../extraction/types";
import type { Prisma } from "../generated/prisma/client";

/** What the loader stores in Claim.context: the lemmas around the figure, and its own sentence's key. */
export interface StoredContext extends ClaimContext {
  key?: string;
  label?: string;
}

function storedContext(value: Prisma.JsonValue | null): StoredContext | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const context = value as Record<string, unknown>;
  if (!Array.isArray(context.before) || !Array.isArray(context.after)) return null;
  return context as unknown as StoredContext;
}

/** Returns the facts whose claims it moved or re-scoped (from and to), for live updates. */
export async function alignStory(tx: Prisma.TransactionClient, storyId: number): Promise<number[]> {
  const facts = await tx.fact.findMany({
    where: { storyId },
    select: { id: true, key: true, label: true, kind: true, unit: true, _count: { select: { verdicts: true } } },
  });
  const factById = new Map(facts.map((fact) => [fact.id, fact]));
  const claims = await tx.claim.findMany({
    where: { article: { storyId } },
    select: {
      id: true,
      factId: true,
      articleId: true,
      unit: true,
      value: true,
      lower: true,
      upper: true,
      scope: true,
      sentenceStart: true,
      context: true,
    },
    orderBy: { id: "asc" },
  });
  const inputs: AlignInput[] = [];
  for (const claim of claims) {
    const fact = factById.get(claim.factId)!;
    if (fact._count.verdicts > 0) continue;
    const context = storedContext(claim.context);
    inputs.push({
      id: String(claim.id),
      articleId: String(claim.articleId),
      claim: {
        factKey: context?.key ?? fact.key,
        factLabel: context?.label ?? fact.label,
        kind: fact.kind,
        unit: claim.unit,
        value: claim.value,
        lower: claim.lower,
        upper: claim.upper,
        scope: claim.scope,
        sentenceStart: claim.sentenceStart,
        context: context
          ? {
              before: context.before,
              after: context.after,
              place: context.place ?? null,
              scopeCue: context.scopeCue,
              scopeYear: context.scopeYear,
              eventPlace: context.eventPlace ?? null,
            }
          : null,
      },
    });
  }
  const aligned = alignFacts(inputs);

  const idByKey = new Map(facts.map((fact) => [fact.key, fact.id]));
  const missing = aligned.filter((fact) => !idByKey.has(fact.key));
  if (missing.length > 0) {
    await tx.fact.createMany({
      data: missing.map((fact) => ({ storyId, key: fact.key, label: fact.label, kind: fact.kind, unit: fact.unit })),
      skipDuplicates: true,
    });
    const rows = await tx.fact.findMany({
      where: { storyId, key: { in: missing.map((fact) => fact.key) } },
      select: { id: true, key: true },
    });
    for (const row of rows) idByKey.set(row.key, row.id);
  }
  const current = new Map(claims.map((claim) => [String(claim.id), claim]));
  const moves = new Map<number, number[]>();
  const scopes = new Map<Scope, number[]>();
  const changed = new Set<number>();
  for (const fact of aligned) {
    const target = idByKey.get(fact.key)!;
    for (const id of fact.claimIds) {
      const claim = current.get(id)!;
      if (claim.factId !== target) {
        moves.set(target, [...(moves.get(target) ?? []), claim.id]);
        changed.add(claim.factId).add(target);
      }
      if (claim.scope !== fact.scope) {
        scopes.set(fact.scope, [...(scopes.get(fact.scope) ?? []), claim.id]);
        changed.add(target);
      }
    }
  }
  for (const [factId, ids] of moves) await tx.claim.updateMany({ where: { id: { in: ids } }, data: { factId } });
  for (const [scope, ids] of scopes) await tx.claim.updateMany({ where: { id: { in: ids } }, data: { scope } });
  await tx.fact.deleteMany({ where: { storyId, claims: { none: {} }, verdicts: { none: {} } } });
  return [...changed];
}
