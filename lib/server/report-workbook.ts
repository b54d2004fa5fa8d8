import "server-only";
import { z } from "zod";
import { transaction } from "./tx";
import { ForbiddenError, PayloadTooLargeError, ValidationError, type ErrorDetail } from "./errors";
import { createReportIn, reportingForm, updateReportIn } from "./reports";
import { getReference } from "./reference";
import { readXlsxRows, xlsxStream } from "./spreadsheet";
import { can, type Actor } from "@/lib/auth/permissions";
import { parseOrThrow, reportablePeriod, uuid } from "@/lib/validation/common";
import { METRICS, METRIC_KIND, type MetricCode } from "@/lib/domain/codes";
import { headerKey, type RawCell } from "@/lib/domain/import-table";
import { cellText } from "@/lib/domain/initiative-import";
import { readNumber } from "@/lib/domain/numbers";
import { prisma } from "./db";

/** The input columns of the quarterly workbook (issue 17 point 4), in order. */
export const REPORT_INPUT_KEYS = ["metric", "value", "numerator", "denominator", "evidenceUrl", "note"] as const;
/** Shown beside the inputs, never read back. */
export const REPORT_INFO_KEYS = ["nameVi", "status", "previousValue", "previousNumerator", "previousDenominator"] as const;
const KEYS = ["metric", "nameVi", "value", "numerator", "denominator", "evidenceUrl", "note", "status", "previousValue", "previousNumerator", "previousDenominator"] as const;
const LABELS_VI: Record<(typeof KEYS)[number], string> = {
  metric: "Mã chỉ số",
  nameVi: "Chỉ số",
  value: "Giá trị",
  numerator: "Tử số",
  denominator: "Mẫu số",
  evidenceUrl: "Đường dẫn minh chứng",
  note: "Ghi chú",
  status: "Trạng thái báo cáo",
  previousValue: "Giá trị quý trước",
  previousNumerator: "Tử số quý trước",
  previousDenominator: "Mẫu số quý trước",
};
const WIDTHS = [24, 48, 14, 14, 14, 40, 40, 18, 16, 16, 16];
export const REPORT_IMPORT_MAX_BYTES = 1024 * 1024;

const scopeQuery = z.strictObject({ organisationId: uuid, period: reportablePeriod });

/**
 * The quarterly report workbook of one organisation and quarter: a row of Vietnamese labels above a header row of
 * keys, one row per metric with its code and its current figures (where the caller may see them), last quarter's
 * figures beside them, and Excel data validation on the input cells (whole numbers and ranges per metric kind).
 */
export async function reportTemplateXlsx(actor: Actor, query: unknown): Promise<{ stream: ReadableStream<Uint8Array>; filename: string }> {
  const q = parseOrThrow(scopeQuery, query);
  const form = await reportingForm(actor, q.organisationId, q.period);
  const org = await prisma.organisation.findUniqueOrThrow({ where: { id: q.organisationId }, select: { code: true } });
  const ref = await getReference();
  const nameOf = new Map(ref.metrics.map((m) => [m.code, m.nameVi]));
  const stream = xlsxStream(async (w) => {
    const ws = w.sheet({ name: "report", header: KEYS.map((k) => LABELS_VI[k]), widths: WIDTHS });
    // the keys, the row an import reads, under the labels
    const keys = ws.addRow([...KEYS]);
    keys.font = { bold: true, color: { argb: "FF334155" } };
    keys.commit();
    for (const m of form.metrics) {
      const kind = METRIC_KIND[m.metric];
      const r = m.report;
      const row = ws.addRow([
        m.metric,
        nameOf.get(m.metric) ?? m.metric,
        kind === "RATIO" ? null : (r?.value ?? null),
        r?.numerator ?? null,
        r?.denominator ?? null,
        r?.evidenceUrl ?? null,
        r?.note ?? null,
        r?.status ?? null,
        m.previous?.value ?? null,
        m.previous?.numerator ?? null,
        m.previous?.denominator ?? null,
      ].map((c) => (typeof c === "string" && /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      const input = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFFEF9C3" } };
      const cols = kind === "RATIO" ? [4, 5] : [3];
      for (const c of [...cols, 6, 7]) row.getCell(c).fill = input;
      if (kind === "RATIO") {
        row.getCell(4).dataValidation = { type: "whole", operator: "greaterThanOrEqual", formulae: [0], allowBlank: true, showErrorMessage: true, errorTitle: "Tử số", error: "Nhập số nguyên từ 0 trở lên, không lớn hơn mẫu số." };
        row.getCell(5).dataValidation = { type: "whole", operator: "greaterThan", formulae: [0], allowBlank: true, showErrorMessage: true, errorTitle: "Mẫu số", error: "Nhập số nguyên lớn hơn 0." };
      } else if (kind === "COUNT") {
        row.getCell(3).dataValidation = { type: "whole", operator: "greaterThanOrEqual", formulae: [0], allowBlank: true, showErrorMessage: true, errorTitle: "Giá trị", error: "Nhập số nguyên từ 0 trở lên." };
      } else {
        row.getCell(3).dataValidation = { type: "decimal", operator: "between", formulae: [-100, 1000], allowBlank: true, showErrorMessage: true, errorTitle: "Giá trị", error: "Nhập số từ -100 đến 1000 (phần trăm)." };
      }
      row.getCell(6).dataValidation = { type: "textLength", operator: "lessThanOrEqual", formulae: [2000], allowBlank: true, showErrorMessage: true, error: "Tối đa 2000 ký tự." };
      row.getCell(7).dataValidation = { type: "textLength", operator: "lessThanOrEqual", formulae: [4000], allowBlank: true, showErrorMessage: true, error: "Tối đa 4000 ký tự." };
      row.commit();
    }
    ws.commit();
  });
  return { stream, filename: `bao-cao-${org.code}-${form.period}.xlsx` };
}

type Figures = { value: number | null; numerator: number | null; denominator: number | null; evidenceUrl: string | null; note: string | null };

function figure(c: RawCell, path: string, issues: ErrorDetail[]): number | null {
  if (c === null || (typeof c === "string" && c.trim() === "")) return null;
  if (typeof c === "number") return c;
  const t = cellText(c).trim();
  const n = readNumber(t, "auto");
  if (n.ok) return n.value;
  issues.push(
    n.reason === "ambiguous"
      ? { path, message: `"${t}" is ambiguous: write it without group separators`, code: "ambiguous_number", params: { value: t, suggestion: t.replace(/[.,]/g, "") }, value: t }
      : { path, message: "must be a number", code: "not_a_number", params: { decimalComma: false }, value: t },
  );
  return null;
}

const text = (c: RawCell) => {
  const t = cellText(c).trim();
  return t === "" ? null : t.replace(/^'(?=[=+\-@])/, "");
};

/**
 * Saves a filled workbook as DRAFT reports (issue 17 point 4): each metric row creates a draft, or updates a DRAFT or
 * REJECTED report through the same core functions as the API (same validation, audited); SUBMITTED and APPROVED
 * reports and rows left empty count as unchanged. All or nothing, in one transaction; every problem names its row.
 */
export async function importReportWorkbook(actor: Actor, query: unknown, bytes: Buffer) {
  const q = parseOrThrow(scopeQuery, query);
  if (!can(actor, "report.write", q.organisationId)) throw new ForbiddenError();
  if (bytes.byteLength > REPORT_IMPORT_MAX_BYTES) throw new PayloadTooLargeError("1 MiB");
  const all = await readXlsxRows(bytes, 200, "200 rows");
  const headerAt = all.findIndex((r) => r.cells.some((c) => typeof c === "string" && headerKey(c) === "metric"));
  if (headerAt < 0) throw new ValidationError([{ path: "(file)", message: 'no header row with the key "metric": start from the workbook this page downloads', code: "no_metric_header" }]);
  const col = new Map<string, number>();
  all[headerAt].cells.forEach((c, j) => {
    const k = headerKey(cellText(c));
    const key = [...REPORT_INPUT_KEYS, ...REPORT_INFO_KEYS].find((x) => headerKey(x) === k);
    if (key && !col.has(key)) col.set(key, j);
  });
  const issues: ErrorDetail[] = [];
  const rows: { row: number; metric: MetricCode; f: Figures }[] = [];
  const seen = new Map<string, number>();
  for (const r of all.slice(headerAt + 1)) {
    const get = (k: string) => (col.has(k) ? (r.cells[col.get(k)!] ?? null) : null);
    const code = cellText(get("metric")).trim();
    if (!code) continue;
    const at = (k: string) => `row ${r.row}.${k}`;
    if (!(METRICS as readonly string[]).includes(code)) {
      issues.push({ path: at("metric"), message: "not a known metric", code: "unknown_metric", params: { metric: code }, value: code, allowed: [...METRICS] });
      continue;
    }
    if (seen.has(code)) {
      issues.push({ path: at("metric"), message: `this metric is already on row ${seen.get(code)}`, code: "already_on_row", params: { row: seen.get(code)! }, value: code });
      continue;
    }
    seen.set(code, r.row);
    const f: Figures = {
      value: figure(get("value"), at("value"), issues),
      numerator: figure(get("numerator"), at("numerator"), issues),
      denominator: figure(get("denominator"), at("denominator"), issues),
      evidenceUrl: text(get("evidenceUrl")),
      note: text(get("note")),
    };
    // a metric row with no figure is not reported this time
    if (f.value === null && f.numerator === null && f.denominator === null) continue;
    rows.push({ row: r.row, metric: code as MetricCode, f });
  }
  if (issues.length) throw new ValidationError(issues, "Some rows are not valid; nothing was saved");

  return transaction(async (tx) => {
    const existing = await tx.metricReport.findMany({
      where: { organisationId: q.organisationId, period: q.period },
      select: { id: true, metricCode: true, status: true, version: true, value: true, numerator: true, denominator: true, evidenceUrl: true, note: true },
    });
    const byMetric = new Map(existing.map((e) => [e.metricCode, e]));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const problems: ErrorDetail[] = [];
    for (const { row, metric, f } of rows) {
      const ratio = METRIC_KIND[metric] === "RATIO";
      const figures = ratio ? { numerator: f.numerator, denominator: f.denominator, ...(f.value !== null ? { value: f.value } : {}) } : { value: f.value, ...(f.numerator !== null ? { numerator: f.numerator } : {}), ...(f.denominator !== null ? { denominator: f.denominator } : {}) };
      const e = byMetric.get(metric);
      try {
        if (!e) {
          await createReportIn(tx, actor, { organisationId: q.organisationId, period: q.period, metric, ...figures, evidenceUrl: f.evidenceUrl, note: f.note });
          created++;
        } else if (e.status === "SUBMITTED" || e.status === "APPROVED") {
          unchanged++;
        } else {
          const same =
            (ratio ? Number(e.numerator) === f.numerator && Number(e.denominator) === f.denominator && f.value === null : e.value === f.value && f.numerator === null && f.denominator === null) &&
            (e.evidenceUrl ?? null) === f.evidenceUrl &&
            (e.note ?? null) === f.note &&
            e.status === "DRAFT";
          if (same) unchanged++;
          else {
            await updateReportIn(tx, actor, e.id, { version: e.version, ...figures, evidenceUrl: f.evidenceUrl, note: f.note });
            updated++;
          }
        }
      } catch (err) {
        // the core's own validation, named by the row it came from
        if (err instanceof ValidationError && err.details) problems.push(...err.details.map((d) => ({ ...d, path: `row ${row}.${d.path}` })));
        else throw err;
      }
    }
    if (problems.length) throw new ValidationError(problems, "Some rows are not valid; nothing was saved");
    return { created, updated, unchanged };
  });
}

