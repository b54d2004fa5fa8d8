"use client";

/**
 * The interactive part of the initiatives list: actions, the quick filters, the search form and the result count.
 * The table of the current page is drawn on the server (initiatives-table.tsx) and comes in as `children`; its sort
 * and page links move through this list's transition (ListNavigation), so every change dims the list and says
 * "loading" until the server's next page is there.
 */
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass, LinkButton } from "@/components/ui/button";
import { inputClass, SelectFilter } from "@/components/ui/field";
import { LazySelectFilter } from "@/components/ui/lazy-select";
import { INITIATIVE_STATUSES } from "@/lib/domain/codes";
import { ListNavigation } from "./list-navigation";
import { exportHref, listHref, type ListState } from "./list-state";

interface Option {
  value: string;
  label: string;
}

export function InitiativesList({
  total,
  totalIsEstimate = false,
  state,
  organisations,
  blocks,
  myOrganisationId,
  canWrite,
  invalidQuery,
  children,
}: {
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
  /** the server-drawn table of this page */
  children: React.ReactNode;
}) {
  const ta = useTranslations("initiatives.actions");
  const tf = useTranslations("initiatives.filters");
  const tfield = useTranslations("initiatives.fields");
  const ts = useTranslations("initiatives.status");
  const tt = useTranslations("initiatives.table");
  const tr = useTranslations("restore.filter");
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(state.q);

  const navigate = (href: string) => startTransition(() => router.push(href, { scroll: false }));
  // any change of filter starts again at page 1
  const go = (patch: Partial<ListState>) => navigate(listHref({ ...state, page: 1, ...patch }));

  const filtered = !!(state.organisation || state.block || state.status || state.q);
  const mine = !!myOrganisationId && state.organisation === myOrganisationId;

  return (
    <ListNavigation.Provider value={navigate}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          {canWrite && (
            <>
              <LinkButton href="/initiatives/new">{ta("new")}</LinkButton>
              <LinkButton href="/initiatives/import" variant="secondary">
                {ta("import")}
              </LinkButton>
            </>
          )}
          <a href={exportHref(state)} className={buttonClass("secondary")} download data-testid="export-link">
            {ta("export")}
          </a>
          <a href={exportHref(state, "xlsx")} className={buttonClass("secondary")} download data-testid="export-xlsx-link">
            {t("spreadsheets.exportXlsx")}
          </a>
          {myOrganisationId && (
            <button
              type="button"
              aria-pressed={mine}
              onClick={() => go({ organisation: mine ? "" : myOrganisationId })}
              className={buttonClass(mine ? "primary" : "secondary")}
            >
              {tf("mine")}
            </button>
          )}
          <button
            type="button"
            aria-pressed={state.archived}
            onClick={() => go({ archived: !state.archived })}
            className={buttonClass(state.archived ? "primary" : "secondary")}
            data-testid="archived-filter"
          >
            {tr("show")}
          </button>
        </div>

        {state.archived && (
          <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="archived-view">
            <p>{tr("viewing")}</p>
            <button type="button" className="font-medium text-amber-950 underline underline-offset-2 hover:no-underline" onClick={() => go({ archived: false })}>
              {tr("back")}
            </button>
          </div>
        )}

        <form
          role="search"
          aria-label={tf("label")}
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
              {tf("q")}
            </label>
            <input id="f-q" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={tf("qPlaceholder")} className={`${inputClass} mt-1`} />
          </div>
          <LazySelectFilter id="f-org" name="organisation" label={tfield("organisation")} allLabel={tf("all")} options={organisations} value={state.organisation} onChange={(v) => go({ organisation: v })} />
          <SelectFilter id="f-block" name="block" label={tf("block")} allLabel={tf("all")} options={blocks} value={state.block} onChange={(v) => go({ block: v })} />
          <SelectFilter
            id="f-status"
            name="status"
            label={tfield("status")}
            allLabel={tf("all")}
            options={INITIATIVE_STATUSES.map((v) => ({ value: v, label: ts(v) }))}
            value={state.status}
            onChange={(v) => go({ status: v })}
          />
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClass("primary")}>
              {tf("search")}
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
                {tf("clear")}
              </button>
            )}
          </div>
        </form>

        {invalidQuery && (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {tf("invalid")}
          </p>
        )}

        <p className="text-sm text-slate-700" aria-live="polite" data-testid="result-count">
          {pending ? tt("loading") : tt(totalIsEstimate ? "countEstimate" : "count", { count: total })}
        </p>

        <div className={pending ? "opacity-60" : undefined} aria-busy={pending || undefined}>
          {children}
        </div>
      </div>
    </ListNavigation.Provider>
  );
}
