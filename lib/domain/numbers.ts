/**
 * Numbers as people type them (spec/coverage.md "Entry"): in Vietnamese `,` is the decimal separator and `.` groups
 * thousands (`34,5`, `1.000.000`); in English the mirror image (`34.5`, `1,000,000`). A group separator must be
 * followed by exactly three digits, so `34.5` typed in Vietnamese is an error that says how to write it, never a silent
 * factor of ten. One module for every input of the UI and every imported file; the API itself takes JSON numbers.
 */
export type NumberLocale = "vi" | "en";

export type NumberParseError =
  | "empty"
  /** not a number at all */
  | "not_a_number"
  /** the other locale's decimal separator, or a group that is not three digits (`34.5` in vi, `1.00` in vi) */
  | "ambiguous_separator"
  /** a fraction where a whole number is needed */
  | "not_an_integer";

export type NumberParseResult = { ok: true; value: number } | { ok: false; error: NumberParseError };

const SEPARATORS: Record<NumberLocale, { decimal: string; group: string }> = {
  vi: { decimal: ",", group: "." },
  en: { decimal: ".", group: "," },
};

/** The separators of a locale (for hints such as "write 34,5"). */
export function separatorsOf(locale: NumberLocale): { decimal: string; group: string } {
  return SEPARATORS[locale];
}

const escape = (c: string) => (c === "." ? "\\." : c);

/** Compiled once: an import reads up to five numbers in each of 50,000 rows, in both languages. */
const PATTERNS = Object.fromEntries(
  (Object.keys(SEPARATORS) as NumberLocale[]).map((l) => {
    const d = escape(SEPARATORS[l].decimal);
    const g = escape(SEPARATORS[l].group);
    return [l, { grouped: new RegExp(`^([+-]?)(\\d{1,3}(?:${g}\\d{3})+)(?:${d}(\\d+))?$`), plain: new RegExp(`^([+-]?)(\\d+)(?:${d}(\\d+))?$`) }];
  }),
) as Record<NumberLocale, { grouped: RegExp; plain: RegExp }>;

/**
 * Parses a number typed in `locale`. Spaces (also non-breaking ones) around it are ignored; a leading `-` or `+` is
 * allowed. Grouped: `1.234.567,5` (vi). Ungrouped: `1234567,5`. Anything else is an error.
 */
export function parseLocaleNumber(raw: string, locale: NumberLocale, opts: { integer?: boolean } = {}): NumberParseResult {
  const s = raw.replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return { ok: false, error: "empty" };
  const { group } = SEPARATORS[locale];
  const { grouped, plain } = PATTERNS[locale];
  const m = grouped.exec(s) ?? plain.exec(s);
  if (!m) {
    // digits and separators only, but not in a valid arrangement: say how to write it
    if (/^[+-]?[\d.,]+$/.test(s)) return { ok: false, error: "ambiguous_separator" };
    return { ok: false, error: "not_a_number" };
  }
  const [, sign, intPart, frac] = m;
  if (opts.integer && frac !== undefined && /[1-9]/.test(frac)) return { ok: false, error: "not_an_integer" };
  const value = Number(`${sign === "-" ? "-" : ""}${intPart.split(group).join("")}${frac !== undefined ? `.${frac}` : ""}`);
  if (!Number.isFinite(value)) return { ok: false, error: "not_a_number" };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** Formats a number the way parseLocaleNumber reads it back (`1.234.567,5` in vi), with at most `maxDigits` decimals. */
export function formatLocaleNumber(value: number, locale: NumberLocale, maxDigits = 2): string {
  if (!Number.isFinite(value)) return "";
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: maxDigits, useGrouping: true }).format(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Imported files (issue 17): a cell's text may come from a file whose language is unknown (a comma CSV, a text cell
// of a workbook), and dates as Excel writes them.

export type ReadNumberResult = { ok: true; value: number } | { ok: false; reason: "format" | "ambiguous" };

/**
 * Reads a number written in `locale`, or with "auto" in whichever language reads it, when only one does or both
 * agree: `1.000.000` (Vietnamese only), `1,5` (Vietnamese only), `1.5` (English only), `1500`. `1.500` and `1,500`
 * read 1500 in one language and 1,5 or 1.5 in the other: refused as ambiguous, never guessed.
 */
export function readNumber(input: string, locale: NumberLocale | "auto"): ReadNumberResult {
  // plain digits read the same in both languages (most cells of a file)
  if (/^\d{1,15}$/.test(input)) return { ok: true, value: Number(input) };
  if (locale !== "auto") {
    const r = parseLocaleNumber(input, locale);
    return r.ok ? r : { ok: false, reason: "format" };
  }
  const vi = parseLocaleNumber(input, "vi");
  const en = parseLocaleNumber(input, "en");
  if (!vi.ok && !en.ok) return { ok: false, reason: "format" };
  if (vi.ok && en.ok && vi.value !== en.value) return { ok: false, reason: "ambiguous" };
  return { ok: true, value: vi.ok ? vi.value : (en as { value: number }).value };
}

export type DateResult = { ok: true; value: string } | { ok: false; reason: "format" | "not_a_day" | "year_range" };

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A calendar day as `YYYY-MM-DD`, or why not (a year from 1900 to 2100). */
export function isoDay(year: number, month: number, day: number): DateResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: "year_range" };
  const d = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return { ok: false, reason: "not_a_day" };
  return { ok: true, value: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** Reads `yyyy-mm-dd` or `dd/mm/yyyy` (both languages: the English UI is en-GB); spaces around are ignored. */
export function parseLocaleDate(input: string): DateResult {
  const text = input.trim();
  let m = ISO_DAY.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DMY.exec(text);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return { ok: false, reason: "format" };
}

/** A date cell of a spreadsheet (a JavaScript Date at UTC midnight of the day shown) as `YYYY-MM-DD`. */
export function dayOfDate(d: Date): DateResult {
  if (Number.isNaN(d.getTime())) return { ok: false, reason: "not_a_day" };
  return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
