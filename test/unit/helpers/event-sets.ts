/**
 * The harness shared by other-events.test.ts and regression-events.test.ts: run the extraction core on
 * every article of a hand-listed set, compare it with the hand list, and evaluate the set's
 * cross-outlet fact groups. Pure apart from reading the fixture texts.
 */
import * as fs from "fs";
import * as path from "path";
import { decideAgreement, readingInputOf } from "../../../src/extraction/agreement";
import { alignFacts } from "../../../src/extraction/align";
import { extractClaims } from "../../../src/extraction/claims";
import { cleanArticle } from "../../../src/extraction/clean";
import type { Agreement, CleanedArticle, ExtractedClaim } from "../../../src/extraction/types";
import type { ArticleExpectation, ClaimRef, EventSet } from "../fixtures/event-set";
import type { HandFigure } from "../fixtures/seed-figures";

export interface ArticleResult {
  file: string;
  expected: ArticleExpectation;
  cleaned: CleanedArticle;
  claims: ExtractedClaim[];
  originSlug: string;
  misses: HandFigure[];
  /** Numeric claims over no hand-listed figure and no `ignore` snippet. */
  spurious: ExtractedClaim[];
  metadata: string[];
  leaks: string[];
  dropped: string[];
  falseFigures: string[];
}

export interface GroupResult {
  name: string;
  keys: (string | null)[];
  agreement: Agreement | null;
  expected: Agreement;
  together: boolean;
  apartViolations: string[];
  /** Every claim in the set under the majority key, to show why the agreement came out as it did. */
  members: string[];
  ok: boolean;
}

export interface SetResult {
  articles: ArticleResult[];
  groups: GroupResult[];
}

export interface RunOptions {
  /**
   * other-events rules for false figures: a not-figure is looked for at its first occurrence only,
   * and a claim quoting a clock time, a relative stamp or a reading-time counter counts as one.
   * Without it (regression sets), a not-figure is looked for at every occurrence and stamps are not checked.
   */
  pageStamps?: boolean;
}

const overlaps = (claim: ExtractedClaim, at: number, length: number): boolean => claim.quote.start < at + length && at < claim.quote.end;

function spans(body: string, snippet: string): [number, number][] {
  const found: [number, number][] = [];
  for (let at = body.indexOf(snippet); at >= 0; at = body.indexOf(snippet, at + 1)) found.push([at, snippet.length]);
  return found;
}

export function claimAt(result: ArticleResult, snippet: string): ExtractedClaim | undefined {
  const at = result.cleaned.body.indexOf(snippet);
  if (at < 0) return undefined;
  return result.claims.find((claim) => claim.kind !== "TEXT" && overlaps(claim, at, snippet.length));
}

function matches(body: string, figure: HandFigure, claim: ExtractedClaim): boolean {
  const at = body.indexOf(figure.snippet);
  if (at < 0) return false;
  // "Dozens" has bounds but no point value; the hand figure names its lower bound.
  const point = claim.value ?? (claim.hedge === "RANGE" ? claim.lower : null);
  return (
    overlaps(claim, at, figure.snippet.length) && point !== null && Math.abs(point - figure.value) < 1e-6 && claim.hedge === figure.hedge
  );
}

export function runArticle(dir: string, set: string, file: string, expected: ArticleExpectation, options: RunOptions = {}): ArticleResult {
  const cleaned = cleanArticle(fs.readFileSync(path.join(dir, set, file), "utf8"));
  const claims = extractClaims(cleaned.body);
  const { body } = cleaned;
  const actual = {
    origin: cleaned.origin?.slug ?? null,
    host: cleaned.host?.slug ?? null,
    headline: cleaned.headline,
    byline: cleaned.byline,
    dateline: cleaned.dateline,
    publishedAt: cleaned.publishedAt,
  };
  const metadata: string[] = [];
  for (const field of ["origin", "host", "headline", "byline", "dateline", "publishedAt"] as const) {
    if (actual[field] !== expected[field])
      metadata.push(`${field}: got ${JSON.stringify(actual[field])}, want ${JSON.stringify(expected[field])}`);
  }
  const known = [...expected.figures.map((figure) => figure.snippet), ...(expected.ignore ?? [])].flatMap((snippet) =>
    spans(body, snippet),
  );
  const numeric = claims.filter((claim) => claim.kind !== "TEXT");
  const occurrences = (snippet: string): [number, number][] =>
    options.pageStamps ? spans(body, snippet).slice(0, 1) : spans(body, snippet);
  const falseFigures = (expected.notFigures ?? []).filter((snippet) =>
    occurrences(snippet).some(([at, length]) => numeric.some((claim) => overlaps(claim, at, length))),
  );
  if (options.pageStamps) {
    // A claim quoting a clock time, a relative stamp or a reading-time counter is page furniture.
    for (const claim of claims) {
      if (/\d{1,2}:\d{2}|\bago\b.*\b(?:hours?|minutes?)\b|\bmin read\b|\bGMT\b/.test(claim.quote.exact) && !/\bago$/.test(claim.text))
        falseFigures.push(claim.quote.exact);
    }
  }
  return {
    file,
    expected,
    cleaned,
    claims,
    originSlug: cleaned.origin?.slug ?? cleaned.host?.slug ?? file,
    misses: expected.figures.filter((figure) => !claims.some((claim) => matches(body, figure, claim))),
    spurious: numeric.filter((claim) => !known.some(([at, length]) => overlaps(claim, at, length))),
    metadata,
    leaks: expected.clutter.filter((snippet) => body.includes(snippet)),
    dropped: expected.kept.filter((snippet) => !body.includes(snippet)),
    falseFigures,
  };
}

/** Runs every article of a set and evaluates its groups: the majority key, whether all claims share it, `apart`, and the agreement. */
export function evaluateSet(dir: string, set: string, { articles, groups }: EventSet, options: RunOptions = {}): SetResult {
  const byFile = new Map(Object.entries(articles).map(([file, expected]) => [file, runArticle(dir, set, file, expected, options)]));
  const find = ([file, snippet]: ClaimRef): ExtractedClaim | undefined => claimAt(byFile.get(file)!, snippet);
  // Facts are formed per story, by aligning the claims of all its articles.
  const factKeyOf = new Map<ExtractedClaim, string>();
  const all = [...byFile.values()].flatMap((result) =>
    result.claims.map((claim, index) => ({ id: `${result.file}#${index}`, articleId: result.file, claim })),
  );
  const byId = new Map(all.map((input) => [input.id, input.claim]));
  for (const fact of alignFacts(all)) for (const id of fact.claimIds) factKeyOf.set(byId.get(id)!, fact.key);
  const keyOf = (claim: ExtractedClaim | undefined): string | null => (claim ? (factKeyOf.get(claim) ?? null) : null);
  const underKey = (key: string): { result: ArticleResult; claim: ExtractedClaim; index: number }[] =>
    [...byFile.values()].flatMap((result) =>
      result.claims.filter((claim) => keyOf(claim) === key).map((claim, index) => ({ result, claim, index })),
    );
  const groupResults = groups.map((group): GroupResult => {
    const keys = group.claims.map((ref) => keyOf(find(ref)));
    const counts = new Map<string, number>();
    for (const key of keys) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    const key = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const together = key !== null && keys.every((other) => other === key);
    const members = key === null ? [] : underKey(key);
    const apartViolations = (group.apart ?? [])
      .filter((ref) => key !== null && keyOf(find(ref)) === key)
      .map(([file, snippet]) => `${file}: ${snippet}`);
    const agreement =
      key === null
        ? null
        : decideAgreement(members.map(({ result, claim, index }) => readingInputOf(claim, `${result.file}#${index}`, result.originSlug)));
    return {
      name: group.name,
      keys,
      agreement,
      expected: group.agreement,
      together,
      apartViolations,
      members: members.map(
        ({ result, claim }) =>
          `${result.originSlug}: ${claim.value} ${claim.hedge} [${claim.lower}, ${claim.upper}] "${claim.quote.exact}"`,
      ),
      ok: together && agreement === group.agreement && apartViolations.length === 0,
    };
  });
  return { articles: [...byFile.values()], groups: groupResults };
}

export function evaluateSets(dir: string, sets: Readonly<Record<string, EventSet>>, options: RunOptions = {}): Record<string, SetResult> {
  return Object.fromEntries(Object.entries(sets).map(([set, expected]) => [set, evaluateSet(dir, set, expected, options)]));
}

export function recallOf(articles: ArticleResult[]): { found: number; total: number } {
  const total = articles.reduce((sum, article) => sum + article.expected.figures.length, 0);
  const missed = articles.reduce((sum, article) => sum + article.misses.length, 0);
  return { found: total - missed, total };
}

/**
 * The report lines for one article's problems (empty when there are none). `detailed` adds the fact
 * key of a near claim, "no claim" when there is none, and the spurious claims.
 */
export function formatProblems(article: ArticleResult, detailed = false): string[] {
  const problems = [
    ...article.misses.map((figure) => {
      const near = claimAt(article, figure.snippet);
      const got = near
        ? ` got ${near.value} ${near.hedge} "${near.quote.exact}"${detailed ? ` [${near.factKey}]` : ""}`
        : detailed
          ? " no claim"
          : "";
      return `miss ${figure.snippet} (${figure.value} ${figure.hedge})${got}`;
    }),
    ...(detailed
      ? article.spurious.map((claim) => `spurious ${claim.value} ${claim.hedge} "${claim.quote.exact}" [${claim.factKey}]`)
      : []),
    ...article.metadata,
    ...article.leaks.map((leak) => `leak: ${leak}`),
    ...article.dropped.map((text) => `dropped: ${text}`),
    ...article.falseFigures.map((text) => `not a figure: ${text}`),
  ];
  return problems.length ? [`  ${article.file}`, ...problems.map((problem) => `    ${problem}`)] : [];
}
