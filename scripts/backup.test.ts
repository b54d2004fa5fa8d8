/**
 * Backup and restore (scripts/lib/backup.ts) against the test PostgreSQL: the demo data plus awkward values is
 * backed up, restored into fresh databases, and every table compared with a checksum computed independently of the
 * backup code (md5 over the rows' text, sorted), so "nothing lost, nothing changed" is proven table by table.
 */
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { applyMigrations } from "./lib/migrate";
import { createBackup, readManifest, restoreBackup, toolMajor } from "./lib/backup";
import { seedDemo } from "../prisma/seed";

const server = process.env.TEST_SERVER_URL!;
const tag = `${process.pid}_${Date.now() % 100000}`;
const dbs: string[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), "dgov-backup-test-"));

function urlOf(db: string): string {
  const u = new URL(server);
  u.pathname = `/${db}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function createDb(name: string): Promise<string> {
  dbs.push(name);
  await withClient(server, (c) => c.query(`CREATE DATABASE ${name}`));
  return urlOf(name);
}

/** Every table's row count and an md5 of its sorted rows, computed by PostgreSQL alone. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  return withClient(url, async (c) => {
    await c.query("SET timezone = 'UTC'");
    const { rows: tables } = await c.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      const { rows } = await c.query<{ n: number; h: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS h FROM public."${name}" t`,
      );
      out[name] = { rows: rows[0].n, md5: rows[0].h };
    }
    return out;
  });
}

let source: string;

beforeAll(async () => {
  source = await createDb(`backup_src_${tag}`);
  await applyMigrations(source);
  await seedDemo(source, {});
  // values that trip naive dumps: tabs, newlines, backslashes, quotes, emoji, Vietnamese, NULLs, JSON, bigints
  await withClient(source, async (c) => {
    const { rows } = await c.query<{ id: string; org: string }>(
      `SELECT id, organisation_id AS org FROM initiatives ORDER BY id LIMIT 1`,
    );
    await c.query(
      `UPDATE initiatives SET description = $2, budget_planned = 9007199254740993 WHERE id = $1`,
      [rows[0].id, "Dòng 1\tcột\nDòng 2 \\ gạch chéo \"ngoặc\" 'nháy' 🚀 Đường sắt\r\nhết"],
    );
    await c.query(
      `INSERT INTO audit_entries (actor_email, action, entity_type, entity_id, organisation_id, changes)
       VALUES (NULL, 'test', 'Initiative', $1, $2, $3::jsonb)`,
      [rows[0].id, rows[0].org, JSON.stringify({ note: { from: null, to: "a\\b\n\"c\" ✓" } })],
    );
    await c.query(`INSERT INTO rate_limits (key, points, expire) VALUES ('login_email:x', 3, 9007199254740991), ('login_ip:127.0.0.1', 1, NULL)`);
  });
}, 180_000);

afterAll(async () => {
  await withClient(server, async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`%${tag}%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
  rmSync(dir, { recursive: true, force: true });
});

describe("logical backup and restore", () => {
  let file: string;

  test("a backup lists every table with its row count, and the migrations", async () => {
    const r = await createBackup(source, { file: path.join(dir, "a.backup.gz"), format: "logical" });
    file = r.file;
    expect(r.kind).toBe("logical");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = await fingerprint(source);
    const m = await readManifest(file);
    expect(m!.tables.map((t) => t.name).sort()).toEqual(Object.keys(before).sort());
    for (const t of m!.tables) expect(t.rows, t.name).toBe(before[t.name].rows);
    expect(m!.migrations.map((x) => x.name)).toEqual(
      (await withClient(source, (c) => c.query(`SELECT migration_name FROM _prisma_migrations ORDER BY 1`))).rows.map((x) => x.migration_name),
    );
    // load order: parents before children
    const order = m!.tables.map((t) => t.name);
    expect(order.indexOf("organisations")).toBeLessThan(order.indexOf("users"));
    expect(order.indexOf("initiatives")).toBeLessThan(order.indexOf("kpis"));
    expect(order.indexOf("kpis")).toBeLessThan(order.indexOf("kpi_values"));
    expect(m!.sequences.map((s) => s.name)).toEqual(expect.arrayContaining(["audit_entries_id_seq"]));
    expect(before.audit_entries.rows).toBeGreaterThan(0);
    expect(before.initiatives.rows).toBeGreaterThan(0);
  });

  test("restored into a new database, every table has the same rows and contents", async () => {
    const target = `backup_new_${tag}`;
    dbs.push(target);
    const r = await restoreBackup(file, urlOf(target)); // created by the restore
    expect(r.database).toBe(target);
    expect(r.migratedForward).toEqual([]);
    expect(await fingerprint(urlOf(target))).toEqual(await fingerprint(source));
    await withClient(urlOf(target), async (c) => {
      // sequences continue after the restored ids
      const { rows } = await c.query<{ max: string; next: string }>(
        `SELECT (SELECT max(id) FROM audit_entries)::text AS max, nextval('audit_entries_id_seq')::text AS next`,
      );
      expect(BigInt(rows[0].next)).toBeGreaterThan(BigInt(rows[0].max));
      // the audit log is still append-only, and the search trigger still there
      await expect(c.query(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/);
      const { rows: t } = await c.query(`SELECT tgname FROM pg_trigger WHERE tgname = 'initiatives_search_text'`);
      expect(t).toHaveLength(1);
    });
  });

  test("restored into an existing empty database", async () => {
    const url = await createDb(`backup_empty_${tag}`);
    await restoreBackup(file, url);
    expect(await fingerprint(url)).toEqual(await fingerprint(source));
  });

  test("a user that is not a superuser (but may create databases) restores the same rows", async () => {
    const role = `backup_role_${tag}`;
    await withClient(server, (c) => c.query(`CREATE ROLE ${role} LOGIN CREATEDB PASSWORD 'pw-${tag}'`));
    try {
      const u = new URL(urlOf(`backup_plain_${tag}`));
      u.username = role;
      u.password = `pw-${tag}`;
      const logs: string[] = [];
      await restoreBackup(file, u.toString(), { log: (s) => logs.push(s) });
      expect(logs.join("\n")).toMatch(/table owner/);
      expect(await fingerprint(urlOf(`backup_plain_${tag}`))).toEqual(await fingerprint(source));
      // the triggers are back on
      await withClient(urlOf(`backup_plain_${tag}`), (c) => expect(c.query(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/));
    } finally {
      await withClient(server, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS backup_plain_${tag} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${role}`);
      });
    }
  });

  test("a database with data is never overwritten without --replace; with it, the old one is kept aside", async () => {
    const url = await createDb(`backup_busy_${tag}`);
    await applyMigrations(url);
    await withClient(url, (c) => c.query(`INSERT INTO organisations (id, code, name_vi, name_en, kind, updated_at) VALUES (gen_random_uuid(), 'ONLY_HERE', 'x', 'x', 'MINISTRY', now())`));
    await expect(restoreBackup(file, url)).rejects.toThrow(/not empty/);
    const r = await restoreBackup(file, url, { replace: true });
    expect(r.previousDatabase).toMatch(/_before_restore_/);
    expect(await fingerprint(url)).toEqual(await fingerprint(source));
    const kept = await withClient(urlOf(r.previousDatabase!), (c) => c.query(`SELECT code FROM organisations`));
    expect(kept.rows).toEqual([{ code: "ONLY_HERE" }]);
  });

  test("a damaged backup restores nothing and leaves no database behind", async () => {
    // cut the data short: the manifest still parses, the last table cannot be read whole
    const raw = gunzipSync(readFileSync(file));
    const cut = path.join(dir, "cut.backup.gz");
    writeFileSync(cut, gzipSync(raw.subarray(0, raw.length - 200)));
    const target = `backup_cut_${tag}`;
    await expect(restoreBackup(cut, urlOf(target))).rejects.toThrow(/truncated|rows/);
    const { rows } = await withClient(server, (c) => c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [target]));
    expect(rows).toHaveLength(0);

    // one changed byte in a row: the content check refuses it before commit
    const text = raw.toString("utf8");
    const at = text.indexOf("Dòng 1");
    const flipped = Buffer.from(text.slice(0, at) + "Dòng 2" + text.slice(at + "Dòng 1".length), "utf8");
    const bad = path.join(dir, "flipped.backup.gz");
    writeFileSync(bad, gzipSync(flipped));
    const url = await createDb(`backup_flip_${tag}`);
    await expect(restoreBackup(bad, url)).rejects.toThrow(/differ/);
    const { rows: n } = await withClient(url, (c) => c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'initiatives'`));
    // the migrations ran, the data did not land
    if (n[0].n) expect((await withClient(url, (c) => c.query(`SELECT count(*)::int AS n FROM initiatives`))).rows[0].n).toBe(0);

    await expect(restoreBackup(path.join(dir, "nothing.gz"), urlOf(`backup_none_${tag}`))).rejects.toThrow(/no such file/);
    writeFileSync(path.join(dir, "junk.gz"), "not a backup");
    await expect(readManifest(path.join(dir, "junk.gz"))).rejects.toThrow(/not a backup/);
  });

  test("a backup from a newer application (unknown migration) is refused", async () => {
    const m = await readManifest(file);
    const raw = gunzipSync(readFileSync(file)).toString("utf8");
    const nl1 = raw.indexOf("\n");
    const nl2 = raw.indexOf("\n", nl1 + 1);
    const newer = { ...m!, migrations: [...m!.migrations, { name: "29990101000000_future", checksum: "0" }] };
    const f = path.join(dir, "newer.backup.gz");
    writeFileSync(f, gzipSync(Buffer.from(raw.slice(0, nl1 + 1) + JSON.stringify(newer) + raw.slice(nl2), "utf8")));
    await expect(restoreBackup(f, urlOf(`backup_newer_${tag}`))).rejects.toThrow(/newer version/);
  });

  test("the backup leaves no partial file when it fails", async () => {
    const f = path.join(dir, "fail.backup.gz");
    await expect(createBackup(urlOf(`no_such_db_${tag}`), { file: f, format: "logical" })).rejects.toThrow();
    expect(existsSync(f)).toBe(false);
    expect(existsSync(`${f}.partial`)).toBe(false);
  });
});

describe("pg_dump detection", () => {
  test("reads the major version of a client tool", () => {
    expect(toolMajor("pg_dump (PostgreSQL) 18.1")).toBe(18);
    expect(toolMajor("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)")).toBe(15);
    expect(toolMajor("something else")).toBeNull();
  });
});
