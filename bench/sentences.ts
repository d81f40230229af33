/**
 * `npm run bench:sentences`: value F1, value+hedge F1 and ms per sentence of extractClaims on the
 * project's sentence benchmark (bench/sentence-set.ts), then every sentence it reads wrongly
 * (the backlog ones marked). Last line machine-readable.
 */
import { SENTENCE_SET } from "./sentence-set";
import { describeFigure, scoreSet, sentenceRight } from "./sentence-score";

scoreSet(SENTENCE_SET.slice(0, 20)); // warm-up
const score = scoreSet(SENTENCE_SET);
for (const result of score.results) {
  if (sentenceRight(result)) continue;
  const want = result.spec.figures.map((figure) =>
    figure[0] === "RANGE" ? `[${figure[1]}, ${figure[2]}]` : `${figure[0]} ${figure[1] ?? "EXACT"}`,
  );
  console.log(`${result.spec.backlog ? "backlog" : "MISS   "} ${result.spec.text}`);
  console.log(`          want ${want.join("; ") || "(none)"}   got ${result.predicted.map(describeFigure).join("; ") || "(none)"}`);
}
const fresh = scoreSet(SENTENCE_SET.filter((spec) => spec.topic === "fresh"));
console.log(
  `fresh part (written after the fixes, scored once before any change): sentences=${fresh.sentences} value_f1=${fresh.valueF1.toFixed(1)} value_hedge_f1=${fresh.hedgeF1.toFixed(1)}`,
);
console.log(
  `sentences=${score.sentences} gold=${score.gold} predicted=${score.predicted} value_f1=${score.valueF1.toFixed(1)} value_hedge_f1=${score.hedgeF1.toFixed(1)} ms_per_sentence=${score.msPerSentence.toFixed(3)}`,
);
