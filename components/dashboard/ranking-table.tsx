"use client";

import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import type { SortingState } from "@tanstack/react-table";
import { inputClass } from "@/components/ui/field";
import { fold } from "./names";
import { rankingColumns, type RankingItem } from "./ranking-columns";
import type { Locale } from "@/lib/i18n/config";
import type { MetricCode } from "@/lib/domain/codes";

/** Every ministry and province, sortable by each figure, with a search over names and codes. */
export function RankingTable({
  rows,
  query,
  stageNames,
  metricNames,
}: {
  rows: RankingItem[];
  query: string;
  stageNames: Record<number, string>;
  metricNames: Record<string, string>;
}) {
  const t = useTranslations("dashboard");
  const tk = useTranslations("kinds");
  const locale = useLocale() as Locale;
  const [q, setQ] = useState("");
  // the most mature first, as leadership reads a ranking
  const [sorting, setSorting] = useState<SortingState>([{ id: "maturityStage", desc: true }]);
  const columns = useMemo(
    () =>
      rankingColumns({
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
  const term = fold(q.trim());
  const shown = useMemo(
    () => (term ? rows.filter((r) => fold(`${r.name} ${r.code}`).includes(term)) : rows),
    [rows, term],
  );
  return (
    <div>
      <div className="no-print mb-3 max-w-sm">
        <label htmlFor="ranking-search" className="block text-sm font-medium text-slate-900">
          {t("ranking.search")}
        </label>
        <input
          id="ranking-search"
          type="search"
          className={`${inputClass} mt-1`}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t("ranking.searchPlaceholder")}
          aria-describedby="ranking-count"
        />
        <p id="ranking-count" className="mt-1 text-xs text-slate-700" aria-live="polite">
          {t("ranking.count", { n: shown.length, total: rows.length })}
        </p>
      </div>
      <DataTable
        data={shown}
        columns={columns}
        caption={t("ranking.caption")}
        captionHidden
        getRowId={(r) => r.organisationId}
        testId="ranking"
        emptyState={t("ranking.empty")}
        sorting={sorting}
        onSortingChange={setSorting}
        enableSortingRemoval={false}
        labels={{
          sortBy: (c) => t("table.sortBy", { column: c }),
          columns: t("table.columns"),
          pagination: t("table.pagination"),
          previousPage: t("table.previous"),
          nextPage: t("table.next"),
          pageStatus: (page, pages, n) => t("table.pageStatus", { page, pages, n }),
        }}
      />
    </div>
  );
}
