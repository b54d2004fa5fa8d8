import { describe, test, expect } from "vitest";
import {
  EMPTY_SUMS,
  addSums,
  averageProgress,
  budgetWeightedProgress,
  combineBlock,
  combineClaimedStages,
  combineInitiatives,
  combineMetric,
  metricFigure,
  stageDistribution,
  type InitiativeSums,
  type MetricSums,
} from "./rollup";

/** Sums of a list of reports, as the SQL would add them up. */
function sums(reports: { numerator?: number; denominator?: number; value: number }[]): MetricSums {
  return reports.reduce<MetricSums>(
    (s, r) => ({
      sumNumerator: s.sumNumerator + (r.numerator ?? 0),
      sumDenominator: s.sumDenominator + (r.denominator ?? 0),
      sumValue: s.sumValue + r.value,
      count: s.count + 1,
    }),
    EMPTY_SUMS,
  );
}
const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, value: (numerator / denominator) * 100 });

describe("combineMetric", () => {
  test("nothing counts: null for every kind", () => {
    expect(combineMetric("RATIO", EMPTY_SUMS)).toBeNull();
    expect(combineMetric("COUNT", EMPTY_SUMS)).toBeNull();
    expect(combineMetric("PERCENT", EMPTY_SUMS)).toBeNull();
  });

  test("RATIO is the sum of numerators over the sum of denominators", () => {
    // the acceptance example: a ministry 90/100 and its agency 1/10 -> 91/110, not (90% + 10%) / 2 = 50%
    const s = sums([ratio(90, 100), ratio(1, 10)]);
    expect(combineMetric("RATIO", s)).toBeCloseTo((91 / 110) * 100, 12);
    expect(combineMetric("RATIO", s)).not.toBeCloseTo(50, 3);
  });

  test("COUNT is the sum, zero included", () => {
    expect(combineMetric("COUNT", sums([{ value: 7 }, { value: 5 }]))).toBe(12);
    expect(combineMetric("COUNT", sums([{ value: 0 }]))).toBe(0);
  });

  test("PERCENT is the mean over reporting organisations", () => {
    expect(combineMetric("PERCENT", sums([{ value: 10 }, { value: -4 }]))).toBe(3);
    expect(combineMetric("PERCENT", sums([{ value: -12.5 }]))).toBe(-12.5);
  });

  test("Simpson's paradox: weighting by denominators reverses the comparison the mean of percentages suggests", () => {
    // group X: 9/10 (90%) and 30/100 (30%): mean 60%, weighted 39/110 = 35.45%
    // group Y: 50/100 (50%) and 5/10 (50%):  mean 50%, weighted 55/110 = 50%
    const x = [ratio(9, 10), ratio(30, 100)];
    const y = [ratio(50, 100), ratio(5, 10)];
    const mean = (rs: { value: number }[]) => rs.reduce((a, r) => a + r.value, 0) / rs.length;
    expect(mean(x)).toBeCloseTo(60, 12);
    expect(mean(y)).toBeCloseTo(50, 12);
    const wx = combineMetric("RATIO", sums(x))!;
    const wy = combineMetric("RATIO", sums(y))!;
    expect(wx).toBeCloseTo((39 / 110) * 100, 12);
    expect(wy).toBeCloseTo(50, 12);
    expect(mean(x) > mean(y)).toBe(true);
    expect(wx < wy).toBe(true);
    // and nationally (all four): 94/220, while the mean of the four percentages is 55%
    expect(combineMetric("RATIO", sums([...x, ...y]))).toBeCloseTo((94 / 220) * 100, 12);
  });

  test("addSums rolls an agency into its parent the same way", () => {
    const parent = sums([ratio(3, 4)]);
    const agency = sums([ratio(10, 100)]);
    expect(combineMetric("RATIO", addSums(parent, agency))).toBeCloseTo((13 / 104) * 100, 12);
    expect(addSums()).toEqual(EMPTY_SUMS);
  });
});

describe("metricFigure", () => {
  test("ratios carry numerator and denominator; others only value", () => {
    expect(metricFigure("SERVICES_ONLINE", sums([ratio(90, 100), ratio(1, 10)]))).toEqual({
      value: (91 / 110) * 100,
      numerator: 91,
      denominator: 110,
      reportingOrganisations: 2,
    });
    expect(metricFigure("SERVICES_NEW_RETIRED", EMPTY_SUMS)).toEqual({ value: null, numerator: null, denominator: null, reportingOrganisations: 0 });
    expect(metricFigure("OPEN_DATASETS", sums([{ value: 7 }, { value: 5 }]))).toEqual({ value: 12, reportingOrganisations: 2 });
    expect(metricFigure("KPI_IMPROVEMENT", EMPTY_SUMS)).toEqual({ value: null, reportingOrganisations: 0 });
  });
});

describe("initiative progress", () => {
  const row = (status: InitiativeSums["status"], progress: number, budget: number | null, spent = 0): InitiativeSums => ({
    status,
    count: 1,
    sumProgress: progress,
    sumProgressBudget: budget && budget > 0 ? progress * budget : 0,
    sumWeightingBudget: budget && budget > 0 ? budget : 0,
    budgetPlanned: budget ?? 0,
    budgetSpent: spent,
  });

  test("helpers answer null when there is nothing to average", () => {
    expect(averageProgress(0, 0)).toBeNull();
    expect(budgetWeightedProgress(0, 0)).toBeNull();
    expect(averageProgress(150, 3)).toBe(50);
    expect(budgetWeightedProgress(20 * 100 + 100 * 300, 400)).toBe(80);
  });

  test("counts every status; means leave CANCELLED out; the weighted mean also those without budget", () => {
    // the acceptance example: 20% (budget 100), 100% (budget 300), 60% (no budget), cancelled 0% (budget 1000)
    const f = combineInitiatives([row("IN_PROGRESS", 20, 100, 10), row("COMPLETED", 100, 300, 5), row("ON_HOLD", 60, null), row("CANCELLED", 0, 1000)]);
    expect(f.total).toBe(4);
    expect(f.byStatus).toEqual({ PLANNED: 0, IN_PROGRESS: 1, COMPLETED: 1, ON_HOLD: 1, CANCELLED: 1 });
    expect(f.averageProgress).toBe(60);
    expect(f.budgetWeightedProgress).toBe((20 * 100 + 100 * 300) / 400);
    expect(f.budgetPlanned).toBe(1400);
    expect(f.budgetSpent).toBe(15);
  });

  test("pre-grouped rows combine like single ones", () => {
    const grouped: InitiativeSums = { status: "IN_PROGRESS", count: 2, sumProgress: 30, sumProgressBudget: 10 * 100 + 20 * 300, sumWeightingBudget: 400, budgetPlanned: 400, budgetSpent: 0 };
    const f = combineInitiatives([grouped]);
    expect(f.averageProgress).toBe(15);
    expect(f.budgetWeightedProgress).toBe(17.5);
  });

  test("nothing at all: zero counts, null progress", () => {
    const f = combineInitiatives([]);
    expect(f.total).toBe(0);
    expect(f.averageProgress).toBeNull();
    expect(f.budgetWeightedProgress).toBeNull();
    expect(f.byStatus.PLANNED).toBe(0);
  });

  test("only cancelled initiatives: counted, but no progress", () => {
    const f = combineInitiatives([row("CANCELLED", 50, 100)]);
    expect(f.total).toBe(1);
    expect(f.averageProgress).toBeNull();
    expect(f.budgetWeightedProgress).toBeNull();
  });

  test("blocks: count all, average those not cancelled", () => {
    expect(combineBlock([{ status: "IN_PROGRESS", count: 2, sumProgress: 120 }, { status: "CANCELLED", count: 1, sumProgress: 90 }])).toEqual({ count: 3, averageProgress: 60 });
    expect(combineBlock([])).toEqual({ count: 0, averageProgress: null });
  });
});

describe("stages", () => {
  test("claimed stages leave CANCELLED out and keep every key", () => {
    expect(
      combineClaimedStages([
        { status: "IN_PROGRESS", stage: 1, count: 1 },
        { status: "COMPLETED", stage: 2, count: 1 },
        { status: "ON_HOLD", stage: 2, count: 1 },
        { status: "CANCELLED", stage: 1, count: 4 },
      ]),
    ).toEqual({ "1": 1, "2": 2, "3": 0, "4": 0, "5": 0 });
  });

  test("distribution counts each organisation's stage", () => {
    expect(stageDistribution([1, 1, 3, 5])).toEqual({ "1": 2, "2": 0, "3": 1, "4": 0, "5": 1 });
    expect(stageDistribution([])).toEqual({ "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 });
  });
});
