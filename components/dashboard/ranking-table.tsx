"use client";

import { useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import type { SortingState } from "@tanstack/react-table";
import { rankingColumns, type RankingItem } from "./ranking-columns";
import { useRankingCellContext } from "./ranking-cells";

/**
 * Every ministry and province (already filtered by the section's search), sortable by each figure. Loaded only when
 * the user searches, sorts or asks for the whole ranking (ranking-section.tsx): TanStack stays out of the first load.
 */
export default function RankingTable({
  rows,
  query,
  stageNames,
  metricNames,
  initialSorting,
}: {
  rows: RankingItem[];
  query: string;
  stageNames: Record<number, string>;
  metricNames: Record<string, string>;
  initialSorting: SortingState;
}) {
  const t = useTranslations("dashboard");
  const cells = useRankingCellContext(query, stageNames, metricNames);
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const columns = useMemo(
    () => rankingColumns(cells),
    [cells],
  );
  return (
    <DataTable
      data={rows}
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
  );
}
