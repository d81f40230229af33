import type { Quote } from "./types";

export const QUOTE_CONTEXT = 32;

/** TextQuote + TextPosition selectors for body.slice(start, end), with up to 32 characters either side. */
export function quoteAt(body: string, start: number, end: number): Quote {
  return {
    exact: body.slice(start, end),
    prefix: body.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: body.slice(end, end + QUOTE_CONTEXT),
    start,
    end,
  };
}

/** True when the quote still sits where its offsets say: the test for a claim after its article changed. */
export function quoteAnchors(body: string, quote: Pick<Quote, "exact" | "start" | "end">): boolean {
  return body.slice(quote.start, quote.end) === quote.exact;
}
