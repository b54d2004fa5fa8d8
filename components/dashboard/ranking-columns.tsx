import { createDataTableColumnHelper, type DataTableColumn } from "@/components/ui/data-table";
import { rankingColumnSpecs, type RankingCellContext, type RankingItem } from "./ranking-cells";

export type { RankingItem } from "./ranking-cells";

const col = createDataTableColumnHelper<RankingItem>();

/** The ranking's cells (ranking-cells.tsx) as TanStack columns: sortable, nulls last either way. */
export function rankingColumns(o: RankingCellContext): DataTableColumn<RankingItem>[] {
  return rankingColumnSpecs(o).map((s) =>
    col.accessor((r) => s.value(r), {
      id: s.id,
      header: s.header,
      sortFn: s.sortFn,
      // TanStack treats undefined as "no value"
      sortUndefined: "last",
      sortDescFirst: s.sortDescFirst ?? false,
      meta: { align: s.align, label: s.label, rowHeader: s.rowHeader, cellClassName: s.cellClassName },
      cell: (c) => s.cell(c.row.original),
    }),
  );
}
