/**
 * An uploaded table (CSV text, or the rows a spreadsheet reader produced) as a header and numbered rows of raw cells,
 * before any column has a meaning. Pure: no database, no I/O.
 *
 * CSV as Excel writes it: `,` or `;` between cells (Excel with Vietnamese regional settings uses `;`, because `,` is
 * its decimal mark) or a tab (Excel's "Unicode Text"), detected from the header line; a UTF-8 BOM or none; CRLF or LF.
 */
import Papa from "papaparse";
import type { DetailParams, ValidationCode } from "@/lib/errors";
import { CSV_BOM } from "./csv";

/** A cell as a reader hands it over: CSV gives text; a spreadsheet also numbers, dates and booleans. */
export type RawCell = string | number | boolean | Date | null;

/** A problem of the file or of a row: where, the English message, and the machine code with its parameters. */
export interface TableIssue {
  path: string;
  message: string;
  code: ValidationCode;
  params?: DetailParams;
}

/** The empty file's problem (CSV and workbook alike). */
export const EMPTY_FILE_ISSUE: TableIssue = { path: "row 1", message: "the file is empty; the first row must be the header", code: "file_empty" };

export interface RawRow {
  /** the row number a spreadsheet shows: the header is row 1 */
  row: number;
  cells: RawCell[];
}

export interface RawTable {
  header: string[];
  rows: RawRow[];
  issues: TableIssue[];
  /** the cell separator of a CSV file */
  delimiter?: "," | ";" | "\t";
}

/** The separator of a CSV file: the one of `,`, `;` and tab the header line (outside quotes) uses most. */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && (c === "," || c === ";" || c === "\t")) counts[c]++;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","] && counts["\t"] > counts[";"]) return "\t";
  return ",";
}

export function isBlankRow(cells: RawCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));
}

/**
 * Parses CSV text: strips a BOM, detects the separator, and answers the header and the data rows with their row
 * numbers (a blank line still counts as a row, and is skipped). A row with more cells than the header is an issue;
 * fewer cells are read as empty (Excel leaves trailing empty cells out of some lines).
 */
export function parseCsvTable(text: string): RawTable {
  const body = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter });
  const issues: TableIssue[] = [];
  const data = parsed.data;
  // a final line break leaves one empty record behind
  while (data.length > 0 && isBlankRow(data[data.length - 1])) data.pop();
  if (data.length === 0) return { header: [], rows: [], issues: [EMPTY_FILE_ISSUE], delimiter };
  for (const e of parsed.errors) {
    // an unclosed quote swallows the rest of the file: name the row it starts in
    if (e.type === "Quotes" && typeof e.row === "number") issues.push({ path: `row ${e.row + 1}`, message: e.message, code: "csv_unclosed_quote" });
  }
  const header = data[0].map((h) => h.trim());
  const rows: RawRow[] = [];
  for (let i = 1; i < data.length; i++) {
    const cells: RawCell[] = data[i];
    if (isBlankRow(cells)) continue;
    const row = i + 1;
    if (cells.length > header.length && !isBlankRow(cells.slice(header.length))) {
      issues.push({
        path: `row ${row}`,
        message: `expected ${header.length} cells, found ${cells.length}`,
        code: "row_too_many_cells",
        params: { expected: header.length, found: cells.length },
      });
      continue;
    }
    rows.push({ row, cells: cells.slice(0, header.length) });
  }
  return { header, rows, issues, delimiter };
}

/**
 * A header cell reduced to what identifies it: no accents (đ is d), no case, no spaces or punctuation, no unit in
 * brackets. "Tiến độ (%)", "tien do" and "TIẾN ĐỘ" are all "tiendo"; "organisationCode" is "organisationcode".
 */
export function headerKey(h: string): string {
  return h
    .replace(/\(.*?\)/g, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/** A code or a name written in a cell, reduced the same way for lookups ("Đang triển khai" → "dangtrienkhai"). */
export const nameKey = headerKey;
