"use client";

import { useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { DataTable, type DataTableLabels } from "@/components/ui/data-table";
import { buttonClass, LinkButton } from "@/components/ui/button";
import { inputClass, SelectFilter } from "@/components/ui/field";
import { LazySelectFilter } from "@/components/ui/lazy-select";
import type { Locale } from "@/lib/i18n/config";
import { INITIATIVE_STATUSES } from "@/lib/domain/codes";
import { INITIALLY_HIDDEN, initiativeColumns, type InitiativeRow } from "./initiative-columns";
import { DEFAULT_SORT, PAGE_SIZES, exportHref, listHref, type ListState } from "./list-state";

interface Option {
  value: string;
  label: string;
}

export function InitiativesList({
  rows,
  total,
  totalIsEstimate = false,
  state,
  organisations,
  blocks,
  myOrganisationId,
  canWrite,
  invalidQuery,
}: {
  rows: InitiativeRow[];
  total: number;
  /** more than `total` match (the server stops counting at a cap) */
  totalIsEstimate?: boolean;
  state: ListState;
  organisations: Option[];
  blocks: Option[];
  /** officers: their organisation (the "my organisation" quick filter) */
  myOrganisationId: string | null;
  canWrite: boolean;
  invalidQuery: boolean;
}) {
  const t = useTranslations("initiatives");
  const tr = useTranslations("restore");
  const tx = useTranslations("spreadsheets");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(state.q);
  const [visibility, setVisibility] = useState<Record<string, boolean>>({ ...INITIALLY_HIDDEN });

  const blockName = useMemo(() => {
    const m = new Map(blocks.map((b) => [b.value, b.label]));
    return (code: string) => m.get(code) ?? code;
  }, [blocks]);
  const columns = useMemo(() => initiativeColumns({ t, locale, blockName }), [t, locale, blockName]);

  const go = (patch: Partial<ListState>) => {
    // any change of filter or sort starts again at page 1
    const next = { ...state, page: 1, ...patch };
    startTransition(() => router.push(listHref(next), { scroll: false }));
  };

  const sortField = state.sort.replace(/^-/, "");
  const sorting = [{ id: sortField, desc: state.sort.startsWith("-") }];
  const filtered = !!(state.organisation || state.block || state.status || state.q);
  const mine = !!myOrganisationId && state.organisation === myOrganisationId;

  const labels: DataTableLabels = {
    sortBy: (c) => t("table.sortBy", { column: c }),
    columns: t("table.columns"),
    pagination: t("table.pagination"),
    previousPage: t("table.previous"),
    nextPage: t("table.next"),
    pageStatus: (page, pageCount, rowCount) =>
      t(totalIsEstimate ? "table.pageStatusEstimate" : "table.pageStatus", { page, pageCount, rowCount }),
    pageSize: t("table.pageSize"),
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        {canWrite && (
          <>
            <LinkButton href="/initiatives/new">{t("actions.new")}</LinkButton>
            <LinkButton href="/initiatives/import" variant="secondary">
              {t("actions.import")}
            </LinkButton>
          </>
        )}
        <a href={exportHref(state)} className={buttonClass("secondary")} download data-testid="export-link">
          {t("actions.export")}
        </a>
        <a href={exportHref(state, "xlsx")} className={buttonClass("secondary")} download data-testid="export-xlsx-link">
          {tx("exportXlsx")}
        </a>
        {myOrganisationId && (
          <button
            type="button"
            aria-pressed={mine}
            onClick={() => go({ organisation: mine ? "" : myOrganisationId })}
            className={buttonClass(mine ? "primary" : "secondary")}
          >
            {t("filters.mine")}
          </button>
        )}
        <button
          type="button"
          aria-pressed={state.archived}
          onClick={() => go({ archived: !state.archived })}
          className={buttonClass(state.archived ? "primary" : "secondary")}
          data-testid="archived-filter"
        >
          {tr("filter.show")}
        </button>
      </div>

      {state.archived && (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="archived-view">
          <p>{tr("filter.viewing")}</p>
          <button type="button" className="font-medium text-amber-950 underline underline-offset-2 hover:no-underline" onClick={() => go({ archived: false })}>
            {tr("filter.back")}
          </button>
        </div>
      )}

        <form
          role="search"
          aria-label={t("filters.label")}
          action="/initiatives"
          method="get"
          className="grid gap-3 rounded-xl border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-[2fr_1.5fr_1.5fr_1fr_auto]"
          onSubmit={(e) => {
            e.preventDefault();
            go({ q: q.trim() });
          }}
        >
          <div>
            <label htmlFor="f-q" className="block text-sm font-medium text-slate-900">
              {t("filters.q")}
            </label>
            <input id="f-q" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("filters.qPlaceholder")} className={`${inputClass} mt-1`} />
          </div>
          <LazySelectFilter id="f-org" name="organisation" label={t("fields.organisation")} allLabel={t("filters.all")} options={organisations} value={state.organisation} onChange={(v) => go({ organisation: v })} />
          <SelectFilter id="f-block" name="block" label={t("filters.block")} allLabel={t("filters.all")} options={blocks} value={state.block} onChange={(v) => go({ block: v })} />
          <SelectFilter
            id="f-status"
            name="status"
            label={t("fields.status")}
            allLabel={t("filters.all")}
            options={INITIATIVE_STATUSES.map((v) => ({ value: v, label: t(`status.${v}`) }))}
            value={state.status}
            onChange={(v) => go({ status: v })}
          />
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClass("primary")}>
              {t("filters.search")}
            </button>
            {filtered && (
              <button
                type="button"
                className={buttonClass("ghost")}
                onClick={() => {
                  setQ("");
                  go({ organisation: "", block: "", status: "", q: "" });
                }}
              >
                {t("filters.clear")}
              </button>
            )}
          </div>
        </form>

      {invalidQuery && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t("filters.invalid")}
        </p>
      )}

      <p className="text-sm text-slate-700" aria-live="polite" data-testid="result-count">
        {pending ? t("table.loading") : t(totalIsEstimate ? "table.countEstimate" : "table.count", { count: total })}
      </p>

      <DataTable
        testId="initiatives-table"
        data={rows}
        columns={columns}
        caption={t("table.caption")}
        captionHidden
        getRowId={(r) => r.id}
        labels={labels}
        busy={pending}
        sorting={sorting}
        manualSorting
        enableSortingRemoval={false}
        onSortingChange={(s) => go({ sort: s[0] ? `${s[0].desc ? "-" : ""}${s[0].id}` : DEFAULT_SORT })}
        pagination={{ pageIndex: state.page - 1, pageSize: state.pageSize }}
        manualPagination
        rowCount={total}
        pageSizeOptions={PAGE_SIZES}
        onPaginationChange={(p) => startTransition(() => router.push(listHref({ ...state, page: p.pageIndex + 1, pageSize: p.pageSize }), { scroll: false }))}
        columnToggle
        columnVisibility={visibility}
        onColumnVisibilityChange={setVisibility}
        emptyState={
          <div className="space-y-2" data-testid="empty-state">
            <p className="font-semibold text-slate-900">{filtered ? t("empty.filteredTitle") : t("empty.title")}</p>
            <p>{filtered ? t("empty.filteredBody") : canWrite ? t("empty.bodyWriter") : t("empty.body")}</p>
            {canWrite && !filtered && <LinkButton href="/initiatives/new">{t("actions.new")}</LinkButton>}
          </div>
        }
      />
    </div>
  );
}
