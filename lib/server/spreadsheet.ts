import "server-only";
import { Readable, PassThrough } from "node:stream";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { neutraliseCell } from "@/lib/domain/csv";
import { isBlankRow, type RawCell, type RawRow } from "@/lib/domain/import-table";
import { PayloadTooLargeError, ValidationError } from "./errors";

/** The content type of an .xlsx workbook. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** What a 10 MiB workbook may unpack to: far above any real one (50,000 rows are ~40 MiB of XML), far below a zip bomb. */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

const notAWorkbook = () =>
  new ValidationError([{ path: "(file)", message: "the file is not an .xlsx workbook (save it in Excel as \"Excel Workbook (*.xlsx)\", or upload CSV)", code: "file_not_xlsx" }]);

/**
 * The total unpacked size a zip archive declares in its central directory, or null when it is not a zip. Read before
 * unpacking, so a small file that would unpack to gigabytes is refused without unpacking it.
 */
export function zipUnpackedSize(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(at + 24);
    // ZIP64 marks sizes it does not fit here: no real workbook of 10 MiB needs it
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return total;
}

/** A cell value as ExcelJS reads it, reduced to what an import reads: the value shown (a formula's cached result). */
export function plainCell(v: ExcelJS.CellValue | undefined): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r === undefined || r === null || typeof r === "object") return r instanceof Date ? r : null;
      return r;
    }
    if ("text" in v && typeof (v as ExcelJS.CellHyperlinkValue).text === "string") return (v as ExcelJS.CellHyperlinkValue).text;
    if ("error" in v) return null;
  }
  return null;
}

/**
 * The rows of the first worksheet of an .xlsx file, streamed (ExcelJS WorkbookReader): no workbook model is built, so
 * 50,000 rows cost their cells only. Row numbers are the sheet's; blank rows are left out. More than `maxRows` data
 * rows (after the first row) is a 413.
 */
export async function readXlsxRows(bytes: Buffer, maxRows: number, limitLabel: string): Promise<RawRow[]> {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null) throw notAWorkbook();
  if (unpacked > MAX_UNPACKED_BYTES) throw new PayloadTooLargeError("256 MiB unpacked");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const rows: RawRow[] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: RawCell[] = [];
        // row.values is 1-based (index 0 is empty)
        for (let j = 1; j < values.length; j++) cells.push(plainCell(values[j]));
        if (isBlankRow(cells)) continue;
        rows.push({ row: row.number, cells });
        if (rows.length > maxRows + 1) throw new PayloadTooLargeError(limitLabel);
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof PayloadTooLargeError) throw err;
    // a damaged or non-workbook zip: unzipper and the XML reader throw their own errors
    throw notAWorkbook();
  }
  return rows;
}

export type XlsxCell = string | number | Date | null | undefined;

/** A text cell a spreadsheet could read as a formula gets the same `'` as in CSV; numbers and dates stay typed. */
export function safeCell(v: XlsxCell): XlsxCell {
  return typeof v === "string" ? neutraliseCell(v) : v;
}

export interface SheetSpec {
  name: string;
  header: string[];
  widths?: number[];
  /** number formats per column index (e.g. "dd/mm/yyyy", "#,##0") */
  formats?: Record<number, string>;
}

/**
 * Writes a workbook as a stream with constant memory (ExcelJS WorkbookWriter, no shared strings): `fill` adds the
 * rows of each sheet and awaits `pace()` between batches, which waits while the client has not read what is already
 * written. The answer streams while `fill` runs; an error midway ends the download cut off (the caller reads its first
 * batch before calling, so the common failures still answer a proper error).
 */
export function xlsxStream(fill: (w: XlsxWriter) => Promise<void>): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const writer = new XlsxWriter(wb, out);
  void (async () => {
    try {
      await fill(writer);
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

export class XlsxWriter {
  constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly out: PassThrough,
  ) {}

  /** Starts a sheet with a bold, frozen header row of the given keys. */
  sheet(spec: SheetSpec): ExcelJS.Worksheet {
    const ws = this.wb.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = spec.header.map((h, i) => ({ key: h, width: spec.widths?.[i] ?? Math.min(40, Math.max(10, h.length + 2)), style: spec.formats?.[i] ? { numFmt: spec.formats[i] } : {} }));
    const head = ws.addRow(spec.header);
    head.font = { bold: true };
    head.commit();
    return ws;
  }

  /** Adds rows (text neutralised) and commits them, so they leave memory. */
  rows(ws: ExcelJS.Worksheet, rows: XlsxCell[][]) {
    for (const r of rows) ws.addRow(r.map(safeCell)).commit();
  }

  /** Waits while the client has not read what was written (backpressure from the response). */
  async pace() {
    if (this.out.writableNeedDrain) await once(this.out, "drain");
  }
}

/** A small workbook written at once (dashboard tables): one sheet, a header row of keys, typed cells. */
export async function xlsxOf(sheets: { spec: SheetSpec; rows: XlsxCell[][] }[]): Promise<ReadableStream<Uint8Array>> {
  return xlsxStream(async (w) => {
    for (const s of sheets) {
      const ws = w.sheet(s.spec);
      w.rows(ws, s.rows);
      ws.commit();
    }
  });
}

/** The response headers of an .xlsx download. */
export function xlsxHeaders(filename: string): Record<string, string> {
  return { "content-type": XLSX_TYPE, "content-disposition": `attachment; filename="${filename}"` };
}
