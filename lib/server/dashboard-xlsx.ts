import "server-only";
import { completenessTable, heatmapTable, rankingDownload, type DownloadTable } from "./dashboard-csv";
import { xlsxOf } from "./spreadsheet";
import type { Actor } from "@/lib/auth/permissions";

/** A dashboard table as an .xlsx workbook: the same header keys as its CSV, numbers as number cells, text neutralised. */
function book(t: DownloadTable) {
  return xlsxOf([
    {
      spec: { name: t.name, header: t.header, widths: t.header.map((h) => (h.startsWith("name") ? 40 : Math.max(10, Math.min(28, h.length + 2)))) },
      rows: t.rows.map((r) => r.map((c) => (typeof c === "boolean" ? String(c) : typeof c === "number" && !Number.isFinite(c) ? null : c))),
    },
  ]);
}

export const rankingXlsx = async (actor: Actor, query: unknown) => book(await rankingDownload(actor, query));
export const heatmapXlsx = async (actor: Actor, query: unknown = {}) => book(await heatmapTable(actor, query));
export const completenessXlsx = async (actor: Actor, query: unknown) => book(await completenessTable(actor, query));
