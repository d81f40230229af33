/**
 * The sentence benchmark (bench/sentence-set.ts) as one table-driven test: each sentence must be
 * read with exactly its figures, value and hedge. Backlog sentences are expected to fail (test.failing),
 * so fixing one makes its test fail until it leaves the backlog. Then the whole set's F1 and speed.
 */
import { SENTENCE_SET } from "../../bench/sentence-set";
import { describeFigure, scoreSentence, scoreSet, sentenceRight } from "../../bench/sentence-score";

const describeGold = (spec: (typeof SENTENCE_SET)[number]): string =>
  spec.figures
    .map((figure) => (figure[0] === "RANGE" ? `[${figure[1]}, ${figure[2]}]` : `${figure[0]} ${figure[1] ?? "EXACT"}`))
    .join("; ");

describe("sentence benchmark: each sentence", () => {
  const current = SENTENCE_SET.filter((spec) => !spec.backlog);
  const backlog = SENTENCE_SET.filter((spec) => spec.backlog);

  it.each(current.map((spec) => [spec.text, spec] as const))("%s", (_text, spec) => {
    const result = scoreSentence(spec);
    // On a miss, show what was read against what is wanted.
    if (!sentenceRight(result)) expect(result.predicted.map(describeFigure).join("; ")).toBe(describeGold(spec));
    expect(sentenceRight(result)).toBe(true);
  });

  if (backlog.length > 0) {
    it.failing.each(backlog.map((spec) => [spec.text, spec] as const))("backlog: %s", (_text, spec) => {
      expect(sentenceRight(scoreSentence(spec))).toBe(true);
    });
  }
});

describe("sentence benchmark: the whole set", () => {
  it("has 200+ sentences and reaches value F1 >= 90, value+hedge F1 >= 85, under 3 ms a sentence", () => {
    scoreSet(SENTENCE_SET.slice(0, 20));
    const score = scoreSet(SENTENCE_SET);
    expect(score.sentences).toBeGreaterThanOrEqual(200);
    expect(score.valueF1).toBeGreaterThanOrEqual(90);
    expect(score.hedgeF1).toBeGreaterThanOrEqual(85);
    expect(score.msPerSentence).toBeLessThan(3);
  });
});
