import "server-only";
import { pool } from "./db";
import { METRICS, type MetricCode, type OrganisationKind } from "@/lib/domain/codes";
import { EMPTY_SUMS, type MetricSums } from "@/lib/domain/rollup";
import { isOpenQuarter } from "@/lib/domain/coverage";
import { addQuarters, periodRange } from "@/lib/domain/periods";
import { currentPeriodInVietnam, todayInVietnam } from "@/lib/domain/validity";

/*
 * The dashboards' GROUP BYs. Every one answers sums or counts; lib/domain (rollup.ts, coverage.ts) turns them into
 * figures. Who counts for a quarter P follows spec/restructuring.md: the MINISTRY and PROVINCE bodies in force on
 * P's last day (in_force_on, period_last_day), each with the agencies whose dated parent link points to it on that
 * day (org_root_on). National metric values stay plain sums over the reports of P.
 * metric_reports.period is char(7): a period compared as text (a parameter first typed text by period_last_day($1),
 * or unnest($1::text[])) casts the column and no index serves it (a scan of every report); such comparisons cast the
 * other side to bpchar instead.
 */

export type Statuses = ("APPROVED" | "SUBMITTED")[];
export const statusesFor = (includeSubmitted: boolean): Statuses => (includeSubmitted ? ["APPROVED", "SUBMITTED"] : ["APPROVED"]);

export type MetricSumsByCode = Record<MetricCode, MetricSums>;
export const emptyByCode = (): MetricSumsByCode => Object.fromEntries(METRICS.map((m) => [m, EMPTY_SUMS])) as MetricSumsByCode;

type SumRow = { key: string | null; period: string; metric: string; count: number; sn: number; sd: number; sv: number };
const SUMS = `COUNT(*)::int AS count, COALESCE(SUM(r.numerator), 0)::float8 AS sn,
              COALESCE(SUM(r.denominator), 0)::float8 AS sd, COALESCE(SUM(r.value), 0)::float8 AS sv`;
const toSums = (r: SumRow): MetricSums => ({ sumNumerator: r.sn, sumDenominator: r.sd, sumValue: r.sv, count: r.count });

export interface ReportSumRow {
  /** the MINISTRY/PROVINCE of the group (per root), else null */
  rootId: string | null;
  period: string;
  metric: MetricCode;
  sums: MetricSums;
}

/**
 * Sums of the counted reports over a range of quarters, per (period, metric): nationally (every report), or per
 * MINISTRY/PROVINCE with its agencies of each quarter (`byRoot`).
 */
export async function reportSums(f: { from: string; to: string; metric?: MetricCode; statuses: Statuses; byRoot?: boolean }): Promise<ReportSumRow[]> {
  const params = [f.from, f.to, f.statuses, f.metric ?? null];
  const reports = `SELECT r.organisation_id, r.period, r.metric_code AS metric, r.numerator, r.denominator, r.value
                     FROM metric_reports r
                    WHERE r.period BETWEEN $1 AND $2 AND r.status = ANY($3) AND ($4::text IS NULL OR r.metric_code = $4)`;
  if (!f.byRoot) {
    const { rows } = await pool().query<SumRow>(
      `SELECT NULL::uuid AS key, g.period, g.metric, ${SUMS.replaceAll("r.", "g.")} FROM (${reports}) g GROUP BY 2, 3`,
      params,
    );
    return rows.map((r) => ({ rootId: r.key, period: r.period, metric: r.metric as MetricCode, sums: toSums(r) }));
  }
  // Each report's MINISTRY/PROVINCE of its quarter, set-wise: org_root_on() per report row meant a sub-query per
  // report (3,500 a quarter); here each agency's dated parent link in force on each quarter's last day is picked once
  // (DISTINCT ON, the latest valid_from first, as org_root_on orders), falling back to the current parent.
  const { rows } = await pool().query<SumRow>(
    `WITH g AS (${reports}),
     ps AS (SELECT DISTINCT g.period, period_last_day(g.period) AS d FROM g),
     lk AS (SELECT DISTINCT ON (l.organisation_id, ps.period) l.organisation_id, ps.period, l.parent_id
              FROM organisation_parent_links l JOIN ps ON in_force_on(l.valid_from, l.valid_to, ps.d)
             ORDER BY l.organisation_id, ps.period, l.valid_from DESC NULLS LAST),
     k AS (SELECT CASE WHEN o.kind = 'AGENCY' THEN COALESCE(lk.parent_id, o.parent_id) ELSE o.id END AS key, g.*
             FROM g JOIN organisations o ON o.id = g.organisation_id
             LEFT JOIN lk ON lk.organisation_id = g.organisation_id AND lk.period = g.period)
     SELECT k.key, k.period, k.metric, ${SUMS.replaceAll("r.", "k.")}
       FROM k JOIN organisations ro ON ro.id = k.key AND ro.kind IN ('MINISTRY', 'PROVINCE')
      GROUP BY 1, 2, 3`,
    params,
  );
  return rows.map((r) => ({ rootId: r.key, period: r.period, metric: r.metric as MetricCode, sums: toSums(r) }));
}

/** Per period, the metric sums (a map of every period asked, empty sums where nothing counts). */
export function byPeriod(rows: { period: string; metric: MetricCode; sums: MetricSums }[], periods: string[]): Map<string, MetricSumsByCode> {
  const out = new Map(periods.map((p) => [p, emptyByCode()]));
  for (const r of rows) {
    const m = out.get(r.period);
    if (m) m[r.metric] = r.sums;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// An organisation's figures: the lineage of each quarter (lib/domain/lineage.ts) and, with each of those bodies,
// its agencies of that quarter: the "units" whose own reports make up the figure.

/** The SQL of the units of each (period, organisation) in $1/$2: the bodies themselves and their agencies of P. */
// Set-wise (issue 20): org_root_on() per (agency, quarter) was ~10,000 function calls for 16 quarters, seconds on a
// loaded machine. Here each agency's dated parent link in force on each quarter's last day is picked once (DISTINCT
// ON, the latest valid_from first, as org_root_on orders them), falling back to the current parent, as org_root_on does.
const UNITS = `
  l AS (SELECT * FROM unnest($1::text[], $2::uuid[]) AS l(period, org_id)),
  lp AS (SELECT DISTINCT l.period, period_last_day(l.period) AS d FROM l),
  lk AS (SELECT DISTINCT ON (pl.organisation_id, lp.period) pl.organisation_id, lp.period, pl.parent_id
           FROM organisation_parent_links pl JOIN lp ON in_force_on(pl.valid_from, pl.valid_to, lp.d)
          ORDER BY pl.organisation_id, lp.period, pl.valid_from DESC NULLS LAST),
  u AS (
    SELECT l.period, l.org_id AS unit FROM l
    UNION
    SELECT l.period, c.id FROM l
      JOIN lp ON lp.period = l.period
      JOIN organisations c ON c.kind = 'AGENCY' AND in_force_on(c.valid_from, c.valid_to, lp.d)
      LEFT JOIN lk ON lk.organisation_id = c.id AND lk.period = l.period
     WHERE COALESCE(lk.parent_id, c.parent_id) = l.org_id)`;

export type LineageByPeriod = Map<string, readonly string[]>;
function lineageParams(lineage: LineageByPeriod): [string[], string[]] {
  const periods: string[] = [];
  const orgs: string[] = [];
  for (const [p, ids] of lineage) {
    for (const id of ids) {
      periods.push(p);
      orgs.push(id);
    }
  }
  return [periods, orgs];
}

/** Per (period, metric), the sums of the counted reports of the units of each quarter's lineage. */
export async function unitSums(lineage: LineageByPeriod, statuses: Statuses, metric?: MetricCode): Promise<ReportSumRow[]> {
  const [periods, orgs] = lineageParams(lineage);
  if (periods.length === 0) return [];
  const { rows } = await pool().query<SumRow>(
    `WITH ${UNITS}
     SELECT NULL::uuid AS key, r.period, r.metric_code AS metric, ${SUMS}
       FROM u JOIN metric_reports r ON r.organisation_id = u.unit AND r.period = u.period::bpchar
      WHERE r.status = ANY($3) AND ($4::text IS NULL OR r.metric_code = $4)
      GROUP BY 2, 3`,
    [periods, orgs, statuses, metric ?? null],
  );
  return rows.map((r) => ({ rootId: null, period: r.period, metric: r.metric as MetricCode, sums: toSums(r) }));
}

export interface UnitCoverage {
  expected: number;
  reported: Record<MetricCode, number>;
  /** units with a counted report of any metric */
  reportedAny: number;
}

/** Coverage of one quarter's units: how many there are and how many have their own counted report of each metric. */
export async function unitCoverage(period: string, lineage: readonly string[], statuses: Statuses): Promise<UnitCoverage> {
  const reported = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<MetricCode, number>;
  if (lineage.length === 0) return { expected: 0, reported, reportedAny: 0 };
  const { rows } = await pool().query<{ metric: string | null; n: number }>(
    `WITH ${UNITS}
     SELECT NULL AS metric, COUNT(*)::int AS n FROM u
     UNION ALL
     SELECT r.metric_code, COUNT(*)::int FROM u JOIN metric_reports r ON r.organisation_id = u.unit AND r.period = u.period::bpchar
      WHERE r.status = ANY($3) GROUP BY 1
     UNION ALL
     SELECT '*', COUNT(DISTINCT u.unit)::int FROM u JOIN metric_reports r ON r.organisation_id = u.unit AND r.period = u.period::bpchar
      WHERE r.status = ANY($3)`,
    [lineage.map(() => period), lineage, statuses],
  );
  let expected = 0;
  let reportedAny = 0;
  for (const r of rows) {
    if (r.metric === null) expected = r.n;
    else if (r.metric === "*") reportedAny = r.n;
    else reported[r.metric as MetricCode] = r.n;
  }
  return { expected, reported, reportedAny };
}

export interface PairSums {
  current: MetricSumsByCode;
  previous: MetricSumsByCode;
}

function pairOf(rows: SumRow[], period: string): PairSums {
  const out: PairSums = { current: emptyByCode(), previous: emptyByCode() };
  for (const r of rows) (r.period === period ? out.current : out.previous)[r.metric as MetricCode] = toSums(r);
  return out;
}

/**
 * Like for like (spec/coverage.md): per metric, the sums in `period` and in the quarter before over the reporting
 * organisations — every body by its own reports — with a counted report of that metric in both. Nationally every
 * organisation; with `lineage`, the units of each quarter's lineage.
 */
export async function likeForLikeSums(
  period: string,
  statuses: Statuses,
  lineage?: { current: readonly string[]; previous: readonly string[] },
): Promise<PairSums> {
  const prev = addQuarters(period, -1);
  if (!lineage) {
    const { rows } = await pool().query<SumRow>(
      // set-wise: one pass over both quarters' counted reports; (organisation, period, metric) is unique, so two
      // rows per (organisation, metric) means a counted report in both (an EXISTS per report was 2,500 index probes)
      `SELECT NULL::uuid AS key, r.period, r.metric_code AS metric, ${SUMS}
         FROM (SELECT r.period, r.metric_code, r.numerator, r.denominator, r.value,
                      count(*) OVER (PARTITION BY r.organisation_id, r.metric_code) AS n
                 FROM metric_reports r WHERE r.period IN ($1, $2) AND r.status = ANY($3)) r
        WHERE r.n = 2
        GROUP BY 2, 3`,
      [period, prev, statuses],
    );
    return pairOf(rows, period);
  }
  const map: LineageByPeriod = new Map([
    [period, lineage.current],
    [prev, lineage.previous],
  ]);
  const [periods, orgs] = lineageParams(map);
  if (lineage.current.length === 0 || lineage.previous.length === 0) return { current: emptyByCode(), previous: emptyByCode() };
  const { rows } = await pool().query<SumRow>(
    `WITH ${UNITS},
     c AS (SELECT u.unit, r.period, r.metric_code, r.numerator, r.denominator, r.value
             FROM u JOIN metric_reports r ON r.organisation_id = u.unit AND r.period = u.period::bpchar WHERE r.status = ANY($3))
     SELECT NULL::uuid AS key, r.period, r.metric_code AS metric, ${SUMS}
       FROM c r
      WHERE EXISTS (SELECT 1 FROM c o WHERE o.unit = r.unit AND o.metric_code = r.metric_code AND o.period <> r.period)
      GROUP BY 2, 3`,
    [periods, orgs, statuses],
  );
  return pairOf(rows, period);
}

// ---------------------------------------------------------------------------------------------------------------
// National counts over the bodies in force.

export interface RootOrganisation {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
}

/** The MINISTRY and PROVINCE bodies in force for a quarter (or, with `today`, today), by code. */
export async function rootsInForce(at: { period: string } | { today: true }): Promise<RootOrganisation[]> {
  const day = "period" in at ? "period_last_day($1)" : "$1::date";
  const { rows } = await pool().query<{ id: string; code: string; name_vi: string; name_en: string; kind: OrganisationKind }>(
    `SELECT o.id, o.code, o.name_vi, o.name_en, o.kind::text AS kind FROM organisations o
      WHERE o.kind IN ('MINISTRY', 'PROVINCE') AND in_force_on(o.valid_from, o.valid_to, ${day})
      ORDER BY o.code`,
    ["period" in at ? at.period : todayInVietnam()],
  );
  return rows.map((r) => ({ id: r.id, code: r.code, nameVi: r.name_vi, nameEn: r.name_en, kind: r.kind }));
}

export interface NationalCoverageRow {
  period: string;
  expected: number;
  reported: Record<MetricCode, number>;
}

/**
 * Per quarter, the MINISTRY/PROVINCE bodies in force and how many of them have their own counted report of each
 * metric (agencies' reports do not stand in for their parent's).
 */
export async function nationalCoverage(from: string, to: string, statuses: Statuses): Promise<Map<string, NationalCoverageRow>> {
  const periods = periodRange(from, to);
  const { rows } = await pool().query<{ period: string; metric: string | null; n: number }>(
    `WITH p AS (SELECT unnest($1::text[]) AS period),
     e AS (SELECT p.period, o.id FROM p JOIN organisations o
             ON o.kind IN ('MINISTRY', 'PROVINCE') AND in_force_on(o.valid_from, o.valid_to, period_last_day(p.period)))
     SELECT e.period, NULL AS metric, COUNT(*)::int AS n FROM e GROUP BY 1
     UNION ALL
     SELECT e.period, r.metric_code, COUNT(*)::int FROM e
       JOIN metric_reports r ON r.organisation_id = e.id AND r.period = e.period::bpchar AND r.status = ANY($2)
      GROUP BY 1, 2`,
    [periods, statuses],
  );
  const out = new Map<string, NationalCoverageRow>(
    periods.map((p) => [p, { period: p, expected: 0, reported: Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<MetricCode, number> }]),
  );
  for (const r of rows) {
    const row = out.get(r.period)!;
    if (r.metric === null) row.expected = r.n;
    else row.reported[r.metric as MetricCode] = r.n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The reporting calendar as the dashboards need it (the settings and calendar screens are lib/server's reporting
// calendar module; these read the same row and SQL function).

export interface QuarterStatus {
  period: string;
  dueDate: string;
  open: boolean;
  minimumCoverage: number;
}

const DEFAULT_MINIMUM_COVERAGE = 0.8;

/** A quarter's due date, whether it is still open (today in Asia/Ho_Chi_Minh) and the minimum coverage. */
export async function quarterStatus(period: string, today: string = todayInVietnam()): Promise<QuarterStatus> {
  const { rows } = await pool().query<{ due: string | null; min: number | null }>(
    `SELECT period_due_date($1)::text AS due, (SELECT s.minimum_coverage FROM reporting_settings s WHERE s.id = 1) AS min`,
    [period],
  );
  const due = rows[0]?.due ?? `${period}`;
  return { period, dueDate: due, open: isOpenQuarter(today, due), minimumCoverage: rows[0]?.min ?? DEFAULT_MINIMUM_COVERAGE };
}

/** The minimum coverage of the reporting settings. */
export async function minimumCoverage(): Promise<number> {
  const { rows } = await pool().query<{ min: number }>(`SELECT minimum_coverage AS min FROM reporting_settings WHERE id = 1`);
  return rows[0]?.min ?? DEFAULT_MINIMUM_COVERAGE;
}

/** The latest quarter that is no longer open: where the dashboard opens. */
export async function latestClosedPeriod(today: string = todayInVietnam()): Promise<string> {
  const cur = currentPeriodInVietnam(new Date(`${today}T12:00:00+07:00`));
  const candidates = Array.from({ length: 8 }, (_, i) => addQuarters(cur, -i));
  const { rows } = await pool().query<{ p: string; due: string | null }>(
    `SELECT p, period_due_date(p)::text AS due FROM unnest($1::text[]) AS p`,
    [candidates],
  );
  const due = new Map(rows.map((r) => [r.p, r.due]));
  return candidates.find((p) => !isOpenQuarter(today, due.get(p) ?? "9999-12-31")) ?? addQuarters(cur, -1);
}
