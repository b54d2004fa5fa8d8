/** Quarters ("YYYY-Qn"): parsing, ordering and arithmetic. Quarters count as integers: 2025-Q1 -> 2025*4 + 0. */
export const PERIOD_RE = /^(\d{4})-Q([1-4])$/;
export const FIRST_PERIOD = "2000-Q1";

/** The quarter index of a period, or null when it is not "YYYY-Qn". */
export function periodIndex(period: string): number | null {
  const m = PERIOD_RE.exec(period);
  if (!m) return null;
  return Number(m[1]) * 4 + (Number(m[2]) - 1);
}

/** The period of a quarter index. */
export function periodFromIndex(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The quarter a date falls in (UTC). */
export function periodOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function currentPeriod(now: Date = new Date()): string {
  return periodOf(now);
}

/** A period shifted by n quarters. */
export function addQuarters(period: string, n: number): string {
  const i = periodIndex(period);
  if (i === null) throw new Error(`not a period: ${period}`);
  return periodFromIndex(i + n);
}

/** Every period from `from` to `to`, both included (empty when from > to). */
export function periodRange(from: string, to: string): string[] {
  const a = periodIndex(from);
  const b = periodIndex(to);
  if (a === null || b === null) return [];
  const out: string[] = [];
  for (let i = a; i <= b; i++) out.push(periodFromIndex(i));
  return out;
}

/** The first day after the quarter ends (UTC midnight). */
export function periodEnd(period: string): Date {
  const i = periodIndex(period);
  if (i === null) throw new Error(`not a period: ${period}`);
  const next = i + 1;
  return new Date(Date.UTC(Math.floor(next / 4), (next % 4) * 3, 1));
}

/** True when the period is a valid quarter between 2000-Q1 and the current quarter. */
export function isReportablePeriod(period: string, now: Date = new Date()): boolean {
  const i = periodIndex(period);
  return i !== null && i >= periodIndex(FIRST_PERIOD)! && i <= periodIndex(currentPeriod(now))!;
}
