import Link from "next/link";
import { createDataTableColumnHelper, type DataTableColumn } from "@/components/ui/data-table";
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

const col = createDataTableColumnHelper<RankingItem>();
// nulls sort last either way (TanStack treats undefined as "no value")
const orUndefined = (v: number | null) => (v === null ? undefined : v);

export function rankingColumns(o: {
  locale: Locale;
  /** the dashboard's query string, kept on the way down */
  query: string;
  kindLabel: (k: string) => string;
  stageName: (level: number) => string;
  metricName: (m: MetricCode) => string;
  metricShort: (m: MetricCode) => string;
  h: { organisation: string; kind: string; stage: string; initiatives: string; progress: string };
}): DataTableColumn<RankingItem>[] {
  return [
    col.accessor("name", {
      header: o.h.organisation,
      sortFn: "text",
      meta: { rowHeader: true, cellClassName: "min-w-[15rem]" },
      cell: (c) => (
        <Link href={`/organisations/${c.row.original.organisationId}?${o.query}`} className="font-medium">
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor("maturityStage", {
      header: o.h.stage,
      sortFn: "basic",
      sortDescFirst: true,
      cell: (c) => (
        <span className="whitespace-nowrap">
          <span className="font-semibold">{c.getValue()}</span> · {o.stageName(c.getValue())}
        </span>
      ),
    }),
    ...METRICS.map((m) =>
      col.accessor((r) => orUndefined(r.metrics[m]), {
        id: m,
        header: o.metricShort(m),
        sortFn: "basic",
        sortUndefined: "last",
        sortDescFirst: true,
        meta: { align: "end", label: o.metricName(m) },
        cell: (c) => formatMetric(o.locale, m, c.getValue() as number | undefined),
      }),
    ),
    col.accessor("initiatives", {
      header: o.h.initiatives,
      sortFn: "basic",
      sortDescFirst: true,
      meta: { align: "end" },
    }),
    col.accessor((r) => orUndefined(r.averageProgress), {
      id: "averageProgress",
      header: o.h.progress,
      sortFn: "basic",
      sortUndefined: "last",
      sortDescFirst: true,
      meta: { align: "end", label: o.h.progress },
      cell: (c) => formatPercent(o.locale, c.getValue() as number | undefined, 1),
    }),
    col.accessor("kind", {
      header: o.h.kind,
      sortFn: "text",
      meta: { cellClassName: "whitespace-nowrap" },
      cell: (c) => o.kindLabel(c.getValue()),
    }),
  ];
}
