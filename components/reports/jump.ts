import type { MetricKind } from "@/lib/domain/codes";

/** The large-jump rule of the review queue (stated on screen with the same numbers). */
export const JUMP_RELATIVE = 0.5;
export const JUMP_POINTS = 20;

/**
 * Is the change from last quarter's approved figure large enough to look twice? More than 50 % of last quarter's figure
 * (any change from 0), or, for percentage metrics, more than 20 percentage points. No previous figure: no flag.
 */
export function isLargeJump(kind: MetricKind, value: number, previous: number | null): boolean {
  if (previous === null) return false;
  const diff = Math.abs(value - previous);
  if (kind !== "COUNT" && diff > JUMP_POINTS) return true;
  if (previous === 0) return value !== 0;
  return diff / Math.abs(previous) > JUMP_RELATIVE;
}
