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

export interface CsvIssue {
  path: string;
  message: string;
}

export interface ParsedCsvRow {
  /** the row number a spreadsheet shows: the header is row 1 */
  row: number;
  cells: Record<InitiativeCsvColumn, string>;
}

export interface ParsedCsv {
  rows: ParsedCsvRow[];
  issues: CsvIssue[];
}

/**
 * Parses an import file: strips a BOM, checks the header (every column of the export, in any order, nothing else),
 * and answers the data rows with their row numbers (a blank line still counts as a row, and is skipped). Cells that
 * export neutralised are restored.
 */
export function parseInitiativesCsv(text: string): ParsedCsv {
  const body = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter: "," });
  const issues: CsvIssue[] = [];
  const data = parsed.data;
  // a final line break leaves one empty record behind
  while (data.length > 0 && isBlank(data[data.length - 1])) data.pop();
  if (data.length === 0)
    return { rows: [], issues: [{ path: "row 1", message: "the file is empty; the first row must be the header" }] };

  const header = data[0].map((h) => h.trim());
  const known = new Set<string>(INITIATIVE_CSV_COLUMNS);
  const seen = new Set<string>();
  for (const h of header) {
    if (!known.has(h)) issues.push({ path: "row 1", message: `unknown column "${h}"` });
    else if (seen.has(h)) issues.push({ path: "row 1", message: `column "${h}" appears twice` });
    seen.add(h);
  }
  for (const c of INITIATIVE_CSV_COLUMNS)
    if (!seen.has(c)) issues.push({ path: "row 1", message: `missing column "${c}"` });
  if (issues.length) return { rows: [], issues };

  for (const e of parsed.errors) {
    // an unclosed quote swallows the rest of the file: name the row it starts in
    if (e.type === "Quotes" && typeof e.row === "number") issues.push({ path: `row ${e.row + 1}`, message: e.message });
  }

  const rows: ParsedCsvRow[] = [];
  for (let i = 1; i < data.length; i++) {
    const record = data[i];
    if (isBlank(record)) continue;
    const row = i + 1;
    if (record.length !== header.length) {
      issues.push({ path: `row ${row}`, message: `expected ${header.length} cells, found ${record.length}` });
      continue;
    }
    const cells = {} as Record<InitiativeCsvColumn, string>;
    header.forEach((h, j) => {
      cells[h as InitiativeCsvColumn] = restoreCell(record[j]);
    });
    rows.push({ row, cells });
  }
  return { rows, issues };
}

function isBlank(record: string[]): boolean {
  return record.length === 0 || (record.length === 1 && record[0].trim() === "");
}

function list(s: string): string[] {
  return s
    .split(LIST_SEPARATOR)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

/** A numeric cell: a number when it looks like one, so the schema can say what is wrong with it; empty is null. */
function num(s: string): number | string | null {
  const t = s.trim();
  if (t === "") return null;
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

function text(s: string): string | null {
  return s === "" ? null : s;
}

/**
 * The fields of a row as the validation schema reads them (lib/validation/initiatives.ts `initiativeImportRow`),
 * and the organisation code the server resolves. Blank cells are "not given"; `id` and `updatedAt` are ignored.
 */
export function csvRowToFields(cells: Record<InitiativeCsvColumn, string>): {
  organisationCode: string;
  fields: Record<string, unknown>;
} {
  return {
    organisationCode: cells.organisationCode.trim(),
    fields: {
      externalRef: text(cells.externalRef.trim()),
      title: cells.title,
      description: cells.description,
      status: cells.status.trim(),
      buildingBlocks: list(cells.buildingBlocks),
      principles: list(cells.principles),
      enablers: list(cells.enablers),
      currentStage: num(cells.currentStage),
      targetStage: num(cells.targetStage),
      startDate: text(cells.startDate.trim()),
      endDate: text(cells.endDate.trim()),
      budgetPlanned: num(cells.budgetPlanned),
      budgetSpent: num(cells.budgetSpent),
      progress: num(cells.progress),
    },
  };
}
