/**
 * The evidence-based maturity stage of spec/domain.md: 1 + the number of consecutive thresholds met, in stage order,
 * starting from SERVICES_ONLINE. A missing figure is a threshold not met.
 */
import type { MetricCode, StageLevel } from "./codes";

/** The metrics with a threshold, in the order they are checked (the key metrics of stages 1..4). */
export const THRESHOLD_METRICS = ["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED"] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];

export type Thresholds = Record<ThresholdMetric, number>;

export const DEFAULT_THRESHOLDS: Thresholds = { SERVICES_ONLINE: 50, OPEN_DATASETS: 10, KPI_IMPROVEMENT: 10, SERVICES_NEW_RETIRED: 5 };

/** An organisation's rolled-up figures for one period; absent or null = nothing counts. */
export type Figures = Partial<Record<MetricCode, number | null>>;

export interface ThresholdCheck {
  metric: ThresholdMetric;
  threshold: number;
  value: number | null;
  status: "met" | "missed" | "missing";
  /** true when this check is part of the consecutive run that sets the stage */
  counted: boolean;
}

export interface MaturityExplanation {
  stage: StageLevel;
  checks: ThresholdCheck[];
}

/** Each threshold checked, and the stage they give (for the UI: why an organisation is where it is). */
export function explainMaturity(figures: Figures, thresholds: Thresholds): MaturityExplanation {
  let run = true;
  let met = 0;
  const checks = THRESHOLD_METRICS.map((metric): ThresholdCheck => {
    const value = figures[metric] ?? null;
    const threshold = thresholds[metric];
    const status = value === null ? "missing" : value >= threshold ? "met" : "missed";
    const counted = run && status === "met";
    if (counted) met++;
    else run = false;
    return { metric, threshold, value, status, counted };
  });
  return { stage: (1 + met) as StageLevel, checks };
}

/** The stage (1..5) from an organisation's figures and the thresholds. */
export function maturityStage(figures: Figures, thresholds: Thresholds): StageLevel {
  return explainMaturity(figures, thresholds).stage;
}
