/**
 * The roll-up rules of spec/domain.md "Roll-ups", written once. PostgreSQL computes the sums (GROUP BY); these
 * functions turn sums into figures, so a national figure, an organisation's figure and a trend point all follow the
 * same rule, and a summary table could later feed them the same sums.
 */
import { INITIATIVE_STATUSES, METRIC_KIND, type InitiativeStatus, type MetricCode, type MetricKind } from "./codes";

/** What the database adds up over the reports that count (one metric, one group). */
export interface MetricSums {
  sumNumerator: number;
  sumDenominator: number;
  sumValue: number;
  /** how many reports (= reporting organisations: a report is unique per organisation, period and metric) */
  count: number;
}

export const EMPTY_SUMS: MetricSums = { sumNumerator: 0, sumDenominator: 0, sumValue: 0, count: 0 };

/**
 * A metric's figure from its sums, or null where nothing counts.
 * RATIO: sum of numerators / sum of denominators * 100 (never the mean of percentages); COUNT: the sum;
 * PERCENT: the arithmetic mean over reporting organisations.
 */
export function combineMetric(kind: MetricKind, s: MetricSums): number | null {
  if (s.count <= 0) return null;
  switch (kind) {
    case "RATIO":
      return s.sumDenominator > 0 ? (s.sumNumerator / s.sumDenominator) * 100 : null;
    case "COUNT":
      return s.sumValue;
    case "PERCENT":
      return s.sumValue / s.count;
  }
}

/** Adds sums together (e.g. an organisation's own sums and its agencies'). */
export function addSums(...all: MetricSums[]): MetricSums {
  return all.reduce(
    (a, b) => ({
      sumNumerator: a.sumNumerator + b.sumNumerator,
      sumDenominator: a.sumDenominator + b.sumDenominator,
      sumValue: a.sumValue + b.sumValue,
      count: a.count + b.count,
    }),
    EMPTY_SUMS,
  );
}

export interface RatioFigure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reportingOrganisations: number;
}
export interface PlainFigure {
  value: number | null;
  reportingOrganisations: number;
}
export type MetricFigure = RatioFigure | PlainFigure;

/** The dashboard's figure of one metric (api.md "Dashboards"): ratios also carry their summed numerator and denominator. */
export function metricFigure(metric: MetricCode, s: MetricSums): MetricFigure {
  const kind = METRIC_KIND[metric];
  const value = combineMetric(kind, s);
  if (kind === "RATIO") {
    return {
      value,
      numerator: s.count > 0 ? s.sumNumerator : null,
      denominator: s.count > 0 ? s.sumDenominator : null,
      reportingOrganisations: s.count,
    };
  }
  return { value, reportingOrganisations: s.count };
}

/** Initiative sums per status (and optionally per stage or block): what a GROUP BY over initiatives answers. */
export interface InitiativeSums {
  status: InitiativeStatus;
  count: number;
  sumProgress: number;
  /** sum(progress * budgetPlanned) over those with budgetPlanned > 0 */
  sumProgressBudget: number;
  /** sum(budgetPlanned) over those with budgetPlanned > 0 */
  sumWeightingBudget: number;
  budgetPlanned: number;
  budgetSpent: number;
}

export interface InitiativeFigures {
  total: number;
  byStatus: Record<InitiativeStatus, number>;
  averageProgress: number | null;
  budgetWeightedProgress: number | null;
  budgetPlanned: number;
  budgetSpent: number;
}

/** Mean progress, or null when there is nothing to average. */
export function averageProgress(sumProgress: number, count: number): number | null {
  return count > 0 ? sumProgress / count : null;
}

/** sum(progress * budgetPlanned) / sum(budgetPlanned), or null when no budget weighs anything. */
export function budgetWeightedProgress(sumProgressBudget: number, sumBudget: number): number | null {
  return sumBudget > 0 ? sumProgressBudget / sumBudget : null;
}

/** Counts every initiative given (archived ones never reach here); progress figures leave CANCELLED ones out. */
export function combineInitiatives(rows: InitiativeSums[]): InitiativeFigures {
  const byStatus = Object.fromEntries(INITIATIVE_STATUSES.map((s) => [s, 0])) as Record<InitiativeStatus, number>;
  let total = 0;
  let sumProgress = 0;
  let progressCount = 0;
  let sumProgressBudget = 0;
  let sumWeightingBudget = 0;
  let budgetPlanned = 0;
  let budgetSpent = 0;
  for (const r of rows) {
    byStatus[r.status] += r.count;
    total += r.count;
    budgetPlanned += r.budgetPlanned;
    budgetSpent += r.budgetSpent;
    if (r.status === "CANCELLED") continue;
    sumProgress += r.sumProgress;
    progressCount += r.count;
    sumProgressBudget += r.sumProgressBudget;
    sumWeightingBudget += r.sumWeightingBudget;
  }
  return {
    total,
    byStatus,
    averageProgress: averageProgress(sumProgress, progressCount),
    budgetWeightedProgress: budgetWeightedProgress(sumProgressBudget, sumWeightingBudget),
    budgetPlanned,
    budgetSpent,
  };
}

/** Per-block sums per status: what a GROUP BY over initiative-block links answers. */
export interface BlockSums {
  status: InitiativeStatus;
  count: number;
  sumProgress: number;
}

/** A block's figure: every linked initiative counts; the mean progress leaves CANCELLED ones out. */
export function combineBlock(rows: BlockSums[]): { count: number; averageProgress: number | null } {
  let count = 0;
  let sumProgress = 0;
  let progressCount = 0;
  for (const r of rows) {
    count += r.count;
    if (r.status === "CANCELLED") continue;
    sumProgress += r.sumProgress;
    progressCount += r.count;
  }
  return { count, averageProgress: averageProgress(sumProgress, progressCount) };
}

/** How many initiatives claim each stage (currentStage): CANCELLED ones claim nothing (archived ones never reach here). */
export function combineClaimedStages(rows: { status: InitiativeStatus; stage: number; count: number }[]): Record<"1" | "2" | "3" | "4" | "5", number> {
  const out = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
  for (const r of rows) {
    const key = String(r.stage) as keyof typeof out;
    if (r.status !== "CANCELLED" && key in out) out[key] += r.count;
  }
  return out;
}

/** Every stage key present, 0 where none. */
export function stageDistribution(stages: Iterable<number>): Record<"1" | "2" | "3" | "4" | "5", number> {
  const out = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
  for (const s of stages) {
    const key = String(s) as keyof typeof out;
    if (key in out) out[key]++;
  }
  return out;
}
