import "server-only";
import { uuidV7 } from "@/lib/domain/uuid-v7";
import type pg from "pg";
import { pool, prisma } from "./db";
import { diffFields } from "./audit";
import { currentRequestId } from "./request-context";
import { AppError, DuplicateError, ForbiddenError, PayloadTooLargeError, ValidationError, isUniqueViolation, type ErrorDetail } from "./errors";
import { ENTITY, INITIATIVE_FIELDS, canonical, creationChanges } from "./initiatives";
import { INITIATIVE_ROW_COLUMNS, initiativeFields, queryRows, type InitiativeRow } from "./initiative-rows";
import { getReference } from "./reference";
import { readXlsxRows, XLSX_TYPE } from "./spreadsheet";
import { inForceToday, notInForceDetail, type RawQuery } from "./validity";
import { can, ruleFor, type Actor } from "@/lib/auth/permissions";
import { isId, issueToDetail } from "@/lib/validation/common";
import type { InitiativeImportRow } from "@/lib/validation/initiatives";
import { parseImportRow } from "@/lib/validation/initiative-import-row";
import { BUILDING_BLOCKS, ENABLERS, INITIATIVE_STATUSES, PRINCIPLES } from "@/lib/domain/codes";
import type { InitiativeCsvColumn } from "@/lib/domain/csv";
import { EMPTY_FILE_ISSUE, parseCsvTable, type RawTable } from "@/lib/domain/import-table";
import { cellText, codeLookup, importCells, mapHeader, type CodeNames } from "@/lib/domain/initiative-import";
import type { NumberLocale } from "@/lib/domain/numbers";
import { decodeText, NOT_UTF8_MESSAGE, NOT_UTF8_MESSAGE_VI, type TextEncoding } from "@/lib/domain/text-encoding";
import { Prisma } from "@/lib/generated/prisma/client";
import messagesVi from "@/messages/vi/initiatives.json";
import messagesEn from "@/messages/en/initiatives.json";
import type { ImportPreviewDto, ImportPreviewItemDto, ImportResultDto } from "@/lib/dto/initiatives";
import type { Changes } from "@/lib/dto/common";

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;
/**
 * Rows per bulk statement: every column travels as one array parameter, so this bounds memory, not parameters.
 * The bulk paths talk to pg directly: Prisma's raw-query layer spends seconds converting 50,000-element arrays.
 */
const WRITE_BATCH = 5_000;
/** A file with thousands of bad rows would otherwise answer megabytes of details. */
const MAX_DETAILS = 1_000;
/** Rows listed one by one in a preview (the counts cover them all). */
export const MAX_PREVIEW_ITEMS = 1_000;

export interface ImportOptions {
  /** validate and count only: nothing is written, and row problems come back in the answer instead of an error */
  dryRun?: boolean;
}

/** An uploaded file: its bytes, the content type it came with, and the text encoding the user chose for CSV. */
export interface ImportFile {
  bytes: Buffer;
  contentType?: string | null;
  encoding?: TextEncoding;
}

type Existing = InitiativeRow;

interface Planned {
  id: string;
  organisationId: string;
  data: InitiativeImportRow;
}

type Db = pg.Pool | pg.PoolClient;

const rows = queryRows;

function capped(details: ErrorDetail[]): ErrorDetail[] {
  if (details.length <= MAX_DETAILS) return details;
  return [
    ...details.slice(0, MAX_DETAILS),
    { path: "(file)", message: `and ${details.length - MAX_DETAILS} more problems`, code: "more_problems", params: { count: details.length - MAX_DETAILS } },
  ];
}

/** An existing initiative in the shape of the import schema's output. */
const comparable = (e: Existing): Record<string, unknown> => initiativeFields(e);

function normalised(d: InitiativeImportRow): Record<string, unknown> {
  return {
    ...d,
    buildingBlocks: canonical(d.buildingBlocks, BUILDING_BLOCKS),
    principles: canonical(d.principles, PRINCIPLES),
    enablers: canonical(d.enablers, ENABLERS),
  };
}

/** The organisation never changes by import; the external reference only on a row matched by `id`. */
const COMPARED_BY_KEY = INITIATIVE_FIELDS.filter((f) => f !== "organisationId" && f !== "externalRef");
const COMPARED_BY_ID = INITIATIVE_FIELDS.filter((f) => f !== "organisationId");

function chunks<T>(items: T[], size = WRITE_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A bulk statement of one batch may legitimately run longer than the app's statement timeout (a whole import stays bounded). */
const BULK_STATEMENT_TIMEOUT_MS = 120_000;

/** One transaction on a connection of its own, for the bulk statements. */
async function pgTransaction<T>(fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    await client.query(`SET LOCAL statement_timeout = ${BULK_STATEMENT_TIMEOUT_MS}`);
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Runs `sql` once per batch of records, with the batch as one JSON parameter ($1) that the statement reads with
 * jsonb_to_recordset: PostgreSQL parses one JSON document instead of a dozen array literals, about twice as fast.
 */
async function bulk(db: pg.PoolClient, sql: string, records: object[], params: unknown[] = []) {
  for (const part of chunks(records)) {
    // the pool's client-side query timeout is sized for interactive requests: a bulk batch gets the longer bound
    // (pg reads `query_timeout` per query at run time; its type definitions only know it on the pool)
    const query: pg.QueryConfig & { query_timeout: number } = { text: sql, values: [JSON.stringify(part), ...params], query_timeout: BULK_STATEMENT_TIMEOUT_MS };
    if (part.length) await db.query(query);
  }
}

const FIELDS_RECORD = `id uuid, org uuid, title text, description text, status "InitiativeStatus", cs int, ts int, sd date, ed date,
  bp bigint, bs bigint, pr int, ref text`;

function fieldsRecord(p: Planned) {
  const d = p.data;
  return {
    id: p.id,
    org: p.organisationId,
    title: d.title,
    description: d.description,
    status: d.status,
    cs: d.currentStage,
    ts: d.targetStage,
    sd: d.startDate,
    ed: d.endDate,
    bp: d.budgetPlanned,
    bs: d.budgetSpent,
    pr: d.progress,
    ref: d.externalRef,
  };
}

async function insertInitiatives(db: pg.PoolClient, actor: Actor, planned: Planned[]) {
  await bulk(
    db,
    `INSERT INTO initiatives (id, organisation_id, title, description, status, current_stage, target_stage, start_date, end_date,
       budget_planned, budget_spent, progress, external_ref, created_by, updated_by)
     SELECT v.id, v.org, v.title, v.description, v.status, v.cs, v.ts, v.sd, v.ed, v.bp, v.bs, v.pr, v.ref, $2::uuid, $2::uuid
     FROM jsonb_to_recordset($1::jsonb) AS v(${FIELDS_RECORD})`,
    planned.map(fieldsRecord),
    [actor.id],
  );
}

/** Archived rows are never updated here (they are row errors before this), and the WHERE says so again. */
async function updateInitiatives(db: pg.PoolClient, actor: Actor, planned: Planned[]) {
  await bulk(
    db,
    `UPDATE initiatives i SET title = v.title, description = v.description, status = v.status, current_stage = v.cs,
       target_stage = v.ts, start_date = v.sd, end_date = v.ed, budget_planned = v.bp, budget_spent = v.bs, progress = v.pr,
       external_ref = v.ref, version = i.version + 1, updated_at = now(), updated_by = $2::uuid
     FROM jsonb_to_recordset($1::jsonb) AS v(${FIELDS_RECORD})
     WHERE i.id = v.id AND i.archived_at IS NULL`,
    planned.map(fieldsRecord),
    [actor.id],
  );
}

const LINK_TABLES = [
  { table: "initiative_building_blocks", column: "block_code", pick: (d: InitiativeImportRow) => d.buildingBlocks },
  { table: "initiative_principles", column: "principle_code", pick: (d: InitiativeImportRow) => d.principles },
  { table: "initiative_enablers", column: "enabler_code", pick: (d: InitiativeImportRow) => d.enablers },
] as const;

/** Link rows of the given initiatives; `replace` drops their current ones first. */
async function writeLinks(db: pg.PoolClient, planned: Planned[], replace: boolean) {
  for (const l of LINK_TABLES) {
    if (replace) {
      for (const part of chunks(planned)) {
        await db.query(`DELETE FROM ${l.table} WHERE initiative_id = ANY($1::uuid[])`, [part.map((p) => p.id)]);
      }
    }
    const links = planned.flatMap((p) => l.pick(p.data).map((code) => ({ id: p.id, code })));
    await bulk(db, `INSERT INTO ${l.table} (initiative_id, ${l.column}) SELECT v.id, v.code FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, code text)`, links);
  }
}

type AuditRecord = { action: string; id: string; org: string; changes: Changes };

async function writeAudit(db: pg.PoolClient, actor: Actor, entries: AuditRecord[]) {
  await bulk(
    db,
    `INSERT INTO audit_entries (actor_id, actor_email, action, entity_type, entity_id, organisation_id, changes, request_id)
     SELECT $2::uuid, $3, v.action, $4, v.id, v.org, v.changes, $5
     FROM jsonb_to_recordset($1::jsonb) AS v(action text, id text, org uuid, changes jsonb)`,
    entries,
    [actor.id, actor.email, ENTITY, currentRequestId() ?? null],
  );
}

const EXISTING_COLUMNS = INITIATIVE_ROW_COLUMNS;

const keyOf = (org: string, ref: string) => `${org}\u0000${ref}`;

/** The initiatives the rows name, by id and by (organisation, externalRef); `lock` keeps them locked until commit. */
async function loadExisting(db: Db, ids: string[], keys: { org: string; ref: string }[], lock: boolean) {
  const lockSql = lock ? Prisma.sql`FOR UPDATE OF i` : Prisma.empty;
  const [byIdRows, byKeyRows] = await Promise.all([
    ids.length
      ? rows<Existing>(db, Prisma.sql`SELECT ${EXISTING_COLUMNS} FROM initiatives i JOIN organisations o ON o.id = i.organisation_id WHERE i.id = ANY(${ids}::uuid[]) ${lockSql}`)
      : Promise.resolve([]),
    keys.length
      ? rows<Existing>(
          db,
          Prisma.sql`SELECT ${EXISTING_COLUMNS} FROM initiatives i JOIN organisations o ON o.id = i.organisation_id
            JOIN jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(org uuid, ref text) ON i.organisation_id = k.org AND i.external_ref = k.ref ${lockSql}`,
        )
      : Promise.resolve([]),
  ]);
  return {
    byId: new Map(byIdRows.map((e) => [e.id, e])),
    byKey: new Map(byKeyRows.map((e) => [keyOf(e.organisation_id, e.external_ref!), e])),
  };
}

/** Codes by code or name, from the reference data (both languages) and the UI's status names. */
async function codeNames(): Promise<CodeNames> {
  const ref = await getReference();
  const named = (items: { code: string; nameVi: string; nameEn: string }[], short: Record<string, string>[] = []) =>
    codeLookup(items.map((i) => ({ code: i.code, names: [i.nameVi, i.nameEn, ...short.map((s) => s[i.code])] })));
  const sv = messagesVi.status as Record<string, string>;
  const se = messagesEn.status as Record<string, string>;
  return {
    status: codeLookup(INITIATIVE_STATUSES.map((s) => ({ code: s, names: [sv[s], se[s]] }))),
    // the full names of the reference data, and the short ones the pages show
    buildingBlocks: named(ref.buildingBlocks, [messagesVi.blockShort, messagesEn.blockShort]),
    principles: named(ref.principles),
    enablers: named(ref.enablers),
  };
}

/** The values a coded column takes, for messages. */
const ALLOWED: Partial<Record<string, readonly string[]>> = {
  status: INITIATIVE_STATUSES,
  buildingBlocks: BUILDING_BLOCKS,
  principles: PRINCIPLES,
  enablers: ENABLERS,
};

/** A table read from the upload, and how its numbers are written. */
interface ReadTable {
  table: RawTable;
  locale: NumberLocale | "auto";
  format: "csv" | "xlsx";
}

const isXlsx = (f: ImportFile) =>
  (f.contentType ?? "").split(";")[0].trim().toLowerCase() === XLSX_TYPE || (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b && f.bytes[2] === 0x03 && f.bytes[3] === 0x04);

/** Reads the upload as a table: a workbook's first sheet, or CSV text (UTF-8, or Windows-1258 when asked). */
export async function readImportTable(file: ImportFile, maxRows = IMPORT_MAX_ROWS): Promise<ReadTable> {
  const limit = `${maxRows.toLocaleString("en")} rows`;
  if (isXlsx(file)) {
    const all = await readXlsxRows(file.bytes, maxRows, limit);
    if (all.length === 0) return { table: { header: [], rows: [], issues: [EMPTY_FILE_ISSUE] }, locale: "auto", format: "xlsx" };
    const [head, ...rest] = all;
    return { table: { header: head.cells.map((c) => cellText(c).trim()), rows: rest, issues: [] }, locale: "auto", format: "xlsx" };
  }
  const decoded = decodeText(file.bytes, file.encoding ?? "utf-8");
  if (!decoded.ok) {
    throw new AppError("validation_failed", "The file is not valid UTF-8; nothing was imported", [{ path: "(file)", message: NOT_UTF8_MESSAGE, code: "file_not_utf8" }], { messageVi: NOT_UTF8_MESSAGE_VI });
  }
  const table = parseCsvTable(decoded.text);
  if (table.rows.length > maxRows) throw new PayloadTooLargeError(limit);
  // Excel separates cells with ";" exactly where "," is the decimal mark (Vietnamese regional settings)
  return { table, locale: table.delimiter === ";" ? "vi" : "auto", format: "csv" };
}

type RowPlan =
  | { row: number; kind: "create"; planned: Planned; audit: AuditRecord; title: string; code: string }
  | { row: number; kind: "update"; planned: Planned; audit: AuditRecord; title: string; code: string; changes: Changes }
  | { row: number; kind: "unchanged"; id: string; title: string; code: string };

interface Analysis {
  rows: number;
  issues: ErrorDetail[];
  refused: ErrorDetail[];
  plans: RowPlan[];
}

/**
 * Everything an import decides, without writing: each row's cells read and validated with the API's schema (a row
 * that updates keeps the values of the columns the file leaves out), matched by `id` when given, else by
 * (organisation, externalRef), and planned as create, update (with its changes) or unchanged.
 */
async function analyse(db: Db, actor: Actor, read: ReadTable, lock: boolean): Promise<Analysis> {
  const { table, locale } = read;
  const issues: ErrorDetail[] = [...table.issues];
  const header = mapHeader(table.header);
  if (header.issues.length) return { rows: table.rows.length, issues: [...issues, ...header.issues], refused: [], plans: [] };
  if (issues.length === 0 && table.rows.length === 0) issues.push({ path: "row 2", message: "the file holds no initiatives", code: "file_no_rows" });

  const names = await codeNames();
  const cells = table.rows.map((r) => ({ row: r.row, ...importCells(r.cells, header, names, locale) }));

  const codes = [...new Set(cells.map((c) => c.organisationCode).filter(Boolean))];
  const orgs = codes.length ? await prisma.organisation.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } }) : [];
  const orgByCode = new Map(orgs.map((o) => [o.code, o.id]));
  // a new initiative only for a body in force today, by the rule of the single create (lib/server/validity.ts)
  const raw: RawQuery = <T>(q: Prisma.Sql) => rows<T>(db, q);
  const inForce = await inForceToday(raw, orgs.map((o) => o.id));

  const ids = [...new Set(cells.map((c) => c.id).filter((id): id is string => !!id && isId(id)))];
  const keys: { org: string; ref: string }[] = [];
  for (const c of cells) {
    const org = orgByCode.get(c.organisationCode);
    const ref = typeof c.fields.externalRef === "string" ? c.fields.externalRef : null;
    if (org && ref) keys.push({ org, ref });
  }
  const existing = await loadExisting(db, ids, keys, lock);

  const plans: RowPlan[] = [];
  const refused: ErrorDetail[] = [];
  const firstRowOfKey = new Map<string, number>();
  const firstRowOfId = new Map<string, number>();
  const mayWrite = new Map<string, boolean>();
  for (const c of cells) {
    const { row } = c;
    const at = (col: string) => `row ${row}.${col}`;
    const rowIssues: ErrorDetail[] = c.issues.map((i) => ({
      path: at(i.column),
      message: i.message,
      code: i.code,
      ...(i.params ? { params: i.params } : {}),
      value: i.value,
      ...(i.allowed ? { allowed: i.allowed } : {}),
    }));
    const badColumns = new Set(c.issues.map((i) => i.column));
    const organisationId = orgByCode.get(c.organisationCode);
    if (!c.organisationCode) rowIssues.push({ path: at("organisationCode"), message: "required", code: "required" });
    else if (!organisationId)
      rowIssues.push({
        path: at("organisationCode"),
        message: `no organisation has the code "${c.organisationCode}"`,
        code: "unknown_organisation_code",
        params: { code: c.organisationCode },
        value: c.organisationCode,
      });

    let found: Existing | undefined;
    let byId = false;
    if (c.id) {
      if (!isId(c.id)) rowIssues.push({ path: at("id"), message: "not a valid id; leave id empty to create a new initiative", code: "invalid_id", value: c.id });
      else {
        found = existing.byId.get(c.id);
        byId = true;
        if (!found) rowIssues.push({ path: at("id"), message: "no initiative has this id; leave id empty to create a new initiative", code: "unknown_initiative_id", value: c.id });
        else if (organisationId && found.organisation_id !== organisationId)
          rowIssues.push({
            path: at("organisationCode"),
            message: `the initiative with this id belongs to organisation "${found.organisation_code}"; an import does not move initiatives`,
            code: "import_moves_initiative",
            params: { organisationCode: found.organisation_code },
            value: c.organisationCode,
          });
      }
    }
    const ref = typeof c.fields.externalRef === "string" ? c.fields.externalRef : null;
    if (!c.id && organisationId && ref) found = existing.byKey.get(keyOf(organisationId, ref));
    if (byId && found && organisationId && ref && ref !== found.external_ref) {
      const other = existing.byKey.get(keyOf(organisationId, ref));
      if (other && other.id !== found.id) rowIssues.push({ path: at("externalRef"), message: "This external reference is already used in this organisation", code: "duplicate", value: ref });
    }
    if (found) {
      const earlier = firstRowOfId.get(found.id);
      if (earlier !== undefined) rowIssues.push({ path: at(byId ? "id" : "externalRef"), message: `the same initiative is already on row ${earlier}`, code: "already_on_row", params: { row: earlier } });
      else firstRowOfId.set(found.id, row);
    }
    if (organisationId && ref) {
      const key = keyOf(organisationId, ref);
      const earlier = firstRowOfKey.get(key);
      if (earlier !== undefined) rowIssues.push({ path: at("externalRef"), message: `the same organisation and externalRef are already on row ${earlier}`, code: "already_on_row", params: { row: earlier } });
      else firstRowOfKey.set(key, row);
    }

    if (!found && !c.id && organisationId && inForce.get(organisationId) === false) {
      rowIssues.push({ ...notInForceDetail(at("organisationCode"), "today"), value: c.organisationCode });
    }

    // a row that updates keeps what the file leaves out; a new one takes the defaults of the schema
    const merged = found ? { ...comparable(found), ...c.fields } : c.fields;
    const parsed = parseImportRow(merged);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const i of parsed.error.issues) {
        const col = i.path.length ? String(i.path[0]) : "(row)";
        const detail = issueToDetail(i, merged);
        if (badColumns.has(col as InitiativeCsvColumn)) continue; // the cell's own message says it better
        const key = `${col}\u0000${i.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // an item of a list names that item, not the whole cell
        const item = i.path.length > 1 && Array.isArray(c.fields[col]) ? (c.fields[col] as unknown[])[Number(i.path[1])] : undefined;
        const value = typeof item === "string" ? item : c.raw[col as InitiativeCsvColumn];
        const allowed = ALLOWED[col];
        rowIssues.push({
          path: `row ${row}.${i.path.map(String).join(".") || "(row)"}`,
          message: i.message,
          code: detail.code,
          ...(detail.params ? { params: detail.params } : {}),
          ...(value !== undefined ? { value } : {}),
          ...(allowed && detail.code === "invalid_value" ? { allowed: [...allowed] } : {}),
        });
      }
    }
    if (rowIssues.length || !parsed.success || !organisationId) {
      issues.push(...rowIssues);
      continue;
    }
    const data = parsed.data;
    const title = data.title;
    let allowed = mayWrite.get(organisationId);
    if (allowed === undefined) mayWrite.set(organisationId, (allowed = can(actor, "initiative.write", organisationId)));
    if (!allowed) {
      refused.push({ path: at("organisationCode"), message: "not your organisation", code: "not_your_organisation", value: c.organisationCode });
      continue;
    }
    if (!found) {
      // time-ordered: the new rows append to the indexes led by the id instead of landing on random pages
      const id = uuidV7();
      plans.push({
        row,
        kind: "create",
        planned: { id, organisationId, data },
        audit: { action: "create", id, org: organisationId, changes: creationChanges({ organisationId, ...normalised(data) }) },
        title,
        code: c.organisationCode,
      });
      continue;
    }
    const changes = diffFields(comparable(found), normalised(data), byId ? COMPARED_BY_ID : COMPARED_BY_KEY);
    if (Object.keys(changes).length === 0) {
      plans.push({ row, kind: "unchanged", id: found.id, title, code: c.organisationCode });
      continue;
    }
    if (found.archived) {
      issues.push({
        path: at(byId ? "id" : "externalRef"),
        message: `the initiative "${found.title}" is archived: restore it first to change it (an import never changes an archived initiative)`,
        code: "initiative_archived",
        params: { title: found.title },
        value: byId ? found.id : (found.external_ref ?? ""),
      });
      continue;
    }
    plans.push({
      row,
      kind: "update",
      planned: { id: found.id, organisationId, data },
      audit: { action: "update", id: found.id, org: organisationId, changes },
      title,
      code: c.organisationCode,
      changes,
    });
  }
  return { rows: table.rows.length, issues, refused, plans };
}

/** The row number of a detail path ("row 7.progress" -> 7); file-level problems sort first. */
function rowOf(path: string): number {
  const m = /^row (\d+)/.exec(path);
  return m ? Number(m[1]) : 0;
}

function previewItems(plans: RowPlan[]): { items: ImportPreviewItemDto[]; truncated: boolean } {
  const item = (p: RowPlan): ImportPreviewItemDto =>
    p.kind === "unchanged"
      ? { row: p.row, action: "unchanged", id: p.id, title: p.title, organisationCode: p.code }
      : { row: p.row, action: p.kind, id: p.kind === "update" ? p.planned.id : null, title: p.title, organisationCode: p.code, ...(p.kind === "update" ? { changes: p.changes } : {}) };
  const changing = plans.filter((p) => p.kind !== "unchanged");
  const staying = plans.filter((p) => p.kind === "unchanged");
  const listed = [...changing, ...staying].slice(0, MAX_PREVIEW_ITEMS);
  return { items: listed.map(item), truncated: listed.length < plans.length };
}

const counts = (plans: RowPlan[]): ImportResultDto => ({
  created: plans.filter((p) => p.kind === "create").length,
  updated: plans.filter((p) => p.kind === "update").length,
  unchanged: plans.filter((p) => p.kind === "unchanged").length,
});

/**
 * Imports initiatives from a CSV or .xlsx file (spec/api.md; issue 17): all or nothing. Every row is validated with
 * the API's own schema and every problem is reported as `row N.column` (the header is row 1) with the value as
 * written. Writes are set-based (one statement per few thousand rows), in one transaction, each change audited.
 * With `{ dryRun: true }` nothing is written: the answer holds the would-be counts, every problem, and row by row
 * what will be created, changed (field: before → after) and stay (the preview of the import page).
 */
export async function importInitiatives(actor: Actor, file: ImportFile, options: { dryRun: true }): Promise<ImportPreviewDto>;
export async function importInitiatives(actor: Actor, file: ImportFile, options?: ImportOptions): Promise<ImportResultDto | ImportPreviewDto>;
export async function importInitiatives(actor: Actor, file: ImportFile, options: ImportOptions = {}): Promise<ImportResultDto | ImportPreviewDto> {
  if (ruleFor(actor.role, "initiative.write") === "none") throw new ForbiddenError();
  if (file.bytes.byteLength > IMPORT_MAX_BYTES) throw new PayloadTooLargeError("10 MiB");
  const read = await readImportTable(file);

  if (options.dryRun) {
    const a = await analyse(pool(), actor, read, false);
    const errors = [...a.issues, ...a.refused].sort((x, y) => rowOf(x.path) - rowOf(y.path));
    const { items, truncated } = previewItems(a.plans);
    return { dryRun: true, rows: a.rows, valid: errors.length === 0, ...counts(a.plans), errors: capped(errors).map((d) => ({ ...d, code: d.code ?? "invalid" })), items, itemsTruncated: truncated, format: read.format };
  }

  try {
    return await pgTransaction(async (client) => {
      // the matched rows stay locked until commit, so nobody edits them between comparing and writing
      const a = await analyse(client, actor, read, true);
      if (a.issues.length) throw new ValidationError(capped(a.issues.sort((x, y) => rowOf(x.path) - rowOf(y.path))), "Some rows are not valid; nothing was imported");
      if (a.refused.length) throw new AppError("forbidden", "You may import initiatives of your own organisation only; nothing was imported", capped(a.refused));
      const creates = a.plans.flatMap((p) => (p.kind === "create" ? [p.planned] : []));
      const updates = a.plans.flatMap((p) => (p.kind === "update" ? [p.planned] : []));
      const entries = a.plans.flatMap((p) => (p.kind === "unchanged" ? [] : [p.audit]));
      await insertInitiatives(client, actor, creates);
      await writeLinks(client, creates, false);
      await updateInitiatives(client, actor, updates);
      await writeLinks(client, updates, true);
      await writeAudit(client, actor, entries);
      return counts(a.plans);
    });
  } catch (err) {
    // two imports racing to create the same reference: the loser changes nothing
    if (isUniqueViolation(err)) throw new DuplicateError("externalRef", "An initiative with one of these external references was created meanwhile; try again");
    throw err;
  }
}

/** The CSV text form (tests, scripts): the same import of a UTF-8 file. */
export async function importInitiativesCsv(actor: Actor, csvText: string, options: { dryRun: true }): Promise<ImportPreviewDto>;
export async function importInitiativesCsv(actor: Actor, csvText: string, options?: ImportOptions): Promise<ImportResultDto | ImportPreviewDto>;
export async function importInitiativesCsv(actor: Actor, csvText: string, options: ImportOptions = {}): Promise<ImportResultDto | ImportPreviewDto> {
  return importInitiatives(actor, { bytes: Buffer.from(csvText, "utf8"), contentType: "text/csv" }, options);
}
