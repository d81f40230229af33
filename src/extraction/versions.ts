/**
 * Versions of one story: articles from the same origin that are one text as it was filed,
 * updated and copied (a wire story on the agency's site and an earlier take on an aggregator).
 *
 * Two articles of one origin are versions when either
 *  - they carry the same byline and near-identical headlines (a rewritten lede keeps both), or
 *  - their bodies are near-duplicates: word-shingle MinHash sketches estimate a Jaccard similarity
 *    of at least BODY_SIMILARITY (a copy with clutter removed, a lightly edited take).
 * Candidate pairs are articles whose sketches share a hash (or a byline), so a story of thousands
 * of unrelated articles is not compared pair by pair. Versions are transitive (A~B and B~C put A, B, C in one group).
 */

export interface VersionCandidate {
  id: string;
  /** Who wrote it; only articles of the same origin can be versions of each other. */
  originSlug: string;
  headline: string;
  byline: string | null;
  body: string;
}

/** Headline word overlap (Jaccard) at which two same-byline articles are one story. */
export const HEADLINE_SIMILARITY = 0.8;
/** Estimated body shingle Jaccard at which two articles are one text. */
export const BODY_SIMILARITY = 0.5;
const SHINGLE_WORDS = 4;
const SKETCH_SIZE = 64;

function words(text: string): string[] {
  // "U.S." and "US" are one word; apostrophes and dashes do not split a word.
  return (
    text
      .toLowerCase()
      .replace(/(?<=\b\p{L})\.(?=\p{L}\b|\s|$)/gu, "")
      .match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []
  );
}

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** 32-bit FNV-1a; stable across runs, so sketches are reproducible. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A bottom-k MinHash sketch: the SKETCH_SIZE smallest shingle hashes, ascending. One hash per
 * shingle keeps it cheap; the sketches of two texts estimate their shingle Jaccard similarity.
 */
function sketchOf(body: string): number[] | null {
  const tokens = words(body);
  if (tokens.length < SHINGLE_WORDS) return null;
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i += 1) shingles.add(hash(tokens.slice(i, i + SHINGLE_WORDS).join(" ")));
  return [...shingles].sort((a, b) => a - b).slice(0, SKETCH_SIZE);
}

/** Of the SKETCH_SIZE smallest hashes of the union, the share both texts contain. */
function sketchSimilarity(a: number[], b: number[]): number {
  const inB = new Set(b);
  const union = [...new Set([...a, ...b])].sort((x, y) => x - y).slice(0, SKETCH_SIZE);
  const inA = new Set(a);
  const shared = union.filter((value) => inA.has(value) && inB.has(value)).length;
  return union.length === 0 ? 0 : shared / union.length;
}

function normaliseByline(byline: string | null): string | null {
  if (!byline) return null;
  const name = byline
    .replace(/^\s*by\s+/i, "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
  return name === "" ? null : name;
}

function versionsWithSketches(a: VersionCandidate, b: VersionCandidate, left: number[] | null, right: number[] | null): boolean {
  if (a.originSlug !== b.originSlug) return false;
  const byline = normaliseByline(a.byline);
  if (
    byline !== null &&
    byline === normaliseByline(b.byline) &&
    jaccard(new Set(words(a.headline)), new Set(words(b.headline))) >= HEADLINE_SIMILARITY
  ) {
    return true;
  }
  return left !== null && right !== null && sketchSimilarity(left, right) >= BODY_SIMILARITY;
}

/** Whether two articles of one origin are versions of one text. */
export function areVersions(a: VersionCandidate, b: VersionCandidate): boolean {
  return versionsWithSketches(a, b, sketchOf(a.body), sketchOf(b.body));
}

/**
 * Groups a story's articles into versions. Returns, for every article id, the ids of its other
 * versions (empty when it has none), in the order the articles were given.
 */
export function findVersions(articles: VersionCandidate[]): Map<string, string[]> {
  const parent = articles.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const join = (i: number, j: number) => {
    const a = root(i);
    const b = root(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };

  const byOrigin = new Map<string, number[]>();
  articles.forEach((article, i) => byOrigin.set(article.originSlug, [...(byOrigin.get(article.originSlug) ?? []), i]));
  for (const members of byOrigin.values()) {
    if (members.length < 2) continue;
    const candidates = new Set<string>();
    const buckets = new Map<string, number[]>();
    const add = (bucket: string, i: number) => buckets.set(bucket, [...(buckets.get(bucket) ?? []), i]);
    const sketches = new Map<number, number[] | null>();
    for (const i of members) {
      const article = articles[i];
      const byline = normaliseByline(article.byline);
      if (byline !== null) add(`byline:${byline}`, i);
      const sketch = sketchOf(article.body);
      sketches.set(i, sketch);
      // Near-duplicates share most of their smallest hashes; sharing any one makes a candidate pair.
      if (sketch) for (const value of sketch) add(`hash:${value}`, i);
    }
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x += 1) for (let y = x + 1; y < bucket.length; y += 1) candidates.add(`${bucket[x]}:${bucket[y]}`);
    }
    for (const pair of candidates) {
      const [i, j] = pair.split(":").map(Number);
      if (root(i) !== root(j) && versionsWithSketches(articles[i], articles[j], sketches.get(i)!, sketches.get(j)!)) join(i, j);
    }
  }

  const groups = new Map<number, string[]>();
  articles.forEach((article, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), article.id]));
  return new Map(articles.map((article, i) => [article.id, groups.get(root(i))!.filter((id) => id !== article.id)]));
}
