/**
 * Least privilege in the database (issue 16.8): the embedded cluster's random credentials, and an
 * API role that cannot alter tables, disable the append-only triggers or truncate history.
 * Runs against the embedded test cluster; with your own DATABASE_URL it checks what it can.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../../src/embedded-postgres";
import { testDatabaseUrl } from "../helpers/db";

const owner = process.env.MIGRATE_DATABASE_URL;
const split = Boolean(owner && owner !== testDatabaseUrl());

async function asApp<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

(split ? describe : describe.skip)("the API's database role", () => {
  it("is not a superuser and owns nothing", async () => {
    const role = await asApp((client) =>
      client.query("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user"),
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await asApp((client) =>
      client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user"),
    );
    expect(owned.rows[0].n).toBe(0);
  });

  it.each([
    ['ALTER TABLE "Verdict" DISABLE TRIGGER ALL', /must be owner/],
    ['ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"', /must be owner/],
    ['ALTER TABLE "Verdict" ADD COLUMN sneaky int', /must be owner/],
    ['DROP TRIGGER "Verdict_append_only" ON "Verdict"', /must be owner/],
    ['TRUNCATE "Verdict"', /permission denied/],
    ['TRUNCATE "AuditEvent"', /permission denied/],
    ["SET session_replication_role = replica", /permission denied/],
    ['CREATE TABLE "Sneaky" (id int)', /permission denied/],
  ])("cannot %s", async (sql, refusal) => {
    await expect(asApp((client) => client.query(sql))).rejects.toThrow(refusal);
  });

  it("still reads and writes rows, and the append-only triggers refuse history changes", async () => {
    await expect(asApp((client) => client.query('SELECT count(*) FROM "Story"'))).resolves.toBeTruthy();
    await asApp(async (client) => {
      await client.query(`INSERT INTO "AuditEvent" (actor, action, "subjectType", "subjectId") VALUES ('test', 'probe', 'Probe', '1')`);
      await expect(client.query('DELETE FROM "AuditEvent"')).rejects.toThrow(/append-only/);
    });
  });
});

describe("the embedded cluster", () => {
  it("gets random passwords kept in a 0600 file beside its data, and listens on 127.0.0.1 only", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-privilege-"));
    const cluster = await startEmbeddedPostgres({ dataDir: path.join(root, "data"), database: "crosscheck_privilege" });
    try {
      const file = path.join(root, "data.credentials.json");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const credentials = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(credentials.owner).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(credentials.app).not.toBe(credentials.owner);
      expect(cluster.url).toContain(encodeURIComponent(credentials.owner));
      expect(cluster.url).not.toContain(":crosscheck@");
      const legacy = new Client({ host: "127.0.0.1", port: cluster.port, user: "postgres", password: "crosscheck", database: "postgres" });
      await expect(legacy.connect()).rejects.toThrow(/password authentication failed/);
      const client = new Client({ connectionString: cluster.url });
      await client.connect();
      try {
        expect((await client.query("SHOW listen_addresses")).rows[0].listen_addresses).toBe("127.0.0.1");
      } finally {
        await client.end();
      }
    } finally {
      await cluster.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
