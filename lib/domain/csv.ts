/**
 * The CSV form of initiatives (spec/api.md "Initiatives"): the columns, formula neutralising and its inverse, and the
 * mapping between a CSV row and the fields the validation schema reads. Pure: no database, no I/O.
 */
import Papa from "papaparse";

export const INITIATIVE_CSV_COLUMNS = [
  "id",
  "externalRef",
  "organisationCode",
  "title",
  "description",
  "status",
  "buildingBlocks",
  "principles",
  "enablers",
  "currentStage",
  "targetStage",
  "startDate",
  "endDate",
  "budgetPlanned",
  "budgetSpent",
  "progress",
  "updatedAt",
] as const;
export type InitiativeCsvColumn = (typeof INITIATIVE_CSV_COLUMNS)[number];

export const CSV_BOM = "\uFEFF";
export const LIST_SEPARATOR = "|";

/** What one exported row holds. */
export interface InitiativeCsvRecord {
  id: string;
  externalRef: string | null;
  organisationCode: string;
  title: string;
  description: string;
  status: string;
  buildingBlocks: string[];
  principles: string[];
  enablers: string[];
  currentStage: number;
  targetStage: number;
  startDate: string | null;
  endDate: string | null;
  budgetPlanned: number | null;
  budgetSpent: number | null;
  progress: number;
  updatedAt: string;
}

// A spreadsheet would run a cell starting with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
// Only the prefixes a quote can be undone for without guessing: tab and CR may be plain text after a quote.
const NEUTRALISED = /^'[=+\-@]/;

/** A cell a spreadsheet will show as text: formula-like values get a leading `'`. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse on import: `'=...` reads back as `=...`; any other leading quote is the user's own. */
export function restoreCell(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}

function cell(v: string | number | string[] | null): string {
  if (v === null) return "";
  if (Array.isArray(v)) return v.join(LIST_SEPARATOR);
  return String(v);
}

/** The cells of one record, in column order, neutralised. */
export function toCsvCells(rec: InitiativeCsvRecord): string[] {
  return INITIATIVE_CSV_COLUMNS.map((c) => neutraliseCell(cell(rec[c])));
}

/** The header line, with a CRLF. */
export function csvHeader(): string {
  return INITIATIVE_CSV_COLUMNS.join(",") + "\r\n";
}

/** Data lines for some records (each ending in CRLF), so a large export can be written in batches. */
export function csvLines(records: InitiativeCsvRecord[]): string {
  if (records.length === 0) return "";
  return Papa.unparse(records.map(toCsvCells), { newline: "\r\n", header: false }) + "\r\n";
}

/** A whole file: BOM, header, rows. */
export function toCsv(records: InitiativeCsvRecord[]): string {
  return CSV_BOM + csvHeader() + csvLines(records);
}
