/**
 * Generic rules added after the blind measurement, each checked on sentences written for this
 * file (not taken from any fixture).
 */
import { extractClaims } from "../../src/extraction/claims";
import type { ExtractedClaim } from "../../src/extraction/types";

function first(body: string): ExtractedClaim {
  const claims = extractClaims(body).filter((claim) => claim.kind !== "TEXT");
  expect(claims.length).toBeGreaterThanOrEqual(1);
  for (const claim of claims) expect(body.slice(claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
  return claims[0];
}

describe("'about' and 'some' hedge a number by default", () => {
  it.each([
    ["The company lost about 40 million euros last year.", 40e6],
    ["The tanker ran aground about 5 miles off the coast.", 5],
    ["The bridge swayed for about 20 minutes.", 20],
    ["Divers recovered some 15 bodies.", 15],
    ["Witnesses counted maybe 30 boats in the harbour.", 30],
    ["The storm destroyed perhaps 40 homes.", 40],
  ])("%s", (body, value) => {
    expect(first(body)).toMatchObject({ value, hedge: "APPROXIMATE" });
  });

  it.each([
    "Reporters asked about two soldiers who were seen leaving.",
    "The family has heard nothing, and there is no news about three sailors still at sea.",
    "Relatives worried about four children who were swept away.",
  ])("but not where 'about' means 'concerning': %s", (body) => {
    const claim = first(body);
    expect(claim.hedge).toBe("EXACT");
  });
});
