/** Number, percentage, money and date formats for the chosen language (vi: 1.234.567 ₫). */
import type { Locale } from "./config";

const tag = (l: Locale) => (l === "vi" ? "vi-VN" : "en-GB");

export function formatNumber(locale: Locale, n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}

export function formatPercent(locale: Locale, n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: digits }).format(n) + " %";
}

export function formatVnd(locale: Locale, n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return new Intl.NumberFormat(tag(locale), { style: "currency", currency: "VND", maximumFractionDigits: 0 }).format(n);
}

// Vietnamese dates as people write them and as the importer reads them: 04/04/2021 (dd/mm/yyyy), not CLDR's
// medium "4 thg 4, 2021"; English keeps the unambiguous "4 Apr 2021".
const dateParts = (locale: Locale): Intl.DateTimeFormatOptions =>
  locale === "vi" ? { day: "2-digit", month: "2-digit", year: "numeric" } : { dateStyle: "medium" };

export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return new Intl.DateTimeFormat(tag(locale), { ...dateParts(locale), timeZone: iso.length === 10 ? "UTC" : "Asia/Ho_Chi_Minh" }).format(d);
}

export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return "—";
  const time = locale === "vi" ? { hour: "2-digit", minute: "2-digit" } as const : { timeStyle: "short" } as const;
  return new Intl.DateTimeFormat(tag(locale), { ...dateParts(locale), ...time, timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(iso));
}

/** The name of a reference item in the chosen language. */
export function localName(locale: Locale, item: { nameVi: string; nameEn: string } | null | undefined): string {
  if (!item) return "—";
  return locale === "vi" ? item.nameVi : item.nameEn;
}

/** A date written out, as in an official letter: "ngày 2 tháng 12 năm 2026" / "2 December 2026". */
export function formatLongDate(locale: Locale, iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  if (locale === "vi") return `ngày ${d} tháng ${m} năm ${y}`;
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}
