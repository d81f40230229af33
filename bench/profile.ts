/**
 * A .cpuprofile's top entries by self time, idle excluded: per package (or our own file) and per
 * function. `node dist/bench/profile.js <file.cpuprofile> [rows]` prints the same for any profile.
 */
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function owner(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes("/dist/")) return url.slice(url.indexOf("/dist/") + "/dist/".length);
  if (url.startsWith("wasm://")) return "wasm";
  return url || "(native)";
}

export function profileSummary(file: string, rows = 20): string {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === "(idle)") return;
    const us = profile.timeDeltas[i] ?? 0;
    busy += us;
    const where = owner(frame.url);
    const pkg = where.startsWith("src/") || where.startsWith("bench/") ? "crosscheck" : where;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${frame.functionName || "(anonymous)"} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  });
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(([name, us]) => `  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`)
      .join("\n");
  return `busy CPU ${(busy / 1e3).toFixed(0)} ms (idle excluded); self time by package:\n${top(byPackage)}\nby function:\n${top(byFunction)}`;
}

if (require.main === module) {
  console.log(profileSummary(process.argv[2], Number(process.argv[3] ?? 20)));
}
