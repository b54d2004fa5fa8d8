/**
 * The demo data, written into this file's own database (test/setup-file.ts clones the migrated template for every
 * test file, so it starts without organisations, as the seed requires). How long seeding takes is measured by the
 * benchmarks, not here.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import { seedDemo, DEMO_PASSWORD, type SeedResult } from "./seed";
import { verifyPassword } from "../lib/auth/password";
import { addQuarters, currentPeriod } from "../lib/domain/periods";
import { BUILDING_BLOCKS, INITIATIVE_STATUSES, METRICS, REPORT_STATUSES, ROLES } from "../lib/domain/codes";
import { rate, RATING_STATUSES } from "../lib/domain/rating";
import { DEFAULT_THRESHOLDS, maturityStage, type Figures } from "../lib/domain/maturity";

const ADMIN = { adminEmail: "Quan.Tri@Example.gov.vn", adminPassword: "Configured-Admin-Pass-1" };
let url: string;
let db: pg.Client;
let first: SeedResult;
const logs: string[] = [];

const TABLES = [
  "organisations",
  "users",
  "initiatives",
  "initiative_building_blocks",
  "initiative_principles",
  "initiative_enablers",
  "metric_reports",
  "kpis",
  "kpi_values",
  "national_targets",
];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db.query(`SELECT count(*)::int AS n FROM "${t}"`)).rows[0].n);
  return out;
}

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, params)).rows;
}

beforeAll(async () => {
  url = process.env.DATABASE_URL!;
  expect(url, "test/setup-file.ts sets DATABASE_URL").toBeTruthy();
  db = new pg.Client({ connectionString: url });
  await db.connect();
  expect(Number((await db.query(`SELECT count(*)::int AS n FROM organisations`)).rows[0].n), "a fresh database").toBe(0);
  first = await seedDemo(url, { log: (s) => logs.push(s), ...ADMIN });
});

afterAll(async () => {
  await db?.end();
});

const latest = () => addQuarters(currentPeriod(), -1);

describe("seedDemo on an empty database", () => {
  test("writes the data in one go", () => {
    expect(first.seeded).toBe(true);
    expect(logs.some((l) => l.startsWith("demo data:"))).toBe(true);
  });

  test("real ministries, provinces and agencies", async () => {
    const orgs = await rows<{ code: string; name_vi: string; name_en: string; kind: string; parent_id: string | null }>(
      `SELECT code, name_vi, name_en, kind, parent_id FROM organisations`,
    );
    expect(orgs.filter((o) => o.kind !== "AGENCY").length).toBeGreaterThanOrEqual(20);
    expect(orgs.filter((o) => o.kind === "MINISTRY").length).toBeGreaterThanOrEqual(15);
    expect(orgs.filter((o) => o.kind === "PROVINCE").length).toBeGreaterThanOrEqual(12);
    const agencies = orgs.filter((o) => o.kind === "AGENCY");
    expect(agencies.length).toBeGreaterThanOrEqual(6);
    for (const a of agencies) expect(a.parent_id).not.toBeNull();
    const byCode = new Map(orgs.map((o) => [o.code, o]));
    expect(byCode.get("BTTTT")).toMatchObject({
      name_vi: "Bộ Thông tin và Truyền thông",
      name_en: "Ministry of Information and Communications",
      kind: "MINISTRY",
    });
    expect(byCode.get("HN")).toMatchObject({ name_vi: "Thành phố Hà Nội", kind: "PROVINCE" });
    expect(byCode.get("HCM")).toMatchObject({ name_vi: "Thành phố Hồ Chí Minh", kind: "PROVINCE" });
  });

  test("one sign-in per role, with the demo password, and the configured admin", async () => {
    const roles = new Set(first.accounts.map((a) => a.role));
    for (const r of ROLES) expect(roles.has(r)).toBe(true);
    for (const a of first.accounts) expect(a.password).toBe(DEMO_PASSWORD);
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
    expect(first.accounts.map((a) => a.email)).toEqual(
      expect.arrayContaining([
        "admin@demo.gov.vn",
        "lanhdao@demo.gov.vn",
        "canbo.bkhcn@demo.gov.vn",
        "canbo.hanoi@demo.gov.vn",
        "canbo.tuyenquang@demo.gov.vn",
      ]),
    );
    const users = await rows<{ email: string; role: string; code: string | null; password_hash: string }>(
      `SELECT u.email, u.role, o.code, u.password_hash FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id`,
    );
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(byEmail.get("canbo.bkhcn@demo.gov.vn")).toMatchObject({ role: "OFFICER", code: "BKHCN" });
    expect(byEmail.get("canbo.tuyenquang@demo.gov.vn")).toMatchObject({ role: "OFFICER", code: "TQ" });
    expect(byEmail.has("canbo.btttt@demo.gov.vn")).toBe(false);
    expect(byEmail.get("canbo.hanoi@demo.gov.vn")).toMatchObject({ role: "OFFICER", code: "HN" });
    expect(byEmail.get("lanhdao@demo.gov.vn")).toMatchObject({ role: "LEADERSHIP", code: null });
    expect(await verifyPassword(byEmail.get("admin@demo.gov.vn")!.password_hash, DEMO_PASSWORD)).toBe(true);
    // the configured admin: created, lower-cased, not listed among the demo sign-ins (its password is not ours to print)
    const configured = byEmail.get("quan.tri@example.gov.vn");
    expect(configured).toMatchObject({ role: "ADMIN" });
    expect(await verifyPassword(configured!.password_hash, ADMIN.adminPassword)).toBe(true);
    expect(first.accounts.some((a) => a.email === "quan.tri@example.gov.vn")).toBe(false);
  });

  test("240+ coherent initiatives across every block, status, stage and organisation", async () => {
    const list = await rows<{
      id: string;
      organisation_id: string;
      title: string;
      status: string;
      current_stage: number;
      target_stage: number;
      start_date: Date | null;
      end_date: Date | null;
      budget_planned: string | null;
      budget_spent: string | null;
      progress: number;
      archived_at: Date | null;
      updated_at: Date;
      search_text: string;
    }>(`SELECT * FROM initiatives`);
    expect(list.length).toBeGreaterThanOrEqual(240);
    expect(new Set(list.map((i) => i.status))).toEqual(new Set(INITIATIVE_STATUSES));
    expect(new Set(list.map((i) => i.current_stage))).toEqual(new Set([1, 2, 3, 4, 5]));
    for (const i of list) {
      if (i.status === "COMPLETED") expect(i.progress).toBe(100);
      expect(i.target_stage).toBeGreaterThanOrEqual(i.current_stage);
      if (i.start_date && i.end_date) expect(i.end_date.getTime()).toBeGreaterThanOrEqual(i.start_date.getTime());
      expect(i.search_text).not.toBe(""); // the trigger ran
    }
    const blocks = await rows<{ block_code: string; n: number }>(
      `SELECT block_code, count(*)::int AS n FROM initiative_building_blocks GROUP BY 1`,
    );
    expect(new Set(blocks.map((b) => b.block_code))).toEqual(new Set(BUILDING_BLOCKS));
    const perInitiative = await rows<{ b: number; p: number; e: number }>(`
      SELECT (SELECT count(*)::int FROM initiative_building_blocks x WHERE x.initiative_id = i.id) AS b,
             (SELECT count(*)::int FROM initiative_principles x WHERE x.initiative_id = i.id) AS p,
             (SELECT count(*)::int FROM initiative_enablers x WHERE x.initiative_id = i.id) AS e
      FROM initiatives i`);
    for (const r of perInitiative) {
      expect(r.b).toBeGreaterThanOrEqual(1);
      expect(r.b).toBeLessThanOrEqual(3);
      expect(r.p).toBeLessThanOrEqual(3);
      expect(r.e).toBeLessThanOrEqual(2);
    }
    // every body in force today has initiatives (a dissolved one may have handed all of its live ones over)
    const orgsWithout = await rows(
      `SELECT code FROM organisations o WHERE o.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.organisation_id = o.id)`,
    );
    expect(orgsWithout).toEqual([]);

    const now = Date.now();
    const today = new Date(new Date().toISOString().slice(0, 10));
    const withBudget = list.filter((i) => i.budget_planned !== null);
    expect(withBudget.length).toBeGreaterThan(list.length / 2);
    expect(withBudget.length).toBeLessThan(list.length);
    const overspent = withBudget.filter(
      (i) => i.budget_spent !== null && BigInt(i.budget_spent) > BigInt(i.budget_planned!),
    );
    expect(overspent.length).toBeLessThan(withBudget.length / 10);
    expect(list.filter((i) => i.archived_at !== null).length).toBeGreaterThanOrEqual(3);
    const live = list.filter((i) => i.archived_at === null);
    // what "needs attention" shows
    expect(
      live.filter((i) => i.status === "IN_PROGRESS" && i.end_date && i.end_date < today).length,
    ).toBeGreaterThanOrEqual(3);
    expect(
      live.filter((i) => i.status === "PLANNED" && now - i.updated_at.getTime() > 90 * 86_400_000).length,
    ).toBeGreaterThanOrEqual(3);
    expect(list.every((i) => i.updated_at.getTime() <= now)).toBe(true);
  });

  test("reports from 2024-Q1 to the current quarter by the bodies in force then, the latest quarter in every state", async () => {
    const now = currentPeriod();
    const periods: string[] = [];
    for (let p = "2024-Q1"; p <= now; p = addQuarters(p, 1)) periods.push(p);
    const reports = await rows<{
      code: string;
      kind: string;
      period: string;
      metric_code: string;
      value: number;
      numerator: string | null;
      denominator: string | null;
      status: string;
      review_comment: string | null;
      submitted_at: Date | null;
      reviewed_at: Date | null;
      reviewed_by: string | null;
    }>(`SELECT o.code, o.kind, r.* FROM metric_reports r JOIN organisations o ON o.id = r.organisation_id`);
    expect(new Set(reports.map((r) => r.period))).toEqual(new Set(periods));

    // counted by hand: 22 ministry-level bodies and 63 provinces (Thừa Thiên Huế) in 2024; from 2025-Q1 the 17
    // ministry-level bodies (the 7 dissolved on 1 March do not report Q1, the 2 new ones do) and 63 provinces (Huế);
    // from 2025-Q3 the 34 provinces
    const topLevel = (p: string) => (p < "2025-Q1" ? 22 + 63 : p < "2025-Q3" ? 17 + 63 : 17 + 34);
    const older = reports.filter((r) => r.period < latest());
    expect(older.every((r) => r.status === "APPROVED")).toBe(true);
    for (const p of periods.filter((x) => x < latest())) {
      expect(older.filter((r) => r.period === p && r.kind !== "AGENCY").length, p).toBe(topLevel(p) * METRICS.length);
    }
    // no report of a quarter its body was not in force for
    const outside = await rows(`SELECT r.id FROM metric_reports r JOIN organisations o ON o.id = r.organisation_id
      WHERE NOT in_force_on(o.valid_from, o.valid_to, period_last_day(r.period))`);
    expect(outside).toEqual([]);
    expect(reports.filter((r) => r.period === "2025-Q1" && ["BTTTT", "BKHDT"].includes(r.code))).toEqual([]);
    expect(reports.filter((r) => r.period === "2025-Q2" && r.code === "HAG").length).toBe(METRICS.length);
    expect(reports.filter((r) => r.period === "2025-Q3" && r.code === "HAG")).toEqual([]);
    expect(new Set(reports.filter((r) => r.kind === "AGENCY").map((r) => r.code)).size).toBeGreaterThanOrEqual(2);

    const last = reports.filter((r) => r.period === latest());
    expect(new Set(last.map((r) => r.status))).toEqual(new Set(REPORT_STATUSES));
    expect(last.filter((r) => r.kind !== "AGENCY").length).toBeLessThan(topLevel(latest()) * METRICS.length);
    // the current quarter is under way: drafts and a few submitted, nothing reviewed yet
    const cur = reports.filter((r) => r.period === now);
    expect(new Set(cur.map((r) => r.status))).toEqual(new Set(["DRAFT", "SUBMITTED"]));

    for (const r of reports) {
      if (r.numerator !== null) {
        expect(r.value).toBe((Number(r.numerator) / Number(r.denominator)) * 100);
        expect(r.metric_code === "SERVICES_ONLINE" || r.metric_code === "SERVICES_NEW_RETIRED").toBe(true);
      }
      if (r.metric_code === "SERVICES_NEW_RETIRED") expect(r.value >= 1 && r.value <= 20).toBe(true);
      if (r.metric_code === "KPI_IMPROVEMENT") expect(r.value >= -5 && r.value <= 40).toBe(true);
      if (r.metric_code === "NEW_DELIVERY_MODELS") expect(r.value >= 0 && r.value <= 6).toBe(true);
      if (r.status === "DRAFT") expect([r.submitted_at, r.reviewed_at, r.reviewed_by]).toEqual([null, null, null]);
      if (r.status === "SUBMITTED")
        expect(r.submitted_at !== null && r.reviewed_at === null && r.reviewed_by === null).toBe(true);
      if (r.status === "APPROVED" || r.status === "REJECTED") {
        expect(r.reviewed_by).not.toBeNull();
        expect(r.reviewed_at!.getTime()).toBeGreaterThanOrEqual(r.submitted_at!.getTime());
      }
      if (r.status === "REJECTED") expect(r.review_comment).toBeTruthy();
    }

    // open datasets are cumulative: never fewer than the quarter before
    const od = new Map<string, number[]>();
    for (const r of [...reports]
      .filter((x) => x.metric_code === "OPEN_DATASETS")
      .sort((a, b) => a.period.localeCompare(b.period))) {
      od.set(r.code, [...(od.get(r.code) ?? []), r.value]);
    }
    for (const values of od.values())
      for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  });

  test("evidence-based stages range over 1..5 in the latest quarter", async () => {
    const figures = await rows<{
      code: string;
      metric_code: string;
      num: number | null;
      den: number | null;
      total: number;
      mean: number;
    }>(
      `SELECT top.code, r.metric_code, sum(r.numerator)::float AS num, sum(r.denominator)::float AS den,
              sum(r.value)::float AS total, avg(r.value)::float AS mean
       FROM organisations top
       JOIN organisations o ON o.id = top.id OR o.parent_id = top.id
       JOIN metric_reports r ON r.organisation_id = o.id AND r.period = $1 AND r.status = 'APPROVED'
       WHERE top.kind <> 'AGENCY'
       GROUP BY 1, 2`,
      [latest()],
    );
    const byOrg = new Map<string, Figures>();
    for (const f of figures) {
      const fig = byOrg.get(f.code) ?? {};
      fig[f.metric_code as keyof Figures] =
        f.num !== null ? (f.num / f.den!) * 100 : f.metric_code === "KPI_IMPROVEMENT" ? f.mean : f.total;
      byOrg.set(f.code, fig);
    }
    const stages = new Set([...byOrg.values()].map((fig) => maturityStage(fig, DEFAULT_THRESHOLDS)));
    expect(stages).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  test("KPIs on about 30 initiatives, in every rating status and both directions", async () => {
    const kpis = await rows<{
      id: string;
      initiative_id: string;
      name: string;
      direction: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER";
      baseline: number;
      baseline_period: string;
      target: number;
      target_period: string;
    }>(`SELECT * FROM kpis`);
    const values = await rows<{ kpi_id: string; period: string; value: number }>(`SELECT * FROM kpi_values`);
    expect(new Set(kpis.map((k) => k.initiative_id)).size).toBeGreaterThanOrEqual(25);
    expect(new Set(kpis.map((k) => k.direction))).toEqual(new Set(["HIGHER_IS_BETTER", "LOWER_IS_BETTER"]));
    const statuses = new Set<string>();
    for (const k of kpis) {
      const s = k.direction === "HIGHER_IS_BETTER" ? 1 : -1;
      expect(s * (k.target - k.baseline)).toBeGreaterThan(0);
      expect(k.target_period > k.baseline_period).toBe(true);
      const own = values.filter((v) => v.kpi_id === k.id);
      for (const v of own) expect(v.period > k.baseline_period && v.period <= currentPeriod()).toBe(true);
      statuses.add(
        rate(
          {
            direction: k.direction,
            baseline: k.baseline,
            baselinePeriod: k.baseline_period,
            target: k.target,
            targetPeriod: k.target_period,
          },
          own,
        ).status,
      );
    }
    expect(statuses).toEqual(new Set(RATING_STATUSES));
  });

  test("national targets for all five metrics", async () => {
    const targets = await rows<{
      metric_code: string;
      baseline: number;
      baseline_period: string;
      target: number;
      target_period: string;
    }>(`SELECT * FROM national_targets`);
    expect(new Set(targets.map((t) => t.metric_code))).toEqual(new Set(METRICS));
    for (const t of targets) {
      expect(t.target).toBeGreaterThan(t.baseline);
      expect(t.baseline_period).toBe("2024-Q1");
      expect(t.target_period).toBe(addQuarters(currentPeriod(), 4));
    }
  });
});

describe("the government as it is today and its 2025 history", () => {
  const inForce = async (kind: string, date: string) =>
    (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM organisations WHERE kind = $1 AND in_force_on(valid_from, valid_to, $2::date)`, [kind, date]))[0].n;
  const lastDay = (p: string) => `${p.slice(0, 4)}-${["03-31", "06-30", "09-30", "12-31"][Number(p.slice(6)) - 1]}`;

  test("17 ministry-level bodies and 34 provinces today; 22 and 63 before", async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(await inForce("MINISTRY", today)).toBe(17);
    expect(await inForce("PROVINCE", today)).toBe(34);
    expect(await inForce("MINISTRY", lastDay("2024-Q4"))).toBe(22);
    expect(await inForce("MINISTRY", lastDay("2025-Q1"))).toBe(17);
    expect(await inForce("PROVINCE", lastDay("2024-Q4"))).toBe(63);
    expect(await inForce("PROVINCE", lastDay("2025-Q2"))).toBe(63);
    expect(await inForce("PROVINCE", lastDay("2025-Q3"))).toBe(34);
    const byCode = new Map(
      (await rows<{ code: string; name_vi: string; valid_from: string | null; valid_to: string | null }>(
        `SELECT code, name_vi, valid_from::text, valid_to::text FROM organisations`,
      )).map((o) => [o.code, o]),
    );
    expect(byCode.get("TTH")).toMatchObject({ name_vi: "Tỉnh Thừa Thiên Huế", valid_to: "2025-01-01" });
    expect(byCode.get("HUE")).toMatchObject({ name_vi: "Thành phố Huế", valid_from: "2025-01-01", valid_to: null });
    expect(byCode.get("BTTTT")).toMatchObject({ valid_to: "2025-03-01" });
    expect(byCode.get("BNNMT")).toMatchObject({ name_vi: "Bộ Nông nghiệp và Môi trường", valid_from: "2025-03-01" });
    expect(byCode.get("BDTTG")).toMatchObject({ name_vi: "Bộ Dân tộc và Tôn giáo", valid_from: "2025-03-01" });
    expect(byCode.get("HAG")).toMatchObject({ valid_to: "2025-07-01" });
    expect(byCode.get("TQ")).toMatchObject({ valid_from: null, valid_to: null });
    expect(byCode.get("TCT")).toMatchObject({ name_vi: "Cục Thuế" });
    expect([...byCode.values()].some((o) => o.name_vi.startsWith("Tổng cục"))).toBe(false);
  });

  test("the three changes are restructurings, applied by the API's code path", async () => {
    const rs = await rows<{ effective_date: string; legal_basis: string; n: number }>(
      `SELECT r.effective_date::text, r.legal_basis, count(s.id)::int AS n FROM restructurings r
         JOIN restructuring_successions s ON s.restructuring_id = r.id GROUP BY r.id ORDER BY r.effective_date`,
    );
    expect(rs).toEqual([
      { effective_date: "2025-01-01", legal_basis: "Nghị quyết 1314/NQ-UBTVQH15", n: 1 },
      { effective_date: "2025-03-01", legal_basis: "Nghị quyết 176/2025/QH15", n: 7 },
      { effective_date: "2025-07-01", legal_basis: "Nghị quyết 202/2025/QH15", n: 29 },
    ]);
    expect((await rows(`SELECT id FROM audit_entries WHERE entity_type = 'Restructuring'`)).length).toBe(3);
    // no live initiative is left with a dissolved body; each moved one has its history entry
    const left = await rows(`SELECT i.id FROM initiatives i JOIN organisations o ON o.id = i.organisation_id
      WHERE o.valid_to IS NOT NULL AND i.archived_at IS NULL AND i.status NOT IN ('COMPLETED', 'CANCELLED')`);
    expect(left).toEqual([]);
    const moved = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_type = 'Initiative' AND action = 'restructure'`);
    expect(moved[0].n).toBeGreaterThan(100);
    // agencies changed parent with their ministry, keeping the past with the former one
    const cdsqg = await rows<{ before: string; after: string }>(
      `SELECT (SELECT code FROM organisations WHERE id = org_root_on(o.id, '2025-02-28')) AS before,
              (SELECT code FROM organisations WHERE id = org_root_on(o.id, '2025-03-01')) AS after
         FROM organisations o WHERE o.code = 'CDSQG'`,
    );
    expect(cdsqg).toEqual([{ before: "BTTTT", after: "BKHCN" }]);
  });
});

describe("seedDemo on a database that has organisations", () => {
  test("a second run writes nothing and answers the same sign-ins", async () => {
    const before = await counts();
    const again = await seedDemo(url, ADMIN);
    expect(again.seeded).toBe(false);
    expect(again.accounts).toEqual(first.accounts);
    expect(await counts()).toEqual(before);
  });

  test("a newly configured admin is still created", async () => {
    const before = await counts();
    const r = await seedDemo(url, { adminEmail: "second.admin@example.gov.vn", adminPassword: "Another-Admin-Pass-2" });
    expect(r.seeded).toBe(false);
    expect(await counts()).toEqual({ ...before, users: before.users + 1 });
    expect((await rows(`SELECT role FROM users WHERE email = 'second.admin@example.gov.vn'`))[0]).toEqual({
      role: "ADMIN",
    });
  });
});
