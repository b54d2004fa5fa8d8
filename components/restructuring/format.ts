import type { Locale } from "@/lib/i18n/config";

/** A calendar date the way each language writes it in official text: 01/07/2025, 1 July 2025. */
export function officialDate(locale: Locale, iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  if (locale === "vi") return `${d}/${m}/${y}`;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** "A, B và C" / "A, B and C" */
export function joinNames(locale: Locale, names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${locale === "vi" ? "và" : "and"} ${names[names.length - 1]}`;
}
