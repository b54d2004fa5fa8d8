import Link from "next/link";
import { useMemo } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatMetric } from "./names";
import type { Locale } from "@/lib/i18n/config";
import { formatPercent } from "@/lib/i18n/format";
import { METRICS, type MetricCode } from "@/lib/domain/codes";

/** A ranking row as the browser receives it (names in both languages; figures null where nothing counts). */
export interface RankingItem {
  organisationId: string;
  code: string;
  name: string;
  kind: "MINISTRY" | "PROVINCE" | "AGENCY";
  metrics: Record<MetricCode, number | null>;
  maturityStage: number;
  initiatives: number;
  averageProgress: number | null;
}

export interface RankingCellContext {
  locale: Locale;
  /** the dashboard's query string, kept on the way down */
  query: string;
  kindLabel: (k: string) => string;
  stageName: (level: number) => string;
  metricName: (m: MetricCode) => string;
  metricShort: (m: MetricCode) => string;
  h: { organisation: string; kind: string; stage: string; initiatives: string; progress: string };
}

/** The cells' context in the UI's language (client components: the first-load table and the interactive one). */
export function useRankingCellContext(query: string, stageNames: Record<number, string>, metricNames: Record<string, string>): RankingCellContext {
  const t = useTranslations("dashboard");
  const tk = useTranslations("kinds");
  const locale = useLocale() as Locale;
  return useMemo(
    () => ({
      locale,
      query,
      kindLabel: (k) => tk(k),
      stageName: (l) => stageNames[l] ?? String(l),
      metricName: (m: MetricCode) => metricNames[m] ?? m,
      metricShort: (m: MetricCode) => t(`metricShort.${m}`),
      h: {
        organisation: t("ranking.organisation"),
        kind: t("ranking.kind"),
        stage: t("ranking.stage"),
        initiatives: t("ranking.initiatives"),
        progress: t("ranking.progress"),
      },
    }),
    [locale, query, stageNames, metricNames, t, tk],
  );
}

/**
 * The ranking's columns without any table library: the first-load table draws them as they are, the interactive
 * TanStack table (ranking-columns.tsx, loaded when the user searches or sorts) wraps the same cells, so both look alike.
 */
export interface RankingColumnSpec {
  id: string;
  header: string;
  /** plain-text name where the header is an abbreviation */
  label?: string;
  /** the value sorted on; undefined sorts last */
  value: (r: RankingItem) => string | number | undefined;
  sortFn: "text" | "basic";
  sortDescFirst?: boolean;
  align?: "end";
  rowHeader?: boolean;
  cellClassName?: string;
  cell: (r: RankingItem) => React.ReactNode;
}

const orUndefined = (v: number | null) => (v === null ? undefined : v);

export function rankingColumnSpecs(o: RankingCellContext): RankingColumnSpec[] {
  return [
    {
      id: "name",
      header: o.h.organisation,
      value: (r) => r.name,
      sortFn: "text",
      rowHeader: true,
      cellClassName: "min-w-[15rem]",
      cell: (r) => (
        <Link href={`/organisations/${r.organisationId}?${o.query}`} className="font-medium">
          {r.name}
        </Link>
      ),
    },
    {
      id: "maturityStage",
      header: o.h.stage,
      value: (r) => r.maturityStage,
      sortFn: "basic",
      sortDescFirst: true,
      cell: (r) => (
        <span className="whitespace-nowrap">
          <span className="font-semibold">{r.maturityStage}</span> · {o.stageName(r.maturityStage)}
        </span>
      ),
    },
    ...METRICS.map(
      (m): RankingColumnSpec => ({
        id: m,
        header: o.metricShort(m),
        label: o.metricName(m),
        value: (r) => orUndefined(r.metrics[m]),
        sortFn: "basic",
        sortDescFirst: true,
        align: "end",
        cell: (r) => formatMetric(o.locale, m, r.metrics[m]),
      }),
    ),
    {
      id: "initiatives",
      header: o.h.initiatives,
      value: (r) => r.initiatives,
      sortFn: "basic",
      sortDescFirst: true,
      align: "end",
      cell: (r) => r.initiatives,
    },
    {
      id: "averageProgress",
      header: o.h.progress,
      label: o.h.progress,
      value: (r) => orUndefined(r.averageProgress),
      sortFn: "basic",
      sortDescFirst: true,
      align: "end",
      cell: (r) => formatPercent(o.locale, r.averageProgress, 1),
    },
    {
      id: "kind",
      header: o.h.kind,
      value: (r) => r.kind,
      sortFn: "text",
      cellClassName: "whitespace-nowrap",
      cell: (r) => o.kindLabel(r.kind),
    },
  ];
}
