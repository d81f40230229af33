/**
 * Money, one copy: the signs, letter codes and words a figure's currency is written with, and the
 * unit names they map to. Currencies have no fixed rate between them, so two currencies are one
 * measure (money) but never one unit: "HK$350 ($45)" is two figures, each in its own currency.
 */

/** A sign glued in front of the figure: "$2", "€5m". */
export const CURRENCY_SIGNS: Readonly<Record<string, string>> = { $: "dollars", "€": "euros", "£": "pounds", "₹": "rupees", "¥": "yen" };

/** Letters glued in front of "$": whose dollars ("US$" stays plain dollars, the usual meaning of "$"). */
export const DOLLAR_PREFIXES: Readonly<Record<string, string>> = {
  US: "dollars",
  HK: "hong kong dollars",
  A: "australian dollars",
  AU: "australian dollars",
  C: "canadian dollars",
  CA: "canadian dollars",
  NZ: "new zealand dollars",
  S: "singapore dollars",
  NT: "taiwan dollars",
};

/** A code written as letters before the figure, with a space: "Rs 5 lakh", "Tk 1 crore". */
export const CURRENCY_CODES: Readonly<Record<string, string>> = { Rs: "rupees", INR: "rupees", Tk: "taka", Rp: "rupiah" };

/** Money words after a number ("1.5 million dollar ransom", "200 euros", "7.8 billion yuan"). */
export const MONEY_WORDS: Readonly<Record<string, string>> = {
  dollar: "dollars",
  dollars: "dollars",
  euro: "euros",
  euros: "euros",
  pound: "pounds",
  pounds: "pounds",
  yen: "yen",
  yuan: "yuan",
  rupees: "rupees",
  rupee: "rupees",
  riyals: "riyals",
  dinars: "dinars",
  rials: "rials",
};

const MONEY_UNITS: ReadonlySet<string> = new Set([
  ...Object.values(CURRENCY_SIGNS),
  ...Object.values(DOLLAR_PREFIXES),
  ...Object.values(CURRENCY_CODES),
  ...Object.values(MONEY_WORDS),
  "rand",
]);

/** True for a unit that is a currency ("dollars", "hong kong dollars", "yuan"). */
export function isMoney(unit: string | null): boolean {
  return unit !== null && MONEY_UNITS.has(unit);
}
