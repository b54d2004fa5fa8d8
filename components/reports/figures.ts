import { formatNumber, formatPercent } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { MetricKind } from "@/lib/domain/codes";

/** A figure as the screens show it: a ratio as "45 % (90/200)". */
export function figureText(locale: Locale, kind: MetricKind, f: { value: number; numerator: number | null; denominator: number | null }): string {
  if (kind === "RATIO") return `${formatPercent(locale, f.value)} (${formatNumber(locale, f.numerator)}/${formatNumber(locale, f.denominator)})`;
  if (kind === "PERCENT") return formatPercent(locale, f.value);
  return formatNumber(locale, f.value, 2);
}
