/**
 * Tests that drive the compiled commands (`npm start`, `npm run worker`, `npm run ingest`) as real
 * child processes. `dist/` is rebuilt (npm run build, ~25 s) when it is missing or older than any
 * file under src/, so plain `npx jest` works as well as `npm test` on a clean clone.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config";

export const DIST = path.join(PROJECT_ROOT, "dist");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ unless every script in it is newer than the newest file under src/. */
export function ensureBuilt(scripts: string[]): void {
  const built = Math.min(...scripts.map((script) => (fs.existsSync(script) ? fs.statSync(script).mtimeMs : 0)));
  if (built < newestSource(path.join(PROJECT_ROOT, "src"))) {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: PROJECT_ROOT, stdio: "ignore" });
  }
}

export interface NodeProcess {
  label: string;
  child: ChildProcess;
  pid: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first match of `pattern` in its output; rejects when it exits or the time is up. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function startNode(label: string, script: string, env: Record<string, string>): NodeProcess {
  const child = spawn(process.execPath, [script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  let hasExited = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      hasExited = true;
      for (const listener of listeners) listener();
      resolve({ code, signal });
    }),
  );
  return {
    label,
    child,
    pid: child.pid!,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        const check = () => {
          const match = output.match(pattern);
          if (match) done(() => resolve(match));
          else if (hasExited) done(() => reject(new Error(`${label} exited before printing ${pattern}:\n${output}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`${label} did not print ${pattern} within ${timeoutMs} ms:\n${output}`))),
          timeoutMs,
        );
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 20_000) {
      if (hasExited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
