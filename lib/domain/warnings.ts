/**
 * Warnings before submitting (spec/coverage.md "Entry"): figures that look wrong but may be right. They never block;
 * submitting despite one asks the officer for a note, and the reviewer sees the warning beside the figure.
 * The same rules serve the officer's form (in the browser) and the review queue (computed on the server).
 */
import type { MetricCode } from "./codes";

/** Metrics that count a running total: they should not fall from one quarter to the next. */
export const CUMULATIVE_METRICS: readonly MetricCode[] = ["OPEN_DATASETS"];
/** A change from the previous quarter above this share of the previous figure is worth a second look. */
export const LARGE_CHANGE_RATIO = 0.5;

export type FigureWarning =
  | { code: "cumulative_decrease"; value: number; previous: number }
  | { code: "large_change"; value: number; previous: number; /** (value − previous) / |previous| */ change: number };

/**
 * The warnings of a metric's figure against the same organisation's figure of the quarter before (null: none).
 * A change is measured relative to the previous figure, so from 0 it has no size and gives no warning.
 */
export function figureWarnings(metric: MetricCode, value: number | null, previous: number | null): FigureWarning[] {
  if (value === null || previous === null || !Number.isFinite(value) || !Number.isFinite(previous)) return [];
  const out: FigureWarning[] = [];
  if (CUMULATIVE_METRICS.includes(metric) && value < previous) out.push({ code: "cumulative_decrease", value, previous });
  if (previous !== 0) {
    const change = (value - previous) / Math.abs(previous);
    if (Math.abs(change) > LARGE_CHANGE_RATIO) out.push({ code: "large_change", value, previous, change });
  }
  return out;
}

export type BudgetWarning = { code: "budget_overspent"; planned: number; spent: number };

/** An initiative that has disbursed more than it planned (both known). */
export function budgetWarnings(planned: number | null, spent: number | null): BudgetWarning[] {
  if (planned === null || spent === null || !Number.isFinite(planned) || !Number.isFinite(spent)) return [];
  return spent > planned ? [{ code: "budget_overspent", planned, spent }] : [];
}
