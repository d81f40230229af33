/**
 * Hedges: the words in front of a figure that say how exact it is ("almost 30 years",
 * "at least 12 people"), and the interval of true values each hedge allows. The interval
 * is what agreement compares, so "27 years" and "almost 30 years" can both be right while
 * "19 killed" and "24 killed" cannot.
 */
import type { Hedge } from "./types";

/**
 * Hedge words and phrases, matched case-insensitively immediately before a figure.
 * Longer phrases win over their prefixes ("no more than" before "more than").
 */
export const HEDGE_WORDS: Readonly<Record<string, Hedge>> = {
  about: "APPROXIMATE",
  around: "APPROXIMATE",
  some: "APPROXIMATE",
  roughly: "APPROXIMATE",
  approximately: "APPROXIMATE",
  "an estimated": "APPROXIMATE",
  estimated: "APPROXIMATE",
  // "the loss is estimated at 3.42 billion yuan", "estimated to be 7.8 billion": an estimate, not a count.
  "estimated at": "APPROXIMATE",
  "estimated to be": "APPROXIMATE",
  "an approximate": "APPROXIMATE",
  circa: "APPROXIMATE",
  "in the region of": "APPROXIMATE",
  "on the order of": "APPROXIMATE",
  "more or less": "APPROXIMATE",
  maybe: "APPROXIMATE",
  perhaps: "APPROXIMATE",
  possibly: "APPROXIMATE",
  almost: "ALMOST",
  nearly: "ALMOST",
  "close to": "ALMOST",
  "just under": "ALMOST",
  "just short of": "ALMOST",
  "not quite": "ALMOST",
  "the best part of": "ALMOST",
  "at least": "AT_LEAST",
  "no fewer than": "AT_LEAST",
  "no less than": "AT_LEAST",
  "a minimum of": "AT_LEAST",
  "more than": "MORE_THAN",
  over: "MORE_THAN",
  "just over": "MORE_THAN",
  "well over": "MORE_THAN",
  "in excess of": "MORE_THAN",
  "upwards of": "MORE_THAN",
  "upward of": "MORE_THAN",
  above: "MORE_THAN",
  "up to": "AT_MOST",
  "at most": "AT_MOST",
  "no more than": "AT_MOST",
  "as many as": "AT_MOST",
  "as much as": "AT_MOST",
  "as high as": "AT_MOST",
  "a maximum of": "AT_MOST",
  "less than": "LESS_THAN",
  "fewer than": "LESS_THAN",
  under: "LESS_THAN",
  below: "LESS_THAN",
  // Ages: "children under the age of 10", "people over the age of 65".
  "under the age of": "LESS_THAN",
  "below the age of": "LESS_THAN",
  "over the age of": "MORE_THAN",
  "above the age of": "MORE_THAN",
  "aged under": "LESS_THAN",
  "aged over": "MORE_THAN",
};

export interface HedgeInterval {
  /** Factor applied to the value for the lower bound; null means unbounded below. */
  lower: number | null;
  /** Factor applied to the value for the upper bound; null means unbounded above. */
  upper: number | null;
  /** The rule in words, for the README. */
  rule: string;
}

/**
 * THE interval table. For value v the hedge allows [lower * v, upper * v].
 * APPROXIMATE allows 10% either way; ALMOST allows up to 10% short of v and never more,
 * so "almost 30 years" is [27, 30]: it does not equal 30-as-EXACT but does overlap 27.
 * MORE_THAN and AT_LEAST share an interval (a closed bound at v) on purpose: reporters use
 * "more than 200" for 200-odd, and an open bound would make "more than 200" conflict with
 * "200" over a rounding choice. RANGE takes its bounds from the text, not from factors.
 */
export const HEDGE_INTERVALS: Readonly<Record<Hedge, HedgeInterval>> = {
  EXACT: { lower: 1, upper: 1, rule: "[v, v]" },
  APPROXIMATE: { lower: 0.9, upper: 1.1, rule: "[0.9v, 1.1v]" },
  ALMOST: { lower: 0.9, upper: 1, rule: "[0.9v, v]" },
  AT_LEAST: { lower: 1, upper: null, rule: "[v, unbounded)" },
  MORE_THAN: { lower: 1, upper: null, rule: "[v, unbounded)" },
  AT_MOST: { lower: null, upper: 1, rule: "(unbounded, v]" },
  LESS_THAN: { lower: null, upper: 1, rule: "(unbounded, v]" },
  RANGE: {
    lower: null,
    upper: null,
    rule: "[a, b] from the text; value is the lower bound, for 'between a and b', 'a to b', 'a-b', 'a or b' as for vague plurals ('hundreds' = [200, 999], value 200)",
  },
};

/** Rounds to 6 decimals so 0.9 * 30 is 27, not 27.000000000000004. */
export function roundBound(x: number): number {
  // Beyond 2^53 / 1e6 the multiplication itself adds noise; those figures are whole anyway.
  if (Number.isInteger(x) || Math.abs(x) > 1e9) return Math.round(x);
  return Math.round(x * 1e6) / 1e6;
}

export function intervalFor(value: number, hedge: Hedge, range?: [number, number]): { lower: number | null; upper: number | null } {
  if (hedge === "RANGE") {
    const [a, b] = range ?? [value, value];
    return { lower: roundBound(Math.min(a, b)), upper: roundBound(Math.max(a, b)) };
  }
  const factors = HEDGE_INTERVALS[hedge];
  // A negative value would flip the factors; no hedge table in a newsroom is written for those.
  const scale = (factor: number | null): number | null => (factor === null ? null : roundBound(factor * value));
  return { lower: scale(factors.lower), upper: scale(factors.upper) };
}

/** Hedges that are also prepositions: "information about three others" is not "about three". */
const PREPOSITIONAL_HEDGES = new Set(["around", "over", "under", "above", "below"]);

/**
 * "about" and "some" in front of a number almost always hedge it ("lost about 30 million",
 * "sank about 2 miles off"); "about" means "concerning" only after words of knowing, telling and
 * caring ("information about three others", "asked about two"). "around" stays with the noun rule
 * above: after a noun it is a place ("a zone around five islands").
 */
const APPROXIMATING_PREPOSITIONS = new Set(["about", "some"]);

const CONCERNING_LEADS = new Set([
  "information",
  "info",
  "news",
  "details",
  "detail",
  "questions",
  "question",
  "concerns",
  "concern",
  "concerned",
  "asked",
  "ask",
  "asking",
  "asks",
  "talked",
  "talk",
  "talking",
  "talks",
  "spoke",
  "speak",
  "speaking",
  "speaks",
  "worried",
  "worry",
  "worrying",
  "worries",
  "know",
  "knew",
  "known",
  "knowing",
  "learned",
  "learnt",
  "learn",
  "heard",
  "hear",
  "think",
  "thinking",
  "thought",
  "care",
  "cares",
  "cared",
  "wrote",
  "write",
  "written",
  "writing",
  "told",
  "tell",
  "telling",
  "complained",
  "complaints",
  "debate",
  "uncertainty",
  "doubts",
  "fears",
  "story",
  "stories",
  "inquiries",
  "enquiries",
  "joked",
  "argued",
  "disagree",
  "disagreed",
  "confusion",
  "clarity",
  "data",
  "facts",
  "updates",
  "update",
  "briefed",
  "warned",
  "remember",
  "remembered",
  "forget",
  "forgot",
  "forgotten",
]);

function approximatingContext(before: string): boolean {
  const previous = /([A-Za-z]+|[^\sA-Za-z])\s*$/.exec(before)?.[1];
  if (previous === undefined) return true;
  if (/^[%\d]$/.test(previous)) return false;
  return !CONCERNING_LEADS.has(previous.toLowerCase());
}

/**
 * The word before a prepositional hedge decides: after a verb, a preposition, a determiner,
 * punctuation or the start of the sentence it hedges a figure; after a noun it is a preposition.
 */
function hedgeContext(before: string): boolean {
  const previous = /([A-Za-z]+|[^\sA-Za-z])\s*$/.exec(before)?.[1];
  if (previous === undefined) return true;
  // "by 30% over seven years": after a figure the word is a preposition.
  if (/^[%\d]$/.test(previous)) return false;
  if (!/^[A-Za-z]/.test(previous)) return true;
  const word = previous.toLowerCase();
  if (/(?:ed|ing)$/.test(word)) return true;
  return HEDGE_LEADS.has(word);
}

const HEDGE_LEADS = new Set([
  "of",
  "in",
  "for",
  "to",
  "with",
  "by",
  "at",
  "from",
  "on",
  "and",
  "or",
  "than",
  "were",
  "was",
  "are",
  "is",
  "be",
  "been",
  "had",
  "has",
  "have",
  "left",
  "took",
  "take",
  "takes",
  "cost",
  "costs",
  "reached",
  "rose",
  "fell",
  "totalled",
  "totaled",
  "numbered",
  "number",
  "hit",
  "killed",
  "put",
  "sent",
  "gave",
  "give",
  "paid",
  "pay",
  "spent",
  "raised",
  "the",
  "an",
  "a",
  "some",
  "just",
  "now",
  "still",
  "only",
  "already",
  "kill",
  "injure",
  "wound",
  "hold",
  "holds",
  "saw",
  "see",
  "sees",
  "lasts",
  "last",
  "lasted",
  "employ",
  "employs",
  "include",
  "includes",
  "included",
  "estimate",
  "estimates",
  "about",
  "when",
  "where",
  "after",
  "before",
  "since",
  "while",
  "them",
  "it",
  "that",
  "which",
  "who",
  "said",
  "say",
  "says",
  "told",
  "tell",
  "found",
  "find",
  "down",
  "off",
  "today",
  "yesterday",
  "tonight",
  "morning",
  "afternoon",
  "evening",
  "night",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);

const HEDGE_LAST_WORDS: ReadonlySet<string> = new Set(Object.keys(HEDGE_WORDS).map((phrase) => phrase.split(" ").pop() as string));

/** One pattern per phrase, longest first, compiled once. */
const HEDGE_PATTERNS_LONGEST_FIRST: ReadonlyArray<{ phrase: string; pattern: RegExp }> = Object.keys(HEDGE_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((phrase) => ({ phrase, pattern: new RegExp(`(?:^|[^A-Za-z])(${phrase.replace(/ /g, "\\s+")})\\s+$`, "i") }));

export interface HedgeMatch {
  hedge: Hedge;
  phrase: string;
  /** Offset where the hedge phrase starts. */
  start: number;
}

/**
 * The hedge written immediately before offset `start` in `text` ("at least " + "12"), or null.
 * Only whitespace (and a currency sign) may separate the hedge from the figure, so
 * "some of the 30" is not "some 30".
 */
export function hedgeBefore(text: string, start: number): HedgeMatch | null {
  const window = text.slice(Math.max(0, start - 40), start);
  // Every hedge ends in one of a few words: most figures have none of them in front and stop here.
  const lastWord = /([A-Za-z]+)\s+$/.exec(window)?.[1].toLowerCase();
  if (lastWord === undefined || !HEDGE_LAST_WORDS.has(lastWord)) return null;
  for (const { phrase, pattern } of HEDGE_PATTERNS_LONGEST_FIRST) {
    const match = pattern.exec(window);
    if (match) {
      const phraseStart = start - window.length + match.index + match[0].indexOf(match[1]);
      const lead = text.slice(Math.max(0, phraseStart - 30), phraseStart);
      if (PREPOSITIONAL_HEDGES.has(phrase) && !hedgeContext(lead)) continue;
      if (APPROXIMATING_PREPOSITIONS.has(phrase) && !approximatingContext(lead)) continue;
      return { hedge: HEDGE_WORDS[phrase], phrase: text.slice(phraseStart, phraseStart + match[1].length), start: phraseStart };
    }
  }
  return null;
}

/** A reading's label: "24", "almost 30", "at least 12", "20–25". */
export function hedgeLabel(value: number | null, hedge: Hedge, lower: number | null, upper: number | null): string {
  const show = (x: number | null): string => (x === null ? "?" : formatFigure(x));
  switch (hedge) {
    case "EXACT":
      return show(value);
    case "APPROXIMATE":
      return `about ${show(value)}`;
    case "ALMOST":
      return `almost ${show(value)}`;
    case "AT_LEAST":
      return `at least ${show(value)}`;
    case "MORE_THAN":
      return `more than ${show(value)}`;
    case "AT_MOST":
      return `up to ${show(value)}`;
    case "LESS_THAN":
      return `less than ${show(value)}`;
    case "RANGE":
      return `${show(lower)}–${show(upper)}`;
  }
}

function formatFigure(x: number): string {
  return Number.isInteger(x) ? String(x) : String(roundBound(x));
}
