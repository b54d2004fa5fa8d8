import "server-only";
import { prisma } from "./db";
import { transaction } from "./tx";
import { audit } from "./audit";
import { ForbiddenError, NotFoundError } from "./errors";
import { metricSeries, organisationMetricSeries } from "./dashboard";
import { minimumCoverage, nationalCoverage, rootsInForce, statusesFor } from "./dashboard-sql";
import { isLowCoverage } from "@/lib/domain/coverage";
import { can, type Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow } from "@/lib/validation/common";
import { periodOnlyQuery } from "@/lib/validation/dashboard";
import { nationalTargetsInput } from "@/lib/validation/kpis";
import { rate, type Rating, type RatingPoint } from "@/lib/domain/rating";
import { METRICS, PERCENT_METRICS, type MetricCode } from "@/lib/domain/codes";
import { addQuarters, currentPeriod, periodIndex } from "@/lib/domain/periods";
import type { NationalTargetDto } from "@/lib/dto/settings";
import type { TargetsDashboardDto } from "@/lib/dto/dashboard";
import type { Changes } from "@/lib/dto/common";

const NOT_ENOUGH_DATA: Rating = { status: "NOT_ENOUGH_DATA", ratio: null, latestValue: null, latestPeriod: null, expectedValue: null };

const order = (m: string) => METRICS.indexOf(m as MetricCode);

/** The national targets in force, in the order of the metrics (internal: no actor). */
export async function readNationalTargets(): Promise<NationalTargetDto[]> {
  const rows = await prisma.nationalTarget.findMany();
  return rows
    .map((r) => ({ metric: r.metricCode as MetricCode, baseline: r.baseline, baselinePeriod: r.baselinePeriod, target: r.target, targetPeriod: r.targetPeriod }))
    .sort((a, b) => order(a.metric) - order(b.metric));
}

/** The national targets (any signed-in user). */
export async function getNationalTargets(_actor: Actor): Promise<NationalTargetDto[]> {
  return readNationalTargets();
}

/** Replaces the whole list of national targets (ADMIN); one audit entry names every metric whose target changed. */
export async function putNationalTargets(actor: Actor, input: unknown): Promise<NationalTargetDto[]> {
  if (!can(actor, "settings.manage")) throw new ForbiddenError();
  const list = parseOrThrow(nationalTargetsInput, input);
  return transaction(async (tx) => {
    // two admins saving at once: the second replaces the first whole instead of colliding on the keys
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('national-targets'))`;
    const beforeRows = await tx.nationalTarget.findMany();
    const before = new Map(beforeRows.map((r) => [r.metricCode, { baseline: r.baseline, baselinePeriod: r.baselinePeriod, target: r.target, targetPeriod: r.targetPeriod }]));
    await tx.nationalTarget.deleteMany({});
    const now = new Date();
    if (list.length) {
      await tx.nationalTarget.createMany({
        data: list.map((t) => ({ metricCode: t.metric, baseline: t.baseline, baselinePeriod: t.baselinePeriod, target: t.target, targetPeriod: t.targetPeriod, updatedAt: now })),
      });
    }
    const changes: Changes = {};
    const after = new Map(list.map((t) => [t.metric as string, { baseline: t.baseline, baselinePeriod: t.baselinePeriod, target: t.target, targetPeriod: t.targetPeriod }]));
    for (const m of METRICS) {
      const a = before.get(m) ?? null;
      const b = after.get(m) ?? null;
      if (JSON.stringify(a) !== JSON.stringify(b)) changes[m] = { from: a, to: b };
    }
    await audit(tx, actor, { action: "update", entityType: "NationalTargets", entityId: null, changes });
    return [...list].sort((a, b) => order(a.metric) - order(b.metric));
  });
}


/**
 * An organisation's own baseline for a national target: its figure at the target's baseline quarter, else its first
 * figure after it (spec/targets.md). `points` are that organisation's figures from the baseline quarter on.
 */
export function organisationBaseline(points: readonly RatingPoint[], baselinePeriod: string): RatingPoint | null {
  const qb = periodIndex(baselinePeriod)!;
  let best: { q: number; p: RatingPoint } | null = null;
  for (const p of points) {
    const q = periodIndex(p.period);
    if (q === null || q < qb || !Number.isFinite(p.value)) continue;
    if (!best || q < best.q) best = { q, p };
  }
  return best?.p ?? null;
}

/** Rates one ministry or province against a national target with its own rolled-up figures. */
export function rateOrganisation(target: NationalTargetDto, points: readonly RatingPoint[]): { baseline: RatingPoint | null; rating: Rating } {
  const baseline = organisationBaseline(points, target.baselinePeriod);
  if (!baseline) return { baseline: null, rating: NOT_ENOUGH_DATA };
  const rating = rate(
    { direction: "HIGHER_IS_BETTER", baseline: baseline.value, baselinePeriod: baseline.period, target: target.target, targetPeriod: target.targetPeriod },
    points,
  );
  return { baseline, rating };
}

/**
 * The national approved figure per quarter of a metric that a rating may rest on: quarters whose coverage of that
 * metric (own approved reports of the MINISTRY/PROVINCE bodies in force) is at least the minimum coverage
 * (spec/coverage.md); the others are skipped, so a quarter with one province's figures rates nothing.
 */
export async function nationalRatingPoints(metric: MetricCode, from: string, to: string): Promise<RatingPoint[]> {
  const [series, coverage, minimum] = await Promise.all([
    metricSeries(metric, from, to, { includeSubmitted: false }),
    nationalCoverage(from, to, statusesFor(false)),
    minimumCoverage(),
  ]);
  return series.filter((p): p is RatingPoint => {
    if (p.value === null) return false;
    const c = coverage.get(p.period);
    return !!c && !isLowCoverage(c.expected > 0 ? c.reported[metric] / c.expected : null, minimum);
  });
}

/** The ratings of every national target as of `period` (internal: also used by the attention list). */
export async function computeTargetRatings(period: string, organisationIds?: string[]): Promise<Omit<TargetsDashboardDto, "period">> {
  const targets = await readNationalTargets();
  // the ministries and provinces in force for the quarter
  const orgs = organisationIds ?? (await rootsInForce({ period })).map((o) => o.id);
  const qp = periodIndex(period)!;

  const national = await Promise.all(
    targets.map(async (t) => {
      if (qp <= periodIndex(t.baselinePeriod)!) return { metric: t.metric, target: t, rating: NOT_ENOUGH_DATA };
      const points = await nationalRatingPoints(t.metric, addQuarters(t.baselinePeriod, 1), period);
      return { metric: t.metric, target: t, rating: rate({ ...t, direction: "HIGHER_IS_BETTER" }, points) };
    }),
  );

  const organisations: TargetsDashboardDto["organisations"] = [];
  for (const t of targets.filter((x) => PERCENT_METRICS.includes(x.metric))) {
    const byOrg = qp < periodIndex(t.baselinePeriod)! ? new Map<string, RatingPoint[]>() : await organisationMetricSeries(t.metric, t.baselinePeriod, period);
    for (const organisationId of orgs) {
      const { baseline, rating } = rateOrganisation(t, byOrg.get(organisationId) ?? []);
      organisations.push({ organisationId, metric: t.metric, baseline: baseline?.value ?? null, baselinePeriod: baseline?.period ?? null, rating });
    }
  }
  return { national, organisations };
}

/**
 * GET /dashboard/targets?period= (any signed-in user): the nation rated against each national target, and each
 * ministry and province against the targets of the percentage metrics, from approved figures up to `period`
 * (default: the current quarter).
 */
export async function targetsDashboard(_actor: Actor, query: unknown = {}): Promise<TargetsDashboardDto> {
  const q = parseOrThrow(periodOnlyQuery, query);
  const period = q.period ?? currentPeriod();
  return { period, ...(await computeTargetRatings(period)) };
}

/**
 * One ministry or province against the national targets of the percentage metrics, with the nation's ratings beside
 * them (the organisation page). Only that organisation is rated; an agency is never rated (empty list).
 */
export async function organisationTargets(_actor: Actor, organisationId: string, query: unknown = {}): Promise<TargetsDashboardDto> {
  const q = parseOrThrow(periodOnlyQuery, query);
  const org = isId(organisationId) ? await prisma.organisation.findUnique({ where: { id: organisationId }, select: { kind: true } }) : null;
  if (!org) throw new NotFoundError("Organisation");
  const period = q.period ?? currentPeriod();
  return { period, ...(await computeTargetRatings(period, org.kind === "AGENCY" ? [] : [organisationId])) };
}
