/**
 * Runs story-level alignment (src/extraction/align.ts) over every claim of a story and makes the
 * database follow it: claims move to the fact their cluster names, facts are created under the
 * derived keys, and facts left empty are removed unless a verdict refers to them. A fact that
 * holds a verdict keeps its claims: they are not re-aligned. One read of the story's claims and
 * a few batched writes, so the cost per load stays linear in the story's size. It runs inside the
 * caller's transaction, which holds the story's lock (finishStoryLoad), so what it read is still
 * true when it writes.
 */
import { alignFacts, type AlignClaim, type AlignInput } from "../extraction/align";
import type { ClaimContext, FactKind, Scope } from "../extraction/types";
import type { RawSql } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { factIdsByKey } from "./fact-ids";

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
export async function alignStory(tx: RawSql, storyId: number): Promise<number[]> {
  // Plain SQL for the reads and writes: they run once per load, and Prisma's client spends more CPU
  // serialising a hundred claims than the database spends on them (BENCHMARKS.md, "Ingest").
  const facts = await tx.$queryRaw<
    Array<{ id: number; key: string; label: string; kind: FactKind; unit: string | null; decided: boolean }>
  >`
    SELECT f.id, f.key, f.label, f.kind::text AS kind, f.unit, EXISTS (SELECT 1 FROM "Verdict" v WHERE v."factId" = f.id) AS decided
    FROM "Fact" f WHERE f."storyId" = ${storyId}::int`;
  const factById = new Map(facts.map((fact) => [fact.id, fact]));
  const claims = await tx.$queryRaw<
    Array<
      Pick<AlignClaim, "unit" | "value" | "lower" | "upper" | "scope" | "sentenceStart"> & {
        id: number;
        factId: number;
        articleId: number;
        context: Prisma.JsonValue | null;
      }
    >
  >`
    SELECT c.id, c."factId", c."articleId", c.unit, c.value, c.lower, c.upper, c.scope::text AS scope, c."sentenceStart", c.context
    FROM "Claim" c JOIN "Article" a ON a.id = c."articleId"
    WHERE a."storyId" = ${storyId}::int
    ORDER BY c.id`;
  const inputs: AlignInput[] = [];
  for (const claim of claims) {
    const fact = factById.get(claim.factId)!;
    if (fact.decided) continue;
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
  for (const [key, id] of await factIdsByKey(tx, storyId, missing)) idByKey.set(key, id);
  const current = new Map(claims.map((claim) => [String(claim.id), claim]));
  const moved: Array<{ id: number; factId: number; scope: Scope }> = [];
  const changed = new Set<number>();
  for (const fact of aligned) {
    const target = idByKey.get(fact.key)!;
    for (const id of fact.claimIds) {
      const claim = current.get(id)!;
      if (claim.factId === target && claim.scope === fact.scope) continue;
      moved.push({ id: claim.id, factId: target, scope: fact.scope });
      changed.add(claim.factId).add(target);
    }
  }
  if (moved.length > 0) {
    await tx.$executeRaw`
      UPDATE "Claim" c SET "factId" = m."factId", scope = m.scope
      FROM unnest(${moved.map((m) => m.id)}::int[], ${moved.map((m) => m.factId)}::int[], ${moved.map((m) => m.scope)}::"Scope"[])
           AS m(id, "factId", scope)
      WHERE c.id = m.id`;
  }
  await tx.$executeRaw`
    DELETE FROM "Fact" f WHERE f."storyId" = ${storyId}::int
      AND NOT EXISTS (SELECT 1 FROM "Claim" c WHERE c."factId" = f.id) AND NOT EXISTS (SELECT 1 FROM "Verdict" v WHERE v."factId" = f.id)`;
  return [...changed];
}
