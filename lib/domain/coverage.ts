/**
 * How much of the country (or of an organisation) a figure covers, its change like for like, and whether it is
 * provisional (spec/coverage.md). Pure: PostgreSQL counts and sums, these rules turn the counts into the API's fields.
 */
import { combineMetric, type MetricSums } from "./rollup";
import type { MetricKind } from "./codes";

export interface Coverage {
  expected: number;
  reported: number;
  /** reported / expected, 0..1; null when nobody is expected */
  share: number | null;
}

export function coverageOf(expected: number, reported: number): Coverage {
  return { expected, reported, share: expected > 0 ? reported / expected : null };
}

export interface Change {
  previousPeriod: string;
  value: number;
  previousValue: number;
  /** value − previousValue (percentage points for ratios and percents) */
  delta: number;
  /** how many reporting organisations the comparison covers */
  organisations: number;
}

/**
 * The change between two quarters over the same reporting organisations: `current` and `previous` are the sums of
 * the bodies that have a counted report of the metric in both quarters (the same bodies on both sides, so the counts
 * agree). Null when none reported in both, or when either side has no figure.
 */
export function likeForLike(kind: MetricKind, previousPeriod: string, current: MetricSums, previous: MetricSums): Change | null {
  if (current.count <= 0 || previous.count <= 0) return null;
  const value = combineMetric(kind, current);
  const previousValue = combineMetric(kind, previous);
  if (value === null || previousValue === null) return null;
  return { previousPeriod, value, previousValue, delta: value - previousValue, organisations: current.count };
}

export const PROVISIONAL_REASONS = ["open_quarter", "low_coverage"] as const;
export type ProvisionalReason = (typeof PROVISIONAL_REASONS)[number];

/** A quarter is open while today (Asia/Ho_Chi_Minh) is on or before its due date (dates "YYYY-MM-DD"). */
export function isOpenQuarter(today: string, dueDate: string): boolean {
  return today <= dueDate;
}

/** Low coverage: the share is below the minimum, or nobody is expected. */
export function isLowCoverage(share: number | null, minimumCoverage: number): boolean {
  return share === null || share < minimumCoverage;
}

/** Why a figure is provisional, in a fixed order; empty when it is not. */
export function provisionalReasons(open: boolean, coverage: Coverage, minimumCoverage: number): ProvisionalReason[] {
  const out: ProvisionalReason[] = [];
  if (open) out.push("open_quarter");
  if (isLowCoverage(coverage.share, minimumCoverage)) out.push("low_coverage");
  return out;
}

export type StageKey = "1" | "2" | "3" | "4" | "5";

/**
 * The maturity distribution over the expected bodies: those that reported anything by their stage, the others apart
 * as `notReported` (never counted as stage 1).
 */
export function maturityDistribution(bodies: Iterable<{ stage: number; reported: boolean }>): {
  distribution: Record<StageKey, number>;
  notReported: number;
} {
  const distribution: Record<StageKey, number> = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
  let notReported = 0;
  for (const b of bodies) {
    if (!b.reported) {
      notReported++;
      continue;
    }
    const key = String(b.stage) as StageKey;
    if (key in distribution) distribution[key]++;
  }
  return { distribution, notReported };
}
