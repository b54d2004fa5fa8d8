/**
 * Deadlines and reminders (issue 18), pure: which quarter a reporting screen opens on, and who is reminded of what on
 * a given day. Dates are "YYYY-MM-DD" in Asia/Ho_Chi_Minh, compared as strings; due dates come from the reporting
 * calendar (lib/domain/calendar.ts: settings or a quarter's override).
 */

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
