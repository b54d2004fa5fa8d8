import "server-only";
import { z } from "zod";
import { completeness } from "./reports";
import { coverageHeatmap, rankingTable } from "./dashboard";
import type { Actor } from "@/lib/auth/permissions";
import { parseOrThrow, period as periodSchema, queryBool } from "@/lib/validation/common";
import { BUILDING_BLOCKS, METRICS } from "@/lib/domain/codes";
import { currentPeriod } from "@/lib/domain/periods";
import { CSV_BOM, neutraliseCell } from "@/lib/domain/csv";

/*
 * CSV downloads of the dashboard's tables (UTF-8 with BOM so spreadsheet software reads Vietnamese; text cells that a
 * spreadsheet would run as formulas are neutralised; numbers stay numbers).
 */

export type Cell = string | number | boolean | null;
function csvCell(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "boolean") return c ? "true" : "false";
  if (typeof c === "number") return Number.isFinite(c) ? String(Math.round(c * 1e6) / 1e6) : "";
  const s = neutraliseCell(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvOf(header: string[], rows: Cell[][]): string {
  return CSV_BOM + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const csvQuery = z.strictObject({ period: periodSchema.optional(), includeSubmitted: queryBool });

/** A dashboard table as a download: the header keys and typed rows, written as CSV here or as .xlsx (dashboard-xlsx.ts). */
export interface DownloadTable {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** The ranking table (`GET /dashboard/ranking.csv|.xlsx?period=&includeSubmitted=`): the bodies in force then. */
export async function rankingDownload(actor: Actor, query: unknown): Promise<DownloadTable> {
  const q = parseOrThrow(csvQuery, query);
  const rows = await rankingTable(actor, q.period ?? currentPeriod(), q.includeSubmitted);
  return {
    name: "ranking",
    header: ["code", "nameVi", "nameEn", "kind", ...METRICS, "maturityStage", "reported", "initiatives", "averageProgress"],
    rows: rows.map((r) => [r.code, r.nameVi, r.nameEn, r.kind, ...METRICS.map((m) => r.metrics[m]), r.maturityStage, r.reported, r.initiatives, r.averageProgress]),
  };
}

/** The coverage heatmap: per organisation in force for `period` (default today) and block, count and progress. */
export async function heatmapTable(actor: Actor, query: unknown = {}): Promise<DownloadTable> {
  const q = parseOrThrow(z.strictObject({ period: periodSchema.optional() }), query);
  const rows = await coverageHeatmap(actor, q.period);
  return {
    name: "coverage",
    header: ["code", "nameVi", "nameEn", ...BUILDING_BLOCKS.flatMap((b) => [`${b}.count`, `${b}.averageProgress`])],
    rows: rows.map((r) => [r.code, r.nameVi, r.nameEn, ...BUILDING_BLOCKS.flatMap((b) => [r.blocks[b].count, r.blocks[b].averageProgress])]),
  };
}

/** Reporting completeness: per MINISTRY/PROVINCE, reports expected, submitted, approved, on time, late and missing. */
export async function completenessTable(actor: Actor, query: unknown): Promise<DownloadTable> {
  const q = parseOrThrow(z.strictObject({ period: periodSchema.optional() }), query);
  const c = await completeness(actor, q.period ?? currentPeriod());
  const missing = new Map<string, string[]>();
  for (const m of c.missing) missing.set(m.organisationId, [...(missing.get(m.organisationId) ?? []), m.metric]);
  return {
    name: "completeness",
    // on time / late / missing (spec/coverage.md): counts, then the metrics missing and those submitted late
    header: ["period", "code", "nameVi", "nameEn", "kind", "expected", "submitted", "approved", "onTime", "late", "missingCount", "missing", "lateMetrics"],
    rows: c.organisations.map((o) => [
      c.period,
      o.code,
      o.nameVi,
      o.nameEn,
      o.kind,
      o.expected,
      o.submitted,
      o.approved,
      o.onTime,
      o.late,
      o.missingCount,
      (missing.get(o.organisationId) ?? []).join("|"),
      o.lateMetrics.join("|"),
    ]),
  };
}

/** A table as CSV (UTF-8 with BOM, formulas neutralised). */
export const tableCsv = (t: DownloadTable) => csvOf(t.header, t.rows);

/** The ranking table as CSV (`GET /dashboard/ranking.csv?period=&includeSubmitted=`). */
export async function rankingCsv(actor: Actor, query: unknown): Promise<string> {
  return tableCsv(await rankingDownload(actor, query));
}

/** The coverage heatmap as CSV. */
export async function heatmapCsv(actor: Actor, query: unknown = {}): Promise<string> {
  return tableCsv(await heatmapTable(actor, query));
}

/** Reporting completeness as CSV. */
export async function completenessCsv(actor: Actor, query: unknown): Promise<string> {
  return tableCsv(await completenessTable(actor, query));
}
