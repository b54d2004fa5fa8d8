"use client";

import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { SortingState } from "@tanstack/react-table";
import { inputClass } from "@/components/ui/field";
import { SortIcon } from "@/components/ui/sort-icon";
import { BodyCells, type BodyCell } from "@/components/ui/body-cells";
import { fold } from "./names";
import { rankingColumnSpecs, useRankingCellContext, type RankingItem } from "./ranking-cells";

/** Rows of the ranking on first load (the most mature first); the whole table comes with the first search or sort. */
export const RANKING_FIRST = 10;
const DEFAULT_SORT: SortingState = [{ id: "maturityStage", desc: true }];

const loadTable = () => import("./ranking-table");
const InteractiveTable = lazy(loadTable);

/**
 * The ranking of every ministry and province. First load: the search box and the top rows as a plain table (no table
 * library, few nodes to lay out and hydrate). Searching, a click on a column header or "show the whole ranking" loads
 * the interactive TanStack table (ranking-table.tsx) with every row; the plain table stays on screen while it loads.
 */
export function RankingSection({
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
  const tl = useTranslations("lists");
  const cells = useRankingCellContext(query, stageNames, metricNames);
  const [q, setQ] = useState("");
  const [sorting, setSorting] = useState<SortingState | null>(null);
  const box = useRef<HTMLDivElement>(null);
  // a header clicked in the plain table: its button in the interactive one keeps the keyboard focus
  const refocus = useRef<string | null>(null);

  const term = fold(q.trim());
  const shown = useMemo(() => (term ? rows.filter((r) => fold(`${r.name} ${r.code}`).includes(term)) : rows), [rows, term]);
  const active = sorting !== null;

  useEffect(() => {
    if (!active || !refocus.current) return;
    const id = refocus.current;
    // the lazy table mounts a moment later; look again until its header is there
    let tries = 0;
    const timer = setInterval(() => {
      const b = box.current?.querySelector<HTMLButtonElement>(`button[data-column="${id}"]`);
      if (b || ++tries > 50) {
        clearInterval(timer);
        b?.focus();
        refocus.current = null;
      }
    }, 50);
    return () => clearInterval(timer);
  }, [active]);

  const specs = useMemo(
    () => rankingColumnSpecs(cells),
    [cells],
  );
  const bodyCells = useMemo<BodyCell<RankingItem>[]>(
    () =>
      specs.map((s) => ({
        id: s.id,
        rowHeader: s.rowHeader,
        className: `px-3 py-2 ${s.align === "end" ? "text-right tabular-nums" : ""} ${s.cellClassName ?? ""}${s.rowHeader ? " font-normal" : ""}`,
        cell: s.cell,
      })),
    [specs],
  );

  const activate = (next: SortingState = DEFAULT_SORT) => setSorting((s) => s ?? next);
  // the first click on a header sorts as the interactive table's own first click would
  const sortBy = (id: string) => {
    const spec = specs.find((s) => s.id === id)!;
    const current = DEFAULT_SORT[0];
    refocus.current = id;
    activate([{ id, desc: current.id === id ? !current.desc : !!spec.sortDescFirst }]);
  };

  // the default order of the interactive table (a stable sort, so ties keep the server's order)
  const top = useMemo(() => [...shown].sort((a, b) => b.maturityStage - a.maturityStage).slice(0, RANKING_FIRST), [shown]);

  const plain = (
    <div data-testid="ranking">
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">{t("ranking.caption")}</caption>
          <thead className="bg-slate-100">
            <tr>
              {specs.map((s) => {
                const dir = s.id === DEFAULT_SORT[0].id ? (DEFAULT_SORT[0].desc ? "desc" : "asc") : false;
                return (
                  <th
                    key={s.id}
                    scope="col"
                    aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
                    className={`whitespace-nowrap px-3 py-2 font-semibold text-slate-900 ${s.align === "end" ? "text-right" : ""}`}
                  >
                    <button
                      type="button"
                      onClick={() => sortBy(s.id)}
                      title={t("table.sortBy", { column: s.label ?? s.header })}
                      className={`inline-flex items-center gap-1 rounded px-1 py-0.5 font-semibold hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-700 ${s.align === "end" ? "flex-row-reverse" : ""}`}
                    >
                      {s.header}
                      <SortIcon dir={dir} />
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {top.length === 0 ? (
              <tr>
                <td colSpan={specs.length} className="px-3 py-8 text-center text-slate-700">
                  {t("ranking.empty")}
                </td>
              </tr>
            ) : (
              top.map((r) => (
                <tr key={r.organisationId} className="border-t border-slate-200 align-top hover:bg-slate-50">
                  <BodyCells row={r} cells={bodyCells} />
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {shown.length > top.length && (
        <p className="no-print mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
          <span>{tl("rankingFirst", { shown: top.length, n: shown.length })}</span>
          <button type="button" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline" onClick={() => activate()} data-testid="ranking-all">
            {tl("rankingAll", { n: shown.length })}
          </button>
        </p>
      )}
    </div>
  );

  return (
    // warm the interactive table's code as soon as the user comes near the ranking
    <div ref={box} onPointerEnter={() => void loadTable()} onFocusCapture={() => void loadTable()}>
      <div className="no-print mb-3 max-w-sm">
        <label htmlFor="ranking-search" className="block text-sm font-medium text-slate-900">
          {t("ranking.search")}
        </label>
        <input
          id="ranking-search"
          type="search"
          className={`${inputClass} mt-1`}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            activate();
          }}
          placeholder={t("ranking.searchPlaceholder")}
          aria-describedby="ranking-count"
        />
        <p id="ranking-count" className="mt-1 text-xs text-slate-700" aria-live="polite">
          {t("ranking.count", { n: shown.length, total: rows.length })}
        </p>
      </div>
      {active ? (
        <Suspense fallback={plain}>
          <InteractiveTable rows={shown} query={query} stageNames={stageNames} metricNames={metricNames} initialSorting={sorting} />
        </Suspense>
      ) : (
        plain
      )}
    </div>
  );
}
