/** Localised names of the reference data and the number formats of each metric (pure: server and client). */
import type { Locale } from "@/lib/i18n/config";
import { formatNumber, formatPercent, localName } from "@/lib/i18n/format";
import { METRIC_KIND, type MetricCode } from "@/lib/domain/codes";

export interface RefNames {
  metric: (code: string) => string;
  stage: (level: number) => string;
  block: (code: string) => string;
}

interface Named {
  nameVi: string;
  nameEn: string;
}

export function refNames(
  locale: Locale,
  ref: {
    metrics: (Named & { code: string })[];
    maturityStages: (Named & { level: number })[];
    buildingBlocks: (Named & { code: string })[];
  },
): RefNames {
  const byCode = <T extends Named & { code: string }>(list: T[]) =>
    new Map(list.map((i) => [i.code, localName(locale, i)]));
  const metrics = byCode(ref.metrics);
  const blocks = byCode(ref.buildingBlocks);
  const stages = new Map(ref.maturityStages.map((s) => [s.level, localName(locale, s)]));
  return {
    metric: (c) => metrics.get(c) ?? c,
    stage: (l) => stages.get(l) ?? String(l),
    block: (c) => blocks.get(c) ?? c,
  };
}

/** True for the three percentage metrics (ratios and KPI improvement): their changes are percentage points. */
export const isPercentMetric = (m: MetricCode) => METRIC_KIND[m] !== "COUNT";

export function formatMetric(locale: Locale, metric: MetricCode, value: number | null | undefined): string {
  return isPercentMetric(metric) ? formatPercent(locale, value, 1) : formatNumber(locale, value, 0);
}

/** Folds Vietnamese accents and case, so "ha noi" finds "Hà Nội". */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}
