"use client";

/**
 * A generic, accessible table on TanStack Table v9. Sorting and paging run on the client for small tables, or on the
 * server (`manualSorting` / `manualPagination` with `rowCount`) where the page owns the state (e.g. in the URL).
 * Headers carry aria-sort; sortable headers are real buttons (keyboard: Tab + Enter/Space). Columns can be hidden by
 * the user (`columnToggle`). The table scrolls inside its own box on narrow screens, so list important columns first.
 *
 * Column definitions: `const col = createDataTableColumnHelper<Row>()`, then `col.accessor("name", { header: "Name",
 * meta: { label: "Name", rowHeader: true } })`. All text comes from the caller (`labels`), so every namespace can
 * translate it.
 */
import { useState } from "react";
import {
  columnVisibilityFeature,
  createColumnHelper,
  createPaginatedRowModel,
  createSortedRowModel,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type OnChangeFn,
  type PaginationState,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { SortIcon } from "./sort-icon";

export interface DataTableColumnMeta {
  /** plain-text name of the column (column menu, sort button); defaults to the header when it is a string */
  label?: string;
  align?: "start" | "end";
  /** render the cells of this column as <th scope="row"> (the column that names the row) */
  rowHeader?: boolean;
  headerClassName?: string;
  cellClassName?: string;
}

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic, datetime: sortFn_datetime, text: sortFn_text },
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
  columnVisibilityFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});
export type DataTableFeatures = typeof dataTableFeatures;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataTableColumn<Row extends RowData> = ColumnDef<DataTableFeatures, Row, any>;

/** The column helper for this table's features (keeps accessor value types). */
export function createDataTableColumnHelper<Row extends RowData>() {
  return createColumnHelper<DataTableFeatures, Row>();
}

export interface DataTableLabels {
  /** "sorted ascending" etc. are announced via aria-sort; this is the button's hint, e.g. "Sort by {column}" */
  sortBy: (column: string) => string;
  columns: string;
  /** the name of the paging controls */
  pagination: string;
  previousPage: string;
  nextPage: string;
  /** "Page 2 of 7 · 321 rows" */
  pageStatus: (page: number, pageCount: number, rowCount: number) => string;
  pageSize?: string;
}

export interface DataTableProps<Row extends RowData> {
  data: Row[];
  columns: DataTableColumn<Row>[];
  caption: string;
  /** keep the caption for screen readers only (a heading already names the table) */
  captionHidden?: boolean;
  getRowId?: (row: Row) => string;
  labels: DataTableLabels;
  emptyState?: React.ReactNode;
  /** controlled sorting (server-side with `manualSorting`) */
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  manualSorting?: boolean;
  /** one sort column always active (no third "unsorted" click) */
  enableSortingRemoval?: boolean;
  /** controlled paging; without it the table shows all rows (or pages on the client when `pageSize` is set) */
  pagination?: PaginationState;
  onPaginationChange?: (pagination: PaginationState) => void;
  manualPagination?: boolean;
  /** total rows on the server (manual paging) */
  rowCount?: number;
  /** client-side page size for an uncontrolled, paged table */
  pageSize?: number;
  pageSizeOptions?: number[];
  /** show the "columns" menu (hideable columns are those with enableHiding !== false) */
  columnToggle?: boolean;
  columnVisibility?: ColumnVisibilityState;
  onColumnVisibilityChange?: (v: ColumnVisibilityState) => void;
  /** content disabled / dimmed while a server page loads */
  busy?: boolean;
  className?: string;
  testId?: string;
}

const resolve = <T,>(updater: T | ((old: T) => T), old: T): T => (typeof updater === "function" ? (updater as (o: T) => T)(old) : updater);

export function DataTable<Row extends RowData>(props: DataTableProps<Row>) {
  const {
    data,
    columns,
    caption,
    captionHidden,
    getRowId,
    labels,
    emptyState,
    manualSorting = false,
    manualPagination = false,
    columnToggle = false,
    busy = false,
  } = props;

  const [innerSorting, setInnerSorting] = useState<SortingState>([]);
  const [innerVisibility, setInnerVisibility] = useState<ColumnVisibilityState>({});
  const paged = props.pagination !== undefined || props.pageSize !== undefined;
  const [innerPagination, setInnerPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: props.pageSize ?? 1_000_000 });

  const sorting = props.sorting ?? innerSorting;
  const columnVisibility = props.columnVisibility ?? innerVisibility;
  const pagination = props.pagination ?? innerPagination;

  const onSortingChange: OnChangeFn<SortingState> = (u) => {
    const next = resolve(u, sorting);
    if (props.onSortingChange) props.onSortingChange(next);
    else setInnerSorting(next);
  };
  const onColumnVisibilityChange: OnChangeFn<ColumnVisibilityState> = (u) => {
    const next = resolve(u, columnVisibility);
    if (props.onColumnVisibilityChange) props.onColumnVisibilityChange(next);
    else setInnerVisibility(next);
  };
  const onPaginationChange: OnChangeFn<PaginationState> = (u) => {
    const next = resolve(u, pagination);
    if (props.onPaginationChange) props.onPaginationChange(next);
    else setInnerPagination(next);
  };

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: getRowId ? (row: Row) => getRowId(row) : undefined,
    state: { sorting, columnVisibility, pagination },
    onSortingChange,
    onColumnVisibilityChange,
    onPaginationChange,
    manualSorting,
    manualPagination: manualPagination || !paged,
    rowCount: props.rowCount,
    enableSortingRemoval: props.enableSortingRemoval ?? !manualSorting,
    enableMultiSort: false,
    autoResetPageIndex: false,
  });

  const labelOf = (col: { id: string; columnDef: { header?: unknown; meta?: DataTableColumnMeta } }) =>
    col.columnDef.meta?.label ?? (typeof col.columnDef.header === "string" ? col.columnDef.header : col.id);

  const rows = table.getRowModel().rows;
  const visibleCount = table.getVisibleLeafColumns().length;
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());
  const pageCount = Math.max(1, table.getPageCount());

  return (
    <div className={props.className} data-testid={props.testId}>
      {columnToggle && hideable.length > 0 && (
        <div className="mb-2 flex justify-end">
          <details className="relative">
            <summary className="cursor-pointer list-none rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100">
              {labels.columns}
            </summary>
            <fieldset className="absolute right-0 z-20 mt-1 w-60 rounded-md border border-slate-300 bg-white p-3 shadow-lg">
              <legend className="sr-only">{labels.columns}</legend>
              {hideable.map((c) => (
                <label key={c.id} className="flex items-center gap-2 py-1 text-sm">
                  <input type="checkbox" checked={c.getIsVisible()} onChange={(e) => c.toggleVisibility(e.target.checked)} />
                  {labelOf(c)}
                </label>
              ))}
            </fieldset>
          </details>
        </div>
      )}
      {/* relative: screen-reader-only text in cells is absolutely positioned; without a positioned scroll box it
          escapes the box's clipping and widens the whole page on a phone */}
      <div className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white ${busy ? "opacity-60" : ""}`} aria-busy={busy || undefined}>
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className={captionHidden ? "sr-only" : "px-3 py-2 text-left text-sm font-semibold text-slate-900"}>{caption}</caption>
          <thead className="bg-slate-100">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const col = header.column;
                  const meta = col.columnDef.meta;
                  const canSort = col.getCanSort();
                  const dir = col.getIsSorted();
                  const end = meta?.align === "end";
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      colSpan={header.colSpan}
                      aria-sort={canSort ? (dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none") : undefined}
                      className={`whitespace-nowrap px-3 py-2 font-semibold text-slate-900 ${end ? "text-right" : ""} ${meta?.headerClassName ?? ""}`}
                    >
                      {header.isPlaceholder ? null : canSort ? (
                        <button
                          type="button"
                          onClick={col.getToggleSortingHandler()}
                          data-column={col.id}
                          title={labels.sortBy(labelOf(col))}
                          className={`inline-flex items-center gap-1 rounded px-1 py-0.5 font-semibold hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-700 ${end ? "flex-row-reverse" : ""}`}
                        >
                          <table.FlexRender header={header} />
                          <SortIcon dir={dir} />
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={visibleCount} className="px-3 py-8 text-center text-slate-700">
                  {emptyState}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-200 align-top hover:bg-slate-50">
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const cls = `px-3 py-2 ${meta?.align === "end" ? "text-right tabular-nums" : ""} ${meta?.cellClassName ?? ""}`;
                    return meta?.rowHeader ? (
                      <th key={cell.id} scope="row" className={`${cls} font-normal`}>
                        <table.FlexRender cell={cell} />
                      </th>
                    ) : (
                      <td key={cell.id} className={cls}>
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {paged && (
        <nav aria-label={labels.pagination} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
          <p className="text-slate-700" aria-live="polite">
            {labels.pageStatus(pagination.pageIndex + 1, pageCount, table.getRowCount())}
          </p>
          <div className="flex items-center gap-2">
            {props.pageSizeOptions && labels.pageSize && (
              <label className="flex items-center gap-1">
                <span>{labels.pageSize}</span>
                <select
                  className="rounded-md border border-slate-400 bg-white px-2 py-1.5"
                  value={pagination.pageSize}
                  onChange={(e) => table.setPagination({ pageIndex: 0, pageSize: Number(e.target.value) })}
                >
                  {props.pageSizeOptions.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button
              type="button"
              className="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50"
              onClick={() => table.previousPage()}
              disabled={!table.getCanPreviousPage()}
            >
              {labels.previousPage}
            </button>
            <button
              type="button"
              className="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50"
              onClick={() => table.nextPage()}
              disabled={!table.getCanNextPage()}
            >
              {labels.nextPage}
            </button>
          </div>
        </nav>
      )}
    </div>
  );
}
