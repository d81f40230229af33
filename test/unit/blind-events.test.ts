/**
 * A blind measurement: two article sets (river floods in central Vietnam, a ferry sinking off
 * Sulawesi) written with their hand lists in fixtures/blind/ before the extractor was ever run on
 * them. Reports per set: figure recall with the right value and hedge (every miss and every claim
 * the hand list does not contain), metadata, clutter leaks, and whether each intended fact group
 * shares one key and comes to the intended agreement.
 *
 * The assertions hold what is true at the time of measurement (floors rounded down, ceilings on the
 * error counts), so the test passes and a regression fails; the printed report is the result.
 * Nothing in src/ may be tuned to these texts, or the measurement stops being blind.
 */
import * as fs from "fs";
import * as path from "path";
import { decideAgreement } from "../../src/extraction/agreement";
import { extractClaims } from "../../src/extraction/claims";
import { cleanArticle } from "../../src/extraction/clean";
import type { Agreement, CleanedArticle, ExtractedClaim, ReadingInput } from "../../src/extraction/types";
import type { HandFigure } from "./fixtures/seed-figures";
import { BLIND_SETS, type BlindArticle, type ClaimRef } from "./fixtures/blind/expected";

const DIR = path.join(__dirname, "fixtures/blind");

interface ArticleResult {
  file: string;
  expected: BlindArticle;
  cleaned: CleanedArticle;
  claims: ExtractedClaim[];
  originSlug: string;
  misses: HandFigure[];
  spurious: ExtractedClaim[];
  metadata: string[];
  leaks: string[];
  dropped: string[];
  falseFigures: string[];
}

interface GroupResult {
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

const overlaps = (claim: ExtractedClaim, at: number, length: number): boolean => claim.quote.start < at + length && at < claim.quote.end;

function spans(body: string, snippet: string): [number, number][] {
  const found: [number, number][] = [];
  for (let at = body.indexOf(snippet); at >= 0; at = body.indexOf(snippet, at + 1)) found.push([at, snippet.length]);
  return found;
}

function claimAt(result: ArticleResult, snippet: string): ExtractedClaim | undefined {
  const at = result.cleaned.body.indexOf(snippet);
  if (at < 0) return undefined;
  return result.claims.find((claim) => claim.kind !== "TEXT" && overlaps(claim, at, snippet.length));
}

function matches(body: string, figure: HandFigure, claim: ExtractedClaim): boolean {
  const at = body.indexOf(figure.snippet);
  if (at < 0) return false;
  return overlaps(claim, at, figure.snippet.length) && claim.value !== null && Math.abs(claim.value - figure.value) < 1e-6 && claim.hedge === figure.hedge;
}

function runArticle(set: string, file: string, expected: BlindArticle): ArticleResult {
  const cleaned = cleanArticle(fs.readFileSync(path.join(DIR, set, file), "utf8"));
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
    if (actual[field] !== expected[field]) metadata.push(`${field}: got ${JSON.stringify(actual[field])}, want ${JSON.stringify(expected[field])}`);
  }
  const known = [...expected.figures.map((figure) => figure.snippet), ...(expected.ignore ?? [])].flatMap((snippet) => spans(body, snippet));
  const numeric = claims.filter((claim) => claim.kind !== "TEXT");
  const falseFigures = (expected.notFigures ?? []).filter((snippet) => spans(body, snippet).some(([at, length]) => numeric.some((claim) => overlaps(claim, at, length))));
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

function reading(claim: ExtractedClaim, originSlug: string, id: string): ReadingInput {
  return { id, kind: claim.kind, value: claim.value, lower: claim.lower, upper: claim.upper, hedge: claim.hedge, textValue: claim.textValue, text: claim.text, originSlug };
}

const results = Object.fromEntries(
  Object.entries(BLIND_SETS).map(([set, { articles, groups }]) => {
    const byFile = new Map(Object.entries(articles).map(([file, expected]) => [file, runArticle(set, file, expected)]));
    const find = ([file, snippet]: ClaimRef): ExtractedClaim | undefined => claimAt(byFile.get(file)!, snippet);
    const groupResults: GroupResult[] = groups.map((group) => {
      const keys = group.claims.map((ref) => find(ref)?.factKey ?? null);
      const counts = new Map<string, number>();
      for (const key of keys) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      const key = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
      const together = key !== null && keys.every((other) => other === key);
      const readings = key === null ? [] : [...byFile.values()].flatMap((result) =>
        result.claims.filter((claim) => claim.factKey === key).map((claim, index) => reading(claim, result.originSlug, `${result.file}#${index}`)),
      );
      const apartViolations = (group.apart ?? []).filter((ref) => key !== null && find(ref)?.factKey === key).map(([file, snippet]) => `${file}: ${snippet}`);
      const agreement = key === null ? null : decideAgreement(readings);
      const members = key === null ? [] : [...byFile.values()].flatMap((result) =>
        result.claims.filter((claim) => claim.factKey === key).map((claim) => `${result.originSlug}: ${claim.value} ${claim.hedge} [${claim.lower}, ${claim.upper}] "${claim.quote.exact}"`),
      );
      return { name: group.name, keys, agreement, expected: group.agreement, together, apartViolations, members, ok: together && agreement === group.agreement && apartViolations.length === 0 };
    });
    return [set, { articles: [...byFile.values()], groups: groupResults }];
  }),
);

function recallOf(set: string): { found: number; total: number } {
  const articles = results[set].articles;
  const total = articles.reduce((sum, article) => sum + article.expected.figures.length, 0);
  const missed = articles.reduce((sum, article) => sum + article.misses.length, 0);
  return { found: total - missed, total };
}

const count = (set: string, field: "spurious" | "metadata" | "leaks" | "dropped" | "falseFigures"): number =>
  results[set].articles.reduce((sum, article) => sum + article[field].length, 0);

afterAll(() => {
  const lines: string[] = [];
  for (const [set, { articles, groups }] of Object.entries(results)) {
    const { found, total } = recallOf(set);
    const groupsOk = groups.filter((group) => group.ok).length;
    lines.push(
      `== ${set}: recall ${found}/${total} = ${((found / total) * 100).toFixed(1)}%; spurious ${count(set, "spurious")}; metadata errors ${count(set, "metadata")}; ` +
        `clutter leaks ${count(set, "leaks")}; dropped ${count(set, "dropped")}; not-figures taken ${count(set, "falseFigures")}; groups ${groupsOk}/${groups.length}`,
    );
    for (const article of articles) {
      const problems = [
        ...article.misses.map((figure) => {
          const near = claimAt(article, figure.snippet);
          return `miss ${figure.snippet} (${figure.value} ${figure.hedge})${near ? ` got ${near.value} ${near.hedge} "${near.quote.exact}" [${near.factKey}]` : " no claim"}`;
        }),
        ...article.spurious.map((claim) => `spurious ${claim.value} ${claim.hedge} "${claim.quote.exact}" [${claim.factKey}]`),
        ...article.metadata,
        ...article.leaks.map((leak) => `leak: ${leak}`),
        ...article.dropped.map((text) => `dropped: ${text}`),
        ...article.falseFigures.map((text) => `not a figure: ${text}`),
      ];
      if (problems.length) lines.push(`  ${article.file}`, ...problems.map((problem) => `    ${problem}`));
    }
    for (const group of groups) {
      lines.push(
        `  group ${group.ok ? "ok  " : "FAIL"} ${group.name}: keys ${JSON.stringify(group.keys)} -> ${group.agreement} (want ${group.expected})` +
          (group.apartViolations.length ? ` apart violated by ${group.apartViolations.join("; ")}` : ""),
      );
      if (!group.ok) lines.push(...group.members.map((member) => `         under majority key: ${member}`));
    }
  }
  console.log(lines.join("\n"));
});

/**
 * Measured on the blind sets at the first run (recall floors rounded down to the percent, counts as
 * measured), raised as generic rules improved them. Not targets.
 */
const MEASURED: Readonly<Record<string, { recall: number; spurious: number; metadata: number; leaks: number; dropped: number; falseFigures: number; groupsOk: number }>> = {
  flood: { recall: 0.98, spurious: 0, metadata: 0, leaks: 1, dropped: 0, falseFigures: 0, groupsOk: 3 }, // 61/62
  ferry: { recall: 1, spurious: 0, metadata: 0, leaks: 0, dropped: 0, falseFigures: 0, groupsOk: 3 }, // 59/59
};

describe.each(Object.keys(BLIND_SETS))("blind event: %s", (set) => {
  it("has every hand-written snippet in the raw text", () => {
    for (const article of results[set].articles) {
      const raw = article.cleaned.raw;
      const absent = [...article.expected.figures.map((figure) => figure.snippet), ...article.expected.clutter, ...article.expected.kept].filter((snippet) => !raw.includes(snippet));
      expect({ file: article.file, absent }).toEqual({ file: article.file, absent: [] });
    }
  });

  it("recalls figures with the right value and hedge at least as well as measured", () => {
    const { found, total } = recallOf(set);
    expect(found / total).toBeGreaterThanOrEqual(MEASURED[set].recall);
  });

  it("makes no more spurious claims, metadata errors, leaks, drops or false figures than measured", () => {
    const m = MEASURED[set];
    expect(count(set, "spurious")).toBeLessThanOrEqual(m.spurious);
    expect(count(set, "metadata")).toBeLessThanOrEqual(m.metadata);
    expect(count(set, "leaks")).toBeLessThanOrEqual(m.leaks);
    expect(count(set, "dropped")).toBeLessThanOrEqual(m.dropped);
    expect(count(set, "falseFigures")).toBeLessThanOrEqual(m.falseFigures);
  });

  it("anchors every claim's quote in its body", () => {
    for (const { cleaned, claims } of results[set].articles) {
      for (const claim of claims) expect(cleaned.body.slice(claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
    }
  });

  it("forms at least as many intended fact groups as measured", () => {
    expect(results[set].groups.filter((group) => group.ok).length).toBeGreaterThanOrEqual(MEASURED[set].groupsOk);
  });
});
