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

/**
 * Parses a number typed in `locale`. Spaces (also non-breaking ones) around it are ignored; a leading `-` or `+` is
 * allowed. Grouped: `1.234.567,5` (vi). Ungrouped: `1234567,5`. Anything else is an error.
 */
export function parseLocaleNumber(raw: string, locale: NumberLocale, opts: { integer?: boolean } = {}): NumberParseResult {
  const s = raw.replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return { ok: false, error: "empty" };
  const { decimal, group } = SEPARATORS[locale];
  const d = escape(decimal);
  const g = escape(group);
  const grouped = new RegExp(`^([+-]?)(\\d{1,3}(?:${g}\\d{3})+)(?:${d}(\\d+))?$`);
  const plain = new RegExp(`^([+-]?)(\\d+)(?:${d}(\\d+))?$`);
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
