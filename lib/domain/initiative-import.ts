/**
 * The columns of an initiatives import (spec/api.md "Initiatives"; issue 17): which header names which column, and
 * each raw cell as the field the validation schema reads. Pure: no database, no I/O.
 *
 * A header cell may be the column key (`progress`) or its Vietnamese or English label ("Tiến độ (%)", "Progress"),
 * in any case and with or without accents. Codes (status, building blocks, principles, enablers) may be written as
 * the code or as their Vietnamese or English name. Numbers follow the file's language (lib/domain/numbers.ts) and
 * dates are `yyyy-mm-dd`, `dd/mm/yyyy` or spreadsheet date cells.
 */
import { INITIATIVE_CSV_COLUMNS, LIST_SEPARATOR, restoreCell, type InitiativeCsvColumn } from "./csv";
import type { DetailParams, ValidationCode } from "@/lib/errors";
import { headerKey, nameKey, type RawCell, type TableIssue } from "./import-table";
import { dayOfDate, isoDay, parseLocaleDate, readNumber, type NumberLocale } from "./numbers";

/** The columns a file must have; the others may be left out (their values then stay as they are, or default). */
export const REQUIRED_IMPORT_COLUMNS = ["organisationCode", "title", "status", "buildingBlocks", "currentStage", "targetStage", "progress"] as const satisfies readonly InitiativeCsvColumn[];

/** The Vietnamese and English labels a header may use instead of the key (the UI's field labels and common variants). */
export const COLUMN_LABELS: Record<InitiativeCsvColumn, readonly string[]> = {
  id: ["Mã định danh", "Id", "Mã hệ thống"],
  externalRef: ["Mã tham chiếu", "External reference", "Mã sáng kiến", "Reference"],
  organisationCode: ["Mã cơ quan", "Organisation code", "Mã đơn vị", "Organization code"],
  title: ["Tên sáng kiến", "Title", "Tên"],
  description: ["Mô tả", "Description"],
  status: ["Trạng thái", "Status"],
  buildingBlocks: ["Khối xây dựng", "Building blocks"],
  principles: ["Nguyên tắc", "Principles"],
  enablers: ["Yếu tố hỗ trợ", "Enablers"],
  currentStage: ["Giai đoạn hiện tại", "Current stage"],
  targetStage: ["Giai đoạn mục tiêu", "Target stage"],
  startDate: ["Ngày bắt đầu", "Start date"],
  endDate: ["Ngày kết thúc", "End date"],
  budgetPlanned: ["Kinh phí kế hoạch", "Planned budget", "Kinh phí kế hoạch (đồng)", "Planned budget (VND)"],
  budgetSpent: ["Kinh phí đã giải ngân", "Budget spent", "Kinh phí giải ngân", "Budget spent (VND)"],
  progress: ["Tiến độ", "Progress", "Tiến độ (%)", "Progress (%)"],
  updatedAt: ["Cập nhật lần cuối", "Last updated"],
};

const BY_HEADER = new Map<string, InitiativeCsvColumn>();
for (const c of INITIATIVE_CSV_COLUMNS) {
  BY_HEADER.set(headerKey(c), c);
  for (const l of COLUMN_LABELS[c]) BY_HEADER.set(headerKey(l), c);
}

export interface HeaderMap {
  /** per header cell, the column it names (null: a column of the file that is not ours, reported) */
  columns: (InitiativeCsvColumn | null)[];
  present: Set<InitiativeCsvColumn>;
  issues: TableIssue[];
}

/** Which column each header cell names; unknown, repeated and missing required columns are issues of row 1. */
export function mapHeader(header: string[]): HeaderMap {
  const issues: TableIssue[] = [];
  const present = new Set<InitiativeCsvColumn>();
  const columns = header.map((h) => {
    const c = BY_HEADER.get(headerKey(h)) ?? null;
    if (!c)
      issues.push({
        path: "row 1",
        message: `unknown column "${h}"; use the column keys: ${INITIATIVE_CSV_COLUMNS.join(", ")}`,
        code: "unknown_column",
        params: { column: h, columns: [...INITIATIVE_CSV_COLUMNS] },
      });
    else if (present.has(c)) issues.push({ path: "row 1", message: `column "${c}" appears twice`, code: "duplicate_column", params: { column: c } });
    if (c) present.add(c);
    return c;
  });
  for (const c of REQUIRED_IMPORT_COLUMNS) if (!present.has(c)) issues.push({ path: "row 1", message: `missing column "${c}"`, code: "missing_column", params: { column: c } });
  return { columns, present, issues };
}

/** Lookups from a code or a name (reduced with nameKey) to the code, one per coded column. */
export interface CodeNames {
  status: Map<string, string>;
  buildingBlocks: Map<string, string>;
  principles: Map<string, string>;
  enablers: Map<string, string>;
}

export type CodedColumn = keyof CodeNames;

/** Builds a lookup from codes and their names in both languages. */
export function codeLookup(items: { code: string; names: string[] }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const it of items) {
    m.set(nameKey(it.code), it.code);
    for (const n of it.names) if (n) m.set(nameKey(n), it.code);
  }
  return m;
}

/** A problem with one cell: the column, the value as written and, where they are few, the values allowed. */
export interface CellIssue {
  column: InitiativeCsvColumn;
  message: string;
  code: ValidationCode;
  params?: DetailParams;
  value: string;
  allowed?: string[];
}

export interface ImportCells {
  /** the text of each present column (restored from export's neutralising), for messages */
  raw: Partial<Record<InitiativeCsvColumn, string>>;
  /** the fields the validation schema reads; a column left out of the file is left out here */
  fields: Record<string, unknown>;
  id: string | null;
  organisationCode: string;
  issues: CellIssue[];
}

/** How a cell looks as text, for messages and text columns. */
export function cellText(c: RawCell): string {
  if (c === null) return "";
  if (c instanceof Date) {
    const d = dayOfDate(c);
    return d.ok ? d.value : "";
  }
  if (typeof c === "number") return Number.isFinite(c) ? String(c) : "";
  if (typeof c === "boolean") return c ? "TRUE" : "FALSE";
  return c;
}

const INTEGER_COLUMNS = new Set<InitiativeCsvColumn>(["currentStage", "targetStage", "progress", "budgetPlanned", "budgetSpent"]);
const DATE_COLUMNS = new Set<InitiativeCsvColumn>(["startDate", "endDate"]);
const LIST_COLUMNS = new Set<InitiativeCsvColumn>(["buildingBlocks", "principles", "enablers"]);

/** Excel stores a day as the number of days since 1899-12-30; a date cell without a date format reaches us as that. */
function excelSerialDay(n: number) {
  if (!Number.isInteger(n) || n < 1) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + n * 86_400_000);
  return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const numberHint = (locale: NumberLocale | "auto") =>
  locale === "vi" ? "a number such as 1.000.000 (the file uses ; so , is the decimal mark)" : "a number such as 1000000, 1.000.000 or 1,000,000";

/** nameKey of the few distinct names a file repeats in every row (statuses, blocks), computed once each. */
const KEY_CACHE = new Map<string, string>();
function keyOf(name: string): string {
  let k = KEY_CACHE.get(name);
  if (k === undefined) {
    k = nameKey(name);
    if (KEY_CACHE.size > 10_000) KEY_CACHE.clear();
    KEY_CACHE.set(name, k);
  }
  return k;
}

/**
 * The fields of one row. Text cells are trimmed where spaces cannot matter; the title and description keep theirs.
 * A code column reads codes and names; a list column splits on `|` (or line breaks, as Alt+Enter in Excel writes).
 */
export function importCells(cells: RawCell[], map: HeaderMap, names: CodeNames, locale: NumberLocale | "auto"): ImportCells {
  const raw: Partial<Record<InitiativeCsvColumn, string>> = {};
  const fields: Record<string, unknown> = {};
  const issues: CellIssue[] = [];
  let id: string | null = null;
  let organisationCode = "";
  map.columns.forEach((col, j) => {
    if (!col) return;
    const cell = cells[j] ?? null;
    const text = typeof cell === "string" ? restoreCell(cell) : cellText(cell);
    raw[col] = text;
    const t = text.trim();
    if (col === "updatedAt") return;
    if (col === "id") id = t || null;
    else if (col === "organisationCode") organisationCode = t;
    else if (col === "externalRef") fields.externalRef = t || null;
    else if (col === "title") fields.title = text;
    else if (col === "description") fields.description = text === "" ? null : text;
    else if (col === "status") fields.status = t === "" ? t : (names.status.get(keyOf(t)) ?? t);
    else if (LIST_COLUMNS.has(col)) {
      const lookup = names[col as CodedColumn];
      fields[col] = t
        .split(/[|\r\n]+/)
        .map((x) => x.trim())
        .filter((x) => x !== "")
        .map((x) => lookup.get(keyOf(x)) ?? x);
    } else if (INTEGER_COLUMNS.has(col)) {
      if (typeof cell === "number") fields[col] = cell;
      else if (t === "") fields[col] = null;
      else if (typeof cell === "boolean" || cell instanceof Date) {
        issues.push({ column: col, message: "must be a number", code: "not_a_number", params: { decimalComma: locale === "vi" }, value: text });
        fields[col] = null;
      } else {
        const n = readNumber(t, locale);
        if (n.ok) fields[col] = n.value;
        else {
          issues.push(
            n.reason === "ambiguous"
              ? { column: col, message: `"${t}" is ambiguous: write ${t.replace(/[.,]/g, "")} for a whole number`, code: "ambiguous_number", params: { value: t, suggestion: t.replace(/[.,]/g, "") }, value: t }
              : { column: col, message: `not a number: write ${numberHint(locale)}`, code: "not_a_number", params: { decimalComma: locale === "vi" }, value: t },
          );
          fields[col] = null;
        }
      }
    } else if (DATE_COLUMNS.has(col)) {
      if (t === "") fields[col] = null;
      else {
        const d = cell instanceof Date ? dayOfDate(cell) : typeof cell === "number" ? excelSerialDay(cell) : parseLocaleDate(t);
        if (d?.ok) fields[col] = d.value;
        else {
          issues.push(
            d?.reason === "year_range"
              ? { column: col, message: "the year must be from 1900 to 2100", code: "year_out_of_range", params: { minimum: 1900, maximum: 2100 }, value: t }
              : { column: col, message: "not a date: write dd/mm/yyyy (15/01/2026) or yyyy-mm-dd (2026-01-15)", code: "not_a_date", value: t },
          );
          fields[col] = null;
        }
      }
    }
  });
  return { raw, fields, id, organisationCode, issues };
}

/** The list cell as the file joins it, for messages about one item. */
export const joinList = (items: string[]) => items.join(LIST_SEPARATOR);
