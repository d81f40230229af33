/**
 * `npm run bench:linear`: extractClaims CPU time on one paragraph of each shape in bench/long-text.ts,
 * at 17,600 characters, four times that and 1 MB (issue 13.2: linear, 17,600 under 100 ms, 1 MB under
 * 5 s). CPU time of this process, best of three after a warm-up, so a busy machine inflates it little.
 * Last line, machine-readable: the worst shape's figures.
 */
import { extractClaims } from "../src/extraction";
import { datelinedParagraphs, LONG_TEXT_SHAPES, longParagraph } from "./long-text";

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const sizes = [17_600, 70_400, 1_000_000];
const shapes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [...Object.keys(LONG_TEXT_SHAPES), "datelined paragraphs"];
const textOf = (shape: string, size: number): string =>
  shape === "datelined paragraphs" ? datelinedParagraphs(size) : longParagraph(shape, size);
extractClaims(longParagraph("sentences", 17_600));
let worst = { base: 0, growth: 0, mb: 0 };
console.log("| shape | 17,600 chars | 70,400 chars | x4 growth | 1 MB | claims in 1 MB |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const shape of shapes) {
  const times: number[] = [];
  let claims = 0;
  for (const size of sizes) {
    const text = textOf(shape, size);
    const runs = size >= 1_000_000 ? 1 : 3;
    times.push(Math.min(...Array.from({ length: runs }, () => cpuMs(() => (claims = extractClaims(text).length)))));
  }
  const growth = times[1] / Math.max(times[0], 0.01);
  console.log(
    `| ${shape} | ${times[0].toFixed(0)} ms | ${times[1].toFixed(0)} ms | ${growth.toFixed(2)} | ${(times[2] / 1000).toFixed(2)} s | ${claims} |`,
  );
  worst = {
    base: Math.max(worst.base, times[0]),
    growth: Math.max(worst.growth, times[0] >= 5 ? growth : 0),
    mb: Math.max(worst.mb, times[2]),
  };
}
console.log(
  `worst_17600_ms=${worst.base.toFixed(0)} worst_growth_x4=${worst.growth.toFixed(2)} worst_1mb_s=${(worst.mb / 1000).toFixed(2)}`,
);
