/**
 * A regression set: two article sets (river floods in central Vietnam, a ferry sinking off
 * Sulawesi) in fixtures/regression/. They were written blind, with their hand lists, before the
 * extractor was ever run on them, but rules have been tuned on them since, so they no longer
 * measure how Crosscheck does on unseen news (npm run eval on ../shared/eval does): they guard
 * against regressions. Reports per set: figure recall with the right value and hedge (every miss and every claim
 * the hand list does not contain), metadata, clutter leaks, and whether each intended fact group
 * shares one key and comes to the intended agreement.
 *
 * The assertions hold what is true at the time of measurement (floors rounded down, ceilings on the
 * error counts), so the test passes and a regression fails; the printed report is the result.
 * Facts are formed by story-level alignment (helpers/event-sets.ts), as in the loader.
 */
import * as path from "path";
import { REGRESSION_SETS } from "./fixtures/regression/expected";
import { evaluateSets, formatProblems, recallOf } from "./helpers/event-sets";

const results = evaluateSets(path.join(__dirname, "fixtures/regression"), REGRESSION_SETS);

const count = (set: string, field: "spurious" | "metadata" | "leaks" | "dropped" | "falseFigures"): number =>
  results[set].articles.reduce((sum, article) => sum + article[field].length, 0);

afterAll(() => {
  const lines: string[] = [];
  for (const [set, { articles, groups }] of Object.entries(results)) {
    const { found, total } = recallOf(articles);
    const groupsOk = groups.filter((group) => group.ok).length;
    lines.push(
      `== ${set}: recall ${found}/${total} = ${((found / total) * 100).toFixed(1)}%; spurious ${count(set, "spurious")}; metadata errors ${count(set, "metadata")}; ` +
        `clutter leaks ${count(set, "leaks")}; dropped ${count(set, "dropped")}; not-figures taken ${count(set, "falseFigures")}; groups ${groupsOk}/${groups.length}`,
    );
    for (const article of articles) lines.push(...formatProblems(article, true));
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
 * Measured on these sets at the first (then blind) run (recall floors rounded down to the percent, counts as
 * measured), raised as generic rules improved them. Not targets.
 */
const MEASURED: Readonly<
  Record<
    string,
    { recall: number; spurious: number; metadata: number; leaks: number; dropped: number; falseFigures: number; groupsOk: number }
  >
> = {
  flood: { recall: 0.98, spurious: 0, metadata: 0, leaks: 1, dropped: 0, falseFigures: 0, groupsOk: 3 }, // 61/62
  ferry: { recall: 1, spurious: 0, metadata: 0, leaks: 0, dropped: 0, falseFigures: 0, groupsOk: 4 }, // 59/59
};

describe.each(Object.keys(REGRESSION_SETS))("regression event: %s", (set) => {
  it("has every hand-written snippet in the raw text", () => {
    for (const article of results[set].articles) {
      const raw = article.cleaned.raw;
      const absent = [
        ...article.expected.figures.map((figure) => figure.snippet),
        ...article.expected.clutter,
        ...article.expected.kept,
      ].filter((snippet) => !raw.includes(snippet));
      expect({ file: article.file, absent }).toEqual({ file: article.file, absent: [] });
    }
  });

  it("recalls figures with the right value and hedge at least as well as measured", () => {
    const { found, total } = recallOf(results[set].articles);
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
