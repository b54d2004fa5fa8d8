import "server-only";
import { prisma } from "./db";
import { NotFoundError } from "./errors";
import { computeTargetRatings } from "./targets";
import type { Actor } from "@/lib/auth/permissions";
import { parseOrThrow } from "@/lib/validation/common";
import { attentionQuery } from "@/lib/validation/dashboard";
import { ACCELERATION_RATIO, ATTENTION_STATUSES, rate } from "@/lib/domain/rating";
import type { InitiativeStatus, KpiDirection, MetricCode } from "@/lib/domain/codes";
import { addQuarters, currentPeriod, periodEnd } from "@/lib/domain/periods";
import { todayInVietnam } from "@/lib/domain/validity";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AttentionDto } from "@/lib/dto/dashboard";

/** Each list stops here (oldest or most overdue first); `truncated` says which ones were cut. */
export const ATTENTION_LIMIT = 500;
const DAY_MS = 86_400_000;
export const STALE_DAYS = 90;


// A quarter as an integer in SQL, the same count as lib/domain/periods.ts (periods are CHAR(7) "YYYY-Qn").
const q = (col: Prisma.Sql) => Prisma.sql`(substr(${col}, 1, 4)::int * 4 + substr(${col}, 7, 1)::int - 1)`;

function cut<T>(rows: T[]): { rows: T[]; truncated: boolean } {
  return rows.length > ATTENTION_LIMIT ? { rows: rows.slice(0, ATTENTION_LIMIT), truncated: true } : { rows, truncated: false };
}

/**
 * What needs attention in a quarter (spec/targets.md "Needs attention"; any signed-in user): slipping KPIs and
 * national-target ratings, stale and overdue initiatives, overdue metric reports. `organisationId` narrows it to that
 * organisation and its agencies (and drops the nation's own target ratings). Archived initiatives never count.
 * The initiative scans are SQL over indexed columns, so a national list stays fast with a million initiatives.
 */
export async function attention(_actor: Actor, query: unknown = {}, now: Date = new Date()): Promise<AttentionDto> {
  const p = parseOrThrow(attentionQuery, query);
  const period = p.period ?? currentPeriod(now);
  const end = periodEnd(period);
  const asOf = end < now ? end : now;
  const orgId = p.organisationId ?? null;

  let orgKind: string | null = null;
  let scopeIds: string[] = [];
  if (orgId) {
    const rows = await prisma.organisation.findMany({ where: { OR: [{ id: orgId }, { parentId: orgId }] }, select: { id: true, kind: true } });
    const self = rows.find((r) => r.id === orgId);
    if (!self) throw new NotFoundError("Organisation");
    orgKind = self.kind;
    scopeIds = rows.map((r) => r.id);
  }
  // the ids as a literal list, not a subquery: the planner then reads initiatives by their organisation index
  const inScope = (col: Prisma.Sql) => (orgId ? Prisma.sql`AND ${col} = ANY(${scopeIds}::uuid[])` : Prisma.empty);

  const [kpis, stale, overdue, reports, targets] = await Promise.all([
    slippingKpis(period, inScope),
    staleInitiatives(new Date(asOf.getTime() - STALE_DAYS * DAY_MS), inScope),
    overdueInitiatives(asOf.toISOString().slice(0, 10), inScope),
    overdueReports(period, asOf, inScope),
    slippingTargets(period, orgId, orgKind),
  ]);
  return {
    period,
    asOf: asOf.toISOString(),
    kpis: kpis.rows,
    targets,
    staleInitiatives: stale.rows,
    overdueInitiatives: overdue.rows,
    overdueReports: reports,
    truncated: { kpis: kpis.truncated, staleInitiatives: stale.truncated, overdueInitiatives: overdue.truncated },
  };
}

type Scope = (col: Prisma.Sql) => Prisma.Sql;

/**
 * KPIs rated on their values up to `period`. SQL keeps only KPIs that can be slipping (not achieved, and due or with a
 * pace ratio below 0.6 plus a margin, in cross-multiplied form); rate() of lib/domain/rating.ts decides.
 */
async function slippingKpis(period: string, inScope: Scope) {
  const rows = await prisma.$queryRaw<
    {
      kpiId: string;
      name: string;
      initiativeId: string;
      initiativeTitle: string;
      organisationId: string;
      direction: KpiDirection;
      baseline: number;
      baselinePeriod: string;
      target: number;
      targetPeriod: string;
      latestPeriod: string;
      latestValue: number;
    }[]
  >`
    SELECT k.id AS "kpiId", k.name, i.id AS "initiativeId", i.title AS "initiativeTitle", i.organisation_id AS "organisationId",
           k.direction::text AS direction, k.baseline, k.baseline_period AS "baselinePeriod", k.target, k.target_period AS "targetPeriod",
           lv.period AS "latestPeriod", lv.value AS "latestValue"
    FROM initiatives i
    JOIN kpis k ON k.initiative_id = i.id
    CROSS JOIN LATERAL (SELECT CASE WHEN k.direction = 'LOWER_IS_BETTER' THEN -1 ELSE 1 END AS s) d
    JOIN LATERAL (
      SELECT v.period, v.value FROM kpi_values v
      WHERE v.kpi_id = k.id AND v.period > k.baseline_period AND v.period <= ${period}
      ORDER BY v.period DESC LIMIT 1
    ) lv ON true
    WHERE i.archived_at IS NULL ${inScope(Prisma.sql`i.organisation_id`)}
      AND d.s * (lv.value - k.target) < 0
      AND (${q(Prisma.sql`lv.period`)} >= ${q(Prisma.sql`k.target_period`)}
           OR d.s * (k.target - k.baseline) <= 0
           OR d.s * (lv.value - k.baseline) * (${q(Prisma.sql`k.target_period`)} - ${q(Prisma.sql`k.baseline_period`)})
              < ${ACCELERATION_RATIO + 1e-6}::float8 * d.s * (k.target - k.baseline) * (${q(Prisma.sql`lv.period`)} - ${q(Prisma.sql`k.baseline_period`)}))
    ORDER BY i.organisation_id, i.id, k.created_at, k.id
    LIMIT ${ATTENTION_LIMIT * 2}`;
  const sqlCut = rows.length === ATTENTION_LIMIT * 2;
  const out: AttentionDto["kpis"] = [];
  for (const r of rows) {
    const rating = rate(r, [{ period: r.latestPeriod, value: r.latestValue }]);
    if (!ATTENTION_STATUSES.includes(rating.status)) continue;
    out.push({
      kpiId: r.kpiId,
      name: r.name,
      initiativeId: r.initiativeId,
      initiativeTitle: r.initiativeTitle,
      organisationId: r.organisationId,
      status: rating.status,
      rating,
    });
  }
  const c = cut(out);
  return { rows: c.rows, truncated: c.truncated || sqlCut };
}

/** PLANNED or IN_PROGRESS and not changed since `before` (90 days before the reference date); oldest first. */
async function staleInitiatives(before: Date, inScope: Scope) {
  const rows = await prisma.$queryRaw<{ initiativeId: string; title: string; organisationId: string; status: InitiativeStatus; progress: number; updatedAt: Date }[]>`
    SELECT i.id AS "initiativeId", i.title, i.organisation_id AS "organisationId", i.status::text AS status, i.progress::int AS progress, i.updated_at AS "updatedAt"
    FROM initiatives i
    WHERE i.archived_at IS NULL AND i.status IN ('PLANNED', 'IN_PROGRESS') AND i.updated_at < ${before}
      ${inScope(Prisma.sql`i.organisation_id`)}
    ORDER BY i.updated_at, i.id
    LIMIT ${ATTENTION_LIMIT + 1}`;
  return cut(rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })));
}

/** endDate before the reference day and not COMPLETED or CANCELLED; longest overdue first. */
async function overdueInitiatives(day: string, inScope: Scope) {
  const rows = await prisma.$queryRaw<{ initiativeId: string; title: string; organisationId: string; status: InitiativeStatus; progress: number; endDate: Date }[]>`
    SELECT i.id AS "initiativeId", i.title, i.organisation_id AS "organisationId", i.status::text AS status, i.progress::int AS progress, i.end_date AS "endDate"
    FROM initiatives i
    WHERE i.archived_at IS NULL AND i.status NOT IN ('COMPLETED', 'CANCELLED') AND i.end_date < ${day}::date
      ${inScope(Prisma.sql`i.organisation_id`)}
    ORDER BY i.end_date, i.id
    LIMIT ${ATTENTION_LIMIT + 1}`;
  return cut(rows.map((r) => ({ ...r, endDate: r.endDate.toISOString().slice(0, 10) })));
}

/**
 * Overdue reports (spec/coverage.md "Reporting calendar", replacing the 30-day rule of targets.md): for `period` and
 * the quarter before it, once the quarter's due date has passed (the reference moment's date in Asia/Ho_Chi_Minh is
 * after it), every MINISTRY and PROVINCE in force for that quarter without a SUBMITTED or APPROVED report of each
 * metric. Oldest quarter first, then by organisation code and metric order.
 */
async function overdueReports(period: string, asOf: Date, inScope: Scope) {
  const periods = [addQuarters(period, -1), period];
  const day = todayInVietnam(asOf);
  return prisma.$queryRaw<{ organisationId: string; metric: MetricCode; period: string }[]>`
    SELECT o.id AS "organisationId", m.code AS metric, q.p::text AS period
    FROM unnest(${periods}::text[]) WITH ORDINALITY AS q(p, ord)
    CROSS JOIN organisations o CROSS JOIN metrics m
    WHERE public.period_due_date(q.p) < ${day}::date
      AND o.kind IN ('MINISTRY', 'PROVINCE') ${inScope(Prisma.sql`o.id`)}
      AND public.in_force_on(o.valid_from, o.valid_to, public.period_last_day(q.p))
      AND NOT EXISTS (SELECT 1 FROM metric_reports r
                      WHERE r.organisation_id = o.id AND r.period = q.p AND r.metric_code = m.code
                        AND r.status IN ('SUBMITTED', 'APPROVED'))
    ORDER BY q.ord, o.code, m.sort_order`;
}

/** National-target ratings that slip: the nation's (organisationId null) unless narrowed to one organisation. */
async function slippingTargets(period: string, orgId: string | null, orgKind: string | null): Promise<AttentionDto["targets"]> {
  const rated = orgId ? ["MINISTRY", "PROVINCE"].includes(orgKind ?? "") : true;
  const { national, organisations } = await computeTargetRatings(period, orgId ? (rated ? [orgId] : []) : undefined);
  const out: AttentionDto["targets"] = [];
  if (!orgId) for (const n of national) out.push({ organisationId: null, metric: n.metric, status: n.rating.status, rating: n.rating });
  for (const o of organisations) out.push({ organisationId: o.organisationId, metric: o.metric, status: o.rating.status, rating: o.rating });
  return out.filter((t) => ATTENTION_STATUSES.includes(t.status));
}
