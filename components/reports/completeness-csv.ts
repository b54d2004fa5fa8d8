import { CSV_BOM, neutraliseCell } from "@/lib/domain/csv";
import { METRICS, type MetricCode } from "@/lib/domain/codes";

export interface CompletenessCsvRow {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: string;
  missingCount: number;
  submitted: number;
  approved: number;
  onTime: number;
  late: number;
  lateMetrics: readonly string[];
  statuses: Record<MetricCode, string>;
}

const quote = (v: string | number) => {
  const s = neutraliseCell(String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The completeness table as CSV (codes, not translated labels, so a spreadsheet can filter on them); BOM for Excel.
 * On time / late / missing (spec/coverage.md) as counts, and per metric its status, `_LATE` when submitted late.
 */
export function completenessCsv(period: string, rows: CompletenessCsvRow[]): string {
  const header = ["period", "code", "nameVi", "nameEn", "kind", "missing", "submitted", "approved", "onTime", "late", ...METRICS];
  const status = (r: CompletenessCsvRow, m: MetricCode) => (r.lateMetrics.includes(m) && r.statuses[m] !== "MISSING" ? `${r.statuses[m]}_LATE` : r.statuses[m]);
  const lines = rows.map((r) =>
    [period, r.code, r.nameVi, r.nameEn, r.kind, r.missingCount, r.submitted, r.approved, r.onTime, r.late, ...METRICS.map((m) => status(r, m))].map(quote).join(","),
  );
  return CSV_BOM + [header.join(","), ...lines].join("\r\n") + "\r\n";
}
