/**
 * Recall on the seed articles: the figures written down by hand in fixtures/seed-figures.ts
 * against what extractClaims finds in each cleaned body.
 */
import * as fs from "fs";
import * as path from "path";
import { extractClaims } from "../../src/extraction/claims";
import { cleanArticle } from "../../src/extraction/clean";
import type { ExtractedClaim } from "../../src/extraction/types";
import { SEED_FIGURES, type HandFigure } from "./fixtures/seed-figures";

const SEED_DIR = path.join(__dirname, "../../seeds/baghdad-talks-2007");

function bodyOf(file: string): string {
  return cleanArticle(fs.readFileSync(path.join(SEED_DIR, file), "utf8")).body;
}

function matches(body: string, figure: HandFigure, claim: ExtractedClaim): boolean {
  const at = body.indexOf(figure.snippet);
  if (at < 0) return false;
  const overlaps = claim.quote.start < at + figure.snippet.length && at < claim.quote.end;
  return overlaps && claim.value === figure.value && claim.hedge === figure.hedge;
}

describe("seed figures", () => {
  const files = Object.keys(SEED_FIGURES);
  const results = files.map((file) => {
    const body = bodyOf(file);
    const claims = extractClaims(body);
    const misses = SEED_FIGURES[file].filter((figure) => !claims.some((claim) => matches(body, figure, claim)));
    return { file, body, claims, misses };
  });

  it("has every hand-written snippet in its cleaned body", () => {
    for (const { file, body } of results) {
      for (const figure of SEED_FIGURES[file])
        expect({ file, snippet: figure.snippet, found: body.includes(figure.snippet) }).toEqual({
          file,
          snippet: figure.snippet,
          found: true,
        });
    }
  });

  it("recalls at least 90% of the figures with the right value and hedge", () => {
    const total = files.reduce((sum, file) => sum + SEED_FIGURES[file].length, 0);
    const missed = results.flatMap(({ file, misses }) =>
      misses.map((figure) => `${file}: ${figure.snippet} (${figure.value} ${figure.hedge})`),
    );
    const recall = (total - missed.length) / total;
    console.log(
      `seed recall ${total - missed.length}/${total} = ${(recall * 100).toFixed(1)}%${missed.length ? `\nmisses:\n  ${missed.join("\n  ")}` : ""}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it("anchors every claim's quote in its body", () => {
    for (const { body, claims } of results) {
      for (const claim of claims) {
        expect(body.slice(claim.quote.start, claim.quote.end)).toBe(claim.quote.exact);
        expect(claim.quote.prefix).toBe(body.slice(Math.max(0, claim.quote.start - 32), claim.quote.start));
        expect(claim.quote.suffix).toBe(body.slice(claim.quote.end, claim.quote.end + 32));
      }
    }
  });

  it("takes no claim from a time of day, a page header or a dateline", () => {
    const raw = fs.readFileSync(path.join(SEED_DIR, "us-tells-iran-to-stop-backing-iraq-militias.txt"), "utf8");
    // The raw page with its header line left in: the extractor must skip it on its own.
    const unclean = raw
      .split("\n")
      .filter((line) => line.trim())
      .join("\n\n");
    for (const body of [unclean, ...results.map((result) => result.body)]) {
      for (const claim of extractClaims(body)) {
        expect(claim.quote.exact).not.toMatch(/\d:\d\d|years ago|^May 28$/);
        expect(claim.text).not.toMatch(/^12 years/);
      }
    }
  });

  it("puts the same quantity from different outlets on the same key", () => {
    const keyOf = (file: string, snippet: string): string | undefined => {
      const result = results.find((entry) => entry.file === file)!;
      const at = result.body.indexOf(snippet);
      return result.claims.find((claim) => claim.quote.start < at + snippet.length && at < claim.quote.end)?.factKey;
    };
    const gap = [
      keyOf("iran-us-talks-end-without-breakthrough.txt", "in almost three decades"),
      keyOf("us-and-iran-trade-blame-over-iraq-chaos.txt", "arch-foes in 27 years"),
      keyOf("us-tells-iran-face-to-face.txt", "relations 27 years ago"),
      keyOf("us-tells-iran-to-stop-backing-iraq-militias-copy.txt", "in almost three decades"),
      keyOf("us-tells-iran-to-stop-backing-iraq-militias.txt", "in almost 30 years"),
    ];
    expect(new Set(gap).size).toBe(1);
    const duration = [
      keyOf("iran-us-talks-end-without-breakthrough.txt", "a four-hour meeting"),
      keyOf("us-and-iran-trade-blame-over-iraq-chaos.txt", "lasted four hours"),
      keyOf("us-tells-iran-face-to-face.txt", "which lasted four hours"),
      keyOf("us-tells-iran-to-stop-backing-iraq-militias.txt", "the four-hour talks"),
    ];
    expect(duration).toEqual(["talks.duration", "talks.duration", "talks.duration", "talks.duration"]);
    const cut = [
      keyOf("us-and-iran-trade-blame-over-iraq-chaos.txt", "diplomatic ties in 1980"),
      keyOf("us-tells-iran-face-to-face.txt", "in April 1980"),
      keyOf("us-tells-iran-to-stop-backing-iraq-militias-copy.txt", "relations with Iran in 1980"),
      keyOf("us-tells-iran-to-stop-backing-iraq-militias.txt", "with Tehran in 1980"),
    ];
    expect(cut).toEqual(["relations.cut_year", "relations.cut_year", "relations.cut_year", "relations.cut_year"]);
    const held = [
      keyOf("iran-us-talks-end-without-breakthrough.txt", "seven Iranian detainees"),
      keyOf("us-and-iran-trade-blame-over-iraq-chaos.txt", "holding seven alleged"),
      keyOf("us-tells-iran-face-to-face.txt", 'holding seven "Iranian'),
    ];
    expect(held).toEqual(["detainees.held", "detainees.held", "detainees.held"]);
    expect(keyOf("us-tells-iran-to-stop-backing-iraq-militias-copy.txt", "killing 19 people")).toBe("bombing.killed");
    expect(keyOf("us-tells-iran-to-stop-backing-iraq-militias.txt", "killing 24 people")).toBe("bombing.killed");
    expect(keyOf("us-and-iran-trade-blame-over-iraq-chaos.txt", "3,455 American troops")).not.toBe("bombing.killed");
  });
});
