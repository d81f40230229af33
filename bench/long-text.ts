/**
 * Texts of unusual shape for the extraction core's linearity checks: one paragraph of short
 * sentences (a live blog or a scrape without line breaks), one sentence that never ends, runs of
 * figures, of number words and of capitals. Figures vary (a seeded PRNG), so no two sentences are
 * the same and nothing can be cached away. Deterministic for a given shape, length and seed.
 */
import { prng } from "./synthetic";

type Fill = (random: () => number) => string;

const int = (random: () => number, max: number): number => 1 + Math.floor(random() * max);
const thousands = (n: number): string => n.toLocaleString("en-US");

const SHORT: Fill[] = [
  (r) => `Police said ${int(r, 90)} people were killed in the blast.`,
  (r) => `At least ${int(r, 200)} others were wounded, officials said.`,
  (r) => `The talks lasted ${["two", "three", "four", "five"][int(r, 4) - 1]} hours.`,
  (r) => `Some ${thousands(int(r, 9000))} troops were deployed.`,
  (r) => `Relations were cut ${int(r, 40)} years ago.`,
  (r) => `Nearly ${thousands(int(r, 900) * 1000)} people fled the storm.`,
  (r) => `The ministry said ${int(r, 9)} of the dead were children.`,
  (r) => `Winds reached ${int(r, 200)} km/h (${int(r, 120)} mph) on Monday.`,
];

export const LONG_TEXT_SHAPES: Readonly<Record<string, Fill[]>> = {
  /** Short sentences in one paragraph: the shape of issue 13's measurement. */
  sentences: SHORT,
  /** No sentence break at all: clauses joined by "and". */
  "one sentence": [
    (r) => `the blast killed ${int(r, 90)} people and`,
    (r) => `some ${int(r, 99)} were hurt, and`,
    (r) => `nearly ${thousands(int(r, 900) * 100)} fled while`,
  ],
  digits: [
    (r) =>
      `${thousands(int(r, 9_999_999))} ${int(r, 99)} ${int(r, 9)},${int(r, 9)},${int(r, 9)} ${int(r, 9)}-${int(r, 9)} ${int(r, 50)} to ${int(r, 99)} and`,
  ],
  "number words": [() => "twenty-four one two three hundred thousand dozens of scores of"],
  capitals: [() => "BAGHDAD ALPHA Beta Gamma Delta said"],
  quotes: [(r) => `"${int(r, 40)} "dead" ''said'' “${int(r, 9)}” ‘one’`],
  hyphens: [(r) => `${int(r, 9)}-${int(r, 9)}-${int(r, 9)} - -- — ${int(r, 99)}-year-old -`],
  commas: [(r) => `,,${int(r, 9)},,${int(r, 999)},${int(r, 999)},, ,`],
};

/** Many short paragraphs, each opening with a dateline and a wire tag (one line each). */
export function datelinedParagraphs(length: number, seed = 1): string {
  const random = prng(seed);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i += 1) {
    const part = `BAGHDAD, May ${int(random, 28)} (Reuters) - ${SHORT[i % SHORT.length](random)} ${SHORT[(i + 3) % SHORT.length](random)}`;
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join("\n\n").slice(0, length);
}

/** A single paragraph of about `length` characters in the given shape. */
export function longParagraph(shape: keyof typeof LONG_TEXT_SHAPES, length: number, seed = 1): string {
  const fills = LONG_TEXT_SHAPES[shape];
  const random = prng(seed);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i += 1) {
    const part = fills[i % fills.length](random);
    parts.push(part);
    size += part.length + 1;
  }
  return parts.join(" ").slice(0, length);
}
