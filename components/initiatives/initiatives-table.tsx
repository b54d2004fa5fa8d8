/**
 * The rows of one page of the initiatives list, drawn on the server as a plain accessible table: the browser gets
 * HTML, not a table library and its rows to hydrate. Sorting and paging are links to the list's URL (the server sorts
 * and pages, components/initiatives/list-state.ts); the column menu and the page-size select are the only client
 * parts (list-navigation.tsx). Headers carry aria-sort, the title column names each row (<th scope="row">), and the
 * table scrolls inside its own box on a phone, so the important columns come first.
 */
import type { ReactNode } from "react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDate, formatDateTime, formatVnd } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { InitiativeDto } from "@/lib/dto/initiatives";
import { LinkButton } from "@/components/ui/button";
import { SortIcon } from "@/components/ui/sort-icon";
import { BodyCells, type BodyCell } from "@/components/ui/body-cells";
import { BlockBadge, ProgressBar, StatusBadge } from "./badges";
import { ColumnToggle, ListLink, PageSizeSelect } from "./list-navigation";
import { PAGE_SIZES, listHref, nextSort, sortDirection, type ListState } from "./list-state";

/** A list row: the initiative with its organisation's name (the page resolves it). */
export type InitiativeRow = InitiativeDto & { organisationName: string };

/** Columns hidden until the user shows them (kept short so a phone shows what matters). */
export const INITIALLY_HIDDEN = ["startDate"];

interface Column {
  /** the API's sort field where the column sorts */
  id: string;
  label: string;
  /** the direction of a first click on the header; absent: the column does not sort */
  firstSort?: "asc" | "desc";
  hideable?: boolean;
  rowHeader?: boolean;
  end?: boolean;
  cellClassName?: string;
  cell: (r: InitiativeRow) => ReactNode;
}

const TABLE_ID = "initiatives-table";

export async function InitiativesTable({
  rows,
  total,
  totalIsEstimate,
  state,
  blockNames,
  canWrite,
}: {
  rows: InitiativeRow[];
  total: number;
  totalIsEstimate: boolean;
  state: ListState;
  /** building block code → its name in the UI's language */
  blockNames: Record<string, string>;
  canWrite: boolean;
}) {
  const t = await getTranslations("initiatives");
  const locale = (await getLocale()) as Locale;
  const filtered = !!(state.organisation || state.block || state.status || state.q);

  const columns: Column[] = [
    {
      id: "title",
      label: t("fields.title"),
      firstSort: "asc",
      rowHeader: true,
      cellClassName: "min-w-44 max-w-md sm:min-w-56",
      cell: (r) => (
        <div>
          <Link href={`/initiatives/${r.id}`} className="font-semibold text-brand-800 underline-offset-2 hover:underline">
            {r.title}
          </Link>
          {r.externalRef && <p className="text-xs text-slate-600">{r.externalRef}</p>}
        </div>
      ),
    },
    { id: "status", label: t("fields.status"), firstSort: "asc", hideable: true, cell: (r) => <StatusBadge status={r.status} /> },
    {
      id: "progress",
      label: t("fields.progress"),
      firstSort: "desc",
      hideable: true,
      cell: (r) => <ProgressBar value={r.progress} label={t("progressOf", { title: r.title })} />,
    },
    { id: "organisation", label: t("fields.organisation"), hideable: true, cellClassName: "min-w-40", cell: (r) => r.organisationName },
    {
      id: "buildingBlocks",
      label: t("fields.buildingBlocks"),
      hideable: true,
      cellClassName: "min-w-40",
      cell: (r) => (
        <ul className="flex flex-wrap gap-1">
          {r.buildingBlocks.map((code) => (
            <li key={code}>
              <BlockBadge code={code} name={blockNames[code] ?? code} />
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "stages",
      label: t("fields.stages"),
      hideable: true,
      cell: (r) => (
        <span className="whitespace-nowrap tabular-nums" title={t("stagesTitle", { current: r.currentStage, target: r.targetStage })}>
          {r.currentStage} → {r.targetStage}
        </span>
      ),
    },
    { id: "endDate", label: t("fields.endDate"), firstSort: "asc", hideable: true, cellClassName: "whitespace-nowrap", cell: (r) => formatDate(locale, r.endDate) },
    {
      id: "budgetPlanned",
      label: t("fields.budgetPlanned"),
      firstSort: "desc",
      hideable: true,
      end: true,
      cellClassName: "whitespace-nowrap",
      cell: (r) => formatVnd(locale, r.budgetPlanned),
    },
    { id: "startDate", label: t("fields.startDate"), firstSort: "asc", hideable: true, cellClassName: "whitespace-nowrap", cell: (r) => formatDate(locale, r.startDate) },
    { id: "updatedAt", label: t("fields.updatedAt"), firstSort: "desc", hideable: true, cellClassName: "whitespace-nowrap", cell: (r) => formatDateTime(locale, r.updatedAt) },
  ];

  const cells: BodyCell<InitiativeRow>[] = columns.map((c) => ({
    id: c.id,
    rowHeader: c.rowHeader,
    className: [c.end ? "text-right tabular-nums" : "", c.cellClassName ?? "", c.rowHeader ? "font-normal" : ""].filter(Boolean).join(" ") || undefined,
    cell: c.cell,
  }));
  const pageCount = Math.max(1, Math.ceil(total / state.pageSize));
  const previous = state.page > 1 ? listHref({ ...state, page: state.page - 1 }) : null;
  const next = state.page < pageCount ? listHref({ ...state, page: state.page + 1 }) : null;

  return (
    <div data-testid={TABLE_ID} id={TABLE_ID}>
      <ColumnToggle
        label={t("table.columns")}
        scope={`#${TABLE_ID}`}
        columns={columns.flatMap((c, i) => (c.hideable ? [{ id: c.id, label: c.label, position: i + 1 }] : []))}
        initiallyHidden={INITIALLY_HIDDEN}
      />
      {/* relative: screen-reader-only text in cells is absolutely positioned; without a positioned scroll box it
          escapes the box's clipping and widens the whole page on a phone */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">{t("table.caption")}</caption>
          <thead className="bg-slate-100">
            <tr>
              {columns.map((c) => {
                const dir = c.firstSort ? sortDirection(state.sort, c.id) : false;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    aria-sort={c.firstSort ? (dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none") : undefined}
                    className={`whitespace-nowrap px-3 py-2 font-semibold text-slate-900 ${c.end ? "text-right" : ""}`}
                  >
                    {c.firstSort ? (
                      <ListLink
                        href={listHref({ ...state, sort: nextSort(state.sort, c.id, c.firstSort), page: 1 })}
                        data-column={c.id}
                        title={t("table.sortBy", { column: c.label })}
                        className={`inline-flex items-center gap-1 rounded px-1 py-0.5 font-semibold text-slate-900 no-underline hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-700 ${c.end ? "flex-row-reverse" : ""}`}
                      >
                        {c.label}
                        <SortIcon dir={dir} />
                      </ListLink>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-8 text-center text-slate-700">
                  <div className="space-y-2" data-testid="empty-state">
                    <p className="font-semibold text-slate-900">{filtered ? t("empty.filteredTitle") : t("empty.title")}</p>
                    <p>{filtered ? t("empty.filteredBody") : canWrite ? t("empty.bodyWriter") : t("empty.body")}</p>
                    {canWrite && !filtered && <LinkButton href="/initiatives/new">{t("actions.new")}</LinkButton>}
                  </div>
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                // the cells' padding is the row's (*:), so each of the page's cells does not carry it in the payload
                <tr key={r.id} className="border-t border-slate-200 align-top *:px-3 *:py-2 hover:bg-slate-50">
                  <BodyCells row={r} cells={cells} />
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label={t("table.pagination")} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
        <p className="text-slate-700" aria-live="polite">
          {t(totalIsEstimate ? "table.pageStatusEstimate" : "table.pageStatus", { page: state.page, pageCount, rowCount: total })}
        </p>
        <div className="flex items-center gap-2">
          <PageSizeSelect label={t("table.pageSize")} value={state.pageSize} hrefs={PAGE_SIZES.map((size) => ({ size, href: listHref({ ...state, page: 1, pageSize: size }) }))} />
          <PagerLink href={previous} rel="prev" label={t("table.previous")} />
          <PagerLink href={next} rel="next" label={t("table.next")} />
        </div>
      </nav>
    </div>
  );
}

const pagerButton = "rounded-md border border-slate-400 bg-white px-3 py-1.5 font-medium text-slate-900 no-underline hover:bg-slate-100";

/** The previous/next page: a link while there is one, else the same button disabled (it keeps its place). */
function PagerLink({ href, rel, label }: { href: string | null; rel: "prev" | "next"; label: string }) {
  return href ? (
    <ListLink href={href} rel={rel} className={pagerButton}>
      {label}
    </ListLink>
  ) : (
    <button type="button" disabled className={`${pagerButton} cursor-not-allowed opacity-50`}>
      {label}
    </button>
  );
}
