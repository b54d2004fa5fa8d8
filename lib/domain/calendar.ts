/**
 * The reporting calendar (spec/coverage.md "Reporting calendar"). Defaults after Decree 09/2019/NĐ-CP on periodic
 * reports: a quarter's figures run from the 15th of the month before the quarter to the 14th of its last month (the
 * data cut-off), and are due on the 20th of its last month. An admin may move both for one quarter (an override).
 * Dates are calendar dates "YYYY-MM-DD" (compared as strings); "today" and "the end of the due date" are in
 * Asia/Ho_Chi_Minh. The due-date rule is also the SQL function period_due_date (migration *_restructuring_rules).
 */
import { periodIndex } from "./periods";
import { todayInVietnam } from "./validity";

export interface ReportingSettings {
  /** day of the quarter's last month on which the data is cut off (1..28) */
  cutOffDay: number;
  /** day of the quarter's last month on which the reports are due (1..28) */
  dueDay: number;
  /** share of expected bodies below which a national figure is provisional (0..1) */
  minimumCoverage: number;
}

export const DEFAULT_REPORTING_SETTINGS: ReportingSettings = { cutOffDay: 14, dueDay: 20, minimumCoverage: 0.8 };
/** Days are kept to 1..28 so that every month has them. */
export const MAX_CALENDAR_DAY = 28;

export interface CalendarOverride {
  cutOff: string;
  dueDate: string;
}

export interface QuarterCalendar {
  period: string;
  /** first day of the quarter's data: the day after the cut-off day of the month before the quarter */
  dataFrom: string;
  cutOff: string;
  dueDate: string;
  /** true when an admin set this quarter's dates */
  overridden: boolean;
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function yearAndLastMonth(period: string): { year: number; lastMonth: number } {
  const i = periodIndex(period);
  if (i === null) throw new Error(`not a period: ${period}`);
  return { year: Math.floor(i / 4), lastMonth: (i % 4) * 3 + 3 };
}

/** A date shifted by n days. */
export function addDays(date: string, n: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The cut-off and due date of a quarter: its override when there is one, else the settings' days of its last month. */
export function quarterCalendar(period: string, settings: Pick<ReportingSettings, "cutOffDay" | "dueDay">, override: CalendarOverride | null = null): QuarterCalendar {
  const { year, lastMonth } = yearAndLastMonth(period);
  // the month before the quarter: December of the year before for Q1
  const beforeYear = lastMonth === 3 ? year - 1 : year;
  const beforeMonth = lastMonth === 3 ? 12 : lastMonth - 3;
  return {
    period,
    dataFrom: addDays(ymd(beforeYear, beforeMonth, settings.cutOffDay), 1),
    cutOff: override?.cutOff ?? ymd(year, lastMonth, settings.cutOffDay),
    dueDate: override?.dueDate ?? ymd(year, lastMonth, settings.dueDay),
    overridden: override !== null,
  };
}

/** A quarter is open while today (Asia/Ho_Chi_Minh) is on or before its due date. */
export function isOpen(dueDate: string, now: Date = new Date()): boolean {
  return todayInVietnam(now) <= dueDate;
}

/** Overdue: the due date has passed (today in Asia/Ho_Chi_Minh is after it). */
export function isOverdue(dueDate: string, now: Date = new Date()): boolean {
  return todayInVietnam(now) > dueDate;
}

/**
 * A report is late when it was submitted after the end of its due date in Asia/Ho_Chi_Minh; a report not submitted
 * (null) is not late (yet).
 */
export function isSubmittedLate(submittedAt: Date | string | null, dueDate: string): boolean {
  if (submittedAt === null) return false;
  return todayInVietnam(typeof submittedAt === "string" ? new Date(submittedAt) : submittedAt) > dueDate;
}

export type DueState = { state: "due"; daysLeft: number } | { state: "overdue"; daysLate: number };

/** How a due date stands today: due in N days (0 = today) or overdue by N days. */
export function dueState(dueDate: string, now: Date = new Date()): DueState {
  const d = daysBetween(todayInVietnam(now), dueDate);
  return d >= 0 ? { state: "due", daysLeft: d } : { state: "overdue", daysLate: -d };
}

export type OverrideProblem = { path: "cutOff" | "dueDate"; message: string; code: "due_before_cut_off" };

/** An override must cut the data off no later than it is due. */
export function checkOverride(o: CalendarOverride): OverrideProblem[] {
  return o.cutOff > o.dueDate ? [{ path: "dueDate", message: "must be on or after the cut-off", code: "due_before_cut_off" }] : [];
}
