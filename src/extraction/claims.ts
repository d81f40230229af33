/**
 * extractClaims: every figure in a cleaned article body becomes a claim with its interval,
 * unit, attribution, quote selectors and fact key; the weapon and the place of an attack
 * become TEXT claims. Pure: text in, claims out.
 *
 * The pipeline per paragraph: drop page furniture -> mask the dateline -> split sentences ->
 * find numbers -> discard non-figures (clock times, pronoun "one", "the two sides", names) ->
 * join ranges -> read hedge and counted noun -> assign the fact -> credit the speaker.
 */
import type { ExtractedClaim, FactKind, Hedge, Quote } from "./types";
import { findNumbers, groupingOf, MONTHS, TIME_UNITS, type NumberMention } from "./numbers";
import { CANONICAL_UNITS, toCanonical, unitDefinition, unitNamed } from "./lexicon/units";
import { HEDGE_WORDS, hedgeBefore, intervalFor } from "./hedge";
import { WEEKDAYS } from "./lexicon/calendar";
import { figureContext, leadPlace, scopeOf, type ScopeInput } from "./context";
import { factFor, findTopics, locationFact, measureFollowing, PERSON_MEASURE_NAMES, weaponFact, type Topic } from "./facts";
import { quoteAt } from "./quote";
import { FUNCTION_WORDS } from "./lexicon/function-words";
import { isMoney, MONEY_WORDS } from "./lexicon/currencies";
import { ATTRIBUTION_VERBS } from "./lexicon/speech";
import { findDateline } from "./clean";

interface Span {
  start: number;
  end: number;
}

/** A sentence and the paragraph it sits in. */
interface SentenceSpan extends Span {
  paragraphStart: number;
}

// ---------------------------------------------------------------- paragraphs and sentences

/** Words that may sit in a header line without making it a sentence ("Monday 28 May 2007 / 9:26 AM / 12 years ago"). */
const HEADER_WORDS =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|ago|am|pm|gmt|utc|updated|published|posted|last|min|mins|read|seconds?|minutes?|hours?|days?|weeks?|months?|years?)$/i;

/** A line of page furniture: no sentence in it, only dates, times and counters, or a copyright line. */
function isFurniture(paragraph: string): boolean {
  if (/©|\bcopyright\b|all rights reserved/i.test(paragraph)) return true;
  // Two words that are not dates or counters make it text; stop reading there.
  const word = /[A-Za-z]+/g;
  let meaningful = 0;
  for (let match = word.exec(paragraph); match !== null; match = word.exec(paragraph)) {
    if (!HEADER_WORDS.test(match[0]) && MONTHS[match[0].toLowerCase()] === undefined && ++meaningful >= 2) return false;
  }
  return true;
}

/**
 * Where the dateline at the head of a paragraph ends, or 0: "BAGHDAD, May 28 (Reuters) - ",
 * "Dhule (Maharashtra), Aug 31 (IANS) ". Its date is not a claim. The cleaner's own reading of
 * datelines (clean.ts findDateline), so the two never disagree.
 */
function datelineEnd(paragraph: string): number {
  // A dateline is at most 110 characters; matching on the head keeps one long paragraph linear.
  return findDateline(paragraph.slice(0, 200))?.length ?? 0;
}

const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "gen",
  "maj",
  "col",
  "lt",
  "capt",
  "sgt",
  "adm",
  "brig",
  "sen",
  "rep",
  "gov",
  "prof",
  "rev",
  "jr",
  "sr",
  "st",
  "mt",
  "ft",
  "no",
  "inc",
  "co",
  "corp",
  "ltd",
  "vs",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "u.s",
  "u.n",
  "u.k",
  "e.g",
  "i.e",
  "cmdr",
  "gov",
  "pres",
]);

/**
 * The longest stretch read as one sentence. Real sentences stay well under it; a page with no
 * sentence breaks (a list of figures, a scrape without punctuation) is cut into clauses, so the
 * work per figure, which looks at its sentence, stays bounded and extraction stays linear.
 */
export const MAX_SENTENCE = 600;

function splitSentences(paragraph: string, offset: number): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const boundary = /[.!?]+["”’)\]]*\s+(?=["“‘([]?[A-Z0-9])/g;
  for (const match of paragraph.matchAll(boundary)) {
    const at = match.index ?? 0;
    const word = /([A-Za-z.]+)$/.exec(paragraph.slice(Math.max(start, at - 24), at))?.[1] ?? "";
    const bare = word.replace(/^\.+/, "").toLowerCase();
    if (paragraph[at] === "." && (ABBREVIATIONS.has(bare) || /^[a-z]$/i.test(bare) || /^([a-z]\.)+[a-z]$/i.test(bare))) continue;
    const end = at + match[0].trimEnd().length;
    spans.push({ start: offset + start, end: offset + end });
    start = at + match[0].length;
  }
  if (start < paragraph.length) spans.push({ start: offset + start, end: offset + paragraph.trimEnd().length });
  return spans.filter((span) => span.end > span.start).flatMap((span) => clausesOf(paragraph, offset, span));
}

/** Cuts an over-long sentence at the last clause break (";", ",", a dash, else a space) before MAX_SENTENCE. */
function clausesOf(paragraph: string, offset: number, span: Span): Span[] {
  if (span.end - span.start <= MAX_SENTENCE) return [span];
  const pieces: Span[] = [];
  let from = span.start;
  while (span.end - from > MAX_SENTENCE) {
    const window = paragraph.slice(from - offset, from - offset + MAX_SENTENCE);
    let cut = -1;
    for (const pattern of [/[;:]\s/g, /,\s/g, /\s[-–—]\s/g, /\s/g]) {
      for (const match of window.matchAll(pattern)) if ((match.index ?? 0) > MAX_SENTENCE / 3) cut = (match.index ?? 0) + 1;
      if (cut > 0) break;
    }
    if (cut <= 0) cut = MAX_SENTENCE;
    // Never cut inside a figure ("3,455", "2.5"): back off over digits and their separators.
    while (cut > 1 && /[\d.,]/.test(window[cut - 1]) && /[\d]/.test(window[cut] ?? "")) cut -= 1;
    pieces.push({ start: from, end: from + window.slice(0, cut).trimEnd().length });
    from += cut;
    while (from < span.end && /\s/.test(paragraph[from - offset])) from += 1;
  }
  if (from < span.end) pieces.push({ start: from, end: span.end });
  return pieces.filter((piece) => piece.end > piece.start);
}

function paragraphsOf(body: string): Span[] {
  const spans: Span[] = [];
  for (const match of body.matchAll(/[^\n]+/g)) {
    const start = match.index ?? 0;
    spans.push({ start, end: start + match[0].length });
  }
  return spans;
}

// ---------------------------------------------------------------- what follows a number

/** Words that end a counted-noun phrase. */
const NOUN_STOPS = new Set([
  ...FUNCTION_WORDS,
  "whom",
  "whose",
  "ago",
  "later",
  "earlier",
  "each",
  "apiece",
  "more",
  "less",
  "fewer",
  "under",
  "where",
  "said",
  "say",
  "says",
  "told",
  "will",
  "would",
  "could",
  "should",
  "may",
  "might",
  "must",
  "did",
  "do",
  "does",
  "yet",
  "so",
  "if",
  "around",
  "between",
  "against",
  "across",
  "through",
  "per",
  "via",
  "including",
  "among",
  "amid",
  "down",
  "off",
  "then",
  "here",
  "now",
  "already",
  "still",
]);

/** Measure words after a number that no unit lexicon holds: they have no dimension to convert in. */
const OTHER_MEASURE_WORDS: Readonly<Record<string, string>> = { percent: "percent", barrels: "barrels", square: "square" };

/** Unit spellings that are also ordinary words or letters after a number ("5 in the morning", "a 2 t"). */
const AMBIGUOUS_UNIT_WORDS: ReadonlySet<string> = new Set(["in", "t", "ps", "ha", "kt", "mi"]);

/** The unit a word after a number names ("km", "miles", "tonnes": the units lexicon), or null. */
function measureWord(word: string): string | null {
  if (OTHER_MEASURE_WORDS[word]) return OTHER_MEASURE_WORDS[word];
  if (AMBIGUOUS_UNIT_WORDS.has(word)) return null;
  return unitNamed(word)?.name ?? null;
}

/** "kilometres per hour", "miles an hour", "km/h" after a length: a speed. */
const PER_HOUR = /^(?:\s*\/\s*h(?:r|our)?\b|\s+(?:per|an|a)\s+hour\b)/i;
/** "45 degrees Celsius", "113 degrees F". */
const DEGREES = /^\s+(?:Celsius|centigrade|C\b|Fahrenheit|F\b)/;

/** Definite groups that are referred to, not counted: "the two countries", "the two sides". */
const PARTY_NOUNS =
  /^(?:sides?|countries|country['’]s|country|parties|party|nations?|foes|rivals|delegations?|governments?|leaders|men|women|states|neighbou?rs|envoys|ministers|presidents|sessions|camps|powers|superpowers|adversaries|allies|teams?|communities|officials|groups|sides['’])$/i;

/** A level, category or phase name in lower case: "alarm level 3", "a category 4 storm", "phase 2 of the plan". */
const LABEL_WORDS = /\b(?:level|category|phase|stage|grade|tier|class)\s+$/i;

/** Words in front of a bare number that make it a designation: "Flight 370", "Resolution 1701". */
const DESIGNATORS =
  /(?:^|\s)(?:Flight|Resolution|Route|Article|Section|Chapter|No\.|Number|Room|Highway|Apollo|Boeing|Airbus|Model|Level|Phase|Stage|Category|Grade|Class|Type|Page|Vol\.|Volume|Gate|Terminal|Platform|Building|Block|Sector|Camp|Unit|Brigade|Division|Battalion|Regiment|Squadron|Corps|Channel|Highway|Interstate|Bus|Line|Air Force|Episode|Season|Part|Act|Item|Rule|Paragraph|Ward|Pier|Exit|Runway|Berth)\s+$/;

/** An acronym right before a number names a model or a unit: "ATR 72", "MH 17", "SU 100". */
const MODEL_PREFIX = /(?:^|\s)(?!(?:US|UK|UN|EU)\s+$)[A-Z]{2,5}\s+$/;

/** Nouns that make a bare "one" a count ("one person was killed"). */
const ONE_COUNTS =
  /^(?:person|man|woman|child|boy|girl|soldier|civilian|policeman|officer|member|hostage|detainee|prisoner|journalist|worker|student|passenger|victim|dead|body|suspect)\b/i;

/** Nouns that look like participles. */
const ING_NOUNS =
  /^(?:meetings?|briefings?|hearings?|bombings?|shootings?|buildings?|killings?|uprisings?|gatherings?|offerings?|sittings?|sessions|rulings?|findings?|beings?|dwellings?|earnings|savings|holdings?|proceedings|clashing|fighting|kidnappings?|beatings?|sightings?|landings?|crossings?|warnings?|evening|morning)$/i;

interface NounPhrase {
  /** Where the phrase (including "of the ...") ends. */
  end: number;
  /** The head noun as written, or null. */
  noun: string | null;
  unit: string | null;
  kind: FactKind | null;
  partitive: boolean;
  other: boolean;
}

const WORD = /^[\s"“”'‘’]*((?:[A-Z]\.){2,}|[A-Za-z]+(?:['’][a-z]+)?(?:-[A-Za-z]+)*)/;

/**
 * Reads what a number counts: "24 people", "seven Iranian detainees", "27 years",
 * "five of these Iranians", "hundreds of the 3,455 American troops", "four-hour talks".
 */
function readNounPhrase(body: string, from: number, limit: number, mention: NumberMention): NounPhrase {
  const phrase: NounPhrase = { end: mention.end, noun: null, unit: mention.unit, kind: null, partitive: false, other: false };
  // "42% of the vote", "$2 billion of aid": the unit is already there and "of" is not a part-of.
  if (mention.unit === "magnitude") {
    const fused = /^[-\s]magnitude\b/i.exec(body.slice(from, limit));
    if (fused) phrase.end = from + fused[0].length;
    phrase.kind = "QUANTITY";
    return phrase;
  }
  // "a $2.5 billion fund": the noun after a sum says what the money is.
  if (mention.unit !== null && /^(?:dollars|euros|pounds)$/.test(mention.unit) && !mention.compound) {
    const next = WORD.exec(body.slice(from, limit));
    if (next && /^[a-z]+$/.test(next[1]) && !NOUN_STOPS.has(next[1]) && !/(?:ed|ing|ly)$/.test(next[1]) && !/^\s*["“”]/.test(next[0])) {
      phrase.noun = next[1];
      phrase.end = from + next[0].length;
    }
    phrase.kind = "QUANTITY";
    return phrase;
  }
  if (mention.unit !== null && !mention.compound && TIME_UNITS[mention.unit] === undefined && mention.unit !== "years") {
    // "120mm of rain": a fused measure names its substance like a spelled-out one.
    if (/^(?:millimetres|centimetres|metres|kilometres|kilograms|tonnes|feet|inches)$/.test(mention.unit))
      phrase.noun = measuredSubstance(body.slice(mention.end, limit));
    return phrase;
  }
  let pos = from;
  let nested = false;
  const rest = body.slice(pos, limit);

  // "five of these Iranians", "hundreds of the 3,455 troops"; "hundreds of people" is not partitive.
  const of = /^\s+of\s+(?:(the|these|those|them|its|their|his|her|our|whom)\s+)?/i.exec(rest);
  if (of) {
    if (of[1]) phrase.partitive = true;
    if (of[1] && /^(them|whom)$/i.test(of[1])) return phrase;
    if (!of[1] && mention.form !== "vague") return phrase;
    pos += of[0].length;
    const inner = /^\s*(?:[\d,.]+|(?:[a-z]+-)?[a-z]+(?=\s))\s*/.exec(body.slice(pos, limit));
    // Skip a nested number ("the 3,455 troops"): the group is named after it.
    if (inner && (/^\s*\d/.test(inner[0]) || findNumbers(inner[0]).length > 0)) {
      pos += inner[0].length;
      nested = true;
    }
  }
  if (/^\s+other\b/i.test(body.slice(pos, limit))) phrase.other = true;

  const collected: { word: string; end: number }[] = [];
  let cursor = pos;
  while (collected.length < 5) {
    const match = WORD.exec(body.slice(cursor, limit));
    if (!match) break;
    const word = match[1];
    const lower = word.toLowerCase();
    const wordEnd = cursor + match[0].length;
    // A unit fused to the number has already been read; the next noun is the thing measured.
    if (collected.length === 0) {
      const time = TIME_UNITS[lower];
      if (time && !mention.compound && mention.unit === null) {
        phrase.unit = time.unit;
        phrase.kind = "DURATION";
        phrase.end = wordEnd;
        return phrase;
      }
      if (MONEY_WORDS[lower] && !mention.compound) {
        phrase.unit = MONEY_WORDS[lower];
        phrase.kind = "QUANTITY";
        phrase.end = wordEnd;
        cursor = wordEnd;
        // "a 1.5 million dollar ransom": the next noun says what the money is.
        const next = WORD.exec(body.slice(cursor, limit));
        if (next && !NOUN_STOPS.has(next[1].toLowerCase()) && /^[a-z]/.test(next[1])) {
          phrase.noun = next[1];
          phrase.end = cursor + next[0].length;
        }
        return phrase;
      }
      if ((lower === "per" && /^\s*cent\b/i.test(body.slice(wordEnd, limit))) || lower === "percent") {
        phrase.unit = "percent";
        phrase.kind = "QUANTITY";
        phrase.end = lower === "per" ? wordEnd + (/^\s*cent/i.exec(body.slice(wordEnd, limit))?.[0].length ?? 0) : wordEnd;
        return phrase;
      }
      const nautical = lower === "nautical" ? /^\s+miles?\b/i.exec(body.slice(wordEnd, limit)) : null;
      const measured = measureWord(lower);
      if ((measured || nautical) && !mention.compound) {
        phrase.unit = nautical ? "nautical miles" : measured;
        phrase.kind = "QUANTITY";
        phrase.end = wordEnd + (nautical ? nautical[0].length : 0);
        const perHour = phrase.unit === "kilometres" || phrase.unit === "miles" ? PER_HOUR.exec(body.slice(phrase.end, limit)) : null;
        if (perHour) {
          phrase.unit = phrase.unit === "kilometres" ? "km/h" : "mph";
          phrase.end += perHour[0].length;
        }
        phrase.noun = measuredSubstance(body.slice(phrase.end, limit));
        return phrase;
      }
      const degrees = lower === "degrees" && !mention.compound ? DEGREES.exec(body.slice(wordEnd, limit)) : null;
      if (degrees) {
        phrase.unit = /^\s+[Ff]/.test(degrees[0]) ? "°F" : "°C";
        phrase.kind = "QUANTITY";
        phrase.end = wordEnd + degrees[0].length;
        return phrase;
      }
      if (lower === "other") {
        phrase.other = true;
        cursor = wordEnd;
        continue;
      }
      // "a dozen more people missing", "five more bodies": "more" adds to a count, it is not "more than".
      if (lower === "more" && !/^\s+than\b/i.test(body.slice(wordEnd, limit)) && /^\s+[a-z]/.test(body.slice(wordEnd, limit))) {
        cursor = wordEnd;
        continue;
      }
    }
    if (NOUN_STOPS.has(lower)) {
      // "U.S. and Iraqi troops": "and" between two capitalised modifiers stays inside the phrase.
      const next = WORD.exec(body.slice(wordEnd, limit));
      const previous = collected[collected.length - 1];
      if (lower === "and" && previous && /^[A-Z]/.test(previous.word) && next && /^[A-Z]/.test(next[1])) {
        cursor = wordEnd;
        continue;
      }
      break;
    }
    if (collected.length > 0 && /^[a-z]+(?:ed|ing|ly)$/.test(word) && !ING_NOUNS.test(word)) break;
    // A participle right after the number is a verb, not a noun ("five died", "20 injured").
    if (
      collected.length === 0 &&
      /^[a-z]+(?:ed|ing|ly)$/.test(word) &&
      !ING_NOUNS.test(word) &&
      !/^(?:alleged|armed|wounded|injured|detained|displaced|unidentified|suspected|unnamed|estimated|registered|trained|remaining|missing)$/.test(
        lower,
      )
    )
      break;
    collected.push({ word, end: wordEnd });
    cursor = wordEnd;
    // Once a plural noun or a capitalised name has been read after modifiers, a lower-case plural ends it.
    if (/^[a-z][a-z'-]*s$/.test(word) && collected.length >= 1 && !/ss$/.test(word)) break;
    if (/^(?:people|men|women|children|police|staff|personnel|crew|cattle|livestock)$/.test(word)) break;
    if (/["”’]$/.test(match[0])) break;
  }
  // A trailing participle adjective is not a head ("seven alleged" then stop) – back off to the last noun-like word.
  while (
    collected.length > 0 &&
    /^(?:alleged|suspected|other|more|additional|further|armed|unidentified)$/i.test(collected[collected.length - 1].word)
  )
    collected.pop();
  // "the 22-storey Grand Harbour Hotel": a name after a compound says what is measured (its head,
  // the last word of its first conjunct: "Hotel" in "... Hotel and Casino"), but is no part of the figure.
  if (collected.length > 0 && mention.compound && /^[A-Z]/.test(collected[0].word)) {
    const conjunct = /^([^]*?)\s+and\s/.exec(body.slice(mention.end, collected[collected.length - 1].end))?.[1];
    const head = conjunct ? /([A-Za-z]+)\W*$/.exec(conjunct)?.[1] : undefined;
    phrase.noun = (head ?? collected[collected.length - 1].word).toLowerCase();
    phrase.end = mention.end;
    return phrase;
  }
  if (collected.length > 0) {
    const head = collected[collected.length - 1];
    phrase.noun = head.word;
    // "hundreds of the 3,455 troops": the quote stops before the nested figure, which is a claim of its own.
    phrase.end = nested ? mention.end : head.end;
    // Close a quotation opened inside the phrase: `seven "Iranian intelligence service personnel"`.
    const closing = /^["”’]/.exec(body.slice(phrase.end, limit));
    const opened = /["“]/.test(body.slice(mention.end, phrase.end));
    if (closing && opened && !nested) phrase.end += 1;
  }
  return phrase;
}

/**
 * "250 mm (10 inches) of rain", "two metres of water": the substance measured names the
 * quantity, so rain from two outlets shares a key even when the sentences differ around it.
 */
function measuredSubstance(after: string): string | null {
  const of = /^\s*(?:\([^)]*\)\s*)?of\s+(?:(?:additional|more|further|fresh|heavy|torrential|new|the)\s+)*([a-z]+)\b/.exec(after);
  if (!of || NOUN_STOPS.has(of[1])) return null;
  return of[1];
}

/** Plural, lower-case unit for a counted noun; people-words become "people". */
function unitForNoun(noun: string | null, value: number): string | null {
  if (!noun) return null;
  const lower = noun.toLowerCase();
  if (/^(?:people|persons?|others|individuals)$/.test(lower)) return "people";
  if (lower === "man" || lower === "men") return "men";
  if (lower === "child" || lower === "children") return "children";
  if (lower === "woman" || lower === "women") return "women";
  if (value === 1 && !lower.endsWith("s")) return `${lower}s`;
  return lower;
}

// ---------------------------------------------------------------- attribution

/** Lower-case nouns that can be a source on their own ("police said", "officials said"). */
const SOURCE_NOUNS =
  /^(?:police|officials?|spokesman|spokeswoman|spokesperson|sources?|witnesses|residents|doctors|medics|hospital|ministry|military|army|reports|observers|authorities|agency|media|television|radio|newspaper|diplomats|analysts|experts|aides?|statement|officers?|investigators|rescuers|paramedics|survivors|activists|monitors|group|embassy|government|department|officials['’]|minister|president|governor|mayor|ambassador|envoy|commander|premier|coroner)$/i;

/** Titles dropped in front of a name: "spokesman Maj. Gen. William Caldwell" -> "William Caldwell". */
const TITLES =
  /^(?:spokesman|spokeswoman|spokesperson|Maj\.?|Gen\.?|Col\.?|Lt\.?|Capt\.?|Sgt\.?|Adm\.?|Brig\.?|Cmdr\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|Ambassador|President|Prime|Minister|Foreign|Interior|Defence|Defense|Secretary|Senator|Sen\.?|Rep\.?|Gov\.?|Governor|General|Colonel|Major|Lieutenant|Captain|Sheikh|King|Queen|Prince|Chancellor|Premier|Deputy|Chief|Judge|Justice|Mayor|Commander|envoy|ambassador|minister|chief|official|aide|adviser|advisor|director|head|leader)$/;

const SOURCE_MODIFIERS =
  /^(?:prime|foreign|state|hospital|security|interior|health|police|military|local|government|medical|army|rescue|defence|defense|foreign|news|provincial|senior|western|regional|official|emergency)$/;

const PRONOUNS = /^(?:he|she|they)$/i;

/** Where a quote comes from when the speaker is a pronoun talking to a broadcaster. */
const MEDIA =
  /^(?:state(?:-run)? television|state(?:-run)? tv|state(?:-run)? radio|state(?:-run)? media|television|radio|the newspaper|the [A-Z][\w-]+ (?:newspaper|daily|television|radio|news agency))$/i;

interface Attribution {
  source: string;
  /** A person, usable to resolve a later "he". */
  person: boolean;
}

/** Lower-case role words inside a subject: "the prime minister's aide Hasan X" names the aide. */
const ROLE_WORDS =
  /^(?:aide|spokesman|spokeswoman|envoy|adviser|advisor|ambassador|minister|official|chief|head|leader|director|commander)$/;

function cleanName(words: string[]): string | null {
  let list = [...words];
  const role = list.map((word) => ROLE_WORDS.test(word)).lastIndexOf(true);
  if (role >= 0 && role < list.length - 1) list = list.slice(role + 1);
  while (list.length > 1 && TITLES.test(list[0])) list = list.slice(1);
  const name = list
    .join(" ")
    .replace(/[,'’]+$/, "")
    .trim();
  return name.length > 1 ? name : null;
}

/** Words (tokens with dots kept) right before `end`, back to a comma or a lower-case non-source word. */
function subjectBefore(sentence: string, end: number): Attribution | null {
  const head = sentence.slice(0, end).trimEnd();
  const tokens = head.match(/[A-Za-z][A-Za-z.'’-]*|[,;:"“”—–()]/g) ?? [];
  const picked: string[] = [];
  for (let i = tokens.length - 1; i >= 0 && picked.length < 6; i -= 1) {
    const token = tokens[i];
    if (/^(?:had|has|have|also|later|earlier|would|will|then|previously|reportedly|separately|further)$/.test(token) && picked.length === 0)
      continue;
    if (/^[,;:"“”—–()]$/.test(token)) break;
    if (picked.length === 0 && PRONOUNS.test(token)) return { source: token.toLowerCase(), person: false };
    if (
      /^[A-Z]/.test(token) ||
      /^(?:al|el|bin|ibn|abu|de|van|von)-[A-Z]/.test(token) ||
      (picked.length === 0 && SOURCE_NOUNS.test(token)) ||
      (picked.length > 0 && /^(?:al|bin|de|van|von|da|del|le)$/.test(token)) ||
      (picked.length > 0 && /^(?:spokesman|spokeswoman|ambassador|minister|envoy|chief|aide|officials?)$/.test(token))
    ) {
      picked.unshift(token);
      continue;
    }
    // "Ambassador to Iraq Ryan Crocker": the word after "to"/"of" is a place, the name follows it.
    if (/^(?:to|of|for|in)$/.test(token) && picked.length >= 3) picked.shift();
    break;
  }
  if (picked.length === 0) return null;
  // Sentence-initial function words are capitalised too: "The police said" -> "police".
  while (picked.length > 0 && /^(?:The|A|An|But|And|However|Meanwhile|In|On|At|Earlier|Later|Both|His|Her|Their|Its)$/.test(picked[0]))
    picked.shift();
  if (picked.length === 0) return null;
  const last = picked[picked.length - 1];
  if (SOURCE_NOUNS.test(last) && !/^(?:spokesman|spokeswoman|aide)$/i.test(last)) {
    // "state television", "hospital officials", "interior ministry": keep one lower-case modifier.
    const modifier = /\b([a-z]+)\s+$/.exec(head.slice(0, head.lastIndexOf(picked[0])))?.[1];
    const words = picked.length === 1 && modifier && SOURCE_MODIFIERS.test(modifier) ? [modifier, ...picked] : picked;
    const source = words.join(" ");
    return { source: words.length === 1 ? source.toLowerCase() : source, person: false };
  }
  const name = cleanName(picked);
  if (!name) return null;
  return { source: name, person: /^[A-Z]/.test(name) };
}

function attributionIn(sentence: string): Attribution | null {
  const according = /\baccording to\s+((?:(?:[A-Z]\.)+|[^,.;"”])+)/i.exec(sentence);
  const verbs = new RegExp(`\\b(${ATTRIBUTION_VERBS})\\b`, "g");
  for (const verbMatch of sentence.matchAll(verbs)) {
    const at = verbMatch.index ?? 0;
    // "Ryan Crocker, the U.S. ambassador to Iraq, told reporters": the name before the appositive.
    const appositive = /([A-Z][\w.'’-]*(?:\s+(?:al-)?[A-Z][\w.'’-]*){0,3}),\s+(?:the\s+|a\s+)?[^,"“”]{3,70},\s*$/.exec(
      sentence.slice(0, at),
    );
    let subject = subjectBefore(sentence, at);
    if (appositive && (!subject || !subject.person)) {
      const name = cleanName(appositive[1].split(/\s+/));
      if (name) subject = { source: name, person: true };
    }
    if (subject && PRONOUNS.test(subject.source)) {
      // "he told state television": the broadcaster is the checkable source.
      const told = /^\s*told\s+((?:state(?:-run)?\s+)?(?:television|tv|radio|media))/i.exec(
        sentence.slice(at + verbMatch[0].length - (verbMatch[0] === "told" ? 4 : verbMatch[0].length)),
      );
      if (verbMatch[0] === "told" && told && MEDIA.test(told[1])) return { source: told[1], person: false };
      return subject;
    }
    if (subject) return subject;
    // "said Ryan Crocker, U.S. ambassador to Iraq": the speaker after the verb ("told X" names the audience instead).
    if (!/^(?:said|says|added|adds|wrote)$/.test(verbMatch[0])) continue;
    const inverted = /^\s+((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*)/.exec(sentence.slice(at + verbMatch[0].length));
    if (inverted && !/^(?:On|In|At|The|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.test(inverted[1])) {
      const name = cleanName(inverted[1].split(/\s+/));
      if (name) return { source: name, person: true };
    }
  }
  if (according)
    return {
      source: according[1]
        .replace(/^the\s+/i, "")
        .replace(/\.$/, "")
        .trim(),
      person: /^[A-Z]/.test(according[1]),
    };
  return null;
}

// ---------------------------------------------------------------- TEXT claims

/** Weapons of an attack; only read when the weapon is the subject of an explosion or killing verb. */
const WEAPON_PATTERN =
  /\b(?:an?|the|two|three|twin|another|one)\s+(?:[a-z-]+\s+){0,2}?((?:suicide\s+)?(?:car|truck|lorry|roadside|parcel|letter|pipe|nail|motorcycle|motorbike|bicycle|tanker|fuel tanker|minibus|bus|donkey|cart)\s+bombs?|suicide\s+(?:bombers?|attackers?)|improvised explosive devices?|IEDs?|mortar (?:rounds?|shells?)|rockets?|grenades?|landmines?|bombs?)\s+(?:[a-z]+\s+){0,3}?(?:exploded|explodes|exploding|went off|goes off|detonated|detonating|blew\s+(?:himself|herself|themselves\s+)?\s*up|ripped through|tore through|struck|hit|killed|killing|wounded|landed|slammed)\b/gi;

const INCIDENT_VERBS =
  "exploded|explodes|went off|goes off|detonated|blew\\s+(?:himself|herself|themselves)?\\s*up|ripped through|tore through|struck|hit|slammed into|crashed|collapsed|erupted|occurred|happened|broke out|took place";

function normaliseWeapon(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/\blorry\b/, "truck")
    .replace(/\bmotorbike\b/, "motorcycle")
    .replace(/\bieds?\b/, "roadside bomb")
    .replace(/\bimprovised explosive devices?\b/, "roadside bomb")
    .replace(/bombs$/, "bomb")
    .replace(/bombers$/, "bomber")
    .replace(/s$/, (s) => (/(?:bomb|rocket|grenade|landmine|round|shell|vest|attacker)s$/.test(phrase.toLowerCase()) ? "" : s));
}

// ---------------------------------------------------------------- building claims

function quoteFor(body: string, start: number, end: number): Quote {
  return quoteAt(body, start, end);
}

function kindFor(mention: NumberMention, phrase: NounPhrase): FactKind {
  if (mention.form === "year" || mention.form === "decade" || mention.form === "date") return "DATE";
  if (phrase.kind) return phrase.kind;
  if (mention.unit && Object.values(TIME_UNITS).some((time) => time.unit === mention.unit)) return "DURATION";
  if (mention.unit) return "QUANTITY";
  return "COUNT";
}

/** Is the number read as a year really a count? "2000 troops" (but not "the 1979 revolution"). */
function yearIsCount(sentence: string, start: number, end: number): boolean {
  const before = sentence.slice(Math.max(0, start - 12), start);
  if (/\b(?:in|since|of|the|by|until|till|from|to|early|late|mid|before|after|during|and|year|between)\s*[-–]?\s*$/i.test(before))
    return false;
  return /^\s+(?:[a-z]+\s+)?(?:people|troops|soldiers|homes|houses|families|workers|students|protesters|police|policemen|refugees|civilians|residents)\b/.test(
    sentence.slice(end),
  );
}

interface Candidate {
  /** Ids of the rules that read this figure, in order. */
  rules: string[];
  mention: NumberMention;
  start: number;
  end: number;
  value: number;
  hedge: Hedge;
  lower: number | null;
  upper: number | null;
}

const LENGTH_UNITS = "(?:millimet(?:re|er)s?|centimet(?:re|er)s?|met(?:re|er)s?|feet|foot|inch(?:es)?|mm|cm|m|ft)";

/**
 * "under 1.5 metres of water", "below two feet of snow": a depth someone was beneath, not a bound.
 * Only a length followed by "of" and a substance that covers things.
 */
function buriedUnder(body: string, phrase: string, mention: NumberMention, limit: number): boolean {
  if (!/^(?:under|below|beneath)$/i.test(phrase)) return false;
  const after = body.slice(mention.end, limit);
  const unit = mention.unit && /^(?:millimetres|centimetres|metres|feet|inches)$/.test(mention.unit) ? "" : `\\s*${LENGTH_UNITS}`;
  return new RegExp(
    `^${unit}\\s*(?:\\([^)]*\\)\\s*)?of\\s+(?:[a-z]+\\s+)?(?:water|floodwaters?|snow|mud|sludge|ice|sand|rubble|debris|ash|silt|rock)\\b`,
    "i",
  ).test(after);
}

/**
 * "four men aged between 36 and 58", "two children, aged 2 and 10": the ages of the people a figure
 * counts describe them; they are not figures of the event. ("A 34-year-old man" stays a figure: it
 * is how a victim or a suspect is told apart.)
 */
function isAge(before: string): boolean {
  return /\baged\s+(?:(?:between|about|around|from|just|only|under|over)\s+)?(?:\d+\s*(?:,|and|to|or|-|–)\s*)*$/i.test(before);
}

function isPronounOne(body: string, mention: NumberMention, limit: number, sentence: string, offsetInSentence: number): boolean {
  const surface = body.slice(mention.start, mention.end).toLowerCase();
  if (surface !== "one") return false;
  // Only the words next to it count; a window keeps a sentence that never ends linear.
  const after = body.slice(mention.end, Math.min(limit, mention.end + 160));
  const before = sentence.slice(Math.max(0, offsetInSentence - 40), offsetInSentence);
  const next = /^\s+([A-Za-z'-]+)/.exec(after)?.[1] ?? "";
  if (TIME_UNITS[next.toLowerCase()]) return false;
  if (ONE_COUNTS.test(next)) return false;
  // "One was found dead", "one is still missing": a person an incident harmed.
  const suffered = measureFollowing(after);
  if (suffered && PERSON_MEASURE_NAMES.has(suffered.measure.measure)) return false;
  // "only one was recognised", "only one vote": a count, unless "the only one" (a pronoun).
  if (/(?:^|[^a-z])only\s+$/i.test(before) && !/\bthe\s+only\s+$/i.test(before)) return false;
  if (/\b(?:killing|killed|wounding|wounded|injuring|injured|holding|freed|released)\s+$/i.test(before)) return false;
  // "at least one emergency exit": a hedge makes it a number.
  const hedged = hedgeBefore(body, mention.start);
  if (hedged && hedged.start >= mention.start - offsetInSentence) return false;
  return true;
}

export function extractClaims(body: string): ExtractedClaim[] {
  const claims: ExtractedClaim[] = [];
  const paragraphs = paragraphsOf(body).filter((paragraph) => !isFurniture(body.slice(paragraph.start, paragraph.end)));
  const sentences: SentenceSpan[] = [];
  const masked: Span[] = [];
  // A dateline masks only its own paragraph; looked up by paragraph so many paragraphs stay linear.
  const datelineOf = new Map<number, Span>();
  for (const paragraph of paragraphs) {
    const text = body.slice(paragraph.start, paragraph.end);
    const dateline = datelineEnd(text);
    if (dateline > 0) {
      masked.push({ start: paragraph.start, end: paragraph.start + dateline });
      datelineOf.set(paragraph.start, masked[masked.length - 1]);
    }
    for (const span of splitSentences(text, paragraph.start)) sentences.push({ ...span, paragraphStart: paragraph.start });
  }
  const mainIncident = mainIncidentOf(body, sentences);
  const bareAttributions = bareAttributionsByParagraph(body, sentences);
  const scopes = new Map<ExtractedClaim, ScopeInput>();

  let lastSpeaker: string | null = null;
  let previousSpan: SentenceSpan | null = null;
  for (const span of sentences) {
    const previous =
      previousSpan && previousSpan.paragraphStart === span.paragraphStart ? body.slice(previousSpan.start, previousSpan.end) : undefined;
    previousSpan = span;
    const sentence = body.slice(span.start, span.end);
    const credited = attributionIn(sentence) ?? bareAttributionNearby(span, bareAttributions);
    let attribution: string | null = null;
    if (credited) {
      if (PRONOUNS.test(credited.source)) attribution = lastSpeaker;
      else attribution = credited.source;
      if (credited.person) lastSpeaker = credited.source;
    } else if (/^["“‘]/.test(sentence) || /["”]\s*$/.test(sentence)) {
      // A quoted sentence with no verb of saying continues the last speaker's quote.
      attribution = lastSpeaker;
    }

    const dateline = datelineOf.get(span.paragraphStart);
    claims.push(...numericClaims(body, span, sentence, dateline ? [dateline] : [], mainIncident, attribution, scopes, previous));
    claims.push(...textClaims(body, span, sentence, mainIncident, attribution));
  }
  claims.sort((a, b) => a.quote.start - b.quote.start || a.quote.end - b.quote.end);
  assignScopes(body, sentences, claims, scopes);
  return resolveTheFigure(body, claims);
}

/** "Organisers said the true figure was at least 40": the figure of the count just reported. */
const THE_FIGURE =
  /\bthe\s+(?:(?:true|real|actual|official|final|correct|higher|lower|overall|total)\s+)?(?:figure|number|toll|tally|count|total)\s+(?:was|is|stood at|stands at|at|as|to be|had reached|reached)\s+$/i;

function resolveTheFigure(body: string, claims: ExtractedClaim[]): ExtractedClaim[] {
  return claims.map((claim, index) => {
    if (claim.kind !== "COUNT" || !THE_FIGURE.test(body.slice(Math.max(0, claim.quote.start - 60), claim.quote.start))) return claim;
    let earlier: ExtractedClaim | undefined;
    // Claims are sorted by position, so the walk back stops at the first one out of reach.
    for (let j = index - 1; j >= 0 && earlier === undefined; j -= 1) {
      const other = claims[j];
      if (claim.quote.start - other.quote.start >= 2000) break;
      if (other.kind === "COUNT" && claim.quote.start - other.quote.end < 400 && !/^count\./.test(other.factKey) && other.unit === "people")
        earlier = other;
    }
    return earlier ? { ...claim, factKey: earlier.factKey, factLabel: earlier.factLabel, unit: claim.unit ?? earlier.unit } : claim;
  });
}

/**
 * "The dialogue did not side-track. Crocker said. Neither ... were discussed.": a sentence that is
 * nothing but an attribution credits the sentences of its paragraph. Each paragraph's first two such
 * sentences are found once (a sentence never credits itself, so the second stands in for the first).
 */
interface BareAttribution {
  span: Span;
  credited: Attribution;
}

function bareAttributionsByParagraph(body: string, sentences: SentenceSpan[]): Map<number, BareAttribution[]> {
  const found = new Map<number, BareAttribution[]>();
  for (const span of sentences) {
    const list = found.get(span.paragraphStart) ?? [];
    found.set(span.paragraphStart, list);
    if (list.length >= 2) continue;
    const text = body.slice(span.start, span.end);
    if ((text.match(/[A-Za-z]+/g) ?? []).length > 6) continue;
    const credited = attributionIn(text);
    if (credited) list.push({ span, credited });
  }
  return found;
}

function bareAttributionNearby(span: SentenceSpan, byParagraph: Map<number, BareAttribution[]>): Attribution | null {
  const list = byParagraph.get(span.paragraphStart) ?? [];
  return list.find((entry) => entry.span.start !== span.start)?.credited ?? null;
}

function mainIncidentOf(body: string, sentences: Span[]): Topic | null {
  const counts = new Map<string, { topic: Topic; count: number }>();
  for (const span of sentences) {
    const sentence = body.slice(span.start, span.end);
    WEAPON_PATTERN.lastIndex = 0;
    const weapon = WEAPON_PATTERN.test(sentence);
    const casualty = /\b(?:killing|killed|dead|died|deaths|wounding|wounded|injuring|injured|death toll)\b/i.test(sentence);
    if (!weapon && !casualty) continue;
    for (const hit of findTopics(sentence)) {
      if (hit.cls !== "incident") continue;
      const entry = counts.get(hit.topic) ?? { topic: { topic: hit.topic, noun: hit.noun, cls: hit.cls }, count: 0 };
      entry.count += weapon ? 3 : 1;
      counts.set(hit.topic, entry);
    }
  }
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count);
  if (ranked.length > 0) return ranked[0].topic;
  // No casualty sentence names the event: the first specific incident the article mentions is the story.
  for (const span of sentences) {
    const hit = findTopics(body.slice(span.start, span.end)).find((topic) => topic.cls === "incident");
    if (hit) return { topic: hit.topic, noun: hit.noun, cls: hit.cls };
  }
  return null;
}

/**
 * Scope needs the whole text: the place its lead names is the event's own, and a year before the
 * latest one it mentions is an earlier event's.
 */
function assignScopes(body: string, sentences: Span[], claims: ExtractedClaim[], scopes: Map<ExtractedClaim, ScopeInput>): void {
  let mainPlace: string | null = null;
  for (const sentence of sentences.slice(0, 3)) {
    mainPlace = leadPlace(body.slice(sentence.start, sentence.end));
    if (mainPlace) break;
  }
  const years = [...body.matchAll(/\b(?:19|20)\d\d\b/g)].map((match) => ({ at: match.index ?? 0, year: Number(match[0]) }));
  for (const claim of claims) {
    const input = scopes.get(claim);
    if (!input) continue;
    // The text's own year is the latest it names outside the figure's sentence.
    const sentenceEnd = claim.sentenceStart + input.sentence.length;
    const others = years.filter(({ at }) => at < claim.sentenceStart || at >= sentenceEnd).map(({ year }) => year);
    const { scope, cue, year } = scopeOf(input, mainPlace, others.length > 0 ? Math.max(...others) : null);
    claim.scope = scope;
    if (cue) claim.context.scopeCue = cue;
    if (year !== undefined) claim.context.scopeYear = year;
    claim.context.eventPlace = mainPlace;
  }
}

function numericClaims(
  body: string,
  span: Span,
  sentence: string,
  masked: Span[],
  mainIncident: Topic | null,
  attribution: string | null,
  scopes: Map<ExtractedClaim, ScopeInput>,
  previousSentence?: string,
): ExtractedClaim[] {
  const mentions = findNumbers(sentence).map((mention) => ({
    ...mention,
    start: mention.start + span.start,
    end: mention.end + span.start,
  }));
  const candidates: Candidate[] = [];
  let designated: number | null = null;
  for (let i = 0; i < mentions.length; i += 1) {
    const mention = mentions[i];
    const inSentence = mention.start - span.start;
    if (masked.some((mask) => mention.start >= mask.start && mention.start < mask.end)) continue;
    if (isPronounOne(body, mention, span.end, sentence, inSentence)) continue;
    // What decides a figure's reading stands within a few words of it; a bounded window keeps a long sentence linear.
    const beforeStart = span.start + Math.max(0, inSentence - 48);
    const before = sentence.slice(beforeStart - span.start, inSentence);
    if (isAge(before)) continue;
    const surface = body.slice(mention.start, mention.end);
    // "the two countries", "the two sides": a reference to the parties, not a count of them.
    const partyNoun = (/^\s+([A-Za-z'’-]+)/.exec(body.slice(mention.end, span.end))?.[1] ?? "").replace(/['’]s?$/, "");
    if (/\b(?:the|both|these|those)\s+$/i.test(before) && mention.form === "words" && mention.value <= 3 && PARTY_NOUNS.test(partyNoun))
      continue;
    if (
      mention.form === "digits" &&
      (DESIGNATORS.test(before) ||
        MODEL_PREFIX.test(before) ||
        (LABEL_WORDS.test(before) && !/^\s*(?:%|per\s*cent|percent)/i.test(body.slice(mention.end, span.end))))
    ) {
      designated = mention.end;
      continue;
    }
    // "the iPhone 11 Pro", "the Big 12", "Windows 10": a number inside a name.
    if (mention.form === "digits" && mention.unit === null && isNameNumber(before, surface, body.slice(mention.end, span.end))) {
      designated = mention.end;
      continue;
    }
    // "were 2-0 down", "won 3-1": a score, one claim of its own, never a range or two counts.
    const score = mention.form === "digits" && mention.unit === null ? scoreAt(body, mention, mentions[i + 1], span.end, before) : null;
    if (score) {
      candidates.push({
        mention: { ...mention, end: score.end, unit: "score" },
        start: mention.start,
        end: score.end,
        value: mention.value,
        hedge: "EXACT",
        lower: mention.value,
        upper: mention.value,
        rules: ["number.score"],
      });
      i += 1;
      continue;
    }
    // "ATR 72-500": the variant after a model number is part of the name.
    if (designated !== null && /^-$/.test(body.slice(designated, mention.start))) continue;
    designated = null;
    // A vague "scores" needs its "of" ("scores of people"); otherwise it is a verb or a sports score.
    // A bare "dozens" is still a count ("dozens missing", "dozens were hurt").
    if (mention.form === "vague" && /^scores$/i.test(surface) && !/^\s+of\b/i.test(body.slice(mention.end, span.end))) continue;
    let current: NumberMention = mention;
    // "minus 20 degrees", "-5°C": a figure below zero.
    const minus = /(?:\bminus\s+|(?:^|\s)[-−])$/i.exec(before);
    if (
      minus &&
      mention.form !== "date" &&
      mention.form !== "year" &&
      mention.form !== "vague" &&
      (/minus/i.test(minus[0]) || /^(?:°|\s*degrees)/i.test(body.slice(mention.end, span.end)) || mention.unit?.startsWith("°"))
    ) {
      const start = beforeStart + minus.index + (minus[0].length - minus[0].trimStart().length);
      current = { ...mention, start, value: -mention.value, lower: -mention.value, upper: -mention.value };
    }
    // "a magnitude 7.0 quake", "magnitude-5.9": a scale reading, not a count.
    if (/\bmagnitude[-\s]+$/i.test(before) || /^[-\s]magnitude\b/i.test(body.slice(mention.end, span.end))) {
      current = { ...current, unit: "magnitude" };
    }
    if (mention.form === "year" && !/^[A-Za-z]/.test(surface) && yearIsCount(sentence, inSentence, inSentence + surface.length)) {
      current = { ...current, form: "digits", unit: null };
    }

    // Ranges: "between 30 and 40", "30 to 40", "30-40", "two or three".
    const next = mentions[i + 1];
    let splitRule: string | null = null;
    if (next && current.form !== "date" && next.form !== "date") {
      const between = body.slice(current.end, next.start);
      const rangeJoin =
        /^\s*(?:-|–|—|to)\s*$/.test(between) ||
        /^\s+or\s+$/.test(between) ||
        (/^\s+and\s+$/.test(between) && /\bbetween\s+$/i.test(before));
      const sameSort = (current.form === "year") === (next.form === "year");
      // "dropped 7% to $2.3 billion": a change and the new level, not a range; so is "by $43.6 billion to $419.2 billion".
      const sameUnit = current.unit === null || next.unit === null || current.unit === next.unit;
      const change = (/\bby\s+$/i.test(before) || CHANGE_VERB.test(before)) && /^\s*to\s*$/.test(between);
      if (rangeJoin && sameSort && (!sameUnit || change))
        splitRule = change ? "range.split:change-to-level" : "range.split:different-units";
      if (rangeJoin && sameSort && sameUnit && !change && next.value > current.value) {
        const openWord = /\b(?:between|from)\s+$/i.exec(before);
        const start = openWord ? beforeStart + (openWord.index ?? 0) : current.start;
        const lower = current.value * (current.unit === null && next.unit !== null && TIME_UNITS[next.unit] === undefined ? 1 : 1);
        // A range's point value is its lower bound, as for vague plurals ("hundreds" is 200).
        const interval = intervalFor(lower, "RANGE", [lower, next.value]);
        candidates.push({
          mention: { ...next, start: current.start, form: current.form === "year" ? "year" : next.form },
          start,
          end: next.end,
          value: lower,
          hedge: "RANGE",
          lower: interval.lower,
          upper: interval.upper,
          rules: [...numberRules(body, current), "range.join"],
        });
        i += 1;
        continue;
      }
    }

    const hedged = current.form === "vague" || current.form === "decade" ? null : hedgeBefore(body, current.start);
    const validHedge = hedged && hedged.start >= span.start && !buriedUnder(body, hedged.phrase, current, span.end) ? hedged : null;
    let hedge: Hedge = validHedge ? validHedge.hedge : "EXACT";
    let value = current.value;
    let interval = intervalFor(value, hedge);
    if (current.form === "vague" || current.form === "decade") {
      // Vague plurals and decades keep their lower bound as the point value: "hundreds" reads as 200+.
      hedge = "RANGE";
      interval = intervalFor(current.lower, "RANGE", [current.lower, current.upper]);
      value = current.lower;
    }
    const rules = numberRules(body, current);
    if (splitRule) rules.push(splitRule);
    if (validHedge) rules.push(`hedge.before:${validHedge.phrase.toLowerCase().replace(/\s+/g, " ")}`);
    if (current.form === "vague" || current.form === "decade") rules.push(`hedge.vague:${current.form}`);
    let end = current.end;
    // "40 or so", "40-odd", "200 or more", "40-plus": a hedge written after the figure.
    const after = current.form === "digits" || current.form === "words" ? POSTFIX_HEDGE.exec(body.slice(current.end, span.end)) : null;
    if (after && current.unit === null) {
      const word = (after[1] ?? after[2]).toLowerCase().replace(/^-/, "");
      const postfix: Hedge =
        word === "or more" || word === "plus" ? "AT_LEAST" : word === "or fewer" || word === "or less" ? "AT_MOST" : "APPROXIMATE";
      // A hedge in front already says it ("about 40 or so"); otherwise the one after the figure does.
      if (hedge === "EXACT") {
        hedge = postfix;
        interval = intervalFor(value, hedge);
      }
      end = current.end + after[0].length;
      rules.push(`hedge.after:${word}`);
    }
    candidates.push({
      mention: { ...current, end },
      start: validHedge ? validHedge.start : current.start,
      end,
      value,
      hedge,
      lower: interval.lower,
      upper: interval.upper,
      rules,
    });
  }

  const claims: ExtractedClaim[] = [];
  // Facts are read from the sentence without its dateline: "DHAKA, Nov 26, 2012 (AFP) -" dates the report, not the figure.
  let factSentence = sentence;
  for (const mask of masked) {
    const from = Math.max(mask.start, span.start) - span.start;
    const to = Math.min(mask.end, span.end) - span.start;
    if (to > from) factSentence = factSentence.slice(0, from) + " ".repeat(to - from) + factSentence.slice(to);
  }
  let previous: { start: number; end: number; unit: string | null; claim: ExtractedClaim } | null = null;
  for (const candidate of candidates) {
    const isDate = candidate.mention.form === "year" || candidate.mention.form === "decade" || candidate.mention.form === "date";
    // A year is quoted alone ("1979", "April 1980"); the noun after it names an event, not a unit.
    const phrase = isDate
      ? { end: candidate.end, noun: null, unit: candidate.mention.unit, kind: null, partitive: false, other: false }
      : readNounPhrase(body, candidate.end, span.end, candidate.mention);
    const kind = kindFor(candidate.mention, phrase);
    const end = Math.max(candidate.end, phrase.end);
    let unit: string | null = phrase.unit ?? unitForNoun(phrase.noun, candidate.value);
    if (candidate.mention.compound) unit = candidate.mention.unit;
    if (kind === "DATE") unit = candidate.mention.unit === "year" ? "year" : candidate.mention.unit;
    const bracketed = previous !== null && /^\s*\(\s*$/.test(body.slice(previous.end, candidate.start)) && sameMeasure(previous.unit, unit);
    // "HK$350 ($45)": a sum in another currency is the outlet's own conversion at a rate of its
    // choosing, so it stays a figure of its own, in its own currency, read with the words of the sum it converts.
    const otherCurrency = bracketed && isMoney(unit) && unit !== previous!.unit;
    const fact = factFor({
      sentence: factSentence,
      spanStart: (otherCurrency ? previous!.start : candidate.start) - span.start,
      spanEnd: end - span.start,
      kind,
      unit,
      noun: kind === "DURATION" && !candidate.mention.compound ? null : phrase.noun,
      partitive: phrase.partitive,
      other: phrase.other,
      mainIncident,
    });
    if (kind === "COUNT" && unit === null && fact.measured) unit = "people";
    // "six miles (10 km)", "45°C (113°F)": a conversion in brackets restates the figure before it.
    if (previous && bracketed && !otherCurrency) {
      previous.claim.rules.push("conversion.bracket");
      previous.claim.conversion = { value: candidate.value, unit, text: body.slice(candidate.start, end) };
      continue;
    }
    // "winds of up to 144 km/h", "waves as high as 10 metres": the peak of a measured quantity is
    // stated, not bounded, so two peaks that differ conflict; a count "up to 73" stays a bound.
    let { lower, upper } = candidate;
    let { hedge } = candidate;
    // "estimated at 3.42 billion yuan (US$421.7 million)": the conversion is as hedged as the sum.
    if (otherCurrency && hedge === "EXACT" && previous!.claim.hedge !== "EXACT" && previous!.claim.hedge !== "RANGE") {
      hedge = previous!.claim.hedge;
      ({ lower, upper } = intervalFor(candidate.value, hedge));
      candidate.rules.push("hedge.conversion");
    }
    if (candidate.hedge === "AT_MOST" && unitDefinition(unit) && candidate.rules.some((rule) => PEAK_HEDGES.has(rule))) {
      lower = candidate.value;
      upper = candidate.value;
      candidate.rules.push("hedge.peak");
    } else if (candidate.hedge === "AT_MOST" && kind === "COUNT" && candidate.rules.some((rule) => ESTIMATE_HIGHS.has(rule))) {
      // "the toll could be as high as 73", "as many as 100 workers": a high estimate of the count,
      // not every number below it, so it stands for what "nearly 73" does and 18 conflicts with it.
      ({ lower } = intervalFor(candidate.value, "ALMOST"));
      candidate.rules.push("hedge.estimate-high");
    }
    const exact = body.slice(candidate.start, end);
    const text = [fact.lead, exact, fact.trail]
      .filter((part): part is string => Boolean(part))
      .join(" ")
      .replace(/\s+/g, " ");
    const context = figureContext(factSentence, candidate.start - span.start, end - span.start);
    const scopeInput: ScopeInput = {
      sentence: factSentence,
      spanStart: candidate.start - span.start,
      spanEnd: end - span.start,
      noun: phrase.noun,
      pastYear: fact.pastYear ?? null,
      counted: kind === "COUNT" || kind === "QUANTITY",
      share: unit === "percent",
      context,
      previous: previousSentence,
    };
    claims.push({
      factKey: fact.factKey,
      factLabel: fact.factLabel,
      kind,
      unit,
      text,
      // "Tens of thousands", "dozens": an interval with no point in it, so no point value.
      value: candidate.mention.form === "vague" ? null : candidate.value,
      lower,
      upper,
      hedge,
      textValue: null,
      quote: quoteFor(body, candidate.start, end),
      attribution,
      rules: [...candidate.rules, ...(unit && unitDefinition(unit) ? [`unit.${unitDefinition(unit)!.dimension}`] : [])],
      ...canonicalOf(unit, candidate.value, lower, upper),
      scope: "EVENT",
      sentenceStart: span.start,
      context,
    });
    scopes.set(claims[claims.length - 1], scopeInput);
    previous = { start: candidate.start, end, unit, claim: claims[claims.length - 1] };
  }
  return claims;
}

/** Dimension, canonical unit and converted figures for a claim's unit; nulls when the unit has no dimension. */
function canonicalOf(
  unit: string | null,
  value: number | null,
  lower: number | null,
  upper: number | null,
): Required<Pick<ExtractedClaim, "dimension" | "canonicalUnit" | "canonicalValue" | "canonicalLower" | "canonicalUpper">> {
  const definition = unitDefinition(unit);
  if (!definition) return { dimension: null, canonicalUnit: null, canonicalValue: null, canonicalLower: null, canonicalUpper: null };
  return {
    dimension: definition.dimension,
    canonicalUnit: CANONICAL_UNITS[definition.dimension],
    canonicalValue: toCanonical(unit, value),
    canonicalLower: toCanonical(unit, lower),
    canonicalUpper: toCanonical(unit, upper),
  };
}

/** Two units that measure the same thing: one dimension, or both money. */
function sameMeasure(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  if (a === b) return true;
  if (isMoney(a) && isMoney(b)) return true;
  const da = unitDefinition(a);
  const db = unitDefinition(b);
  return da !== null && db !== null && da.dimension === db.dimension;
}

/** The rules that read the number itself: its form and, for digits, how they are grouped. */
function numberRules(body: string, mention: NumberMention): string[] {
  const rules = [`number.${mention.form}`];
  const digits = /\d[\d,.\s\u00a0\u202f]*\d|\d/.exec(body.slice(mention.start, mention.end))?.[0] ?? "";
  const grouping = digits ? groupingOf(digits.trim()) : "plain";
  if (grouping !== "plain") rules.push(`number.grouping:${grouping}`);
  if (/\d[-\s]?(?:million|billion|trillion|bn|mn|m|k|lakhs?|crores?)\b/i.test(body.slice(mention.start, mention.end)))
    rules.push("number.scale");
  if (mention.compound) rules.push("number.compound-unit");
  return rules;
}

/** Hedges that state the peak of a measured quantity rather than bound it. */
const PEAK_HEDGES = new Set(["hedge.before:up to", "hedge.before:as high as", "hedge.before:as much as"]);
/** Before a count, these give a high estimate of it; "up to" and "at most" stay bounds ("up to 40 people can board"). */
const ESTIMATE_HIGHS = new Set(["hedge.before:as high as", "hedge.before:as many as"]);

/** A verb of change right before "X to Y": the change and the new level ("rose 5% to 71%"), not a range. */
const CHANGE_VERB =
  /\b(?:rose|rises|rising|risen|fell|falls|falling|fallen|dropped|drops|dropping|increased|increases|decreased|decreases|jumped|jumps|climbed|climbs|gained|gains|declined|declines|grew|grows|grown|slipped|slips|slumped|surged|soared|plunged|plummeted|tumbled|edged up|edged down|cut|raised|lowered)\s+$/i;

/** "40 or so", "40-odd", "200 or more", "40-plus". */
const POSTFIX_HEDGE = /^(?:\s+(or so|or more|or fewer|or less|plus)\b|(-odd|-plus)\b)/i;

/** Words after a score that make "2-0" a result rather than a range or two counts. */
const SCORE_WORDS =
  /^\s*(?:down|up|win|victory|defeat|loss|lead|draw|scoreline|at half-time|at halftime|after|in (?:the|their|a)\b|on aggregate|thrashing|drubbing)/i;
const SCORE_LEADS =
  /\b(?:won|win|beat|beats|lost|lose|drew|draw|trail(?:ed|ing)?|led|leading|were|was|a|an|the|by|ended|finished|score[sd]?)\s+$/i;

function scoreAt(
  body: string,
  mention: NumberMention,
  next: NumberMention | undefined,
  limit: number,
  before: string,
): { end: number } | null {
  if (!next || next.form !== "digits" || next.unit !== null) return null;
  if (!/^[-–]$/.test(body.slice(mention.end, next.start))) return null;
  if (mention.value > 30 || next.value > 30 || !Number.isInteger(mention.value) || !Number.isInteger(next.value)) return null;
  const after = body.slice(next.end, limit);
  if (!SCORE_WORDS.test(after) && !(SCORE_LEADS.test(before) && next.value <= mention.value && !/^\s+[a-z]+s\b/.test(after))) return null;
  return { end: next.end };
}

/** Capitalised name words that may stand before a number that is a count ("Monday 24 people", "About 40"). */
const NOT_NAME_WORDS = new Set([
  "the",
  "a",
  "an",
  "in",
  "on",
  "at",
  "by",
  "of",
  "for",
  "and",
  "but",
  "since",
  "until",
  "after",
  "before",
  "between",
  "from",
  "to",
  "up",
  "more",
  "less",
  "fewer",
  "all",
  "another",
  "only",
  "just",
  "exactly",
  "precisely",
  "fully",
  "police",
  "officials",
  "us",
  "uk",
  "eu",
  "un",
  ...Object.keys(HEDGE_WORDS).filter((phrase) => !phrase.includes(" ")),
  ...WEEKDAYS,
  ...Object.keys(MONTHS),
]);

/**
 * "the iPhone 11 Pro", "the Big 12", "Windows 10 users": a number right after a name word (capitalised,
 * or with a capital inside) that does not start the sentence, with no comma between them.
 */
function isNameNumber(before: string, surface: string, after: string): boolean {
  if (!/^\d{1,3}$/.test(surface)) return false;
  const word = /(?:^|[\s(“"])([A-Za-z][A-Za-z]*)\s$/.exec(before);
  if (!word) return false;
  const name = word[1];
  if (!/^[A-Z][a-z]|^[a-z]+[A-Z]/.test(name) || NOT_NAME_WORDS.has(name.toLowerCase())) return false;
  // The first word of a sentence is capitalised anyway: "Nearly 40", "Police 12" are not names.
  const lead = before.slice(0, before.length - name.length - 1);
  if (lead.trim() === "" || /[.!?:;"“]\s*$/.test(lead)) return false;
  // A name word is usually preceded by "the", another name word or a verb; "Iraq 24 people" would need a comma.
  return (
    /^[a-z]+[A-Z]/.test(name) ||
    /\b(?:the|a|an|its|their|his|her|new|old|latest)\s+$/i.test(lead) ||
    /^\s+[A-Z]/.test(after) ||
    /[A-Z][a-z]+\s+$/.test(lead)
  );
}

function textClaims(body: string, span: Span, sentence: string, mainIncident: Topic | null, attribution: string | null): ExtractedClaim[] {
  const claims: ExtractedClaim[] = [];
  WEAPON_PATTERN.lastIndex = 0;
  const weapon = WEAPON_PATTERN.exec(sentence);
  if (!weapon) return claims;
  const topic: Topic = findTopics(weapon[1])[0] ?? mainIncident ?? { topic: "attack", noun: "the attack", cls: "generic" };
  const weaponStart = span.start + weapon.index + weapon[0].indexOf(weapon[1]);
  const weaponEnd = weaponStart + weapon[1].length;
  const weaponKey = weaponFact(topic);
  const textValue = normaliseWeapon(weapon[1]);
  claims.push({
    ...weaponKey,
    kind: "TEXT",
    unit: null,
    text: textValue,
    value: null,
    lower: null,
    upper: null,
    hedge: "EXACT",
    textValue,
    quote: quoteFor(body, weaponStart, weaponEnd),
    attribution,
    rules: ["text.weapon"],
    scope: "EVENT",
    sentenceStart: span.start,
    context: { before: [], after: [], place: null },
  });

  // The place: "exploded near an important mosque in central Baghdad, killing ...".
  const place = new RegExp(
    `\\b(?:${INCIDENT_VERBS})\\s+((?:near|in|at|outside|inside|on|beside|close to)\\s+[^,;.]+?)(?=\\s*(?:,|;|\\.|$|\\s(?:killing|wounding|injuring|shortly|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|as|when|after|before|during)\\b))`,
    "i",
  ).exec(sentence.slice(weapon.index));
  if (
    place &&
    /[A-Z]|\b(?:mosque|market|church|school|hospital|checkpoint|station|square|street|road|bridge|area|district|neighbou?rhood|village|town|city|shrine|temple|building|hotel|restaurant|cafe|base|office)\b/.test(
      place[1],
    )
  ) {
    const start = span.start + weapon.index + place.index + place[0].indexOf(place[1]);
    const end = start + place[1].length;
    const value = place[1].replace(/\s+/g, " ").trim();
    claims.push({
      ...locationFact(topic),
      kind: "TEXT",
      unit: null,
      text: value,
      value: null,
      lower: null,
      upper: null,
      hedge: "EXACT",
      textValue: value,
      quote: quoteFor(body, start, end),
      attribution,
      rules: ["text.place"],
      scope: "EVENT",
      sentenceStart: span.start,
      context: { before: [], after: [], place: null },
    });
  }
  return claims;
}
