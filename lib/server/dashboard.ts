import "server-only";
import { prisma } from "./db";
import { NotFoundError } from "./errors";
import { complianceOf } from "./reports";
import { readThresholds } from "./thresholds";
import { blockSums, initiativeSums, type BlockSumRow } from "./initiative-stats";
import { byPeriod, emptyByCode, likeForLikeSums, nationalCoverage, quarterStatus, reportSums, rootsInForce, statusesFor, unitCoverage, unitSums, type LineageByPeriod, type MetricSumsByCode, type PairSums, type QuarterStatus } from "./dashboard-sql";
import { organisationLineage, organisationSeries } from "./dashboard-lineage";
import { cachedByVersion, cachedJsonByVersion, type VersionRead } from "./dashboard-cache";
import { todayInVietnam } from "@/lib/domain/validity";
import type { Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow, period as periodSchema } from "@/lib/validation/common";
import { dashboardQuery } from "@/lib/validation/reports";
import { organisationDashboardQuery, trendQuery } from "@/lib/validation/dashboard";
import { BUILDING_BLOCKS, METRICS, METRIC_KIND, type MetricCode, type OrganisationKind, type StageLevel } from "@/lib/domain/codes";
import { addQuarters, currentPeriod, periodRange } from "@/lib/domain/periods";
import {
  EMPTY_SUMS,
  combineBlock,
  combineClaimedStages,
  combineInitiatives,
  combineMetric,
  metricFigure,
  type InitiativeSums,
} from "@/lib/domain/rollup";
import { coverageOf, likeForLike, maturityDistribution, provisionalReasons, type Coverage } from "@/lib/domain/coverage";
import type { Basis } from "@/lib/domain/lineage";
import { explainMaturity, type Thresholds } from "@/lib/domain/maturity";
import { z } from "zod";
import type { DashboardDto, HeatmapRowDto, InitiativesDto, MetricDto, OrganisationDashboardDto, SeriesPointDto } from "@/lib/dto/dashboard";

export { agencyTable, buildingBlockDetail, buildingBlockOverview, dashboardTrends, TREND_QUARTERS } from "./dashboard-screens";
export type { AgencyRow, BlockFigures, BuildingBlockDetail } from "./dashboard-screens";

/*
 * The dashboards of the API (spec/api.md "Dashboards", spec/coverage.md, spec/restructuring.md). Every figure is a
 * GROUP BY in PostgreSQL (./dashboard-sql.ts) turned into figures by lib/domain (rollup.ts, coverage.ts, lineage.ts).
 * Initiative aggregation lives in initiativeSums() and blockSums() (./initiative-stats.ts) over the summary tables.
 */

const figuresOf = (s: MetricSumsByCode): Partial<Record<MetricCode, number | null>> =>
  Object.fromEntries(METRICS.map((m) => [m, combineMetric(METRIC_KIND[m], s[m])]));

/** Rows grouped by their root organisation. */
export function byRootId<T extends { rootId: string | null }>(rows: T[]): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const r of rows) {
    const list = out.get(r.rootId);
    if (list) list.push(r);
    else out.set(r.rootId, [r]);
  }
  return out;
}

function metricsDto(
  sums: MetricSumsByCode,
  pair: PairSums,
  previousPeriod: string,
  coverage: (m: MetricCode) => Coverage,
  status: QuarterStatus,
): Record<MetricCode, MetricDto> {
  return Object.fromEntries(
    METRICS.map((m) => {
      const c = coverage(m);
      const reasons = provisionalReasons(status.open, c, status.minimumCoverage);
      const dto: MetricDto = {
        ...metricFigure(m, sums[m]),
        coverage: c,
        change: likeForLike(METRIC_KIND[m], previousPeriod, pair.current[m], pair.previous[m]),
        provisional: reasons.length > 0,
        provisionalReasons: reasons,
      };
      return [m, dto];
    }),
  ) as Record<MetricCode, MetricDto>;
}

function initiativesDto(rows: InitiativeSums[], blocks: BlockSumRow[]): InitiativesDto {
  const byBuildingBlock = Object.fromEntries(BUILDING_BLOCKS.map((b) => [b, combineBlock(blocks.filter((r) => r.block === b))])) as InitiativesDto["byBuildingBlock"];
  return { ...combineInitiatives(rows), byBuildingBlock };
}

/** One quarter's sums per metric per MINISTRY/PROVINCE, agencies of that quarter rolled in (one GROUP BY). */
async function periodSumsByRoot(period: string, includeSubmitted: boolean): Promise<Map<string, MetricSumsByCode>> {
  const out = new Map<string, MetricSumsByCode>();
  for (const r of await reportSums({ from: period, to: period, statuses: statusesFor(includeSubmitted), byRoot: true })) {
    let m = out.get(r.rootId!);
    if (!m) out.set(r.rootId!, (m = emptyByCode()));
    m[r.metric] = r.sums;
  }
  return out;
}

const reportedAnything = (s: MetricSumsByCode | undefined) => !!s && METRICS.some((m) => s[m].count > 0);

/**
 * Each MINISTRY/PROVINCE in force for the quarter: its evidence-based stage (APPROVED reports, agencies of the
 * quarter rolled in) and whether anything counted was reported (own or agencies').
 */
async function bodiesOfQuarter(period: string, includeSubmitted: boolean, thresholdsOf: Thresholds | Promise<Thresholds>) {
  // the thresholds are read alongside the sums, not before them
  const [roots, approved, counted, thresholds] = await Promise.all([
    rootsInForce({ period }),
    periodSumsByRoot(period, false),
    includeSubmitted ? periodSumsByRoot(period, true) : null,
    thresholdsOf,
  ]);
  return roots.map((o) => ({
    ...o,
    approved: approved.get(o.id),
    counted: (counted ?? approved).get(o.id),
    stage: explainMaturity(figuresOf(approved.get(o.id) ?? emptyByCode()), thresholds).stage,
    reported: reportedAnything((counted ?? approved).get(o.id)),
  }));
}

function parseDashboardQuery(query: unknown) {
  const q = parseOrThrow(dashboardQuery, query);
  return { period: q.period ?? currentPeriod(), includeSubmitted: q.includeSubmitted };
}

/**
 * The national dashboard of a quarter (any signed-in user). Served from the exact cache (./dashboard-cache.ts) while
 * no write has committed since it was computed; the answer does not depend on who asks. "Today" is part of the key:
 * whether the quarter is still open depends on it.
 */
export async function nationalDashboard(actor: Actor, query: unknown): Promise<DashboardDto> {
  const { period, includeSubmitted } = parseDashboardQuery(query);
  return cachedByVersion(`national|${period}|${includeSubmitted}|${todayInVietnam()}`, () => computeNational(period, includeSubmitted));
}

/**
 * nationalDashboard as the API sends it: the cached JSON text. `version`: the data version the route read when the
 * request arrived (dashboard-cache.ts readVersionEarly), so that read overlaps the sign-in lookup.
 */
export async function nationalDashboardJson(_actor: Actor, query: unknown, version?: Promise<VersionRead>): Promise<string> {
  const { period, includeSubmitted } = parseDashboardQuery(query);
  return cachedJsonByVersion(`national|${period}|${includeSubmitted}|${todayInVietnam()}`, () => computeNational(period, includeSubmitted), version);
}

/** nationalDashboard computed anew, never from the cache (the benchmark's core figure, tests). */
export async function computeNationalDashboard(_actor: Actor, query: unknown): Promise<DashboardDto> {
  const { period, includeSubmitted } = parseDashboardQuery(query);
  return computeNational(period, includeSubmitted);
}

async function computeNational(period: string, includeSubmitted: boolean): Promise<DashboardDto> {
  const statuses = statusesFor(includeSubmitted);
  const previous = addQuarters(period, -1);
  const [sums, pair, coverage, initiatives, blocks, bodies, compliance, status] = await Promise.all([
    reportSums({ from: period, to: period, statuses }).then((rows) => byPeriod(rows, [period]).get(period)!),
    likeForLikeSums(period, statuses),
    nationalCoverage(period, period, statuses).then((c) => c.get(period)!),
    initiativeSums({}),
    blockSums({}),
    bodiesOfQuarter(period, includeSubmitted, readThresholds()),
    complianceOf(period),
    quarterStatus(period),
  ]);
  return {
    period,
    metrics: metricsDto(sums, pair, previous, (m) => coverageOf(coverage.expected, coverage.reported[m]), status),
    initiatives: initiativesDto(initiatives, blocks),
    maturity: maturityDistribution(bodies),
    compliance,
    quarter: { dueDate: status.dueDate, open: status.open, minimumCoverage: status.minimumCoverage },
  };
}

async function requireOrganisation(id: string) {
  const org = isId(id) ? await prisma.organisation.findUnique({ where: { id }, select: { id: true } }) : null;
  if (!org) throw new NotFoundError("Organisation");
}

/**
 * One organisation's dashboard on a basis (any signed-in user): `comparable` (default) counts, for the quarter, the
 * organisation when in force and every predecessor through historyTo in force then; `reported` the organisation
 * alone. Each with its agencies of that quarter. The stage always rests on APPROVED reports (domain.md).
 */
export async function organisationDashboard(_actor: Actor, id: string, query: unknown): Promise<OrganisationDashboardDto> {
  const q = parseOrThrow(organisationDashboardQuery, query);
  const period = q.period ?? currentPeriod();
  // an id that is not a UUID is a 404 before anything is read or cached
  if (!isId(id)) throw new NotFoundError("Organisation");
  return cachedByVersion(`organisation|${id}|${period}|${q.basis}|${q.includeSubmitted}|${todayInVietnam()}`, () =>
    computeOrganisation(id, period, q.basis, q.includeSubmitted),
  );
}

/** organisationDashboard as the API sends it: the cached JSON text (see nationalDashboardJson). */
export async function organisationDashboardJson(_actor: Actor, id: string, query: unknown, version?: Promise<VersionRead>): Promise<string> {
  const q = parseOrThrow(organisationDashboardQuery, query);
  const period = q.period ?? currentPeriod();
  if (!isId(id)) throw new NotFoundError("Organisation");
  return cachedJsonByVersion(
    `organisation|${id}|${period}|${q.basis}|${q.includeSubmitted}|${todayInVietnam()}`,
    () => computeOrganisation(id, period, q.basis, q.includeSubmitted),
    version,
  );
}

/** organisationDashboard computed anew, never from the cache (the benchmark's core figure, tests). */
export async function computeOrganisationDashboard(_actor: Actor, id: string, query: unknown): Promise<OrganisationDashboardDto> {
  const q = parseOrThrow(organisationDashboardQuery, query);
  return computeOrganisation(id, q.period ?? currentPeriod(), q.basis, q.includeSubmitted);
}

async function computeOrganisation(id: string, period: string, basis: Basis, includeSubmitted: boolean): Promise<OrganisationDashboardDto> {
  const q = { basis, includeSubmitted };
  const previous = addQuarters(period, -1);
  const statuses = statusesFor(q.includeSubmitted);
  // the 404 check runs alongside the first reads, and is answered first
  const found = requireOrganisation(id);
  const first = Promise.all([organisationLineage(id), readThresholds()]);
  first.catch(() => {});
  await found;
  const [lineage, thresholds] = await first;
  const cur = lineage.at(period, q.basis);
  const prev = lineage.at(previous, q.basis);
  const only: LineageByPeriod = new Map([[period, cur.lineage]]);
  const [sums, approvedSums, pair, coverage, initiatives, blocks, compliance, status] = await Promise.all([
    unitSums(only, statuses).then((rows) => byPeriod(rows, [period]).get(period)!),
    q.includeSubmitted ? unitSums(only, statusesFor(false)).then((rows) => byPeriod(rows, [period]).get(period)!) : null,
    likeForLikeSums(period, statuses, { current: cur.lineage, previous: prev.lineage }),
    unitCoverage(period, cur.lineage, statuses),
    initiativeSums({ rootId: id }),
    blockSums({ rootId: id }),
    complianceOf(period, id),
    quarterStatus(period),
  ]);
  const explanation = explainMaturity(figuresOf(approvedSums ?? sums), thresholds);
  const reported = coverage.reportedAny > 0;
  return {
    period,
    organisationId: id,
    basis: q.basis,
    lineage: cur.lineage,
    partial: cur.partial,
    reported,
    metrics: metricsDto(sums, pair, previous, (m) => coverageOf(coverage.expected, coverage.reported[m]), status),
    initiatives: initiativesDto(initiatives, blocks),
    maturity: maturityDistribution([{ stage: explanation.stage, reported }]),
    compliance,
    quarter: { dueDate: status.dueDate, open: status.open, minimumCoverage: status.minimumCoverage },
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
  opts: { organisationId?: string; includeSubmitted?: boolean; basis?: Basis },
): Promise<SeriesPointDto[]> {
  if (opts.organisationId) {
    const s = await organisationSeries(opts.organisationId, from, to, opts.basis ?? "comparable", !!opts.includeSubmitted, metric);
    return s.periods.map((period) => ({ period, value: combineMetric(METRIC_KIND[metric], s.sums.get(period)![metric]) }));
  }
  const rows = await reportSums({ from, to, metric, statuses: statusesFor(!!opts.includeSubmitted) });
  const sums = new Map(rows.map((r) => [r.period, r.sums]));
  return periodRange(from, to).map((period) => ({ period, value: combineMetric(METRIC_KIND[metric], sums.get(period) ?? EMPTY_SUMS) }));
}

/**
 * Per MINISTRY/PROVINCE (agencies of each quarter rolled in), a metric's APPROVED figure per quarter, only quarters
 * with a value, oldest first (internal: no actor).
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

/**
 * `GET /dashboard/trend`: a metric over a range of quarters, nationally (`{ period, value }`) or for one organisation
 * on a basis (`{ period, value, basis, lineage, partial }`).
 */
export async function trend(_actor: Actor, query: unknown): Promise<(SeriesPointDto | SeriesPointDto)[]> {
  const q = parseOrThrow(trendQuery, query);
  if (!q.organisationId) return metricSeries(q.metric, q.from, q.to, { includeSubmitted: q.includeSubmitted });
  await requireOrganisation(q.organisationId);
  const s = await organisationSeries(q.organisationId, q.from, q.to, q.basis, q.includeSubmitted, q.metric);
  return s.periods.map((period) => {
    const l = s.perPeriod.get(period)!;
    return {
      period,
      value: combineMetric(METRIC_KIND[q.metric], s.sums.get(period)![q.metric]),
      basis: q.basis,
      lineage: l.lineage,
      partial: l.partial,
    };
  });
}

export interface RankingRow {
  organisationId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  metrics: Record<MetricCode, number | null>;
  maturityStage: StageLevel;
  /** anything counted reported for the quarter (own or agencies'); the maturity chart shows the others apart */
  reported: boolean;
  initiatives: number;
  averageProgress: number | null;
}

/** Each MINISTRY and PROVINCE in force for the quarter (its agencies of the quarter rolled in) with its figures. */
export async function rankingTable(_actor: Actor, period: string, includeSubmitted = false): Promise<RankingRow[]> {
  const p = parseOrThrow(z.strictObject({ period: periodSchema, includeSubmitted: z.boolean() }), { period, includeSubmitted });
  return cachedByVersion(`ranking|${p.period}|${p.includeSubmitted}`, () => computeRanking(p.period, p.includeSubmitted));
}

async function computeRanking(period: string, includeSubmitted: boolean): Promise<RankingRow[]> {
  const p = { period, includeSubmitted };
  const [bodies, initiatives] = await Promise.all([
    bodiesOfQuarter(p.period, p.includeSubmitted, readThresholds()),
    initiativeSums({ byRoot: true }).then(byRootId),
  ]);
  return bodies.map((o) => {
    const ini = combineInitiatives(initiatives.get(o.id) ?? []);
    return {
      organisationId: o.id,
      code: o.code,
      nameVi: o.nameVi,
      nameEn: o.nameEn,
      kind: o.kind,
      metrics: figuresOf(o.counted ?? emptyByCode()) as Record<MetricCode, number | null>,
      maturityStage: o.stage,
      reported: o.reported,
      initiatives: ini.total,
      averageProgress: ini.averageProgress,
    };
  });
}

/**
 * Organisation x building block: initiative count and mean progress, agencies rolled into their parent; one row per
 * MINISTRY/PROVINCE in force for `period` (default: today).
 */
export async function coverageHeatmap(_actor: Actor, period?: string): Promise<HeatmapRowDto[]> {
  const p = period === undefined ? undefined : parseOrThrow(z.strictObject({ period: periodSchema }), { period }).period;
  const [roots, blocks] = await Promise.all([rootsInForce(p ? { period: p } : { today: true }), blockSums({ byRoot: true }).then(byRootId)]);
  return roots.map((o) => {
    const mine = blocks.get(o.id) ?? [];
    return {
      organisationId: o.id,
      code: o.code,
      nameVi: o.nameVi,
      nameEn: o.nameEn,
      blocks: Object.fromEntries(BUILDING_BLOCKS.map((b) => [b, combineBlock(mine.filter((r) => r.block === b))])) as HeatmapRowDto["blocks"],
    };
  });
}

