/**
 * Synthetic articles for benchmarks and fault tests: each one is a seed article (seeds/
 * baghdad-talks-2007) whose head (date, headline, lead with dateline and agency) is kept, so the
 * cleaner still finds its outlet, and whose remaining paragraphs are shuffled, thinned and mixed with
 * a few paragraphs of the other seeds. Deterministic: the same seed number gives the same bytes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const SEED_FOLDER = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..",
  "seeds",
  "baghdad-talks-2007",
);

/** mulberry32: small, fast and good enough to shuffle paragraphs reproducibly. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface SeedArticle {
  name: string;
  head: string[];
  rest: string[];
  host?: string;
}

let seedCache: SeedArticle[] | null = null;

function seedArticles(): SeedArticle[] {
  if (seedCache) return seedCache;
  const manifest = JSON.parse(fs.readFileSync(path.join(SEED_FOLDER, "manifest.json"), "utf8")) as {
    articles: Record<string, { host?: string }>;
  };
  seedCache = fs
    .readdirSync(SEED_FOLDER)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => {
      const paragraphs = fs
        .readFileSync(path.join(SEED_FOLDER, name), "utf8")
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== "");
      // The head ends with the lead: the first long paragraph, which carries dateline and agency.
      const lead = paragraphs.findIndex((p) => p.length > 120);
      return { name, head: paragraphs.slice(0, lead + 1), rest: paragraphs.slice(lead + 1), host: manifest.articles[name]?.host };
    });
  return seedCache;
}

export interface SyntheticArticle {
  name: string;
  text: string;
  host?: string;
}

/** Article number `index` of the corpus made from `seed`. */
export function syntheticArticle(index: number, seed = 1): SyntheticArticle {
  const seeds = seedArticles();
  const random = prng(seed * 1_000_003 + index);
  const base = seeds[index % seeds.length];
  const others = seeds.filter((s) => s !== base).flatMap((s) => s.rest);
  const borrowed = shuffle(others, random).slice(0, 2);
  const kept = shuffle([...base.rest, ...borrowed], random).filter(() => random() < 0.8);
  const text = [...base.head, ...kept, `(Synthetic article ${index} of corpus ${seed}.)`].join("\n\n") + "\n";
  return { name: `${String(index).padStart(6, "0")}-${base.name}`, text, host: base.host };
}

export interface SyntheticStory {
  slug: string;
  title: string;
  folder: string;
  files: string[];
}

export interface CorpusOptions {
  articles: number;
  /** Articles per story folder; one story's size stays that of a real story. */
  perStory?: number;
  /** Number the first article (and story) from here, to grow a corpus in steps. */
  firstIndex?: number;
  seed?: number;
  root?: string;
  slugPrefix?: string;
}

/** Writes `articles` synthetic articles into story folders (each with a manifest.json) under root. */
export function writeSyntheticCorpus(options: CorpusOptions): { root: string; stories: SyntheticStory[] } {
  const perStory = options.perStory ?? 10;
  const first = options.firstIndex ?? 0;
  const seed = options.seed ?? 1;
  const prefix = options.slugPrefix ?? "synthetic";
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-synthetic-"));
  const stories = new Map<number, SyntheticStory>();
  const manifests = new Map<number, Record<string, { host?: string }>>();
  for (let index = first; index < first + options.articles; index++) {
    const storyNumber = Math.floor(index / perStory);
    let story = stories.get(storyNumber);
    if (!story) {
      const slug = `${prefix}-${String(storyNumber).padStart(6, "0")}`;
      story = { slug, title: `Synthetic story ${storyNumber}`, folder: path.join(root, slug), files: [] };
      fs.mkdirSync(story.folder, { recursive: true });
      stories.set(storyNumber, story);
      manifests.set(storyNumber, {});
    }
    const article = syntheticArticle(index, seed);
    fs.writeFileSync(path.join(story.folder, article.name), article.text);
    story.files.push(article.name);
    if (article.host) manifests.get(storyNumber)![article.name] = { host: article.host };
  }
  for (const [number, story] of stories) {
    // A story folder may be written in two steps (growing corpus): merge with what is there.
    const file = path.join(story.folder, "manifest.json");
    const existing = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, "utf8")) as { articles: Record<string, unknown> }).articles
      : {};
    fs.writeFileSync(
      file,
      JSON.stringify({ story: { slug: story.slug, title: story.title }, articles: { ...existing, ...manifests.get(number) } }),
    );
  }
  return { root, stories: [...stories.values()] };
}
