/** The dashboard's URL state (?period=YYYY-Qn&includeSubmitted=true) and the quarters it offers. Pure: server and client. */
import { PERIOD_RE, addQuarters, currentPeriod, periodIndex } from "@/lib/domain/periods";

/** How many quarters the quarter picker offers, ending with the current one. */
export const PICKER_QUARTERS = 12;

export interface DashboardParams {
  period: string;
  includeSubmitted: boolean;
}

/** The previous quarter (the default when the reporting calendar is not at hand). */
export function defaultPeriod(now: Date = new Date()): string {
  return addQuarters(currentPeriod(now), -1);
}

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Reads the URL state; anything malformed falls back to `fallback` (the pages pass the latest quarter that is no longer
 * open: spec/coverage.md) rather than failing the page.
 */
export function readParams(search: Search, now: Date = new Date(), fallback: string = defaultPeriod(now)): DashboardParams {
  const p = first(search.period);
  const inc = first(search.includeSubmitted);
  const valid =
    !!p &&
    PERIOD_RE.test(p) &&
    periodIndex(p)! <= periodIndex(currentPeriod(now))! &&
    periodIndex(p)! >= periodIndex("2000-Q1")!;
  return { period: valid ? p! : fallback, includeSubmitted: inc === "true" || inc === "1" };
}

/** The query string of a dashboard state, plus extra keys (empty values dropped). */
export function queryString(p: DashboardParams, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  q.set("period", p.period);
  if (p.includeSubmitted) q.set("includeSubmitted", "true");
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  return q.toString();
}

/** Quarters for the picker, newest first; the chosen one is always among them. */
export function pickerQuarters(chosen: string, now: Date = new Date()): string[] {
  const cur = currentPeriod(now);
  const list = Array.from({ length: PICKER_QUARTERS }, (_, i) => addQuarters(cur, -i));
  if (!list.includes(chosen)) list.push(chosen);
  return list;
}

/** "YYYY-Qn" → its parts, for a localised label ("Quý 3/2026", "Q3 2026"). */
export function periodParts(period: string): { year: string; quarter: string } {
  const m = PERIOD_RE.exec(period);
  return m ? { year: m[1], quarter: m[2] } : { year: period, quarter: "" };
}

/** The basis of an organisation's figures in the URL (?basis=reported; comparable otherwise). */
export function readBasis(search: Search): "comparable" | "reported" {
  return first(search.basis) === "reported" ? "reported" : "comparable";
}

/**
 * The long lists a page shows in full (?all=attention,heatmap): on first load each shows its first rows and a link
 * that asks for the rest, so a phone does not lay out, hydrate and hold thousands of rows nobody asked for.
 */
export const LONG_LISTS = ["attention", "heatmap", "completeness"] as const;
export type LongList = (typeof LONG_LISTS)[number];

export function readAll(search: Search): Set<LongList> {
  const raw = first(search.all) ?? "";
  return new Set(raw.split(",").filter((x): x is LongList => (LONG_LISTS as readonly string[]).includes(x)));
}

/** The `all` value that adds `list` to those already shown in full. */
export function withAll(shown: Set<LongList>, list: LongList): string {
  return LONG_LISTS.filter((l) => l === list || shown.has(l)).join(",");
}
