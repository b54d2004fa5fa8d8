import "server-only";
import { calendarOf } from "./reporting-calendar";
import { dueQuarter } from "@/lib/domain/reminders";
import { addQuarters, isReportablePeriod } from "@/lib/domain/periods";
import { currentPeriodInVietnam, todayInVietnam } from "@/lib/domain/validity";

/** The quarter the reporting page opens on: the one that is due (lib/domain/reminders.ts), from the calendar in force. */
export async function dueReportingPeriod(now: Date = new Date()): Promise<string> {
  const cur = currentPeriodInVietnam(now);
  const entries = await calendarOf([addQuarters(cur, -1), cur], now);
  const p = dueQuarter(entries, todayInVietnam(now));
  // the first hours of a quarter in Viet Nam are still the last quarter in UTC, which is what "reportable" counts in
  return isReportablePeriod(p, now) ? p : addQuarters(p, -1);
}
