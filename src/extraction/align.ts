/** Story-level alignment of claims into facts (placeholder: one fact per key). */
import type { ExtractedClaim, FactKind } from "./types";

export interface AlignInput {
  id: string;
  articleId: string;
  claim: Pick<ExtractedClaim, "factKey" | "factLabel" | "kind" | "unit">;
}

export interface AlignedFact {
  key: string;
  label: string;
  kind: FactKind;
  unit: string | null;
  claimIds: string[];
}

export function alignFacts(inputs: AlignInput[]): AlignedFact[] {
  const facts = new Map<string, AlignedFact>();
  for (const input of inputs) {
    const fact = facts.get(input.claim.factKey) ?? { key: input.claim.factKey, label: input.claim.factLabel, kind: input.claim.kind, unit: input.claim.unit, claimIds: [] };
    fact.claimIds.push(input.id);
    facts.set(fact.key, fact);
  }
  return [...facts.values()];
}
