import type { FactKind } from "../extraction/types";
import type { RawSql } from "../db";

/** What a fact is created with: its key within the story and what it measures. */
export interface NewFact {
  key: string;
  label: string;
  kind: FactKind;
  unit: string | null;
}

/**
 * Fact ids by key for one story, each created on first sight (the first of `facts` with a key names
 * it). Loading articles and aligning a story both add facts this way.
 *
 * INSERT … ON CONFLICT DO NOTHING in key order, then read: two loads of one story that add the same
 * new facts wait for each other instead of failing or deadlocking on the unique index. Plain SQL,
 * one array per column: Prisma's createMany costs the client CPU for every value it serialises,
 * more than the database spends on the rows (BENCHMARKS.md, "Ingest").
 */
export async function factIdsByKey(tx: RawSql, storyId: number, facts: NewFact[]): Promise<Map<string, number>> {
  const byKey = new Map<string, NewFact>();
  for (const fact of facts) if (!byKey.has(fact.key)) byKey.set(fact.key, fact);
  if (byKey.size === 0) return new Map();
  const sorted = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = sorted.map((fact) => fact.key);
  await tx.$executeRaw`
    INSERT INTO "Fact" ("storyId", key, label, kind, unit, "createdAt")
    SELECT ${storyId}::int, f.key, f.label, f.kind, f.unit, now() AT TIME ZONE 'UTC'
    FROM unnest(${keys}::text[], ${sorted.map((fact) => fact.label)}::text[], ${sorted.map((fact) => fact.kind)}::"FactKind"[],
                ${sorted.map((fact) => fact.unit)}::text[]) WITH ORDINALITY AS f(key, label, kind, unit, n)
    ORDER BY f.n
    ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<Array<{ id: number; key: string }>>`
    SELECT id, key FROM "Fact" WHERE "storyId" = ${storyId}::int AND key = ANY(${keys}::text[])`;
  return new Map(rows.map((row) => [row.key, row.id]));
}
