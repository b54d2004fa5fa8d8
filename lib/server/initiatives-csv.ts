import "server-only";
import { pool } from "./db";
import { ForbiddenError } from "./errors";
import { initiativeFilterSql, searchWords } from "./initiatives";
import { INITIATIVE_ROW_COLUMNS, initiativeFields, queryRows, type InitiativeRow } from "./initiative-rows";
import { getReference } from "./reference";
import { xlsxStream } from "./spreadsheet";
import { can, type Actor } from "@/lib/auth/permissions";
import { parseOrThrow } from "@/lib/validation/common";
import { initiativeListQuery } from "@/lib/validation/initiatives";
import { CSV_BOM, INITIATIVE_CSV_COLUMNS, LIST_SEPARATOR, csvHeader, csvLines, type InitiativeCsvRecord } from "@/lib/domain/csv";
import { INITIATIVE_STATUSES, STAGES } from "@/lib/domain/codes";
import { Prisma } from "@/lib/generated/prisma/client";
import messagesVi from "@/messages/vi/initiatives.json";
import messagesEn from "@/messages/en/initiatives.json";

export { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importInitiatives, importInitiativesCsv } from "./initiatives-import";
export type { ImportFile, ImportOptions } from "./initiatives-import";

const EXPORT_BATCH = 2_000;

async function exportBatch(where: Prisma.Sql, after: string | null): Promise<InitiativeCsvRecord[]> {
  const found = await queryRows<InitiativeRow>(
    pool(),
    Prisma.sql`
    SELECT ${INITIATIVE_ROW_COLUMNS}
    FROM initiatives i JOIN organisations o ON o.id = i.organisation_id
    WHERE ${where} ${after ? Prisma.sql`AND i.id > ${after}::uuid` : Prisma.empty}
    ORDER BY i.id
    LIMIT ${EXPORT_BATCH}`,
  );
  return found.map((r) => ({ id: r.id, organisationCode: r.organisation_code, ...initiativeFields(r), updatedAt: r.updated_at.toISOString() }));
}

/**
 * The initiatives matching the list filters (paging and sort ignored; ordered by id) as a UTF-8 CSV stream with a
 * BOM. Rows are read in keyset batches, so a national export never sits in memory at once. The first batch is read
 * before the stream starts, so a failing query still answers a proper error instead of a cut-off file.
 */
export async function exportInitiativesCsv(actor: Actor, query: unknown = {}): Promise<ReadableStream<Uint8Array>> {
  if (!can(actor, "initiative.read")) throw new ForbiddenError();
  const q = parseOrThrow(initiativeListQuery, query);
  const where = initiativeFilterSql(q, await searchWords(q.q));
  const enc = new TextEncoder();
  let batch = await exportBatch(where, null);
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        first = false;
        controller.enqueue(enc.encode(CSV_BOM + csvHeader()));
      }
      if (batch.length) controller.enqueue(enc.encode(csvLines(batch)));
      if (batch.length < EXPORT_BATCH) {
        controller.close();
        return;
      }
      const last = batch[batch.length - 1].id;
      batch = await exportBatch(where, last);
      if (batch.length === 0) controller.close();
    },
  });
}

/** A date column of the export as a real date cell (UTC midnight: the day Excel shows). */
const dayCell = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

const XLSX_FORMATS: Partial<Record<(typeof INITIATIVE_CSV_COLUMNS)[number], string>> = {
  startDate: "dd/mm/yyyy",
  endDate: "dd/mm/yyyy",
  budgetPlanned: "#,##0",
  budgetSpent: "#,##0",
  updatedAt: "dd/mm/yyyy hh:mm:ss",
};
const XLSX_WIDTHS: Partial<Record<(typeof INITIATIVE_CSV_COLUMNS)[number], number>> = { id: 38, title: 48, description: 48, buildingBlocks: 30, organisationCode: 16 };

function xlsxRow(r: InitiativeCsvRecord) {
  return INITIATIVE_CSV_COLUMNS.map((c) => {
    const v = r[c];
    if (c === "startDate" || c === "endDate") return dayCell(v as string | null);
    if (c === "updatedAt") return new Date(v as string);
    if (Array.isArray(v)) return v.join(LIST_SEPARATOR);
    return v;
  });
}

/**
 * The same export as an .xlsx workbook (issue 17): one header row of the CSV column keys, real date and number cells,
 * text that a spreadsheet could run as a formula neutralised as in CSV, and a second sheet with the codes and their
 * Vietnamese and English names. Streamed with constant memory (ExcelJS WorkbookWriter, keyset batches, backpressure).
 */
export async function exportInitiativesXlsx(actor: Actor, query: unknown = {}): Promise<ReadableStream<Uint8Array>> {
  if (!can(actor, "initiative.read")) throw new ForbiddenError();
  const q = parseOrThrow(initiativeListQuery, query);
  const where = initiativeFilterSql(q, await searchWords(q.q));
  const first = await exportBatch(where, null);
  const ref = await getReference();
  return xlsxStream(async (w) => {
    const ws = w.sheet({
      name: "initiatives",
      header: [...INITIATIVE_CSV_COLUMNS],
      widths: INITIATIVE_CSV_COLUMNS.map((c) => XLSX_WIDTHS[c] ?? Math.max(12, c.length + 2)),
      formats: Object.fromEntries(INITIATIVE_CSV_COLUMNS.flatMap((c, i) => (XLSX_FORMATS[c] ? [[i, XLSX_FORMATS[c]!]] : []))),
    });
    let batch = first;
    for (;;) {
      w.rows(ws, batch.map(xlsxRow));
      await w.pace();
      if (batch.length < EXPORT_BATCH) break;
      batch = await exportBatch(where, batch[batch.length - 1].id);
      if (batch.length === 0) break;
    }
    ws.commit();
    const codes = w.sheet({ name: "codes", header: ["column", "code", "nameVi", "nameEn"], widths: [18, 26, 48, 48] });
    const sv = messagesVi.status as Record<string, string>;
    const se = messagesEn.status as Record<string, string>;
    w.rows(codes, [
      ...INITIATIVE_STATUSES.map((s) => ["status", s, sv[s], se[s]]),
      ...ref.buildingBlocks.map((b) => ["buildingBlocks", b.code, b.nameVi, b.nameEn]),
      ...ref.principles.map((p) => ["principles", p.code, p.nameVi, p.nameEn]),
      ...ref.enablers.map((e) => ["enablers", e.code, e.nameVi, e.nameEn]),
      ...ref.maturityStages.filter((s) => (STAGES as readonly number[]).includes(s.level)).map((s) => ["currentStage, targetStage", s.level, s.nameVi, s.nameEn]),
    ]);
    codes.commit();
  });
}
