import "server-only";
import { pool, prisma } from "./db";
import { NotFoundError } from "./errors";
import { complianceOf, completeness, type Compliance } from "./reports";
import { readThresholds } from "./thresholds";
import { blockSums, initiativeSums, type BlockSumRow } from "./initiative-stats";
import type { Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow, period as periodSchema, queryBool } from "@/lib/validation/common";
import { dashboardQuery, trendQuery } from "@/lib/validation/reports";
import {
  BUILDING_BLOCKS,
  INITIATIVE_STATUSES,
  METRICS,
  METRIC_KIND,
  type BuildingBlockCode,
  type InitiativeStatus,
  type MetricCode,
  type OrganisationKind,
  type StageLevel,
} from "@/lib/domain/codes";
import { addQuarters, currentPeriod, periodRange } from "@/lib/domain/periods";
import { CSV_BOM, neutraliseCell } from "@/lib/domain/csv";
import {
  EMPTY_SUMS,
  combineBlock,
  combineClaimedStages,
  combineInitiatives,
  combineMetric,
  metricFigure,
  stageDistribution,
  type BlockSums,
  type InitiativeFigures,
  type InitiativeSums,
  type MetricFigure,
  type MetricSums,
} from "@/lib/domain/rollup";
import { explainMaturity, type MaturityExplanation, type Thresholds } from "@/lib/domain/maturity";
import { z } from "zod";

/*
 * Every figure here is a GROUP BY in PostgreSQL that answers sums; lib/domain/rollup.ts turns sums into figures.
 * Initiative aggregation lives in initiativeSums() and blockSums() only, grouped by (root organisation, status, stage)
 * and (root organisation, block, status): the shape of the summary tables a larger deployment would keep
 * (notes/performance.md), so those two functions are all that would change to read them instead.
 * "Root" is an organisation's MINISTRY or PROVINCE: COALESCE(parent_id, id), so agencies roll into their parent.
 */

type Statuses = ("APPROVED" | "SUBMITTED")[];
const statusesFor = (includeSubmitted: boolean): Statuses => (includeSubmitted ? ["APPROVED", "SUBMITTED"] : ["APPROVED"]);

/** Report sums filter: a range of quarters, optionally one metric, one organisation with its agencies, or per root. */
interface ReportFilter {
  from: string;
  to: string;
  metric?: MetricCode;
  statuses: Statuses;
  /** one organisation and its agencies */
  rootId?: string | null;
  /** group per MINISTRY/PROVINCE (agencies rolled in) */
  byRoot?: boolean;
}
interface ReportSumRow {
  rootId: string | null;
  period: string;
  metric: MetricCode;
  sums: MetricSums;
}

async function reportSums(f: ReportFilter): Promise<ReportSumRow[]> {
  // the grouping key is chosen from two fixed fragments, never from input
  const root = f.byRoot ? "COALESCE(o.parent_id, o.id)" : "NULL::uuid";
  const rootFilter = f.byRoot ? "AND ro.kind IN ('MINISTRY', 'PROVINCE')" : "";
  const { rows } = await pool().query<{ root_id: string | null; period: string; metric: string; count: number; sn: number; sd: number; sv: number }>(
    `SELECT ${root} AS root_id, r.period, r.metric_code AS metric, COUNT(*)::int AS count,
            COALESCE(SUM(r.numerator), 0)::float8 AS sn, COALESCE(SUM(r.denominator), 0)::float8 AS sd, COALESCE(SUM(r.value), 0)::float8 AS sv
       FROM metric_reports r
       JOIN organisations o ON o.id = r.organisation_id
       JOIN organisations ro ON ro.id = COALESCE(o.parent_id, o.id)
      WHERE r.period BETWEEN $1 AND $2 AND r.status = ANY($3)
        AND ($4::text IS NULL OR r.metric_code = $4)
        AND ($5::uuid IS NULL OR o.id = $5 OR o.parent_id = $5)
        ${rootFilter}
      GROUP BY 1, 2, 3`,
    [f.from, f.to, f.statuses, f.metric ?? null, f.rootId ?? null],
  );
  return rows.map((r) => ({
    rootId: r.root_id,
    period: r.period,
    metric: r.metric as MetricCode,
    sums: { sumNumerator: r.sn, sumDenominator: r.sd, sumValue: r.sv, count: r.count },
  }));
}

type MetricSumsByCode = Record<MetricCode, MetricSums>;
const emptyByCode = (): MetricSumsByCode => Object.fromEntries(METRICS.map((m) => [m, EMPTY_SUMS])) as MetricSumsByCode;

/** One quarter's sums per metric (nationally, or one organisation with its agencies). */
async function periodSums(period: string, statuses: Statuses, rootId: string | null): Promise<MetricSumsByCode> {
  const out = emptyByCode();
  for (const r of await reportSums({ from: period, to: period, statuses, rootId })) out[r.metric] = r.sums;
  return out;
}

/** One quarter's sums per MINISTRY/PROVINCE (agencies rolled in), in one GROUP BY. */
async function periodSumsByRoot(period: string, statuses: Statuses): Promise<Map<string, MetricSumsByCode>> {
  const out = new Map<string, MetricSumsByCode>();
  for (const r of await reportSums({ from: period, to: period, statuses, byRoot: true })) {
    let m = out.get(r.rootId!);
    if (!m) out.set(r.rootId!, (m = emptyByCode()));
    m[r.metric] = r.sums;
  }
  return out;
}

function figuresOf(s: MetricSumsByCode): Partial<Record<MetricCode, number | null>> {
  return Object.fromEntries(METRICS.map((m) => [m, combineMetric(METRIC_KIND[m], s[m])]));
}

// ---------------------------------------------------------------------------------------------------------------
// Initiative aggregation: the only two functions that read the initiative tables.

/** Rows grouped by their root organisation. */
function byRootId<T extends { rootId: string | null }>(rows: T[]): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const r of rows) {
    const list = out.get(r.rootId);
    if (list) list.push(r);
    else out.set(r.rootId, [r]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

type StageKeys = Record<"1" | "2" | "3" | "4" | "5", number>;

export interface InitiativesDto extends InitiativeFigures {
  byBuildingBlock: Record<BuildingBlockCode, { count: number; averageProgress: number | null }>;
}

export interface DashboardDto {
  period: string;
  metrics: Record<MetricCode, MetricFigure>;
  initiatives: InitiativesDto;
  maturity: { distribution: StageKeys };
  compliance: Compliance;
}

export interface OrganisationDashboardDto extends DashboardDto {
  organisationId: string;
  maturityStage: StageLevel;
  claimedStages: StageKeys;
  /** each threshold met, missed or missing, for the UI */
  maturityExplanation: MaturityExplanation;
}

function metricsDto(s: MetricSumsByCode): Record<MetricCode, MetricFigure> {
  return Object.fromEntries(METRICS.map((m) => [m, metricFigure(m, s[m])])) as Record<MetricCode, MetricFigure>;
}

function initiativesDto(rows: InitiativeSums[], blocks: BlockSumRow[]): InitiativesDto {
  const byBuildingBlock = Object.fromEntries(BUILDING_BLOCKS.map((b) => [b, combineBlock(blocks.filter((r) => r.block === b))])) as InitiativesDto["byBuildingBlock"];
  return { ...combineInitiatives(rows), byBuildingBlock };
}

/** The MINISTRY and PROVINCE organisations: what national distribution, compliance and rankings cover. */
async function rootOrganisations() {
  return prisma.organisation.findMany({
    where: { kind: { in: ["MINISTRY", "PROVINCE"] } },
    select: { id: true, code: true, nameVi: true, nameEn: true, kind: true },
    orderBy: { code: "asc" },
  });
}

/** Each MINISTRY/PROVINCE's evidence-based stage for a quarter (approved reports, agencies rolled in). */
async function stagesByRoot(period: string, thresholds: Thresholds): Promise<Map<string, StageLevel>> {
  const [roots, sums] = await Promise.all([rootOrganisations(), periodSumsByRoot(period, statusesFor(false))]);
  return new Map(roots.map((o) => [o.id, explainMaturity(figuresOf(sums.get(o.id) ?? emptyByCode()), thresholds).stage]));
}

function parseDashboardQuery(query: unknown) {
  const q = parseOrThrow(dashboardQuery, query);
  return { period: q.period ?? currentPeriod(), includeSubmitted: q.includeSubmitted };
}

/** The national dashboard of a quarter (any signed-in user). */
export async function nationalDashboard(_actor: Actor, query: unknown): Promise<DashboardDto> {
  const { period, includeSubmitted } = parseDashboardQuery(query);
  const thresholds = await readThresholds();
  const [sums, initiatives, blocks, stages, compliance] = await Promise.all([
    periodSums(period, statusesFor(includeSubmitted), null),
    initiativeSums({}),
    blockSums({}),
    stagesByRoot(period, thresholds),
    complianceOf(period),
  ]);
  return {
    period,
    metrics: metricsDto(sums),
    initiatives: initiativesDto(initiatives, blocks),
    maturity: { distribution: stageDistribution(stages.values()) },
    compliance,
  };
}

/**
 * One organisation's dashboard, its agencies included (any signed-in user). The stage always rests on APPROVED reports
 * (domain.md "Evidence-based maturity stage"), also when SUBMITTED ones are included in the figures.
 */
export async function organisationDashboard(_actor: Actor, id: string, query: unknown): Promise<OrganisationDashboardDto> {
  const { period, includeSubmitted } = parseDashboardQuery(query);
  const org = isId(id) ? await prisma.organisation.findUnique({ where: { id }, select: { id: true } }) : null;
  if (!org) throw new NotFoundError("Organisation");
  const thresholds = await readThresholds();
  const [sums, approvedSums, initiatives, blocks, compliance] = await Promise.all([
    periodSums(period, statusesFor(includeSubmitted), id),
    includeSubmitted ? periodSums(period, statusesFor(false), id) : null,
    initiativeSums({ rootId: id }),
    blockSums({ rootId: id }),
    complianceOf(period, id),
  ]);
  const explanation = explainMaturity(figuresOf(approvedSums ?? sums), thresholds);
  return {
    period,
    organisationId: id,
    metrics: metricsDto(sums),
    initiatives: initiativesDto(initiatives, blocks),
    maturity: { distribution: stageDistribution([explanation.stage]) },
    compliance,
    maturityStage: explanation.stage,
    claimedStages: combineClaimedStages(initiatives),
    maturityExplanation: explanation,
  };
}

/** A metric per quarter from `from` to `to`, every quarter present, null where nothing counts (internal: no actor). */
export async function metricSeries(
  metric: MetricCode,
  from: string,
  to: string,
  opts: { organisationId?: string; includeSubmitted?: boolean },
): Promise<{ period: string; value: number | null }[]> {
  const rows = await reportSums({ from, to, metric, statuses: statusesFor(!!opts.includeSubmitted), rootId: opts.organisationId ?? null });
  const byPeriod = new Map(rows.map((r) => [r.period, r.sums]));
  return periodRange(from, to).map((period) => ({ period, value: combineMetric(METRIC_KIND[metric], byPeriod.get(period) ?? EMPTY_SUMS) }));
}

/**
 * Per MINISTRY/PROVINCE (agencies rolled in), a metric's APPROVED figure per quarter, only quarters with a value,
 * oldest first (internal: no actor).
 */
export async function organisationMetricSeries(metric: MetricCode, from: string, to: string): Promise<Map<string, { period: string; value: number }[]>> {
  const rows = await reportSums({ from, to, metric, statuses: statusesFor(false), byRoot: true });
  rows.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const out = new Map<string, { period: string; value: number }[]>();
  for (const r of rows) {
    const value = combineMetric(METRIC_KIND[metric], r.sums);
    if (value === null) continue;
    let list = out.get(r.rootId!);
    if (!list) out.set(r.rootId!, (list = []));
    list.push({ period: r.period, value });
  }
  return out;
}

/** `GET /dashboard/trend`: a metric over a range of quarters, nationally or for one organisation with its agencies. */
export async function trend(_actor: Actor, query: unknown): Promise<{ period: string; value: number | null }[]> {
  const q = parseOrThrow(trendQuery, query);
  if (q.organisationId && !(await prisma.organisation.findUnique({ where: { id: q.organisationId }, select: { id: true } }))) {
    throw new NotFoundError("Organisation");
  }
  return metricSeries(q.metric, q.from, q.to, { organisationId: q.organisationId, includeSubmitted: q.includeSubmitted });
}

export interface RankingRow {
  organisationId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  metrics: Record<MetricCode, number | null>;
  maturityStage: StageLevel;
  initiatives: number;
  averageProgress: number | null;
}

/** Each MINISTRY and PROVINCE (agencies rolled in) with its five figures, stage, initiative count and mean progress. */
export async function rankingTable(_actor: Actor, period: string, includeSubmitted = false): Promise<RankingRow[]> {
  const p = parseOrThrow(z.strictObject({ period: periodSchema, includeSubmitted: z.boolean() }), { period, includeSubmitted });
  const thresholds = await readThresholds();
  const [roots, sums, approved, initiatives] = await Promise.all([
    rootOrganisations(),
    periodSumsByRoot(p.period, statusesFor(p.includeSubmitted)),
    p.includeSubmitted ? periodSumsByRoot(p.period, statusesFor(false)) : null,
    initiativeSums({ byRoot: true }).then(byRootId),
  ]);
  return roots.map((o) => {
    const s = sums.get(o.id) ?? emptyByCode();
    const figures = figuresOf(s);
    const stageFigures = approved ? figuresOf(approved.get(o.id) ?? emptyByCode()) : figuresOf(s);
    const ini = combineInitiatives(initiatives.get(o.id) ?? []);
    return {
      organisationId: o.id,
      code: o.code,
      nameVi: o.nameVi,
      nameEn: o.nameEn,
      kind: o.kind,
      metrics: figures as Record<MetricCode, number | null>,
      maturityStage: explainMaturity(stageFigures, thresholds).stage,
      initiatives: ini.total,
      averageProgress: ini.averageProgress,
    };
  });
}

export interface HeatmapRow {
  organisationId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  blocks: Record<BuildingBlockCode, { count: number; averageProgress: number | null }>;
}

/** Organisation x building block: initiative count and mean progress, agencies rolled into their parent. */
export async function coverageHeatmap(_actor: Actor): Promise<HeatmapRow[]> {
  const [roots, blocks] = await Promise.all([rootOrganisations(), blockSums({ byRoot: true }).then(byRootId)]);
  return roots.map((o) => {
    const mine = blocks.get(o.id) ?? [];
    return {
      organisationId: o.id,
      code: o.code,
      nameVi: o.nameVi,
      nameEn: o.nameEn,
      blocks: Object.fromEntries(BUILDING_BLOCKS.map((b) => [b, combineBlock(mine.filter((r) => r.block === b))])) as HeatmapRow["blocks"],
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What the dashboard screens read besides the API's shapes.

export const TREND_QUARTERS = 8;
const trendsQuery = z.strictObject({
  to: periodSchema,
  quarters: z.number().int().min(2).max(40).default(TREND_QUARTERS),
  organisationId: z.string().optional(),
  includeSubmitted: z.boolean().default(false),
});

export interface TrendPoint {
  period: string;
  values: Record<MetricCode, number | null>;
}

/**
 * All five metrics per quarter over the `quarters` quarters ending at `to`, nationally or for one organisation with
 * its agencies: one GROUP BY for the whole chart set (the trend endpoint answers one metric at a time).
 */
export async function dashboardTrends(_actor: Actor, query: unknown): Promise<TrendPoint[]> {
  const q = parseOrThrow(trendsQuery, query);
  if (q.organisationId && !(isId(q.organisationId) && (await prisma.organisation.findUnique({ where: { id: q.organisationId }, select: { id: true } })))) {
    throw new NotFoundError("Organisation");
  }
  const from = addQuarters(q.to, -(q.quarters - 1));
  const rows = await reportSums({ from, to: q.to, statuses: statusesFor(q.includeSubmitted), rootId: q.organisationId ?? null });
  const byPeriod = new Map<string, MetricSumsByCode>();
  for (const r of rows) {
    let m = byPeriod.get(r.period);
    if (!m) byPeriod.set(r.period, (m = emptyByCode()));
    m[r.metric] = r.sums;
  }
  return periodRange(from, q.to).map((period) => ({
    period,
    values: figuresOf(byPeriod.get(period) ?? emptyByCode()) as Record<MetricCode, number | null>,
  }));
}

export interface AgencyRow {
  organisationId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  /** the agency's own figures (an agency has no agencies) */
  metrics: Record<MetricCode, number | null>;
  initiatives: number;
  averageProgress: number | null;
}

/** The agencies of a ministry or province, each with its own five figures and initiatives (two GROUP BYs). */
export async function agencyTable(_actor: Actor, parentId: string, period: string, includeSubmitted = false): Promise<AgencyRow[]> {
  const p = parseOrThrow(z.strictObject({ period: periodSchema, includeSubmitted: z.boolean() }), { period, includeSubmitted });
  if (!isId(parentId)) throw new NotFoundError("Organisation");
  const agencies = await prisma.organisation.findMany({
    where: { parentId },
    select: { id: true, code: true, nameVi: true, nameEn: true },
    orderBy: { code: "asc" },
  });
  if (agencies.length === 0) return [];
  const db = pool();
  const [reports, initiatives] = await Promise.all([
    db.query<{ org: string; metric: string; count: number; sn: number; sd: number; sv: number }>(
      `SELECT r.organisation_id AS org, r.metric_code AS metric, COUNT(*)::int AS count,
              COALESCE(SUM(r.numerator), 0)::float8 AS sn, COALESCE(SUM(r.denominator), 0)::float8 AS sd, COALESCE(SUM(r.value), 0)::float8 AS sv
         FROM metric_reports r JOIN organisations o ON o.id = r.organisation_id
        WHERE o.parent_id = $1 AND r.period = $2 AND r.status = ANY($3)
        GROUP BY 1, 2`,
      [parentId, p.period, statusesFor(p.includeSubmitted)],
    ),
    db.query<{ org: string; total: number; n: number; sp: number }>(
      `SELECT i.organisation_id AS org, COUNT(*)::int AS total,
              COUNT(*) FILTER (WHERE i.status <> 'CANCELLED')::int AS n,
              COALESCE(SUM(i.progress) FILTER (WHERE i.status <> 'CANCELLED'), 0)::float8 AS sp
         FROM initiatives i JOIN organisations o ON o.id = i.organisation_id
        WHERE o.parent_id = $1 AND i.archived_at IS NULL
        GROUP BY 1`,
      [parentId],
    ),
  ]);
  const sums = new Map<string, MetricSumsByCode>();
  for (const r of reports.rows) {
    let m = sums.get(r.org);
    if (!m) sums.set(r.org, (m = emptyByCode()));
    m[r.metric as MetricCode] = { sumNumerator: r.sn, sumDenominator: r.sd, sumValue: r.sv, count: r.count };
  }
  const ini = new Map(initiatives.rows.map((r) => [r.org, r]));
  return agencies.map((a) => {
    const i = ini.get(a.id);
    return {
      organisationId: a.id,
      code: a.code,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      metrics: figuresOf(sums.get(a.id) ?? emptyByCode()) as Record<MetricCode, number | null>,
      initiatives: i?.total ?? 0,
      averageProgress: i && i.n > 0 ? i.sp / i.n : null,
    };
  });
}

export interface BlockFigures {
  count: number;
  averageProgress: number | null;
  byStatus: Record<InitiativeStatus, number>;
}

function blockFigures(rows: BlockSums[]): BlockFigures {
  const byStatus = Object.fromEntries(INITIATIVE_STATUSES.map((s) => [s, 0])) as Record<InitiativeStatus, number>;
  for (const r of rows) byStatus[r.status] += r.count;
  return { ...combineBlock(rows), byStatus };
}

/** Each building block nationally: initiatives mapped to it, their mean progress, and how many per status. */
export async function buildingBlockOverview(_actor: Actor): Promise<({ block: BuildingBlockCode } & BlockFigures)[]> {
  const rows = await blockSums({});
  return BUILDING_BLOCKS.map((block) => ({ block, ...blockFigures(rows.filter((r) => r.block === block)) }));
}

export interface BuildingBlockDetail extends BlockFigures {
  block: BuildingBlockCode;
  /** every MINISTRY/PROVINCE with at least one initiative in the block (agencies rolled in), most initiatives first */
  organisations: ({ organisationId: string; code: string; nameVi: string; nameEn: string; kind: OrganisationKind } & BlockFigures)[];
}

/** One building block: its national figures and, per ministry and province, counts by status (unknown code: 404). */
export async function buildingBlockDetail(_actor: Actor, code: string): Promise<BuildingBlockDetail> {
  if (!(BUILDING_BLOCKS as readonly string[]).includes(code)) throw new NotFoundError("Building block");
  const block = code as BuildingBlockCode;
  const [roots, rows] = await Promise.all([rootOrganisations(), blockSums({ byRoot: true, block })]);
  const mine = byRootId(rows);
  const organisations = roots
    .map((o) => ({ organisationId: o.id, code: o.code, nameVi: o.nameVi, nameEn: o.nameEn, kind: o.kind, ...blockFigures(mine.get(o.id) ?? []) }))
    .filter((o) => o.count > 0)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return { block, ...blockFigures(rows), organisations };
}

// ---------------------------------------------------------------------------------------------------------------
// CSV downloads of the dashboard's tables (UTF-8 with BOM so spreadsheet software reads Vietnamese; text cells that a
// spreadsheet would run as formulas are neutralised; numbers stay numbers).

type Cell = string | number | null;
function csvCell(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "number") return Number.isFinite(c) ? String(Math.round(c * 1e6) / 1e6) : "";
  const s = neutraliseCell(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvOf(header: string[], rows: Cell[][]): string {
  return CSV_BOM + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const csvQuery = z.strictObject({ period: periodSchema.optional(), includeSubmitted: queryBool });

/** A dashboard table as a download: the header keys and typed rows, written as CSV or .xlsx by the caller. */
export interface DownloadTable {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** The ranking table (`GET /dashboard/ranking.csv|.xlsx?period=&includeSubmitted=`). */
export async function rankingDownload(actor: Actor, query: unknown): Promise<DownloadTable> {
  const q = parseOrThrow(csvQuery, query);
  const rows = await rankingTable(actor, q.period ?? currentPeriod(), q.includeSubmitted);
  return {
    name: "ranking",
    header: ["code", "nameVi", "nameEn", "kind", ...METRICS, "maturityStage", "initiatives", "averageProgress"],
    rows: rows.map((r) => [r.code, r.nameVi, r.nameEn, r.kind, ...METRICS.map((m) => r.metrics[m]), r.maturityStage, r.initiatives, r.averageProgress]),
  };
}

/** The coverage heatmap: per organisation and block, the initiative count and mean progress. */
export async function heatmapTable(actor: Actor): Promise<DownloadTable> {
  const rows = await coverageHeatmap(actor);
  return {
    name: "coverage",
    header: ["code", "nameVi", "nameEn", ...BUILDING_BLOCKS.flatMap((b) => [`${b}.count`, `${b}.averageProgress`])],
    rows: rows.map((r) => [r.code, r.nameVi, r.nameEn, ...BUILDING_BLOCKS.flatMap((b) => [r.blocks[b].count, r.blocks[b].averageProgress])]),
  };
}

/** Reporting completeness: per MINISTRY/PROVINCE, reports expected, submitted, approved and the metrics missing. */
export async function completenessTable(actor: Actor, query: unknown): Promise<DownloadTable> {
  const q = parseOrThrow(z.strictObject({ period: periodSchema.optional() }), query);
  const c = await completeness(actor, q.period ?? currentPeriod());
  const missing = new Map<string, string[]>();
  for (const m of c.missing) missing.set(m.organisationId, [...(missing.get(m.organisationId) ?? []), m.metric]);
  return {
    name: "completeness",
    header: ["period", "code", "nameVi", "nameEn", "kind", "expected", "submitted", "approved", "missing"],
    rows: c.organisations.map((o) => [c.period, o.code, o.nameVi, o.nameEn, o.kind, o.expected, o.submitted, o.approved, (missing.get(o.organisationId) ?? []).join("|")]),
  };
}

/** A table as CSV (UTF-8 with BOM, formulas neutralised). */
export const tableCsv = (t: DownloadTable) => csvOf(t.header, t.rows);

/** The ranking table as CSV (`GET /dashboard/ranking.csv?period=&includeSubmitted=`). */
export async function rankingCsv(actor: Actor, query: unknown): Promise<string> {
  return tableCsv(await rankingDownload(actor, query));
}

/** The coverage heatmap as CSV: per organisation and block, the initiative count and mean progress. */
export async function heatmapCsv(actor: Actor): Promise<string> {
  return tableCsv(await heatmapTable(actor));
}

/** Reporting completeness as CSV. */
export async function completenessCsv(actor: Actor, query: unknown): Promise<string> {
  return tableCsv(await completenessTable(actor, query));
}
