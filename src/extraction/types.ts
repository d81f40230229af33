/**
 * The vocabulary of the extraction core. Plain data only: no Prisma, no GraphQL.
 * The string unions mirror the GraphQL enums in ../shared/API.md one for one.
 */

export type OutletKind = "WIRE_AGENCY" | "BROADCASTER" | "NEWSPAPER" | "AGGREGATOR" | "ADVOCACY" | "OTHER";
export type FactKind = "COUNT" | "DURATION" | "QUANTITY" | "DATE" | "TEXT";
export type Hedge = "EXACT" | "APPROXIMATE" | "ALMOST" | "AT_LEAST" | "MORE_THAN" | "AT_MOST" | "LESS_THAN" | "RANGE";
/** EVENT: the whole event; SUB_AREA: one district, city, hospital, site or group; BACKGROUND: an earlier event or general statistics. */
export type Scope = "EVENT" | "SUB_AREA" | "BACKGROUND";
export type Agreement = "SINGLE_SOURCE" | "AGREE" | "COMPATIBLE" | "CONFLICT";

/** An outlet as the text names it; `slug` is the stable identity ("reuters", "afp", "dpa"). */
export interface OutletRef {
  slug: string;
  name: string;
  kind: OutletKind;
}

/** What a raw page yields after clutter is stripped. `raw` is kept verbatim. */
export interface CleanedArticle {
  raw: string;
  /** Article paragraphs only, joined with "\n\n". Quote offsets index into this string. */
  body: string;
  headline: string | null;
  byline: string | null;
  dateline: string | null;
  /** Publication date as an ISO date ("2007-05-28"), or a full ISO timestamp when the source gives one with its zone; never a page-capture date. */
  publishedAt: string | null;
  /** The clock time printed beside a date-only publishedAt ("23:36"), in the page's own time zone; null when none. */
  publishedTime?: string | null;
  /** Who wrote it, from a wire tag such as "(Reuters)" or "(dpa – Deutsche Presse-Agentur)". */
  origin: OutletRef | null;
  /** The site the text was taken from, when the page itself says so (a copyright line, a site name line). */
  host: OutletRef | null;
  /** A bare URL given as the page's first line. */
  url: string | null;
}

/** W3C Web Annotation TextQuote + TextPosition selectors over a body. */
export interface Quote {
  exact: string;
  prefix: string;
  suffix: string;
  /** UTF-16 offset, inclusive. */
  start: number;
  /** Exclusive; body.slice(start, end) === exact. */
  end: number;
}

/** One figure (or TEXT statement) found in a body, already assigned to a fact. */
export interface ExtractedClaim {
  factKey: string;
  factLabel: string;
  kind: FactKind;
  unit: string | null;
  /** Surface form, e.g. "killing 19 people", "almost three decades". */
  text: string;
  /** Point value; null for TEXT facts. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  hedge: Hedge;
  /** For TEXT facts: the normalised statement ("car bomb"); null otherwise. */
  textValue: string | null;
  quote: Quote;
  /** Who the sentence credits: "Crocker", "police", "state television". */
  attribution: string | null;
  /** Ids of the extraction rules that produced the claim, in order ("number.digits", "hedge.before:at least"); `npm run explain` prints them. */
  rules: string[];
  /** What the unit measures ("length", "speed", "temperature", ...), or null for counts, money and units without one. */
  dimension?: string | null;
  /** The dimension's canonical unit ("metres", "km/h", "°C") that the canonical figures are in. */
  canonicalUnit?: string | null;
  canonicalValue?: number | null;
  canonicalLower?: number | null;
  canonicalUpper?: number | null;
  /** A conversion the text gives in brackets right after the figure ("six miles (10 km)"): one claim, the bracket kept here. */
  conversion?: { value: number | null; unit: string | null; text: string };
  /** Whether the figure is the whole event's, a part's (one place, one group) or background. */
  scope: Scope;
  /** Where the figure's sentence starts in the text: claims of one sentence share it. */
  sentenceStart: number;
  /** Lemmas around the figure and the place it is confined to, for story-level alignment. */
  context: ClaimContext;
}

/** What story-level alignment reads about a claim's words (see context.ts). */
export interface ClaimContext {
  /** Lemmas before the figure within its clause, nearest first. */
  before: string[];
  /** Lemmas after the figure within its clause, nearest first. */
  after: string[];
  /** The place the figure is confined to ("taiwan"), or null. */
  place: string | null;
  /** Why the scope is not EVENT: "year", "background", "threshold", "breakdown", "group", "site", "share" or "place". */
  scopeCue?: string;
  /** The earlier year a BACKGROUND figure belongs to ("the 2003 referendum"), when the text names one. */
  scopeYear?: number;
  /** The place the article's lead names: the event's own place at some level. */
  eventPlace?: string | null;
}

/** A claim as agreement sees it: an interval (or a text value) and who originally reported it. */
export interface ReadingInput {
  id: string;
  kind: FactKind;
  value: number | null;
  lower: number | null;
  upper: number | null;
  hedge: Hedge;
  textValue: string | null;
  text: string;
  originSlug: string;
  /** The claim's unit; one with a dimension ("mph") is compared in the dimension's canonical unit. */
  unit?: string | null;
}

/** Claims grouped by what they assert. */
export interface GroupedReading {
  /** readingKey() of every claim in it. */
  key: string;
  label: string;
  lower: number | null;
  upper: number | null;
  claimIds: string[];
  independentSources: number;
}
