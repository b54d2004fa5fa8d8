import type { Locale } from "@/lib/i18n/config";

/** A calendar date "YYYY-MM-DD" as 20/12/2026 (both languages write the day first). */
export function formatDay(locale: Locale, ymd: string): string {
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(new Date(`${ymd}T00:00:00Z`));
}
