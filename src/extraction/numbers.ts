/**
 * Finding the numbers in a sentence: digits ("19", "3,455", "2.5 million", "$2 billion", "42%"),
 * number words ("seven", "twenty-four", "two dozen"), spans of time written as words
 * ("three decades", "a quarter of a century"), hyphenated compounds ("four-hour"),
 * vague plurals ("hundreds of", "tens of thousands") and calendar dates ("April 1980", "March 8").
 *
 * This module only reads numbers. Whether a number is a claim about the world (and not a
 * time of day, a name or a pronoun) is decided in claims.ts, which knows the sentence.
 * Offsets are UTF-16 code-unit offsets, the same as String.prototype.slice.
 */

import { FUSED_UNIT_SPELLINGS, unitNamed } from "./lexicon/units";
import { MONTHS } from "./lexicon/calendar";
import { CURRENCY_CODES, CURRENCY_SIGNS, DOLLAR_PREFIXES } from "./lexicon/currencies";

export type NumberForm = "digits" | "words" | "vague" | "year" | "decade" | "date";

export interface NumberMention {
  /** Inclusive start of the numeric expression ("$" and scale words included). */
  start: number;
  /** Exclusive end; for "four-hour" the end is after "hour", for "42%" after "%". */
  end: number;
  value: number;
  /** Equal to value except for vague plurals and decades, which span a range. */
  lower: number;
  upper: number;
  form: NumberForm;
  /**
   * A unit the expression carries itself: "hours" from "four-hour", "years" from "three decades",
   * "percent" from "42%", "dollars" from "$2", "year" for a calendar year. Null when the unit,
   * if any, is the word that follows ("24 people").
   */
  unit: string | null;
  /** "four-hour talks": the unit is fused to the number, so the next noun is the thing measured. */
  compound: boolean;
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/**
 * The tokenizer: a figure as one token in any of the groupings news uses, runs of letters, or any
 * single other character. Groupings, tried in this order:
 * - Indian lakh grouping "2,91,000" (groups of two before the last three);
 * - a decimal comma before a scale, "2,22-million", "3,42 billion";
 * - Western grouping and decimals, "3,455", "2.5";
 * - thousands separated by a space (or a narrow/no-break space), "11 789", "1 250 000".
 * All bounded and anchored on digits, so the pattern is linear on any run of digits and commas.
 */
const TOKEN_PATTERN =
  /\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3},\d{1,2}(?=[-\s]?(?:million|billion|trillion|bn|mn)\b)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]|[ \u00a0\u202f]\d)|\d+(?:,\d{3})*(?:\.\d+)?|[A-Za-z]+|[^\sA-Za-z\d]/g;

/** How a digit token groups its figure, for the claim's rules. */
export function groupingOf(digits: string): "indian" | "decimal-comma" | "spaced" | "plain" {
  if (/^\d{1,2}(?:,\d{2})+,\d{3}$/.test(digits)) return "indian";
  if (/^\d{1,3},\d{1,2}$/.test(digits)) return "decimal-comma";
  if (/[ \u00a0\u202f]/.test(digits)) return "spaced";
  return "plain";
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_PATTERN.lastIndex = 0;
  for (let match = TOKEN_PATTERN.exec(text); match !== null; match = TOKEN_PATTERN.exec(text)) {
    const start = match.index;
    tokens.push({ text: match[0], lower: match[0].toLowerCase(), start, end: start + match[0].length });
  }
  return tokens;
}

export const SMALL_NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

export const TENS_WORDS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

export const SCALE_WORDS: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  // South Asian scales ("Tk 1 lakh", "5 crore rupees").
  lakh: 1e5,
  lakhs: 1e5,
  crore: 1e7,
  crores: 1e7,
};

/** Abbreviated scales fused to digits, as in "$2bn" or "5m". */
const FUSED_SCALES: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, tn: 1e12 };

/**
 * Vague plurals and the interval each allows. A plural means at least two of the unit
 * ("hundreds" is 200 or more) and stops short of the next order of magnitude.
 */
export const VAGUE_PLURALS: Readonly<Record<string, readonly [number, number]>> = {
  tens: [20, 99],
  dozens: [24, 99],
  scores: [40, 99],
  hundreds: [200, 999],
  // Reporters say "thousands" well past 10,000 ("thousands of islands" for 17,000) but rarely past
  // 100,000, where "hundreds of thousands" takes over; "tens of thousands" is read on its own.
  thousands: [2000, 99_999],
  millions: [2e6, 999_999_999],
  billions: [2e9, 999_999_999_999],
  // "for decades", "decades old": at least two decades, short of a century; read in years.
  decades: [20, 99],
};

/** Spans of time, singular and plural, with the unit they normalise to and its multiplier. */
export const TIME_UNITS: Readonly<Record<string, { unit: string; factor: number }>> = {
  second: { unit: "seconds", factor: 1 },
  seconds: { unit: "seconds", factor: 1 },
  minute: { unit: "minutes", factor: 1 },
  minutes: { unit: "minutes", factor: 1 },
  hour: { unit: "hours", factor: 1 },
  hours: { unit: "hours", factor: 1 },
  day: { unit: "days", factor: 1 },
  days: { unit: "days", factor: 1 },
  week: { unit: "weeks", factor: 1 },
  weeks: { unit: "weeks", factor: 1 },
  month: { unit: "months", factor: 1 },
  months: { unit: "months", factor: 1 },
  year: { unit: "years", factor: 1 },
  years: { unit: "years", factor: 1 },
  decade: { unit: "years", factor: 10 },
  decades: { unit: "years", factor: 10 },
  century: { unit: "years", factor: 100 },
  centuries: { unit: "years", factor: 100 },
};

/** Units that may be fused to a number with a hyphen ("12-hour", "three-day", "10-mile"). */
const COMPOUND_UNITS: Readonly<Record<string, string>> = {
  second: "seconds",
  minute: "minutes",
  hour: "hours",
  day: "days",
  week: "weeks",
  month: "months",
  year: "years",
  decade: "decades",
  mile: "miles",
  kilometre: "kilometres",
  kilometer: "kilometres",
  km: "kilometres",
  metre: "metres",
  meter: "metres",
  foot: "feet",
  storey: "storeys",
  story: "storeys",
  floor: "storeys",
  member: "members",
  man: "people",
  person: "people",
  nation: "nations",
  point: "points",
  seat: "seats",
  vehicle: "vehicles",
  car: "cars",
  ton: "tonnes",
  tonne: "tonnes",
  page: "pages",
  bed: "beds",
  // Abbreviations fused to digits ("250mm", "5kg") read as the same unit as the word spelled out.
  mm: "millimetres",
  millimetre: "millimetres",
  millimeter: "millimetres",
  cm: "centimetres",
  centimetre: "centimetres",
  centimeter: "centimetres",
  kg: "kilograms",
  kilogram: "kilograms",
  ft: "feet",
  inch: "inches",
};

export { MONTHS } from "./lexicon/calendar";

/** Words after a bare digit that make it a designation rather than a quantity. */
const ORDINAL_SUFFIXES = new Set(["st", "nd", "rd", "th"]);

function numberOf(digits: string): number {
  if (groupingOf(digits) === "decimal-comma") return Number(digits.replace(",", "."));
  return Number(digits.replace(/[,\s\u00a0\u202f]/g, ""));
}

function isDigits(token: Token | undefined): boolean {
  return token !== undefined && /^\d/.test(token.text);
}

function adjacent(a: Token | undefined, b: Token | undefined): boolean {
  return a !== undefined && b !== undefined && a.end === b.start;
}

/** A capitalised month name (lower-case "may" is the verb). */
function monthOf(token: Token | undefined): number | null {
  if (!token || !/^[A-Z]/.test(token.text)) return null;
  return MONTHS[token.lower] ?? null;
}

interface WordNumber {
  value: number;
  /** Index of the first token after the number. */
  next: number;
}

/** The words a number written in words can start with: any other token is not one (checked first, as every token is asked). */
const WORD_NUMBER_STARTS: ReadonlySet<string> = new Set([...Object.keys(SMALL_NUMBER_WORDS), ...Object.keys(TENS_WORDS), "a", "an"]);

/**
 * Reads "seven", "twenty-four", "three hundred and five", "a thousand", "2.5 million" (the scale
 * part), from token i. "a"/"an" counts only in front of a scale word ("a hundred", "a million").
 */
function readWordNumber(tokens: Token[], i: number): WordNumber | null {
  if (!WORD_NUMBER_STARTS.has(tokens[i]?.lower ?? "")) return null;
  let j = i;
  let total = 0;
  let current = 0;
  let consumed = false;
  let last: "small" | "tens" | "hundred" | "scale" | null = null;
  const first = tokens[j];
  if (first && (first.lower === "a" || first.lower === "an") && tokens[j + 1] && SCALE_WORDS[tokens[j + 1].lower]) {
    current = 1;
    j += 1;
  }
  while (j < tokens.length) {
    const token = tokens[j];
    const word = token.lower;
    if (SMALL_NUMBER_WORDS[word] !== undefined && last !== "small" && last !== "tens") {
      current += SMALL_NUMBER_WORDS[word];
      last = "small";
      j += 1;
    } else if (TENS_WORDS[word] !== undefined && last !== "small" && last !== "tens") {
      current += TENS_WORDS[word];
      last = "tens";
      j += 1;
      const hyphen = tokens[j];
      const unit = tokens[j + 1];
      if (
        hyphen?.text === "-" &&
        adjacent(token, hyphen) &&
        adjacent(hyphen, unit) &&
        unit &&
        SMALL_NUMBER_WORDS[unit.lower] !== undefined &&
        SMALL_NUMBER_WORDS[unit.lower] < 10
      ) {
        current += SMALL_NUMBER_WORDS[unit.lower];
        j += 2;
      }
    } else if (word === "hundred" && (consumed || current > 0) && last !== "hundred") {
      current = (current || 1) * 100;
      last = "hundred";
      j += 1;
    } else if (SCALE_WORDS[word] !== undefined && SCALE_WORDS[word] >= 1000 && (consumed || current > 0)) {
      total += (current || 1) * SCALE_WORDS[word];
      current = 0;
      last = "scale";
      j += 1;
    } else if (word === "and" && (last === "hundred" || last === "scale")) {
      const after = tokens[j + 1]?.lower ?? "";
      if (SMALL_NUMBER_WORDS[after] === undefined && TENS_WORDS[after] === undefined) break;
      j += 1;
      last = null;
    } else {
      break;
    }
    consumed = true;
  }
  if (!consumed) return null;
  return { value: total + current, next: j };
}

/** Applies "dozen", "decade(s)", "century" and a following scale word to a number read at [i, next). */
function applyMultipliers(tokens: Token[], next: number, value: number): { value: number; next: number; unit: string | null } {
  let j = next;
  let result = value;
  let unit: string | null = null;
  if (tokens[j]?.lower === "dozen") {
    result *= 12;
    j += 1;
  }
  // "2,22-million", "a 2.5-billion deal": a hyphen may join the scale to the figure.
  if (
    tokens[j]?.text === "-" &&
    adjacent(tokens[j - 1], tokens[j]) &&
    adjacent(tokens[j], tokens[j + 1]) &&
    (SCALE_WORDS[tokens[j + 1]?.lower ?? ""] ?? 0) >= 1000
  )
    j += 1;
  const scale = tokens[j] ? SCALE_WORDS[tokens[j].lower] : undefined;
  if (scale !== undefined && scale >= 1000) {
    result *= scale;
    j += 1;
  } else if (tokens[j - 1]?.text === "-") {
    j -= 1;
  }
  const time = tokens[j] ? TIME_UNITS[tokens[j].lower] : undefined;
  if (time && time.factor > 1) {
    // Decades and centuries are re-expressed in years so they compare with "27 years".
    result *= time.factor;
    unit = time.unit;
    j += 1;
  }
  return { value: result, next: j, unit };
}

/** Matches the fixed phrases that name a span of years without a digit. */
const YEAR_SPAN_PHRASES: ReadonlyArray<{ pattern: RegExp; years: number }> = [
  { pattern: /^(?:a|one) quarter(?:-| of a )century\b/i, years: 25 },
  { pattern: /^half a century\b/i, years: 50 },
  { pattern: /^half a decade\b/i, years: 5 },
  { pattern: /^(?:a|one) decade\b/i, years: 10 },
  { pattern: /^(?:a|one) century\b/i, years: 100 },
  { pattern: /^(?:a|one) half-century\b/i, years: 50 },
];

/** "half a million", "a quarter of a million": a fraction of a scale word. */
const FRACTION_OF_SCALE = /^(half a|a quarter of a|three quarters of a) (thousand|million|billion)\b/i;
const FRACTIONS: Readonly<Record<string, number>> = { "half a": 0.5, "a quarter of a": 0.25, "three quarters of a": 0.75 };

/** "a year and a half", "two and a half hours", "an hour and a half": a span with a half. */
const HALF_SPAN =
  /^(?:(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (seconds?|minutes?|hours?|days?|weeks?|months?|years?) and a half|(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) and a half (seconds?|minutes?|hours?|days?|weeks?|months?|years?))\b/i;

/**
 * "two-thirds of those on board", "a third of the homes", "half of the passengers": a share of a
 * group, read as the percent it is (two-thirds is 66.67, unit "percent"), so "more than half of
 * voters" compares with "a turnout of 48%", never equals a count, and "fewer than two-thirds" is
 * not "fewer than two". A bare
 * "a third"/"half" needs its "of" ("a third day" is an ordinal); a hyphenated one does not.
 */
const FRACTION_SHARE =
  /^(?:(one|two|three|four|a)[- ](halves|half|thirds?|quarters?|fifths?)\b(?=\s+of\b)|(one|two|three|four)-(thirds?|quarters?|fifths?)\b|(half)(?=\s+of\s))/i;
const SHARE_DENOMINATORS: Readonly<Record<string, number>> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fifth: 5,
  fifths: 5,
};

/**
 * "an hour", "half an hour", "a minute": a single unit of time written without a number. Only
 * after a word that makes it a span ("for an hour", "in less than a minute", "half an hour"), never a
 * rate ("80 km an hour", "twice a day").
 */
const SINGLE_SPAN = /^(?:(half|a quarter of) )?an? (hour|minute)\b(?![-\s]+(?:long|and a half)\b)/i;
const SPAN_LEADS =
  /(?:^|\b)(?:for|within|in|than|about|nearly|almost|around|roughly|some|over|under|after|before|lasted|lasting|took|takes|take|just|only|barely|spent|waited|least|most|to)\s+$/i;

/** "a few hundred", "several thousand": an unstated multiple of a scale, read like its plural. */
const FEW_OF_SCALE = /^(?:a few|several|a couple of) (hundred|thousand|million)\b/i;

function tokenIndexAt(tokens: Token[], offset: number, from: number): number {
  let j = from;
  while (j < tokens.length && tokens[j].start < offset) j += 1;
  return j;
}

/**
 * Every numeric expression in `text`, in order, not overlapping. Times of day ("9:26"),
 * ordinals ("4th"), and digits fused to letters ("F-16", "G8") are left out here because
 * they are never quantities; everything else is left to the caller to judge in context.
 */
export function findNumbers(text: string): NumberMention[] {
  const tokens = tokenize(text);
  const mentions: NumberMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const found = readMentionAt(text, tokens, i);
    if (found) {
      mentions.push(found.mention);
      i = found.next;
    } else {
      i += 1;
    }
  }
  return mentions;
}

/** The fixed phrases of words that name a figure: spans of years, fractions, halves, shares, "several hundred". */
function readPhraseAt(text: string, tokens: Token[], i: number): { mention: NumberMention; next: number } | null {
  const token = tokens[i];
  for (const phrase of YEAR_SPAN_PHRASES) {
    const match = phrase.pattern.exec(text.slice(token.start, token.start + 40));
    if (match && (i === 0 || !/[A-Za-z]/.test(text[token.start - 1] ?? ""))) {
      const end = token.start + match[0].length;
      return {
        mention: {
          start: token.start,
          end,
          value: phrase.years,
          lower: phrase.years,
          upper: phrase.years,
          form: "words",
          unit: "years",
          compound: false,
        },
        next: tokenIndexAt(tokens, end, i),
      };
    }
  }

  if (i === 0 || !/[A-Za-z]/.test(text[token.start - 1] ?? "")) {
    const head = text.slice(token.start, token.start + 48);
    const fraction = FRACTION_OF_SCALE.exec(head);
    if (fraction) {
      const value = FRACTIONS[fraction[1].toLowerCase()] * SCALE_WORDS[fraction[2].toLowerCase()];
      const end = token.start + fraction[0].length;
      return {
        mention: { start: token.start, end, value, lower: value, upper: value, form: "words", unit: null, compound: false },
        next: tokenIndexAt(tokens, end, i),
      };
    }
    const half = HALF_SPAN.exec(head);
    if (half) {
      const count = (half[1] ?? half[3]).toLowerCase();
      const whole = /^\d/.test(count) ? Number(count) : count === "a" || count === "an" ? 1 : SMALL_NUMBER_WORDS[count];
      const time = TIME_UNITS[(half[2] ?? half[4]).toLowerCase()];
      const value = whole + 0.5;
      const end = token.start + half[0].length;
      return {
        mention: { start: token.start, end, value, lower: value, upper: value, form: "words", unit: time.unit, compound: false },
        next: tokenIndexAt(tokens, end, i),
      };
    }
    const share = FRACTION_SHARE.exec(head);
    if (share) {
      const count = (share[1] ?? share[3] ?? "one").toLowerCase();
      const numerator = count === "a" ? 1 : SMALL_NUMBER_WORDS[count];
      const denominator = SHARE_DENOMINATORS[(share[2] ?? share[4] ?? share[5]).toLowerCase()];
      const value = Math.round((10000 * numerator) / denominator) / 100;
      const end = token.start + share[0].length;
      return {
        mention: { start: token.start, end, value, lower: value, upper: value, form: "words", unit: "percent", compound: false },
        next: tokenIndexAt(tokens, end, i),
      };
    }
    const single = SINGLE_SPAN.exec(head);
    if (single && (single[1] || SPAN_LEADS.test(text.slice(Math.max(0, token.start - 20), token.start)))) {
      const value = single[1] ? (single[1].toLowerCase() === "half" ? 0.5 : 0.25) : 1;
      const end = token.start + single[0].length;
      const unit = TIME_UNITS[single[2].toLowerCase()].unit;
      return {
        mention: { start: token.start, end, value, lower: value, upper: value, form: "words", unit, compound: false },
        next: tokenIndexAt(tokens, end, i),
      };
    }
    const few = FEW_OF_SCALE.exec(head);
    if (few) {
      const [lower, upper] = VAGUE_PLURALS[`${few[1].toLowerCase()}s`];
      const end = token.start + few[0].length;
      return {
        mention: { start: token.start, end, value: lower, lower, upper, form: "vague", unit: null, compound: false },
        next: tokenIndexAt(tokens, end, i),
      };
    }
  }
  return null;
}

/**
 * The words the fixed phrases start with ("a quarter of a century", "half a million", "two and a
 * half hours", "two-thirds of", "several hundred"): any other token that is not digits skips them all.
 */
const PHRASE_STARTERS: ReadonlySet<string> = new Set([
  ...Object.keys(SMALL_NUMBER_WORDS).filter((word) => SMALL_NUMBER_WORDS[word] >= 1 && SMALL_NUMBER_WORDS[word] <= 10),
  "a",
  "an",
  "half",
  "several",
]);

function readMentionAt(text: string, tokens: Token[], i: number): { mention: NumberMention; next: number } | null {
  const token = tokens[i];
  const previous = tokens[i - 1];
  const phrase = PHRASE_STARTERS.has(token.lower) || isDigits(token) ? readPhraseAt(text, tokens, i) : null;
  if (phrase) return phrase;

  if (isDigits(token)) return readDigitsAt(tokens, i);

  if (VAGUE_PLURALS[token.lower] !== undefined) {
    return readVagueAt(tokens, i);
  }

  // "half a dozen"
  if (token.lower === "half" && tokens[i + 1]?.lower === "a" && tokens[i + 2]?.lower === "dozen") {
    return {
      mention: { start: token.start, end: tokens[i + 2].end, value: 6, lower: 6, upper: 6, form: "words", unit: null, compound: false },
      next: i + 3,
    };
  }
  // "a dozen", "a hundred", "a million"
  if ((token.lower === "a" || token.lower === "an") && tokens[i + 1]?.lower === "dozen") {
    return {
      mention: { start: token.start, end: tokens[i + 1].end, value: 12, lower: 12, upper: 12, form: "words", unit: null, compound: false },
      next: i + 2,
    };
  }

  const words = readWordNumber(tokens, i);
  if (!words) return null;
  // A word number glued to a previous word ("al-Qaeda-one") is part of a name.
  if (previous && adjacent(previous, token) && /[A-Za-z]/.test(previous.text)) return null;
  const multiplied = applyMultipliers(tokens, words.next, words.value);
  return withCompound(tokens, multiplied.next, {
    start: token.start,
    end: tokens[multiplied.next - 1].end,
    value: multiplied.value,
    lower: multiplied.value,
    upper: multiplied.value,
    form: "words",
    unit: multiplied.unit,
    compound: false,
  });
}

/** "four-hour", "12-day": a hyphen and a unit fused to the number. */
function withCompound(tokens: Token[], next: number, mention: NumberMention): { mention: NumberMention; next: number } {
  const hyphen = tokens[next];
  const unitToken = tokens[next + 1];
  const last = tokens[next - 1];
  if (hyphen?.text === "-" && adjacent(last, hyphen) && adjacent(hyphen, unitToken) && unitToken) {
    const singular = unitToken.lower.replace(/s$/, "");
    const unit = COMPOUND_UNITS[unitToken.lower] ?? COMPOUND_UNITS[singular];
    if (unit) {
      const time = TIME_UNITS[unitToken.lower];
      const factor = time ? time.factor : 1;
      const value = mention.value * factor;
      return {
        mention: { ...mention, end: unitToken.end, value, lower: value, upper: value, unit: time ? time.unit : unit, compound: true },
        next: next + 2,
      };
    }
  }
  return { mention, next };
}

function readVagueAt(tokens: Token[], i: number): { mention: NumberMention; next: number } | null {
  const token = tokens[i];
  const base = VAGUE_PLURALS[token.lower];
  const ofToken = tokens[i + 1];
  const scaleToken = tokens[i + 2];
  // "tens of thousands", "hundreds of millions": the first plural counts the second.
  if (ofToken?.lower === "of" && scaleToken && /^(thousands|millions|billions)$/.test(scaleToken.lower)) {
    const scale = SCALE_WORDS[scaleToken.lower.replace(/s$/, "")];
    const lower = base[0] * scale;
    const upper = base[1] * scale + (scale - 1);
    return {
      mention: { start: token.start, end: scaleToken.end, value: lower, lower, upper, form: "vague", unit: null, compound: false },
      next: i + 3,
    };
  }
  // A bare "tens" is not a quantity ("tens of people" is rare and usually a typo for "dozens").
  if (token.lower === "tens") return null;
  const unit = token.lower === "decades" ? "years" : null;
  return {
    mention: { start: token.start, end: token.end, value: base[0], lower: base[0], upper: base[1], form: "vague", unit, compound: false },
    next: i + 1,
  };
}

function readDigitsAt(tokens: Token[], i: number): { mention: NumberMention; next: number } | null {
  const token = tokens[i];
  const previous = tokens[i - 1];
  const next = tokens[i + 1];

  // Glued to letters on the left ("G8", "F-16", "COVID-19"): a name.
  if (previous && adjacent(previous, token) && /[A-Za-z]/.test(previous.text)) return null;
  // "magnitude-7.2" is a reading, not a name.
  if (
    previous?.text === "-" &&
    adjacent(previous, token) &&
    adjacent(tokens[i - 2], previous) &&
    /[A-Za-z]/.test(tokens[i - 2]?.text ?? "") &&
    tokens[i - 2].lower !== "magnitude"
  )
    return null;
  // A clock time: "9:26", "10.30 am", "9 a.m.".
  if (next?.text === ":" && adjacent(token, next) && isDigits(tokens[i + 2])) return null;
  if (previous?.text === ":" && adjacent(previous, token) && isDigits(tokens[i - 2])) return null;
  // Lower-case "am" is usually the verb ("I am 30"), so only the capitalised form or a.m. marks a time.
  if (next && /^(AM|PM|pm|GMT|UTC|hrs)$/.test(next.text)) return null;
  // "10.20 am", "7 am local time": an hour (and minutes) before a lower-case "am" is a time, not the
  // verb, which stands before its number ("I am 30").
  if (next?.text === "am" && /^(?:(?:[01]?\d|2[0-3])\.[0-5]\d|[1-9]|1[0-2])$/.test(token.text)) return null;
  if (next && /^[ap]$/i.test(next.text) && tokens[i + 2]?.text === "." && /^m$/i.test(tokens[i + 3]?.text ?? "")) return null;

  let value = numberOf(token.text);
  let end = token.end;
  let j = i + 1;
  let unit: string | null = null;
  let form: NumberForm = "digits";
  let lower = value;
  let upper = value;

  if (next && adjacent(token, next) && /^[A-Za-z]/.test(next.text)) {
    if (ORDINAL_SUFFIXES.has(next.lower)) return null;
    if (next.lower === "s" && /^\d{4}$/.test(token.text)) {
      // "the 1980s": the decade, as a calendar range.
      return {
        mention: {
          start: token.start,
          end: next.end,
          value,
          lower: value,
          upper: value + 9,
          form: "decade",
          unit: "year",
          compound: false,
        },
        next: i + 2,
      };
    }
    const fused = metresNotMillions(tokens, i) ? undefined : FUSED_SCALES[next.lower];
    if (fused === undefined) {
      if (next.lower === "m") {
        return {
          mention: { start: token.start, end: next.end, value, lower: value, upper: value, form, unit: "metres", compound: false },
          next: i + 2,
        };
      }
      // "140km/h", "10kmh": a speed.
      const perHour =
        (next.lower === "km" || next.lower === "mi") &&
        tokens[i + 2]?.text === "/" &&
        /^h$/i.test(tokens[i + 3]?.text ?? "") &&
        adjacent(next, tokens[i + 2])
          ? tokens[i + 3]
          : null;
      if (perHour) {
        return {
          mention: {
            start: token.start,
            end: perHour.end,
            value,
            lower: value,
            upper: value,
            form,
            unit: next.lower === "km" ? "km/h" : "mph",
            compound: false,
          },
          next: i + 4,
        };
      }
      // "45C", "minus 5C", "113F": British papers glue the scale's letter to the degrees. Not after a
      // capitalised word ("iPhone 5C", "Room 5C"), where it is a name.
      const glued = tokens[i + 2];
      if (
        /^[CF]$/.test(next.text) &&
        !/[A-Z]/.test(previous?.text ?? "") &&
        !(glued && adjacent(next, glued) && /^[A-Za-z\d]/.test(glued.text))
      ) {
        return {
          mention: { start: token.start, end: next.end, value, lower: value, upper: value, form, unit: `°${next.text}`, compound: false },
          next: i + 2,
        };
      }
      const fusedUnit = FUSED_UNIT_SPELLINGS.has(next.lower) ? unitNamed(next.lower) : null;
      const unitWord = COMPOUND_UNITS[next.lower] ?? fusedUnit?.name;
      if (!unitWord && !/^(km|kg|mm|cm|mph|ft|lb|lbs)$/.test(next.lower)) return null;
      return {
        mention: {
          start: token.start,
          end: next.end,
          value,
          lower: value,
          upper: value,
          form,
          unit: unitWord ?? next.lower,
          compound: false,
        },
        next: i + 2,
      };
    }
    value *= fused;
    lower = upper = value;
    end = next.end;
    j = i + 2;
  }

  // Calendar dates: "March 8", "May 28, 2007", "28 May 2007", "April 1980".
  // "2019-08-31": an ISO date stamp is one date, never a year and a range 08-31.
  const iso = isoDateAt(tokens, i);
  if (iso) return iso;
  const month = monthOf(previous);
  if (month !== null && /^\d{1,2}$/.test(token.text) && value >= 1 && value <= 31) {
    let dateEnd = token.end;
    let dateValue = month * 100 + value;
    let dateUnit = "month-day";
    let after = i + 1;
    if (tokens[i + 1]?.text === "," && /^\d{4}$/.test(tokens[i + 2]?.text ?? "")) {
      dateValue = numberOf(tokens[i + 2].text) * 10000 + dateValue;
      dateUnit = "date";
      dateEnd = tokens[i + 2].end;
      after = i + 3;
    }
    return {
      mention: {
        start: previous.start,
        end: dateEnd,
        value: dateValue,
        lower: dateValue,
        upper: dateValue,
        form: "date",
        unit: dateUnit,
        compound: false,
      },
      next: after,
    };
  }
  if (month !== null && /^\d{4}$/.test(token.text)) {
    return {
      mention: { start: previous.start, end: token.end, value, lower: value, upper: value, form: "year", unit: "year", compound: false },
      next: i + 1,
    };
  }
  const monthAfter = monthOf(next);
  if (monthAfter !== null && /^\d{1,2}$/.test(token.text) && value >= 1 && value <= 31) {
    let dateEnd = next.end;
    let dateValue = monthAfter * 100 + value;
    let dateUnit = "month-day";
    let after = i + 2;
    if (/^\d{4}$/.test(tokens[i + 2]?.text ?? "")) {
      dateValue = numberOf(tokens[i + 2].text) * 10000 + dateValue;
      dateUnit = "date";
      dateEnd = tokens[i + 2].end;
      after = i + 3;
    }
    return {
      mention: {
        start: token.start,
        end: dateEnd,
        value: dateValue,
        lower: dateValue,
        upper: dateValue,
        form: "date",
        unit: dateUnit,
        compound: false,
      },
      next: after,
    };
  }

  // "$2 billion", "€5m": the currency sign is part of the expression.
  let start = token.start;
  if (previous && adjacent(previous, token) && CURRENCY_SIGNS[previous.text]) {
    start = previous.start;
    unit = CURRENCY_SIGNS[previous.text];
    // "HK$350", "A$2m", "US$45": the prefix names whose dollars.
    const prefix = tokens[i - 2];
    if (previous.text === "$" && prefix && adjacent(prefix, previous) && DOLLAR_PREFIXES[prefix.text]) {
      start = prefix.start;
      unit = DOLLAR_PREFIXES[prefix.text];
    }
  } else if (previous && CURRENCY_CODES[previous.text] && previous.end <= token.start && token.start - previous.end <= 1) {
    // "Rs 5 lakh", "Tk 1 crore": a currency written as letters before the figure.
    start = previous.start;
    unit = CURRENCY_CODES[previous.text];
  }

  // "2.5 million", "3 dozen"
  if (j === i + 1) {
    const multiplied = applyMultipliers(tokens, j, value);
    if (multiplied.next > j) {
      value = multiplied.value;
      lower = upper = value;
      end = tokens[multiplied.next - 1].end;
      unit = multiplied.unit ?? unit;
      j = multiplied.next;
    }
  }

  // "45°C", "113 °F": a temperature.
  if (
    tokens[j]?.text === "°" &&
    tokens[j].start - tokens[j - 1].end <= 1 &&
    /^[CF]$/.test(tokens[j + 1]?.text ?? "") &&
    adjacent(tokens[j], tokens[j + 1])
  ) {
    return {
      mention: { start, end: tokens[j + 1].end, value, lower, upper, form, unit: `°${tokens[j + 1].text}`, compound: false },
      next: j + 2,
    };
  }
  if (tokens[j]?.text === "%" && adjacent(tokens[j - 1], tokens[j])) {
    return { mention: { start, end: tokens[j].end, value, lower, upper, form, unit: "percent", compound: false }, next: j + 1 };
  }

  // A bare four-digit number in the calendar range is a year unless it counts something.
  if (/^\d{4}$/.test(token.text) && value >= 1000 && value <= 2199 && unit === null && j === i + 1) {
    form = "year";
    unit = "year";
  }

  return withCompound(tokens, j, { start, end, value, lower, upper, form, unit, compound: false });
}

/** "2019-08-31" (year, month, day joined by hyphens, nothing glued around): one DATE mention. */
function isoDateAt(tokens: Token[], i: number): { mention: NumberMention; next: number } | null {
  const [year, dash1, month, dash2, day] = tokens.slice(i, i + 5);
  if (!day || !/^\d{4}$/.test(year.text) || !/^\d{2}$/.test(month.text) || !/^\d{2}$/.test(day.text)) return null;
  if (
    dash1.text !== "-" ||
    dash2.text !== "-" ||
    ![dash1, month, dash2, day].every((token, k) => adjacent([year, dash1, month, dash2][k], token))
  )
    return null;
  const [y, m, d] = [numberOf(year.text), numberOf(month.text), numberOf(day.text)];
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const value = y * 10000 + m * 100 + d;
  return {
    mention: { start: year.start, end: day.end, value, lower: value, upper: value, form: "date", unit: "date", compound: false },
    next: i + 5,
  };
}

/**
 * "4,200m (13,800ft)", "a 300m-high tower": a fused "m" is metres when no currency sign stands in
 * front and the text around it measures length; "$5m" and "2m people" stay millions.
 */
function metresNotMillions(tokens: Token[], i: number): boolean {
  const unit = tokens[i + 1];
  if (unit?.lower !== "m") return false;
  const before = tokens[i - 1];
  if (before && adjacent(before, tokens[i]) && CURRENCY_SIGNS[before.text]) return false;
  const after = tokens.slice(i + 2, i + 6).map((token) => token.lower);
  if (after[0] === "(" && /^\d/.test(after[1] ?? "") && /^(?:ft|feet|yards|miles)$/.test(after[2] ?? "")) return true;
  if (after[0] === "-" && /^(?:high|tall|long|wide|deep)$/.test(after[1] ?? "")) return true;
  if (/^(?:high|tall|long|wide|deep|above|below|away|from|up|down|into|off|underground|underwater)$/.test(after[0] ?? "")) return true;
  const words = tokens.slice(Math.max(0, i - 6), i).map((token) => token.lower);
  return words.some((word) => /^(?:altitude|elevation|height|depth|distance|metres?|meters?)$/.test(word));
}

/** Parses a single number written in words or digits ("twenty-four", "3,455", "2.5 million"); null if it is not one. */
export function parseNumber(phrase: string): number | null {
  const mentions = findNumbers(phrase.trim());
  if (mentions.length !== 1) return null;
  const [only] = mentions;
  if (only.start !== 0 || only.end !== phrase.trim().length) return null;
  return only.value;
}
