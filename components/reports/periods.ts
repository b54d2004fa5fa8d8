import { addQuarters, currentPeriod, isReportablePeriod, periodIndex, PERIOD_RE } from "@/lib/domain/periods";

/** The quarters a picker offers: the current one and the 19 before it, newest first, plus the chosen one if older. */
export function periodOptions(selected: string, now: Date = new Date(), count = 20): string[] {
  const cur = currentPeriod(now);
  const list = Array.from({ length: count }, (_, i) => addQuarters(cur, -i)).filter((p) => isReportablePeriod(p, now));
  if (PERIOD_RE.test(selected) && !list.includes(selected)) list.push(selected);
  return list.sort((a, b) => periodIndex(b)! - periodIndex(a)!);
}

/** The quarter a reporting screen opens on: the one asked for when valid, else the previous quarter. */
export function chosenPeriod(asked: string | string[] | undefined, now: Date = new Date(), reportableOnly = true): string {
  const p = typeof asked === "string" ? asked : undefined;
  if (p && (reportableOnly ? isReportablePeriod(p, now) : PERIOD_RE.test(p))) return p;
  return addQuarters(currentPeriod(now), -1);
}

/** "2026-Q3" -> { year: 2026, q: 3 } for the "quarter" message. */
export function quarterParts(period: string): { year: string; q: string } {
  const m = PERIOD_RE.exec(period);
  return m ? { year: m[1], q: m[2] } : { year: period, q: "?" };
}
