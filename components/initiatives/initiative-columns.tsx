"use client";

import Link from "next/link";
import { createDataTableColumnHelper } from "@/components/ui/data-table";
import { formatDate, formatDateTime, formatVnd } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { BlockBadge, ProgressBar, StatusBadge } from "./badges";
import type { InitiativeDto } from "@/lib/dto/initiatives";

/** A list row: the initiative with its organisation's name (the page resolves it). */
export type InitiativeRow = InitiativeDto & { organisationName: string };

export interface ColumnContext {
  t: (key: string, values?: Record<string, string | number>) => string;
  locale: Locale;
  blockName: (code: string) => string;
}

/** The list columns, most important first (they stay in view on a phone; the rest scroll). Ids are the API's sort fields. */
export function initiativeColumns({ t, locale, blockName }: ColumnContext) {
  const col = createDataTableColumnHelper<InitiativeRow>();
  return col.columns([
    col.accessor("title", {
      header: t("fields.title"),
      meta: { label: t("fields.title"), rowHeader: true, cellClassName: "min-w-44 max-w-md sm:min-w-56" },
      enableHiding: false,
      cell: (c) => (
        <div>
          <Link href={`/initiatives/${c.row.original.id}`} className="font-semibold text-brand-800 underline-offset-2 hover:underline">
            {c.getValue()}
          </Link>
          {c.row.original.externalRef && <p className="text-xs text-slate-600">{c.row.original.externalRef}</p>}
        </div>
      ),
    }),
    col.accessor("status", {
      header: t("fields.status"),
      meta: { label: t("fields.status") },
      cell: (c) => <StatusBadge status={c.getValue()} />,
    }),
    col.accessor("progress", {
      header: t("fields.progress"),
      meta: { label: t("fields.progress") },
      sortDescFirst: true,
      cell: (c) => <ProgressBar value={c.getValue()} label={t("progressOf", { title: c.row.original.title })} />,
    }),
    col.accessor("organisationName", {
      id: "organisation",
      header: t("fields.organisation"),
      meta: { label: t("fields.organisation"), cellClassName: "min-w-40" },
      enableSorting: false,
    }),
    col.accessor("buildingBlocks", {
      header: t("fields.buildingBlocks"),
      meta: { label: t("fields.buildingBlocks"), cellClassName: "min-w-40" },
      enableSorting: false,
      cell: (c) => (
        <ul className="flex flex-wrap gap-1">
          {c.getValue().map((code) => (
            <li key={code}>
              <BlockBadge code={code} name={blockName(code)} />
            </li>
          ))}
        </ul>
      ),
    }),
    col.display({
      id: "stages",
      header: t("fields.stages"),
      meta: { label: t("fields.stages") },
      cell: (c) => (
        <span className="whitespace-nowrap tabular-nums" title={t("stagesTitle", { current: c.row.original.currentStage, target: c.row.original.targetStage })}>
          {c.row.original.currentStage} → {c.row.original.targetStage}
        </span>
      ),
    }),
    col.accessor("endDate", {
      header: t("fields.endDate"),
      meta: { label: t("fields.endDate"), cellClassName: "whitespace-nowrap" },
      cell: (c) => formatDate(locale, c.getValue()),
    }),
    col.accessor("budgetPlanned", {
      header: t("fields.budgetPlanned"),
      meta: { label: t("fields.budgetPlanned"), align: "end", cellClassName: "whitespace-nowrap" },
      sortDescFirst: true,
      cell: (c) => formatVnd(locale, c.getValue()),
    }),
    col.accessor("startDate", {
      header: t("fields.startDate"),
      meta: { label: t("fields.startDate"), cellClassName: "whitespace-nowrap" },
      cell: (c) => formatDate(locale, c.getValue()),
    }),
    col.accessor("updatedAt", {
      header: t("fields.updatedAt"),
      meta: { label: t("fields.updatedAt"), cellClassName: "whitespace-nowrap" },
      sortDescFirst: true,
      cell: (c) => formatDateTime(locale, c.getValue()),
    }),
  ]);
}

/** Columns hidden until the user shows them (kept short so a phone shows what matters). */
export const INITIALLY_HIDDEN = { startDate: false } as const;
