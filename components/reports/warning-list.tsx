"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { MetricKind } from "@/lib/domain/codes";
import type { FigureWarning } from "@/lib/domain/warnings";

/** The warnings of a figure (lib/domain/warnings), in words; nothing when there are none. */
export function WarningList({ warnings, kind, testId }: { warnings: FigureWarning[]; kind: MetricKind; testId?: string }) {
  const t = useTranslations("warnings");
  const locale = useLocale() as Locale;
  if (!warnings.length) return null;
  const fig = (n: number) => (kind === "COUNT" ? formatNumber(locale, n, 2) : formatPercent(locale, n));
  return (
    <ul className="space-y-1 text-sm text-amber-950" data-testid={testId}>
      {warnings.map((w) => (
        <li key={w.code} data-warning={w.code}>
          ⚠ {w.code === "cumulative_decrease" ? t("cumulative_decrease", { previous: fig(w.previous) }) : t("large_change", { previous: fig(w.previous), change: `${w.change > 0 ? "+" : ""}${formatPercent(locale, w.change * 100, 0)}` })}
        </li>
      ))}
    </ul>
  );
}
