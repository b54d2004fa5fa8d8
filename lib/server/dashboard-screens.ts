import "server-only";
import { z } from "zod";
import { pool, prisma } from "./db";
import { NotFoundError } from "./errors";
import { blockSums } from "./initiative-stats";
import { byPeriod, reportSums, rootsInForce, statusesFor, emptyByCode, type MetricSumsByCode } from "./dashboard-sql";
import { organisationSeries, restructuringMarks } from "./dashboard-lineage";
import type { Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow, period as periodSchema } from "@/lib/validation/common";
import { basis as basisSchema } from "@/lib/validation/dashboard";
import { BUILDING_BLOCKS, INITIATIVE_STATUSES, METRICS, METRIC_KIND, type BuildingBlockCode, type InitiativeStatus, type MetricCode, type OrganisationKind } from "@/lib/domain/codes";
import { addQuarters, periodRange } from "@/lib/domain/periods";
import { combineBlock, combineMetric, type BlockSums } from "@/lib/domain/rollup";
import type { Basis } from "@/lib/domain/lineage";
import type { TrendPointDto } from "@/lib/dto/dashboard";
import type { RestructuringMarkDto } from "@/lib/dto/restructurings";

/* What the dashboard screens read besides the API's shapes. */

const figuresOf = (s: MetricSumsByCode) =>
  Object.fromEntries(METRICS.map((m) => [m, combineMetric(METRIC_KIND[m], s[m])])) as Record<MetricCode, number | null>;

export const TREND_QUARTERS = 8;
const trendsQuery = z.strictObject({
  to: periodSchema,
  quarters: z.number().int().min(2).max(40).default(TREND_QUARTERS),
  organisationId: z.string().optional(),
  includeSubmitted: z.boolean().default(false),
  basis: basisSchema,
});

export interface TrendSet {
  points: TrendPointDto[];
  basis: Basis | null;
  /** the restructurings within the range (an organisation's: those of its lineage), for markers on the charts */
  restructurings: RestructuringMarkDto[];
}

/**
 * All five metrics per quarter over the `quarters` quarters ending at `to`, nationally or for one organisation on a
 * basis: one GROUP BY for the whole chart set (the trend endpoint answers one metric at a time).
 */
export async function dashboardTrendSet(_actor: Actor, query: unknown): Promise<TrendSet> {
  const q = parseOrThrow(trendsQuery, query);
  const from = addQuarters(q.to, -(q.quarters - 1));
  if (q.organisationId) {
    if (!(isId(q.organisationId) && (await prisma.organisation.findUnique({ where: { id: q.organisationId }, select: { id: true } })))) {
      throw new NotFoundError("Organisation");
    }
    const s = await organisationSeries(q.organisationId, from, q.to, q.basis, q.includeSubmitted);
    const a = s.periods[0];
    const b = s.periods[s.periods.length - 1];
    return {
      basis: q.basis,
      points: s.periods.map((period) => ({
        period,
        values: figuresOf(s.sums.get(period)!),
        lineage: s.perPeriod.get(period)!.lineage,
        partial: s.perPeriod.get(period)!.partial,
      })),
      restructurings: s.restructurings.filter((m) => m.period >= a && m.period <= b),
    };
  }
  const [rows, restructurings] = await Promise.all([reportSums({ from, to: q.to, statuses: statusesFor(q.includeSubmitted) }), restructuringMarks(from, q.to)]);
  const sums = byPeriod(rows, periodRange(from, q.to));
  return { basis: null, points: periodRange(from, q.to).map((period) => ({ period, values: figuresOf(sums.get(period)!) })), restructurings };
}

/** The points of dashboardTrendSet alone. */
export async function dashboardTrends(actor: Actor, query: unknown): Promise<TrendPointDto[]> {
  return (await dashboardTrendSet(actor, query)).points;
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

/**
 * The agencies of a ministry or province for a quarter (their dated parent link points to it on the quarter's last
 * day, and they are in force then), each with its own five figures and initiatives (two GROUP BYs).
 */
export async function agencyTable(_actor: Actor, parentId: string, period: string, includeSubmitted = false): Promise<AgencyRow[]> {
  const p = parseOrThrow(z.strictObject({ period: periodSchema, includeSubmitted: z.boolean() }), { period, includeSubmitted });
  if (!isId(parentId)) throw new NotFoundError("Organisation");
  const db = pool();
  const { rows: agencies } = await db.query<{ id: string; code: string; name_vi: string; name_en: string }>(
    `SELECT c.id, c.code, c.name_vi, c.name_en FROM organisations c
      WHERE c.kind = 'AGENCY'
        AND (c.parent_id = $1 OR EXISTS (SELECT 1 FROM organisation_parent_links pl WHERE pl.organisation_id = c.id AND pl.parent_id = $1))
        AND org_root_on(c.id, period_last_day($2)) = $1 AND in_force_on(c.valid_from, c.valid_to, period_last_day($2))
      ORDER BY c.code`,
    [parentId, p.period],
  );
  if (agencies.length === 0) return [];
  const ids = agencies.map((a) => a.id);
  const [reports, initiatives] = await Promise.all([
    db.query<{ org: string; metric: string; count: number; sn: number; sd: number; sv: number }>(
      `SELECT r.organisation_id AS org, r.metric_code AS metric, COUNT(*)::int AS count,
              COALESCE(SUM(r.numerator), 0)::float8 AS sn, COALESCE(SUM(r.denominator), 0)::float8 AS sd, COALESCE(SUM(r.value), 0)::float8 AS sv
         FROM metric_reports r
        WHERE r.organisation_id = ANY($1::uuid[]) AND r.period = $2 AND r.status = ANY($3)
        GROUP BY 1, 2`,
      [ids, p.period, statusesFor(p.includeSubmitted)],
    ),
    db.query<{ org: string; total: number; n: number; sp: number }>(
      `SELECT i.organisation_id AS org, COUNT(*)::int AS total,
              COUNT(*) FILTER (WHERE i.status <> 'CANCELLED')::int AS n,
              COALESCE(SUM(i.progress) FILTER (WHERE i.status <> 'CANCELLED'), 0)::float8 AS sp
         FROM initiatives i
        WHERE i.organisation_id = ANY($1::uuid[]) AND i.archived_at IS NULL
        GROUP BY 1`,
      [ids],
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
      nameVi: a.name_vi,
      nameEn: a.name_en,
      metrics: figuresOf(sums.get(a.id) ?? emptyByCode()),
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
  /** every MINISTRY/PROVINCE in force today with at least one initiative in the block (agencies rolled in), most first */
  organisations: ({ organisationId: string; code: string; nameVi: string; nameEn: string; kind: OrganisationKind } & BlockFigures)[];
}

/** One building block: its national figures and, per ministry and province, counts by status (unknown code: 404). */
export async function buildingBlockDetail(_actor: Actor, code: string): Promise<BuildingBlockDetail> {
  if (!(BUILDING_BLOCKS as readonly string[]).includes(code)) throw new NotFoundError("Building block");
  const block = code as BuildingBlockCode;
  const [roots, rows] = await Promise.all([rootsInForce({ today: true }), blockSums({ byRoot: true, block })]);
  const mine = new Map<string | null, BlockSums[]>();
  for (const r of rows) mine.set(r.rootId, [...(mine.get(r.rootId) ?? []), r]);
  const organisations = roots
    .map((o) => ({ organisationId: o.id, code: o.code, nameVi: o.nameVi, nameEn: o.nameEn, kind: o.kind, ...blockFigures(mine.get(o.id) ?? []) }))
    .filter((o) => o.count > 0)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return { block, ...blockFigures(rows), organisations };
}
