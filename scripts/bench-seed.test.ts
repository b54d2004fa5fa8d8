/**
 * Smoke run of the benchmark data generator (scripts/bench-seed.ts) so it cannot rot: 2,000 initiatives into a
 * throw-away database on the test server, then counts, shape, repeatability and the summary tables' exactness.
 * The benchmark itself (scripts/bench.ts) is not a test and never runs in CI.
 */
import { describe, test, expect, afterAll } from "vitest";
import pg from "pg";
import { dropDatabase, recreateDatabase, seedBench } from "./lib/bench-data";
import { checkInitiativeStats } from "@/lib/server/initiative-stats";
import { applyMigrations } from "./lib/migrate";

const server = process.env.TEST_SERVER_URL!;
const names = [`bench_smoke_${process.pid}_a`, `bench_smoke_${process.pid}_b`];

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Every index of the tables the seed bulk-loads (it drops their secondary ones for the load and builds them again). */
const indexDefs = (c: pg.Client) =>
  c
    .query<{ def: string; valid: boolean }>(
      `SELECT pg_get_indexdef(x.indexrelid) AS def, x.indisvalid AS valid FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname IN ('initiatives', 'initiative_building_blocks', 'initiative_principles', 'initiative_enablers') ORDER BY 1`,
    )
    .then((r) => r.rows);

const fingerprint = (c: pg.Client) =>
  c
    .query<{ f: string }>(
      `SELECT md5(string_agg(id::text || title || status || progress || coalesce(budget_planned::text, '-') || organisation_id, ',' ORDER BY external_ref)) ||
              (SELECT md5(string_agg(organisation_id::text || period || metric_code || status || value, ',' ORDER BY organisation_id, period, metric_code)) FROM metric_reports) AS f
         FROM initiatives`,
    )
    .then((r) => r.rows[0].f);

afterAll(async () => {
  for (const n of names) await dropDatabase(server, n).catch(() => {});
});

describe("bench:seed", () => {
  test("generates a small national data set, repeatably, with exact summary tables", async () => {
    const now = new Date("2026-11-15T00:00:00Z");
    // the indexes of a freshly migrated, empty database: the seeded one must end with exactly these
    const urlEmpty = await recreateDatabase(server, names[1]);
    await applyMigrations(urlEmpty);
    const migratedIndexes = await withClient(urlEmpty, indexDefs);
    expect(migratedIndexes.length).toBeGreaterThan(10);
    const urlA = await recreateDatabase(server, names[0]);
    const r = await seedBench(urlA, { initiatives: 2_000, reports: 3_000, seed: 7, batch: 700, now });
    expect(r).toMatchObject({ organisations: 700, initiatives: 2_000, reports: 3_000, quarters: 16, firstPeriod: "2023-Q1", lastPeriod: "2026-Q4" });
    expect(r.links).toBeGreaterThan(2_000);
    expect(r.links).toBeLessThan(4_000);

    await withClient(urlA, async (c) => {
      const kinds = await c.query<{ kind: string; n: number }>(`SELECT kind::text, count(*)::int AS n FROM organisations GROUP BY 1 ORDER BY 1`);
      expect(Object.fromEntries(kinds.rows.map((k) => [k.kind, k.n]))).toEqual({ AGENCY: 600, MINISTRY: 30, PROVINCE: 70 });
      const statuses = await c.query<{ status: string }>(`SELECT DISTINCT status::text FROM initiatives`);
      expect(statuses.rows.map((s) => s.status).sort()).toEqual(["CANCELLED", "COMPLETED", "IN_PROGRESS", "ON_HOLD", "PLANNED"]);
      const reportStates = await c.query<{ status: string }>(`SELECT DISTINCT status::text FROM metric_reports`);
      expect(reportStates.rows.map((s) => s.status).sort()).toEqual(["APPROVED", "DRAFT", "REJECTED", "SUBMITTED"]);
      // Vietnamese titles, and the search text folded for accent-free search (đ -> d)
      const t = await c.query<{ accented: number; broad: number; bad: number }>(
        `SELECT count(*) FILTER (WHERE title ~ '[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]')::int AS accented,
                count(*) FILTER (WHERE search_text LIKE '%chinh phu%')::int AS broad,
                count(*) FILTER (WHERE status = 'COMPLETED' AND progress <> 100)::int AS bad
           FROM initiatives`,
      );
      expect(t.rows[0].accented).toBe(2_000);
      expect(t.rows[0].broad).toBeGreaterThan(100);
      expect(t.rows[0].bad).toBe(0);
      // the load ran with the triggers off: search_text is what the search-text trigger stores, every foreign key holds,
      // and every index is back (and valid)
      const trig = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM initiatives
          WHERE search_text IS DISTINCT FROM lower(f_unaccent(concat_ws(' ', title, nullif(description, ''))))`,
      );
      expect(trig.rows[0].n).toBe(0);
      const orphans = await c.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM initiatives i WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = i.organisation_id))
               + (SELECT count(*) FROM initiative_building_blocks b WHERE NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.id = b.initiative_id))
               + (SELECT count(*) FROM initiative_principles b WHERE NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.id = b.initiative_id))
               + (SELECT count(*) FROM initiative_enablers b WHERE NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.id = b.initiative_id)))::int AS n`,
      );
      expect(orphans.rows[0].n).toBe(0);
      expect(await indexDefs(c)).toEqual(migratedIndexes);
      // the rebuild after the load bumped the dashboards' data version (a cache filled before the seed cannot survive it)
      const v = await c.query<{ v: number }>(`SELECT version::int AS v FROM data_versions WHERE id = 1`);
      expect(v.rows[0].v).toBeGreaterThan(0);
      await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      expect(await checkInitiativeStats(c)).toEqual([]);
      await c.query("COMMIT");
      // the triggers are back on after the bulk load: a change keeps the summaries exact
      // (live ones only: the guard of *_archived_initiative_guard refuses any change to an archived one or its links)
      await c.query(`UPDATE initiatives SET status = 'CANCELLED' WHERE external_ref <= 'BM-00000100' AND archived_at IS NULL`);
      await c.query(`DELETE FROM initiative_building_blocks WHERE block_code = 'ONE_PORTAL' AND initiative_id IN (SELECT id FROM initiatives WHERE external_ref <= 'BM-00000300' AND archived_at IS NULL)`);
      expect(await checkInitiativeStats(c)).toEqual([]);
      await c.query(`SELECT initiative_stats_rebuild()`);
      expect(await checkInitiativeStats(c)).toEqual([]);
    });

    // same seed, different batch size: the same data
    const urlB = await recreateDatabase(server, names[1]);
    await seedBench(urlB, { initiatives: 2_000, reports: 3_000, seed: 7, batch: 2_000, now });
    const urlA2 = await recreateDatabase(server, names[0]);
    await seedBench(urlA2, { initiatives: 2_000, reports: 3_000, seed: 7, batch: 700, now });
    expect(await withClient(urlA2, fingerprint)).toBe(await withClient(urlB, fingerprint));
  });
});
