/**
 * Numbers and dates as people type them in Vietnamese and English files and forms. Pure: no I/O.
 *
 * Vietnamese: `,` is the decimal mark and `.` groups thousands (`1.000.000`, `1,5`, `3.500.000,25`).
 * English: the mirror image (`1,000,000`, `1.5`). A group mark must be followed by exactly three digits, and the first
 * group has one to three digits; anything else (`1.50` in Vietnamese, `1,2,3`, `1.000,5.0`, `,5`) is refused rather
 * than guessed. `auto` accepts a text only when it has one reading: `1.000.000` (Vietnamese only), `1,5` (Vietnamese
 * only), `1.5` (English only), `1500`; `1.500` and `1,500` read 1500 in one language and 1.5 or 1,5 in the other, so
 * they are refused as ambiguous.
 *
 * Dates: `yyyy-mm-dd` and `dd/mm/yyyy` (one or two digits for day and month) in both languages (the English UI uses
 * en-GB), a real calendar day with a year from 1900 to 2100.
 */

export type NumberLocale = "vi" | "en";

export type NumberResult = { ok: true; value: number } | { ok: false; reason: "format" | "ambiguous" };

const MARKS: Record<NumberLocale, { decimal: string; group: string }> = {
  vi: { decimal: ",", group: "." },
  en: { decimal: ".", group: "," },
};

const esc = (c: string) => (c === "." ? "\\." : c);

function pattern(locale: NumberLocale): RegExp {
  const { decimal, group } = MARKS[locale];
  const d = esc(decimal);
  const g = esc(group);
  // sign, then either plain digits or 1-3 digits followed by groups of exactly three, then an optional fraction
  return new RegExp(`^([+-]?)(\\d+|\\d{1,3}(?:${g}\\d{3})+)(?:${d}(\\d+))?$`);
}
const PATTERNS: Record<NumberLocale, RegExp> = { vi: pattern("vi"), en: pattern("en") };

/** The reading of `text` in one language, or null when it is not a number written that way. */
function readAs(text: string, locale: NumberLocale): number | null {
  const m = PATTERNS[locale].exec(text);
  if (!m) return null;
  const [, sign, whole, fraction] = m;
  const plain = `${sign}${whole.split(MARKS[locale].group).join("")}${fraction !== undefined ? `.${fraction}` : ""}`;
  const n = Number(plain);
  return Number.isFinite(n) ? n : null;
}

/**
 * Reads a number written in `locale` ("auto": whichever language reads it, when only one does or both agree).
 * Spaces around are ignored; spaces inside are not (a group mark is `.` or `,`, never a space).
 */
export function parseLocaleNumber(input: string, locale: NumberLocale | "auto"): NumberResult {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "format" };
  if (locale !== "auto") {
    const n = readAs(text, locale);
    return n === null ? { ok: false, reason: "format" } : { ok: true, value: n };
  }
  const vi = readAs(text, "vi");
  const en = readAs(text, "en");
  if (vi === null && en === null) return { ok: false, reason: "format" };
  if (vi !== null && en !== null && vi !== en) return { ok: false, reason: "ambiguous" };
  return { ok: true, value: (vi ?? en)! };
}

export type DateResult = { ok: true; value: string } | { ok: false; reason: "format" | "not_a_day" | "year_range" };

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A calendar day as `YYYY-MM-DD`, or why not. */
export function isoDay(year: number, month: number, day: number): DateResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: "year_range" };
  const d = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return { ok: false, reason: "not_a_day" };
  return { ok: true, value: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** Reads `yyyy-mm-dd` or `dd/mm/yyyy` (spaces around ignored). */
export function parseLocaleDate(input: string): DateResult {
  const text = input.trim();
  let m = ISO.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DMY.exec(text);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return { ok: false, reason: "format" };
}

/** A date cell of a spreadsheet (a JavaScript Date at UTC midnight of the day shown) as `YYYY-MM-DD`. */
export function dayOfDate(d: Date): DateResult {
  if (Number.isNaN(d.getTime())) return { ok: false, reason: "not_a_day" };
  // a date typed in a cell is midnight UTC; a date-time keeps its day
  return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
