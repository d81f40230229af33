import type { OutletTally } from "../loaders";

/** Outlet.trust.score: (upheld+1)/(upheld+overruled+2), null until the outlet has a decided fact. */
export function trustScore(tally: OutletTally): number | null {
  const decided = tally.upheld + tally.overruled;
  return decided === 0 ? null : (tally.upheld + 1) / (decided + 2);
}
