/**
 * Deadlines and reminders (issue 18), pure: which quarter a reporting screen opens on, and who is reminded of what on
 * a given day. Dates are "YYYY-MM-DD" in Asia/Ho_Chi_Minh, compared as strings; due dates come from the reporting
 * calendar (lib/domain/calendar.ts: settings or a quarter's override).
 */
import { daysBetween } from "./calendar";
import { inForceOn, periodLastDay } from "./validity";

export interface DueEntry {
  period: string;
  dueDate: string;
}

/**
 * The quarter that is due: of the quarters offered (oldest first), the first whose due date is today or later (an
 * extended previous quarter comes before the current one); when every due date has passed, the newest (overdue).
 */
export function dueQuarter(entries: DueEntry[], today: string): string {
  if (!entries.length) throw new Error("no quarter to choose from");
  const sorted = [...entries].sort((a, b) => (a.period < b.period ? -1 : 1));
  return (sorted.find((e) => e.dueDate >= today) ?? sorted[sorted.length - 1]).period;
}

/** A ministry or province expected to report a quarter, as the reminder job sees it today. */
export interface BodyStatus {
  organisationId: string;
  validFrom: string | null;
  validTo: string | null;
  /** metrics of the quarter SUBMITTED or APPROVED */
  reported: number;
  /** its active officers today (after any restructuring moved them) */
  officers: string[];
}

export interface PlannedReminder {
  kind: "REPORT_DUE_SOON" | "REPORT_OVERDUE" | "OVERDUE_DIGEST";
  userId: string;
  period: string;
  dueDate: string;
  /** the body (DUE_SOON, OVERDUE) */
  organisationId?: string;
  missing?: number;
  /** days left (DUE_SOON) */
  days?: number;
  /** the overdue bodies (DIGEST) */
  organisations?: string[];
  /** exactly once per (this key, recipient) */
  dedupeKey: string;
}

/** How many days after the due date leadership still gets the daily digest of a quarter. */
export const DIGEST_DAYS = 30;
/** How many days after the due date an OVERDUE reminder not sent yet (an outage) still goes out. */
export const OVERDUE_CATCH_UP_DAYS = 7;

/**
 * Who is reminded of what about one quarter on `today` (spec: issue 18):
 * - REPORT_DUE_SOON at 7 days and at 1 day before the due date, to the officers of each body in force for the quarter
 *   (on its last day, as completeness counts) that has not submitted every metric. A run that missed the day (an
 *   outage) catches up: from 6 to 2 days before it is still the "7 days" one, on the due date the "1 day" one.
 * - REPORT_OVERDUE from the day after, once, to those officers (caught up for a week).
 * - OVERDUE_DIGEST to every leader, once a day for DIGEST_DAYS days after the due date while any body is missing.
 * The officers are those of the body today, so after a restructuring the successor's officers (moved there) hear of
 * the successor, and a body not in force for the quarter is not expected. Each reminder has a dedupe key; the job
 * inserts with ON CONFLICT DO NOTHING, which makes it exactly once per (key, recipient).
 */
export function remindersOn(today: string, quarter: DueEntry, bodies: BodyStatus[], leaders: string[], expected: number): PlannedReminder[] {
  const d = daysBetween(today, quarter.dueDate);
  const lastDay = periodLastDay(quarter.period);
  const late = bodies
    .filter((b) => inForceOn(b, lastDay) && b.reported < expected)
    .sort((a, b) => (a.organisationId < b.organisationId ? -1 : 1));
  const out: PlannedReminder[] = [];
  const base = { period: quarter.period, dueDate: quarter.dueDate };
  if (d >= 0 && d <= 7) {
    const milestone = d >= 2 ? 7 : 1;
    for (const b of late) {
      for (const userId of b.officers) {
        out.push({ ...base, kind: "REPORT_DUE_SOON", userId, organisationId: b.organisationId, missing: expected - b.reported, days: d, dedupeKey: `REPORT_DUE_SOON:${quarter.period}:${milestone}:${b.organisationId}` });
      }
    }
  } else if (d < 0) {
    if (-d <= OVERDUE_CATCH_UP_DAYS) {
      for (const b of late) {
        for (const userId of b.officers) {
          out.push({ ...base, kind: "REPORT_OVERDUE", userId, organisationId: b.organisationId, missing: expected - b.reported, dedupeKey: `REPORT_OVERDUE:${quarter.period}:${b.organisationId}` });
        }
      }
    }
    if (-d <= DIGEST_DAYS && late.length) {
      for (const userId of leaders) {
        out.push({ ...base, kind: "OVERDUE_DIGEST", userId, organisations: late.map((b) => b.organisationId), dedupeKey: `OVERDUE_DIGEST:${quarter.period}:${today}` });
      }
    }
  }
  return out;
}
