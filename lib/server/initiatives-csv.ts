import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { pool, prisma } from "./db";
import { diffFields, type Changes } from "./audit";
import {
  AppError,
  DuplicateError,
  ForbiddenError,
  PayloadTooLargeError,
  ValidationError,
  isUniqueViolation,
  type ErrorDetail,
} from "./errors";
import { ENTITY, INITIATIVE_FIELDS, canonical, creationChanges, initiativeFilterSql, moneyOut } from "./initiatives";
import { can, ruleFor, type Actor } from "@/lib/auth/permissions";
import { parseOrThrow } from "@/lib/validation/common";
import { initiativeImportRow, initiativeListQuery, type InitiativeImportRow } from "@/lib/validation/initiatives";
import {
  CSV_BOM,
  csvHeader,
  csvLines,
  csvRowToFields,
  parseInitiativesCsv,
  type InitiativeCsvRecord,
} from "@/lib/domain/csv";
import { BUILDING_BLOCKS, ENABLERS, PRINCIPLES } from "@/lib/domain/codes";
import { Prisma } from "@/lib/generated/prisma/client";

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;
const EXPORT_BATCH = 2_000;
/**
 * Rows per bulk statement: every column travels as one array parameter, so this bounds memory, not parameters.
 * The bulk paths talk to pg directly: Prisma's raw-query layer spends seconds converting 50,000-element arrays.
 */
const WRITE_BATCH = 5_000;
/** A file with thousands of bad rows would otherwise answer megabytes of details. */
const MAX_DETAILS = 1_000;

type ExportRow = {
  id: string;
  external_ref: string | null;
  organisation_code: string;
  title: string;
  description: string;
  status: string;
  building_blocks: string[];
  principles: string[];
  enablers: string[];
  current_stage: number;
  target_stage: number;
  start_date: string | null;
  end_date: string | null;
  budget_planned: string | null;
  budget_spent: string | null;
  progress: number;
  updated_at: Date;
};

type Db = pg.Pool | pg.PoolClient;

async function rows<T>(db: Db, q: Prisma.Sql): Promise<T[]> {
  return (await db.query(q.text, q.values)).rows as T[];
}

const money = (v: string | null) => moneyOut(v === null ? null : Number(v));

async function exportBatch(where: Prisma.Sql, after: string | null): Promise<InitiativeCsvRecord[]> {
  const found = await rows<ExportRow>(
    pool(),
    Prisma.sql`
    SELECT i.id::text AS id, i.external_ref, o.code AS organisation_code, i.title, i.description, i.status::text AS status,
      ARRAY(SELECT b.block_code::text FROM initiative_building_blocks b WHERE b.initiative_id = i.id) AS building_blocks,
      ARRAY(SELECT p.principle_code::text FROM initiative_principles p WHERE p.initiative_id = i.id) AS principles,
      ARRAY(SELECT e.enabler_code::text FROM initiative_enablers e WHERE e.initiative_id = i.id) AS enablers,
      i.current_stage::int AS current_stage, i.target_stage::int AS target_stage,
      to_char(i.start_date, 'YYYY-MM-DD') AS start_date, to_char(i.end_date, 'YYYY-MM-DD') AS end_date,
      i.budget_planned, i.budget_spent, i.progress::int AS progress, i.updated_at
    FROM initiatives i JOIN organisations o ON o.id = i.organisation_id
    WHERE ${where} ${after ? Prisma.sql`AND i.id > ${after}::uuid` : Prisma.empty}
    ORDER BY i.id
    LIMIT ${EXPORT_BATCH}`,
  );
  return found.map((r) => ({
    id: r.id,
    externalRef: r.external_ref,
    organisationCode: r.organisation_code,
    title: r.title,
    description: r.description,
    status: r.status,
    buildingBlocks: canonical(r.building_blocks, BUILDING_BLOCKS),
    principles: canonical(r.principles, PRINCIPLES),
    enablers: canonical(r.enablers, ENABLERS),
    currentStage: r.current_stage,
    targetStage: r.target_stage,
    startDate: r.start_date,
    endDate: r.end_date,
    budgetPlanned: money(r.budget_planned),
    budgetSpent: money(r.budget_spent),
    progress: r.progress,
    updatedAt: r.updated_at.toISOString(),
  }));
}

/**
 * The initiatives matching the list filters (paging and sort ignored; ordered by id) as a UTF-8 CSV stream with a
 * BOM. Rows are read in keyset batches, so a national export never sits in memory at once. The first batch is read
 * before the stream starts, so a failing query still answers a proper error instead of a cut-off file.
 */
export async function exportInitiativesCsv(actor: Actor, query: unknown = {}): Promise<ReadableStream<Uint8Array>> {
  if (!can(actor, "initiative.read")) throw new ForbiddenError();
  const q = parseOrThrow(initiativeListQuery, query);
  const where = initiativeFilterSql(q);
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

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

type Existing = {
  id: string;
  organisation_id: string;
  external_ref: string;
  title: string;
  description: string;
  status: string;
  building_blocks: string[];
  principles: string[];
  enablers: string[];
  current_stage: number;
  target_stage: number;
  start_date: string | null;
  end_date: string | null;
  budget_planned: string | null;
  budget_spent: string | null;
  progress: number;
};

interface Planned {
  id: string;
  organisationId: string;
  data: InitiativeImportRow;
}

function capped(details: ErrorDetail[]): ErrorDetail[] {
  if (details.length <= MAX_DETAILS) return details;
  return [
    ...details.slice(0, MAX_DETAILS),
    { path: "(file)", message: `and ${details.length - MAX_DETAILS} more problems` },
  ];
}

function comparable(e: Existing): Record<string, unknown> {
  return {
    title: e.title,
    description: e.description,
    buildingBlocks: canonical(e.building_blocks, BUILDING_BLOCKS),
    principles: canonical(e.principles, PRINCIPLES),
    enablers: canonical(e.enablers, ENABLERS),
    status: e.status,
    currentStage: e.current_stage,
    targetStage: e.target_stage,
    startDate: e.start_date,
    endDate: e.end_date,
    budgetPlanned: money(e.budget_planned),
    budgetSpent: money(e.budget_spent),
    progress: e.progress,
  };
}

function normalised(d: InitiativeImportRow): Record<string, unknown> {
  return {
    ...d,
    buildingBlocks: canonical(d.buildingBlocks, BUILDING_BLOCKS),
    principles: canonical(d.principles, PRINCIPLES),
    enablers: canonical(d.enablers, ENABLERS),
  };
}

/** Organisation and external reference are the key of a row, so they never change by import. */
const COMPARED = INITIATIVE_FIELDS.filter((f) => f !== "organisationId" && f !== "externalRef");

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

async function insertInitiatives(db: pg.PoolClient, actor: Actor, rows: Planned[]) {
  await bulk(
    db,
    `INSERT INTO initiatives (id, organisation_id, title, description, status, current_stage, target_stage, start_date, end_date,
       budget_planned, budget_spent, progress, external_ref, created_by, updated_by)
     SELECT v.id, v.org, v.title, v.description, v.status, v.cs, v.ts, v.sd, v.ed, v.bp, v.bs, v.pr, v.ref, $2::uuid, $2::uuid
     FROM jsonb_to_recordset($1::jsonb) AS v(${FIELDS_RECORD})`,
    rows.map(fieldsRecord),
    [actor.id],
  );
}

async function updateInitiatives(db: pg.PoolClient, actor: Actor, rows: Planned[]) {
  await bulk(
    db,
    `UPDATE initiatives i SET title = v.title, description = v.description, status = v.status, current_stage = v.cs,
       target_stage = v.ts, start_date = v.sd, end_date = v.ed, budget_planned = v.bp, budget_spent = v.bs, progress = v.pr,
       version = i.version + 1, updated_at = now(), updated_by = $2::uuid
     FROM jsonb_to_recordset($1::jsonb) AS v(${FIELDS_RECORD})
     WHERE i.id = v.id`,
    rows.map(fieldsRecord),
    [actor.id],
  );
}

const LINK_TABLES = [
  { table: "initiative_building_blocks", column: "block_code", pick: (d: InitiativeImportRow) => d.buildingBlocks },
  { table: "initiative_principles", column: "principle_code", pick: (d: InitiativeImportRow) => d.principles },
  { table: "initiative_enablers", column: "enabler_code", pick: (d: InitiativeImportRow) => d.enablers },
] as const;

/** Link rows of the given initiatives; `replace` drops their current ones first. */
async function writeLinks(db: pg.PoolClient, rows: Planned[], replace: boolean) {
  for (const l of LINK_TABLES) {
    if (replace) {
      for (const part of chunks(rows)) {
        await db.query(`DELETE FROM ${l.table} WHERE initiative_id = ANY($1::uuid[])`, [part.map((p) => p.id)]);
      }
    }
    const links = rows.flatMap((p) => l.pick(p.data).map((code) => ({ id: p.id, code })));
    await bulk(
      db,
      `INSERT INTO ${l.table} (initiative_id, ${l.column}) SELECT v.id, v.code FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, code text)`,
      links,
    );
  }
}

type AuditRecord = { action: string; id: string; org: string; changes: Changes };

async function writeAudit(db: pg.PoolClient, actor: Actor, entries: AuditRecord[]) {
  await bulk(
    db,
    `INSERT INTO audit_entries (actor_id, actor_email, action, entity_type, entity_id, organisation_id, changes)
     SELECT $2::uuid, $3, v.action, $4, v.id, v.org, v.changes
     FROM jsonb_to_recordset($1::jsonb) AS v(action text, id text, org uuid, changes jsonb)`,
    entries,
    [actor.id, actor.email, ENTITY],
  );
}

type ValidRow = { row: number; organisationId: string; data: InitiativeImportRow };

/** The initiatives the keyed rows match; `lock` keeps them locked until commit (the real import). */
async function loadExisting(db: Db, valid: ValidRow[], lock: boolean): Promise<Map<string, Existing>> {
  const keyed = valid.filter((v) => v.data.externalRef);
  if (keyed.length === 0) return new Map();
  const existing = await rows<Existing>(
    db,
    Prisma.sql`
    SELECT i.id::text AS id, i.organisation_id::text AS organisation_id, i.external_ref, i.title, i.description, i.status::text AS status,
      ARRAY(SELECT b.block_code::text FROM initiative_building_blocks b WHERE b.initiative_id = i.id) AS building_blocks,
      ARRAY(SELECT p.principle_code::text FROM initiative_principles p WHERE p.initiative_id = i.id) AS principles,
      ARRAY(SELECT e.enabler_code::text FROM initiative_enablers e WHERE e.initiative_id = i.id) AS enablers,
      i.current_stage::int AS current_stage, i.target_stage::int AS target_stage,
      to_char(i.start_date, 'YYYY-MM-DD') AS start_date, to_char(i.end_date, 'YYYY-MM-DD') AS end_date,
      i.budget_planned, i.budget_spent, i.progress::int AS progress
    FROM initiatives i
    JOIN jsonb_to_recordset(${JSON.stringify(keyed.map((v) => ({ org: v.organisationId, ref: v.data.externalRef })))}::jsonb) AS k(org uuid, ref text)
      ON i.organisation_id = k.org AND i.external_ref = k.ref
    ${lock ? Prisma.sql`FOR UPDATE OF i` : Prisma.empty}`,
  );
  return new Map(existing.map((e) => [`${e.organisation_id}\u0000${e.external_ref}`, e]));
}

/** What the import would do with each valid row: create, update (with its audit changes) or leave unchanged. */
function planImport(valid: ValidRow[], byKey: Map<string, Existing>) {
  const creates: Planned[] = [];
  const updates: Planned[] = [];
  const entries: AuditRecord[] = [];
  let unchanged = 0;
  for (const v of valid) {
    const found = v.data.externalRef ? byKey.get(`${v.organisationId}\u0000${v.data.externalRef}`) : undefined;
    if (!found) {
      const id = randomUUID();
      creates.push({ id, organisationId: v.organisationId, data: v.data });
      entries.push({
        action: "create",
        id,
        org: v.organisationId,
        changes: creationChanges({ organisationId: v.organisationId, ...normalised(v.data) }),
      });
      continue;
    }
    const changes = diffFields(comparable(found), normalised(v.data), COMPARED);
    if (Object.keys(changes).length === 0) {
      unchanged++;
      continue;
    }
    updates.push({ id: found.id, organisationId: v.organisationId, data: v.data });
    entries.push({ action: "update", id: found.id, org: v.organisationId, changes });
  }
  return { creates, updates, entries, unchanged };
}

export interface ImportOptions {
  /** validate and count only: nothing is written, and row problems come back in the answer instead of an error */
  dryRun?: boolean;
}

/** The answer of a dry run: what a real import of the same file would do now, and every problem found. */
export interface ImportPreview extends ImportResult {
  dryRun: true;
  /** data rows in the file */
  rows: number;
  /** true when a real import would succeed */
  valid: boolean;
  errors: ErrorDetail[];
}

/**
 * Imports a CSV file (spec/api.md): all or nothing. Every row is validated with the API's own schema and every
 * problem is reported as `row N.field` (the header is row 1). A row whose (organisation, externalRef) exists updates
 * that initiative when something differs (version + 1, one audit entry), else counts as unchanged; other rows create
 * initiatives. Writes are set-based (one statement per few thousand rows), in one transaction.
 * With `{ dryRun: true }` nothing is written: the answer holds the would-be counts and every problem (the preview
 * the import page shows before anything happens).
 */
export async function importInitiativesCsv(
  actor: Actor,
  csvText: string,
  options: { dryRun: true },
): Promise<ImportPreview>;
export async function importInitiativesCsv(
  actor: Actor,
  csvText: string,
  options?: ImportOptions,
): Promise<ImportResult | ImportPreview>;
export async function importInitiativesCsv(
  actor: Actor,
  csvText: string,
  options: ImportOptions = {},
): Promise<ImportResult | ImportPreview> {
  if (ruleFor(actor.role, "initiative.write") === "none") throw new ForbiddenError();
  if (Buffer.byteLength(csvText, "utf8") > IMPORT_MAX_BYTES) throw new PayloadTooLargeError("10 MiB");

  const parsed = parseInitiativesCsv(csvText);
  if (parsed.rows.length > IMPORT_MAX_ROWS)
    throw new PayloadTooLargeError(`${IMPORT_MAX_ROWS.toLocaleString("en")} rows`);
  const issues: ErrorDetail[] = [...parsed.issues];
  if (issues.length === 0 && parsed.rows.length === 0)
    issues.push({ path: "row 2", message: "the file holds no initiatives" });

  const codes = [...new Set(parsed.rows.map((r) => r.cells.organisationCode.trim()).filter(Boolean))];
  const orgs = codes.length
    ? await prisma.organisation.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } })
    : [];
  const orgByCode = new Map(orgs.map((o) => [o.code, o.id]));

  const valid: ValidRow[] = [];
  const firstRowOfKey = new Map<string, number>();
  for (const { row, cells } of parsed.rows) {
    const { organisationCode, fields } = csvRowToFields(cells);
    const r = initiativeImportRow.safeParse(fields);
    let ok = r.success;
    if (!r.success)
      for (const i of r.error.issues)
        issues.push({ path: `row ${row}.${i.path.map(String).join(".") || "(row)"}`, message: i.message });
    const organisationId = orgByCode.get(organisationCode);
    if (!organisationCode) issues.push({ path: `row ${row}.organisationCode`, message: "required" });
    else if (!organisationId)
      issues.push({
        path: `row ${row}.organisationCode`,
        message: `no organisation has the code "${organisationCode}"`,
      });
    if (!organisationId) ok = false;
    if (r.success && organisationId && r.data.externalRef) {
      const key = `${organisationId}\u0000${r.data.externalRef}`;
      const earlier = firstRowOfKey.get(key);
      if (earlier !== undefined) {
        issues.push({
          path: `row ${row}.externalRef`,
          message: `the same organisation and externalRef are already on row ${earlier}`,
        });
        ok = false;
      } else firstRowOfKey.set(key, row);
    }
    if (ok && r.success && organisationId) valid.push({ row, organisationId, data: r.data });
  }
  const refused = valid
    .filter((v) => !can(actor, "initiative.write", v.organisationId))
    .map((v) => ({ path: `row ${v.row}.organisationCode`, message: "not your organisation" }));

  if (options.dryRun) {
    const errors = [...issues, ...refused].sort((a, b) => rowOf(a.path) - rowOf(b.path));
    const allowed = valid.filter((v) => can(actor, "initiative.write", v.organisationId));
    const plan = planImport(allowed, await loadExisting(pool(), allowed, false));
    return {
      dryRun: true,
      rows: parsed.rows.length,
      valid: errors.length === 0,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      errors: capped(errors),
    };
  }

  if (issues.length) throw new ValidationError(capped(issues), "Some rows are not valid; nothing was imported");
  if (refused.length) {
    throw new AppError(
      "forbidden",
      "You may import initiatives of your own organisation only; nothing was imported",
      capped(refused),
    );
  }

  try {
    return await pgTransaction(async (client) => {
      // the matched rows stay locked until commit, so nobody edits them between comparing and writing
      const { creates, updates, entries, unchanged } = planImport(valid, await loadExisting(client, valid, true));
      await insertInitiatives(client, actor, creates);
      await writeLinks(client, creates, false);
      await updateInitiatives(client, actor, updates);
      await writeLinks(client, updates, true);
      await writeAudit(client, actor, entries);
      return { created: creates.length, updated: updates.length, unchanged };
    });
  } catch (err) {
    // two imports racing to create the same reference: the loser changes nothing
    if (isUniqueViolation(err))
      throw new DuplicateError(
        "externalRef",
        "An initiative with one of these external references was created meanwhile; try again",
      );
    throw err;
  }
}

/** The row number of a detail path ("row 7.progress" -> 7); file-level problems sort first. */
function rowOf(path: string): number {
  const m = /^row (\d+)/.exec(path);
  return m ? Number(m[1]) : 0;
}
