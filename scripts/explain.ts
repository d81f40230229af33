/**
 * `npm run explain -- "<sentence>"`: every claim extractClaims reads in the text, with the ids of
 * the rules that produced it, so an editor or a developer sees why a figure was read as it was.
 */
import { extractClaims } from "../src/extraction";

const text = process.argv.slice(2).join(" ").trim();
if (!text) {
  console.error('usage: npm run explain -- "<sentence>"');
  process.exit(2);
}
const claims = extractClaims(text);
if (claims.length === 0) console.log("no claims");
for (const claim of claims) {
  const interval = `[${claim.lower ?? "-inf"}, ${claim.upper ?? "inf"}]`;
  console.log(`"${claim.quote.exact}" (${claim.quote.start}-${claim.quote.end})`);
  console.log(
    `  value ${claim.value ?? claim.textValue} ${claim.hedge} ${interval} ${claim.kind}${claim.unit ? ` unit ${claim.unit}` : ""}`,
  );
  if (claim.canonicalUnit)
    console.log(
      `  canonical ${claim.canonicalValue} ${claim.canonicalUnit} [${claim.canonicalLower ?? "-inf"}, ${claim.canonicalUpper ?? "inf"}] (${claim.dimension})`,
    );
  if (claim.conversion) console.log(`  conversion in brackets: ${claim.conversion.text}`);
  console.log(`  fact ${claim.factKey} "${claim.factLabel}"${claim.attribution ? `, credited to ${claim.attribution}` : ""}`);
  console.log(
    `  scope ${claim.scope}${claim.context.scopeCue ? ` (${claim.context.scopeCue})` : ""}${claim.context.place ? ` place ${claim.context.place}` : ""}`,
  );
  console.log(`  words before ${claim.context.before.join(" ") || "-"} | after ${claim.context.after.join(" ") || "-"}`);
  console.log(`  rules ${claim.rules.join(", ")}`);
}
