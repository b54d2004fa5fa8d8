/**
 * The committed migrations, applied by scripts/lib/migrate.ts on a real, throw-away PostgreSQL:
 * they apply once, leave no drift from schema.prisma, and the hand-written rules actually hold.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startEmbeddedDb, type EmbeddedDb } from "./embedded-db";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "./migrate";
import { diffMigrationsToSchema, SCHEMA_PATH } from "./schema-diff";

const work = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../.data", `migrate-test-${process.pid}`);
let server: EmbeddedDb;
let db: pg.Client;
let url: string;

/** a fresh, empty database on the test server */
async function createDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(server.url);
  u.pathname = `/${name}`;
  return u.toString();
}

beforeAll(async () => {
  server = await startEmbeddedDb({
    dataDir: `migrate-test-${process.pid}`,
    throwAway: true,
    database: "postgres",
    log: () => {},
  });
  url = await createDatabase("migrated");
  db = new pg.Client({ connectionString: url });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe("applyMigrations", () => {
  test("applies every committed migration once, recorded as Prisma records them", async () => {
    const committed = readMigrations().map((m) => m.name);
    expect(committed.slice(0, 2)).toEqual(["20261129000000_init", "20261129000001_rules"]);

    expect(await applyMigrations(url)).toEqual(committed);
    expect(await applyMigrations(url)).toEqual([]); // second run: nothing to do

    const { rows } = await db.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    for (const r of rows) {
      const file = readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.rolled_back_at).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
  });

  test("the _prisma_migrations table has exactly Prisma's columns", async () => {
    const { rows } = await db.query(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(rows.map((r) => `${r.column_name} ${r.data_type} ${r.is_nullable}`)).toEqual([
      "id character varying NO",
      "checksum character varying NO",
      "finished_at timestamp with time zone YES",
      "migration_name character varying NO",
      "logs text YES",
      "rolled_back_at timestamp with time zone YES",
      "started_at timestamp with time zone NO",
      "applied_steps_count integer NO",
    ]);
  });

  test("two processes migrating at once apply each migration exactly once", async () => {
    const fresh = await createDatabase("concurrent");
    const [a, b] = await Promise.all([applyMigrations(fresh), applyMigrations(fresh)]);
    expect([...a, ...b].sort()).toEqual(readMigrations().map((m) => m.name));
    const c = new pg.Client({ connectionString: fresh });
    await c.connect();
    const { rows } = await c.query("SELECT count(*)::int AS n FROM _prisma_migrations");
    await c.end();
    expect(rows[0].n).toBe(readMigrations().length);
  });

  test("a failing migration is rolled back entirely and not recorded", async () => {
    const dir = path.join(work, "bad-migrations");
    mkdirSync(path.join(dir, "1_ok"), { recursive: true });
    mkdirSync(path.join(dir, "2_bad"), { recursive: true });
    writeFileSync(path.join(dir, "1_ok", "migration.sql"), "CREATE TABLE ok_table (id int);");
    writeFileSync(path.join(dir, "2_bad", "migration.sql"), "CREATE TABLE half_done (id int);\nSELECT 1/0;");
    const fresh = await createDatabase("failing");

    await expect(applyMigrations(fresh, () => {}, dir)).rejects.toThrow(
      /2_bad failed and was rolled back: division by zero/,
    );

    const c = new pg.Client({ connectionString: fresh });
    await c.connect();
    const recorded = await c.query("SELECT migration_name FROM _prisma_migrations");
    const tables = await c.query("SELECT to_regclass('ok_table') AS ok, to_regclass('half_done') AS half");
    await c.end();
    expect(recorded.rows.map((r) => r.migration_name)).toEqual(["1_ok"]);
    expect(tables.rows[0]).toEqual({ ok: "ok_table", half: null });
  });
});

describe("schema drift", () => {
  test("the migrations produce exactly schema.prisma", async () => {
    expect(await diffMigrationsToSchema({ shadowServerUrl: server.url })).toBe("");
  });

  test("a change to schema.prisma is reported as drift", async () => {
    const schemaPath = path.join(work, "changed.prisma");
    const schema = readFileSync(SCHEMA_PATH, "utf8").replace(
      /(model KpiValue \{\n)/,
      "$1  note String? @db.VarChar(100)\n",
    );
    expect(schema).toContain("note String?");
    writeFileSync(schemaPath, schema);
    const sql = await diffMigrationsToSchema({ shadowServerUrl: server.url, schemaPath });
    expect(sql).toMatch(/ALTER TABLE "kpi_values" ADD COLUMN\s+"note" VARCHAR\(100\)/);
  });
});

describe("rules of the rules migration", () => {
  const userId = randomUUID();
  let orgId: string;

  beforeAll(async () => {
    const org = await db.query(
      `INSERT INTO organisations (code, name_vi, name_en, kind) VALUES ('BTTTT', 'Bộ Thông tin', 'Ministry', 'MINISTRY')
       RETURNING id`,
    );
    orgId = org.rows[0].id;
  });

  function insertInitiative(fields: Record<string, unknown> = {}) {
    const row: Record<string, unknown> = {
      organisation_id: orgId,
      title: "Cổng dịch vụ công",
      status: "IN_PROGRESS",
      current_stage: 1,
      target_stage: 3,
      progress: 40,
      created_by: userId,
      updated_by: userId,
      ...fields,
    };
    const cols = Object.keys(row);
    return db.query(
      `INSERT INTO initiatives (${cols.join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})
       RETURNING id, search_text`,
      Object.values(row),
    );
  }

  const rejectedBy = (constraint: string) => ({ code: "23514", constraint });

  test("initiative CHECKs reject bad rows", async () => {
    await expect(insertInitiative()).resolves.toBeTruthy();
    await expect(insertInitiative({ progress: 101 })).rejects.toMatchObject(rejectedBy("initiatives_progress_range"));
    await expect(insertInitiative({ status: "COMPLETED", progress: 50 })).rejects.toMatchObject(
      rejectedBy("initiatives_completed_at_100"),
    );
    await expect(insertInitiative({ status: "COMPLETED", progress: 100 })).resolves.toBeTruthy();
    await expect(insertInitiative({ title: "ab" })).rejects.toMatchObject(rejectedBy("initiatives_title_length"));
    await expect(insertInitiative({ current_stage: 4, target_stage: 3 })).rejects.toMatchObject(
      rejectedBy("initiatives_target_stage_range"),
    );
    await expect(insertInitiative({ start_date: "2026-05-01", end_date: "2026-04-30" })).rejects.toMatchObject(
      rejectedBy("initiatives_dates_order"),
    );
    await expect(insertInitiative({ budget_planned: -1 })).rejects.toMatchObject(
      rejectedBy("initiatives_budget_planned_non_negative"),
    );
  });

  test("period formats, ratio parts, organisation and user rules", async () => {
    const report = (period: string, numerator: number | null, denominator: number | null) =>
      db.query(
        `INSERT INTO metric_reports (organisation_id, period, metric_code, value, numerator, denominator, created_by, updated_by)
         VALUES ($1, $2, 'SERVICES_ONLINE', 0, $3, $4, $5, $5)`,
        [orgId, period, numerator, denominator, userId],
      );
    await expect(report("2025-Q5", 1, 2)).rejects.toMatchObject(rejectedBy("metric_reports_period_format"));
    await expect(report("2025-Q1", 3, 2)).rejects.toMatchObject(rejectedBy("metric_reports_numerator_range"));
    await expect(report("2025-Q1", 0, 0)).rejects.toMatchObject(rejectedBy("metric_reports_denominator_positive"));
    await expect(report("2025-Q1", 1, null)).rejects.toMatchObject(rejectedBy("metric_reports_ratio_parts_together"));
    await expect(report("2025-Q1", 1, 2)).resolves.toBeTruthy();

    await expect(
      db.query(`INSERT INTO organisations (code, name_vi, name_en, kind) VALUES ('bad code', 'x', 'x', 'MINISTRY')`),
    ).rejects.toMatchObject(rejectedBy("organisations_code_format"));
    await expect(
      db.query(`INSERT INTO organisations (code, name_vi, name_en, kind) VALUES ('ORPHAN', 'x', 'x', 'AGENCY')`),
    ).rejects.toMatchObject(rejectedBy("organisations_agency_has_parent"));
    await expect(
      db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ('a@b.vn', 'A', 'OFFICER', 'x')`),
    ).rejects.toMatchObject(rejectedBy("users_officer_has_organisation"));
    await expect(
      db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ('Admin@b.vn', 'A', 'ADMIN', 'x')`),
    ).rejects.toMatchObject(rejectedBy("users_email_lower_case"));
    await expect(db.query(`INSERT INTO maturity_thresholds (id) VALUES (2)`)).rejects.toMatchObject(
      rejectedBy("maturity_thresholds_single_row"),
    );
  });

  test("the audit log refuses UPDATE, DELETE and TRUNCATE", async () => {
    await db.query(`INSERT INTO audit_entries (action, entity_type) VALUES ('create', 'initiative')`);
    for (const sql of [
      `UPDATE audit_entries SET action = 'tampered'`,
      `DELETE FROM audit_entries`,
      `TRUNCATE audit_entries`,
    ]) {
      await expect(db.query(sql), sql).rejects.toThrow(/append-only/);
    }
    const { rows } = await db.query(`SELECT action FROM audit_entries`);
    expect(rows).toEqual([{ action: "create" }]);
  });

  test("search_text is the unaccented, lower-cased title and description", async () => {
    const { rows } = await insertInitiative({ title: "Bảo đảm an toàn" });
    expect(rows[0].search_text).toBe("bao dam an toan");

    const updated = await db.query(
      `UPDATE initiatives SET title = 'Chính phủ số', description = 'ĐỔI MỚI Quản trị' WHERE id = $1 RETURNING search_text`,
      [rows[0].id],
    );
    expect(updated.rows[0].search_text).toBe("chinh phu so doi moi quan tri");
    const fn = await db.query(`SELECT f_unaccent('Bảo đảm') AS a, lower(f_unaccent('Chính phủ')) AS b`);
    expect(fn.rows[0]).toEqual({ a: "Bao dam", b: "chinh phu" });
  });

  test("reference data is seeded with the codes of spec/domain.md, and re-running the migration is harmless", async () => {
    const codes = async (table: string, key = "code") =>
      (await db.query(`SELECT ${key} AS k FROM ${table} ORDER BY sort_order`)).rows.map((r) => r.k);
    expect(await codes("building_blocks")).toEqual([
      "ONE_PORTAL",
      "SHARED_DATA",
      "SHARED_SERVICES",
      "SHARED_INFRASTRUCTURE",
      "SENSORS_ANALYTICS",
      "CYBERSECURITY_PRIVACY",
    ]);
    expect(await codes("principles")).toEqual([
      "DIGITAL_BY_DEFAULT",
      "MOBILE_FIRST",
      "USER_CENTRIC",
      "FULLY_DIGITAL",
      "GOVERNMENT_AS_PLATFORM",
    ]);
    expect(await codes("enablers")).toEqual(["LEADERSHIP_GOVERNANCE", "INTERNAL_INNOVATION", "SKILLS_CULTURE"]);
    expect(await codes("metrics")).toEqual([
      "SERVICES_ONLINE",
      "OPEN_DATASETS",
      "KPI_IMPROVEMENT",
      "SERVICES_NEW_RETIRED",
      "NEW_DELIVERY_MODELS",
    ]);
    const stages = await db.query(`SELECT level, code, key_metric_code FROM maturity_stages ORDER BY level`);
    expect(stages.rows.map((r) => `${r.level} ${r.code} ${r.key_metric_code}`)).toEqual([
      "1 E_GOVERNMENT SERVICES_ONLINE",
      "2 OPEN OPEN_DATASETS",
      "3 DATA_CENTRIC KPI_IMPROVEMENT",
      "4 FULLY_DIGITAL SERVICES_NEW_RETIRED",
      "5 SMART NEW_DELIVERY_MODELS",
    ]);
    const thresholds = await db.query(`SELECT id, services_online, open_datasets FROM maturity_thresholds`);
    expect(thresholds.rows).toEqual([{ id: 1, services_online: 50, open_datasets: 10 }]);
    const empty = await db.query(
      `SELECT 'building_blocks' FROM building_blocks WHERE description_vi = '' OR description_en = ''
       UNION ALL SELECT 'principles' FROM principles WHERE description_vi = '' OR description_en = ''
       UNION ALL SELECT 'enablers' FROM enablers WHERE description_vi = '' OR description_en = ''
       UNION ALL SELECT 'metrics' FROM metrics WHERE description_vi = '' OR description_en = ''`,
    );
    expect(empty.rowCount).toBe(0);

    // every statement of the rules migration is re-runnable (upserts, DROP ... IF EXISTS, CREATE OR REPLACE)
    const rules = readMigrations().find((m) => m.name.endsWith("_rules"))!;
    await db.query(rules.sql);
    expect(await codes("metrics")).toHaveLength(5);
  });
});
