/**
 * The on-track rating of spec/targets.md ("The rating (linear pace)"), written once: KPIs, the nation and each
 * ministry or province against the national targets are all rated here.
 */
import { periodFromIndex, periodIndex } from "./periods";
import type { KpiDirection } from "./codes";

export const RATING_STATUSES = [
  "NOT_ENOUGH_DATA",
  "ACHIEVED",
  "MISSED",
  "ON_TRACK",
  "ACCELERATION_NEEDED",
  "LIMITED_PROGRESS",
  "DETERIORATING",
] as const;
export type RatingStatus = (typeof RATING_STATUSES)[number];

/** The statuses the "needs attention" list shows. */
export const ATTENTION_STATUSES: readonly RatingStatus[] = ["DETERIORATING", "LIMITED_PROGRESS", "MISSED"];

export interface RatingGoal {
  direction: KpiDirection;
  baseline: number;
  baselinePeriod: string;
  target: number;
  targetPeriod: string;
}

export interface RatingPoint {
  period: string;
  value: number;
}

export interface Rating {
  status: RatingStatus;
  /** observed pace over required pace; null unless the target is neither achieved nor due */
  ratio: number | null;
  latestValue: number | null;
  latestPeriod: string | null;
  /** where the linear path from baseline to target stands at the latest quarter (capped at the target quarter) */
  expectedValue: number | null;
}

export const ON_TRACK_RATIO = 0.95;
export const ACCELERATION_RATIO = 0.6;
// Decimal inputs (0.1 + 0.2 ...) make R land a hair below a boundary it sits on exactly in decimal arithmetic;
// a relative slack far below any meaningful difference keeps "exactly 0.95" ON_TRACK.
const EPS = 1e-9;

const NONE: Rating = { status: "NOT_ENOUGH_DATA", ratio: null, latestValue: null, latestPeriod: null, expectedValue: null };

/**
 * Rates `goal` by the latest value after its baseline quarter. Values at or before the baseline quarter, values
 * with a malformed period and non-finite values are ignored; the caller decides up to which quarter values count.
 */
export function rate(goal: RatingGoal, values: readonly RatingPoint[]): Rating {
  const qb = periodIndex(goal.baselinePeriod);
  const qt = periodIndex(goal.targetPeriod);
  if (qb === null || qt === null) return NONE;
  let latest: { q: number; value: number } | null = null;
  for (const p of values) {
    const q = periodIndex(p.period);
    if (q === null || q <= qb || !Number.isFinite(p.value)) continue;
    if (!latest || q > latest.q) latest = { q, value: p.value };
  }
  if (!latest) return NONE;

  const { q: ql, value: v } = latest;
  const b = goal.baseline;
  const t = goal.target;
  const s = goal.direction === "LOWER_IS_BETTER" ? -1 : 1;
  // the organisation ratings of national targets may start at or after the target quarter: the path is then flat at t
  const expectedValue = qt > qb ? b + ((t - b) * (Math.min(ql, qt) - qb)) / (qt - qb) : t;
  const base = { latestValue: v, latestPeriod: periodFromIndex(ql), expectedValue };

  if (s * (v - t) >= 0) return { status: "ACHIEVED", ratio: null, ...base };
  if (ql >= qt) return { status: "MISSED", ratio: null, ...base };

  // an organisation that started at or beyond the national target has no required pace; not achieved means it fell back
  if (s * (t - b) <= 0) return { status: "DETERIORATING", ratio: null, ...base };
  const ratio = (v - b) / (ql - qb) / ((t - b) / (qt - qb));
  return { status: statusOf(ratio), ratio, ...base };
}

function statusOf(r: number): RatingStatus {
  if (r >= ON_TRACK_RATIO - EPS) return "ON_TRACK";
  if (r >= ACCELERATION_RATIO - EPS) return "ACCELERATION_NEEDED";
  if (r >= -EPS) return "LIMITED_PROGRESS";
  return "DETERIORATING";
}
