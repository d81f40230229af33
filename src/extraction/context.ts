/**
 * The words around a figure, lemmatised, and its scope: what story-level alignment compares.
 *
 * A real lemmatiser (wink-nlp with its bundled English model, no download at run time) turns
 * "were killed", "kills", "died", "bodies" into "kill", "die", "body", so one lexicon entry per
 * lemma covers every inflection. Each sentence is parsed once, however many figures it holds.
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { Scope } from "./types";

const nlp = winkNLP(model, ["pos"]);
const its = nlp.its;

export interface Token {
  /** Lower-case lemma ("kill" for "were killed"). */
  lemma: string;
  /** Lower-case surface form. */
  word: string;
  pos: string;
  start: number;
  end: number;
}

/** What the alignment reads about one figure: lemmas either side within its clause, nearest first. */
export interface FigureContext {
  /** Up to CONTEXT_WORDS lemmas before the figure, nearest first. */
  before: string[];
  /** Up to CONTEXT_WORDS lemmas after the figure, nearest first. */
  after: string[];
  /** A place the figure is confined to ("taiwan" in "3 died in Taiwan"), or null. */
  place: string | null;
  /** Why the scope is not EVENT: "year", "background", "threshold", "breakdown", "group", "site", "share", "place"; absent for EVENT. */
  scopeCue?: string;
  /** The place the article's lead names: the event's own place at some level (city, district, country). */
  eventPlace?: string | null;
}

const CONTEXT_WORDS = 12;

let cachedSentence: string | null = null;
let cachedTokens: Token[] = [];

/** Tokens of a sentence with their offsets; the last sentence parsed is cached. */
export function tokensOf(sentence: string): Token[] {
  if (sentence === cachedSentence) return cachedTokens;
  const doc = nlp.readDoc(sentence);
  const values = doc.tokens().out(its.value) as string[];
  const lemmas = doc.tokens().out(its.lemma as Parameters<ReturnType<typeof doc.tokens>["out"]>[0]) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    const at = sentence.indexOf(value, cursor);
    if (at < 0) return;
    cursor = at + value.length;
    tokens.push({ lemma: (lemmas[i] ?? value).toLowerCase(), word: value.toLowerCase(), pos: tags[i] ?? "X", start: at, end: cursor });
  });
  cachedSentence = sentence;
  cachedTokens = tokens;
  return tokens;
}

/** Words that end a clause for context purposes. */
const CLAUSE_BREAK = new Set([";", ":", "—", "–", "(", ")", '"', "“", "”"]);
const SKIP_POS = new Set(["DET", "PUNCT", "SYM", "NUM", "SPACE"]);

/** Nouns that name a division of a country: "Fujian province", "Dhule district". */
const DIVISIONS = new Set([
  "province",
  "county",
  "district",
  "city",
  "state",
  "prefecture",
  "region",
  "municipality",
  "village",
  "town",
  "island",
]);

export function figureContext(sentence: string, spanStart: number, spanEnd: number): FigureContext {
  const tokens = tokensOf(sentence);
  const before: string[] = [];
  const after: string[] = [];
  // "voted overwhelmingly (more than 98 percent) favoured": a figure that is all of a bracket is read with the words around it.
  const bracketed = /\(\s*$/.test(sentence.slice(0, spanStart)) && /^\s*\)/.test(sentence.slice(spanEnd));
  for (let i = tokens.length - 1; i >= 0 && before.length < CONTEXT_WORDS; i -= 1) {
    const token = tokens[i];
    if (token.end > spanStart) continue;
    if (bracketed && token.word === "(" && before.length === 0) continue;
    if (CLAUSE_BREAK.has(token.word)) break;
    if (!SKIP_POS.has(token.pos) && /[a-z]/.test(token.lemma)) before.push(token.lemma);
  }
  for (const token of tokens) {
    if (after.length >= CONTEXT_WORDS) break;
    if (token.start < spanEnd) continue;
    if (bracketed && token.word === ")" && after.length === 0) continue;
    if (CLAUSE_BREAK.has(token.word)) break;
    if (!SKIP_POS.has(token.pos) && /[a-z]/.test(token.lemma)) after.push(token.lemma);
  }
  return { before, after, place: placeOf(tokens, spanStart, spanEnd) };
}

/**
 * The place a figure is confined to: "in Taiwan", "in Fujian province", "Zhejiang province's".
 * Only within the figure's clause and a few words of it, so a place named elsewhere does not count.
 */
function placeOf(tokens: Token[], spanStart: number, spanEnd: number): string | null {
  const index = (at: number) => tokens.findIndex((token) => token.start >= at);
  let at = index(spanStart);
  if (at < 0) at = tokens.length;
  let last = index(spanEnd);
  if (last < 0) last = tokens.length;
  // Nearest first: the words after the figure, then those before it.
  const order: number[] = [];
  for (let i = last; i < Math.min(tokens.length, last + 8); i += 1) order.push(i);
  for (let i = at - 1; i >= Math.max(0, at - BEFORE_REACH); i -= 1) order.push(i);
  return firstPlace(tokens, order) ?? namedDivision(tokens, at, last);
}

/** Tokens before a figure a place may stand in: "churned through Taiwan, killing two people and injuring 39". */
const BEFORE_REACH = 8;

/**
 * "injured 24 people on the island", "in the province": a division named by its kind right after
 * the figure is the place the sentence named before it ("left Taiwan's coast ... on the island").
 */
function namedDivision(tokens: Token[], at: number, last: number): string | null {
  for (let i = last; i < Math.min(tokens.length - 2, last + 6); i += 1) {
    if (CLAUSE_BREAK.has(tokens[i].word)) return null;
    if (!/^(?:in|on|across|throughout)$/.test(tokens[i].word) || tokens[i + 1].word !== "the" || !DIVISIONS.has(tokens[i + 2].lemma))
      continue;
    for (let j = at - 1; j >= 0; j -= 1) {
      const token = tokens[j];
      if (token.pos === "PROPN" && !NOT_PLACES.test(token.word) && /^[a-z]/.test(token.lemma)) return token.lemma;
    }
    return null;
  }
  return null;
}

/** The first place in a sentence, for the place an article's lead names. */
export function leadPlace(sentence: string): string | null {
  const tokens = tokensOf(sentence);
  return firstPlace(
    tokens,
    tokens.map((_, i) => i),
  );
}

function firstPlace(tokens: Token[], order: number[]): string | null {
  for (const i of order) {
    const token = tokens[i];
    if (token.pos !== "PROPN" && !(DIVISIONS.has(token.lemma) && tokens[i - 1]?.pos === "PROPN")) continue;
    if (DIVISIONS.has(token.lemma)) return tokens[i - 1].lemma;
    if (NOT_PLACES.test(token.word)) continue;
    const next = tokens[i + 1];
    // "in southern China", "in neighbouring Zhejiang": one adjective may stand between.
    const prev = tokens[i - 1]?.pos === "ADJ" ? tokens[i - 2] : tokens[i - 1];
    // "in Maharashtra's Dhule district": the place is the possessed one.
    if (next?.word === "'s" || next?.word === "’s") continue;
    // "Superintendent of Police Vishwas Pandhre told reporters": a name that speaks is a person.
    let runEnd = i;
    while (tokens[runEnd + 1]?.pos === "PROPN") runEnd += 1;
    if (SPEAKING.has(tokens[runEnd + 1]?.lemma ?? "")) continue;
    if (prev && /^(?:in|into|at|near|off|of|across|through|throughout|neighbouring|neighboring)$/.test(prev.word)) {
      // "in Fujian province": the division's name; "in Taiwan": the name itself.
      return next && next.pos === "PROPN" && !DIVISIONS.has(next.lemma) ? `${token.lemma} ${next.lemma}` : token.lemma;
    }
  }
  return null;
}

/** Verbs of saying: the name before one is a speaker, not a place. */
const SPEAKING = new Set(["say", "tell", "add", "announce", "report", "confirm", "state", "claim", "explain", "note", "warn"]);

/** Capitalised words that are not places. */
const NOT_PLACES =
  /^(?:typhoon|hurricane|cyclone|storm|tropical|super|operation|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;

/** Cues that a figure counts a part of the event's total: a group of the victims, one site. */
const BREAKDOWN_BEFORE =
  /\b(?:including|among them|among whom|of whom|of them|of those)\s+(?:(?:at least|about|some|nearly|more than|over)\s+)?$/i;
const BREAKDOWN_NOUNS = /^(?:women|men|children|girls|boys|minors|babies|infants)$/i;
const AT_SITE = /^[^.;]{0,40}?\b(?:at the scene|on the spot|on the way to hospital|in (?:a|one|the) hospital|at (?:a|one|the) hospital)\b/i;
/** Cues that a figure is about another time or a whole population, not this event. */
const BACKGROUND_CUES =
  /\b(?:last year|last month|previous(?:ly)?|earlier (?:this|that|in the) year|in the past|so far this year|this year alone|every year|each year|annually|per year|on average|average of|history|historically|since (?:19|20)\d\d)\b/i;
/** A population: background for a count ("4.5 million registered voters"), the base of a share ("38% of registered voters"). */
const POPULATION_CUES = /\b(?:population|inhabitants|registered voters|eligible voters|electorate|census)\b/i;
/**
 * Cues that a figure is a rule's threshold ("the 50 percent required", "a two-thirds majority needed",
 * "for the result to be recognised as valid, more than half…", "under the constitution, at least half…"), not a result.
 */
const THRESHOLD_CUES =
  /\b(?:threshold|required|requires|needed|necessary|minimum|quorum|benchmark|(?:to be|be)\s+(?:recogni[sz]ed\s+as\s+|considered\s+|declared\s+)?valid|according to the(?:\s+\w+)?\s+constitution|under the(?:\s+\w+)?\s+constitution|by law|under the law)\b/i;

export interface ScopeInput {
  sentence: string;
  spanStart: number;
  spanEnd: number;
  /** The counted noun ("women" in "six women"), or null. */
  noun: string | null;
  /** An earlier year the figure belongs to (from the fact rules), or null. */
  pastYear: number | null;
  /** Only counts and amounts are read as an earlier event's by a year named before them. */
  counted: boolean;
  /** A percentage: a population after it is its base, not its scope. */
  share?: boolean;
  context: FigureContext;
  /** The sentence before, in the same paragraph, for words that point back to it ("participated in it"). */
  previous?: string;
}

/** A sentence that opens by pointing back: "Then 52 percent took part", "At the time, 40 died". */
const BACK_REFERENCE_LEAD = /^\s*(?:then|at the time|at that time|back then)\b/i;
/** Words after a figure that point back to what the sentence before named. */
const BACK_REFERENCE = /^[^.;]*?\b(?:in it|in that one|at that time|at the time|back then|then)\b/i;

/**
 * EVENT: the whole event's figure; SUB_AREA: one district, city, hospital, site or group;
 * BACKGROUND: an earlier event, a population, general statistics, a rule's threshold.
 * `mainPlace` is the place the article is about (the first its lead names), `year` the latest
 * year it mentions.
 */
export function scopeOf(input: ScopeInput, mainPlace: string | null, year: number | null): { scope: Scope; cue?: string; year?: number } {
  const before = input.sentence.slice(Math.max(0, input.spanStart - 60), input.spanStart);
  const after = input.sentence.slice(input.spanEnd, input.spanEnd + 60);
  // A year the fact rules tie the figure to is an earlier event's, unless the text is from that year.
  if (input.pastYear !== null && (year === null || input.pastYear < year))
    return { scope: "BACKGROUND", cue: "year", year: input.pastYear };
  // "In 1996, a Boeing crashed ..., killing all 123", "was in 2005, when ... 98 people on board".
  const named = input.counted
    ? [...input.sentence.slice(0, input.spanStart).matchAll(/\b(?:in|since)\s+((?:19|20)\d\d)\b/gi)].pop()
    : undefined;
  if (named && (year === null || Number(named[1]) < year)) return { scope: "BACKGROUND", cue: "year", year: Number(named[1]) };
  // "the 2004 tsunami killed ...": a year naming an earlier event before the figure.
  const namedEvent = input.counted
    ? [...input.sentence.slice(0, input.spanStart).matchAll(/\bthe\s+((?:19|20)\d\d)\s+[a-z]/gi)].pop()
    : undefined;
  if (namedEvent && year !== null && Number(namedEvent[1]) < year) return { scope: "BACKGROUND", cue: "year", year: Number(namedEvent[1]) };
  // "... only one was valid (2003). 52.15% of voters participated in it.": "in it", "then" point back to an earlier year.
  if (
    input.counted &&
    input.previous &&
    year !== null &&
    (BACK_REFERENCE.test(input.sentence.slice(input.spanEnd, input.spanEnd + 40)) ||
      BACK_REFERENCE_LEAD.test(input.sentence.slice(0, input.spanStart)))
  ) {
    const earlier = [...input.previous.matchAll(/\b((?:19|20)\d\d)\b/g)].map((match) => Number(match[1])).filter((named) => named < year);
    if (earlier.length > 0) return { scope: "BACKGROUND", cue: "year", year: earlier[earlier.length - 1] };
  }
  // A cue belongs to the figure nearest it: the clause stops at the neighbouring figures ("27.5 percent was below the 50-percent threshold").
  const lead = input.sentence.slice(Math.max(0, input.spanStart - 80), input.spanStart);
  const tail = input.sentence.slice(input.spanEnd, input.spanEnd + 60);
  const clause = lead.slice(lead.search(/\d(?!.*\d)/) + 1) + tail.slice(0, tail.search(/\d/) < 0 ? tail.length : tail.search(/\d/));
  if (THRESHOLD_CUES.test(clause)) return { scope: "BACKGROUND", cue: "threshold" };
  if (BACKGROUND_CUES.test(clause) || (!input.share && POPULATION_CUES.test(clause))) return { scope: "BACKGROUND", cue: "background" };
  if (BREAKDOWN_BEFORE.test(before)) return { scope: "SUB_AREA", cue: "breakdown" };
  if (input.noun && BREAKDOWN_NOUNS.test(input.noun)) return { scope: "SUB_AREA", cue: "group" };
  if (AT_SITE.test(after)) return { scope: "SUB_AREA", cue: "site" };
  const place = input.context.place;
  // "18,000 in Thua Thien Hue alone": one place's share, whichever place the lead names.
  if (place && (/^[^.;,]{0,60}?\balone\b/i.test(after) || /\balone\s*,?\s*$/i.test(before))) return { scope: "SUB_AREA", cue: "share" };
  if (place && mainPlace && place !== mainPlace && !mainPlace.includes(place)) return { scope: "SUB_AREA", cue: "place" };
  return { scope: "EVENT" };
}
