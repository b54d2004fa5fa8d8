/**
 * When an organisation is in force (spec/restructuring.md "Validity of an organisation"). Dates are calendar dates
 * "YYYY-MM-DD" (compared as strings, which orders them correctly); "today" is the date in Asia/Ho_Chi_Minh.
 * The same rules are SQL functions in the migration *_restructuring_rules: in_force_on, period_last_day, org_root_on.
 */
import { periodIndex } from "./periods";

export interface Validity {
  /** inclusive; null = always */
  validFrom: string | null;
  /** exclusive; null = still exists */
  validTo: string | null;
}

/** Vietnam keeps UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** Today's date in Asia/Ho_Chi_Minh, "YYYY-MM-DD". */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The quarter of today in Asia/Ho_Chi_Minh. */
export function currentPeriodInVietnam(now: Date = new Date()): string {
  const d = todayInVietnam(now);
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The last day of a quarter, "YYYY-MM-DD". */
export function periodLastDay(period: string): string {
  const i = periodIndex(period);
  if (i === null) throw new Error(`not a period: ${period}`);
  const year = Math.floor(i / 4);
  const lastMonth = (i % 4) * 3 + 3; // 3, 6, 9, 12
  const day = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate(); // day 0 of the next month
  return `${year}-${String(lastMonth).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** In force on date D: validFrom <= D (or null) and D < validTo (or null). */
export function inForceOn(v: Validity, date: string): boolean {
  return (v.validFrom === null || v.validFrom <= date) && (v.validTo === null || date < v.validTo);
}

/** In force for quarter P: in force on the last day of P. */
export function inForceFor(v: Validity, period: string): boolean {
  return inForceOn(v, periodLastDay(period));
}

/** In force today (Asia/Ho_Chi_Minh). */
export function inForceToday(v: Validity, now: Date = new Date()): boolean {
  return inForceOn(v, todayInVietnam(now));
}
