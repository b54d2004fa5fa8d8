import "server-only";
import { onStandbyAtLeast, prisma } from "./db";
import { cachedCountByVersion, readVersionEarly, type VersionRead } from "./dashboard-cache";
import { transaction, type Tx } from "./tx";
import { requireInForceToday } from "./validity";
import { audit, createdFields, diffFields } from "./audit";
import { DuplicateError, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError, VersionConflictError, isUniqueViolation } from "./errors";
import { can, ruleFor, type Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow } from "@/lib/validation/common";
import { wordQuery } from "@/lib/domain/search";
import {
  archiveQuery,
  initiativeCreateInput,
  initiativeListQuery,
  initiativeRuleIssues,
  initiativeUpdateInput,
  restoreInput,
  type InitiativeListQuery,
  type InitiativeSortField,
} from "@/lib/validation/initiatives";
import { BUILDING_BLOCKS, ENABLERS, PRINCIPLES } from "@/lib/domain/codes";
import { INITIATIVE_FIELDS } from "@/lib/domain/initiative-fields";
import { Prisma } from "@/lib/generated/prisma/client";
import { countInitiativesFromStats } from "./initiative-stats";
import type { InitiativeDto, InitiativeHistoryEntryDto } from "@/lib/dto/initiatives";
import type { Changes } from "@/lib/dto/common";

export const ENTITY = "Initiative";

/** The fields people edit: what the audit log compares (lists as sets). */
export { INITIATIVE_FIELDS };

const include = {
  organisation: { select: { code: true } },
  buildingBlocks: { select: { blockCode: true } },
  principles: { select: { principleCode: true } },
  enablers: { select: { enablerCode: true } },
} as const;
type Row = Prisma.InitiativeGetPayload<{ include: typeof include }>;

/** Codes in the order of spec/domain.md, so lists read the same everywhere. */
export function canonical<C extends string>(codes: Iterable<string>, order: readonly C[]): C[] {
  return ([...codes] as C[]).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export const dateOut = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
export const dateIn = (s: string | null): Date | null => (s ? new Date(`${s}T00:00:00Z`) : null);
export const moneyOut = (v: bigint | number | null): number | null => (v === null ? null : Number(v));

const rec = (o: object) => o as Record<string, unknown>;

function toDto(r: Row): InitiativeDto {
  return {
    id: r.id,
    organisationId: r.organisationId,
    organisationCode: r.organisation.code,
    title: r.title,
    description: r.description,
    buildingBlocks: canonical(
      r.buildingBlocks.map((b) => b.blockCode),
      BUILDING_BLOCKS,
    ),
    principles: canonical(
      r.principles.map((p) => p.principleCode),
      PRINCIPLES,
    ),
    enablers: canonical(
      r.enablers.map((e) => e.enablerCode),
      ENABLERS,
    ),
    status: r.status,
    currentStage: r.currentStage,
    targetStage: r.targetStage,
    startDate: dateOut(r.startDate),
    endDate: dateOut(r.endDate),
    budgetPlanned: moneyOut(r.budgetPlanned),
    budgetSpent: moneyOut(r.budgetSpent),
    progress: r.progress,
    externalRef: r.externalRef,
    version: r.version,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    createdBy: r.createdById,
    updatedBy: r.updatedById,
  };
}

/** Writes are refused up front for roles that may never write, before the body is even looked at. */
function requireWriter(actor: Actor) {
  if (ruleFor(actor.role, "initiative.write") === "none") throw new ForbiddenError();
}

function requireWriteOn(actor: Actor, organisationId: string, message?: string) {
  if (!can(actor, "initiative.write", organisationId)) throw new ForbiddenError(message);
}

/** The organisation exists and is in force today (a new or moved initiative belongs to a body in force). */
async function requireOrganisation(tx: Tx, organisationId: string) {
  if (!(await requireInForceToday(tx, organisationId))) throw new ValidationError([{ path: "organisationId", message: "no such organisation", code: "no_such_organisation" }]);
}

const duplicateRef = () =>
  new DuplicateError("externalRef", "This external reference is already used in this organisation");

const SORT_COLUMN: Record<InitiativeSortField, { sql: string; nullable: boolean; type: string }> = {
  title: { sql: "i.title", nullable: false, type: "text" },
  status: { sql: "i.status", nullable: false, type: '"InitiativeStatus"' },
  progress: { sql: "i.progress", nullable: false, type: "int" },
  startDate: { sql: "i.start_date", nullable: true, type: "date" },
  endDate: { sql: "i.end_date", nullable: true, type: "date" },
  budgetPlanned: { sql: "i.budget_planned", nullable: true, type: "bigint" },
  updatedAt: { sql: "i.updated_at", nullable: false, type: "timestamptz" },
};
export const DEFAULT_SORT = "-updatedAt";

/** `q` as the search trigger stores text: LIKE wildcards escaped, runs of spaces as one (accents and case fold in SQL). */
function likeTerm(q: string): string {
  return q
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Below this many rows (the planner's estimate) a phrase's word-index condition is served by the word index; above it
 * the phrase is common ("chinh phu": a third of all rows begin a word with "phu"), and the trigram index or a walk of
 * the sort's index finds a page sooner.
 */
const WORD_INDEX_MAX_ROWS = 5_000;

/**
 * The word-index condition to search `q` with (see initiativeFilterSql), or null for the trigram index alone: a phrase
 * of whole words whose condition the planner estimates selective. Costs one EXPLAIN (planning only, no execution).
 * Either way the rows are the same; only the index differs.
 */
export async function searchWords(q: string | undefined): Promise<string | null> {
  const term = q ? likeTerm(q) : "";
  const words = term ? wordQuery(term) : null;
  if (!words) return null;
  const known = wordsChoice.get(words);
  if (known && known.until > Date.now()) return known.use ? words : null;
  const plan = await prisma.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`EXPLAIN (FORMAT JSON)
    SELECT 1 FROM initiatives i WHERE to_tsvector('simple'::regconfig, i.search_text) @@ to_tsquery('simple'::regconfig, ${words})`;
  const rows = plan[0]?.["QUERY PLAN"]?.[0]?.Plan?.["Plan Rows"];
  const use = typeof rows === "number" && rows <= WORD_INDEX_MAX_ROWS;
  wordsChoice.delete(words);
  wordsChoice.set(words, { use, until: Date.now() + WORDS_CHOICE_TTL_MS });
  while (wordsChoice.size > 1_000) wordsChoice.delete(wordsChoice.keys().next().value!);
  return use ? words : null;
}

/**
 * searchWords' choice per phrase, kept a few minutes: it picks an index, never the rows (both paths answer the same
 * rows), and the planner's estimate moves only with ANALYZE, so a search's next pages skip the EXPLAIN round trip.
 */
const wordsChoice = new Map<string, { use: boolean; until: number }>();
const WORDS_CHOICE_TTL_MS = 5 * 60_000;

/**
 * The WHERE clause of the list filters over `initiatives i` (shared with the CSV export). Archived initiatives match
 * only when asked for (`archived=true`), and then only they do. The search folds accents and case exactly as the trigger that fills `search_text` does, so the trigram index
 * serves it.
 */
export function initiativeFilterSql(
  q: Pick<InitiativeListQuery, "organisationId" | "buildingBlock" | "status" | "q"> & { archived?: boolean },
  /** the word index's condition for `q` (searchWords()), or null: the trigram index alone */
  words: string | null = null,
): Prisma.Sql {
  const conds: Prisma.Sql[] = [q.archived ? Prisma.sql`i.archived_at IS NOT NULL` : Prisma.sql`i.archived_at IS NULL`];
  if (q.organisationId) conds.push(Prisma.sql`i.organisation_id = ${q.organisationId}::uuid`);
  if (q.status) conds.push(Prisma.sql`i.status = ${q.status}::"InitiativeStatus"`);
  if (q.buildingBlock) {
    conds.push(
      Prisma.sql`EXISTS (SELECT 1 FROM initiative_building_blocks b WHERE b.initiative_id = i.id AND b.block_code = ${q.buildingBlock})`,
    );
  }
  const term = q.q ? likeTerm(q.q) : "";
  if (term) {
    // the word index (migration *_search_words_index) narrows a phrase of whole words to the rows holding its words;
    // the LIKE stays the exact check, so both paths answer the same rows
    if (words) {
      // `|| ''` keeps the trigram index out of this plan: PostgreSQL estimates a long LIKE pattern as rare and would
      // intersect the long trigram lists of "bach dang" (~0.5 s at a million rows) instead of using the word index
      conds.push(Prisma.sql`to_tsvector('simple'::regconfig, i.search_text) @@ to_tsquery('simple'::regconfig, ${words})`);
      conds.push(Prisma.sql`(i.search_text || '') LIKE '%' || lower(f_unaccent(${term})) || '%'`);
    } else conds.push(Prisma.sql`i.search_text LIKE '%' || lower(f_unaccent(${term})) || '%'`);
  }
  return Prisma.join(conds, " AND ");
}

function orderBySql(sort: string): Prisma.Sql {
  const desc = sort.startsWith("-");
  const col = SORT_COLUMN[sort.replace(/^-/, "") as InitiativeSortField];
  // id breaks ties, so paging never shows a row twice or skips one; it follows the sort's direction so that one
  // (column, id) index serves both directions (a mixed "DESC, id ASC" order had to re-sort every row of a tie: 2 s for
  // "-progress" at a million initiatives, where 200,000 share progress 100)
  const dir = desc ? "DESC" : "ASC";
  return Prisma.raw(`${col.sql} ${dir}${col.nullable ? " NULLS LAST" : ""}, i.id ${dir}`);
}

/** A keyset cursor: the sort it belongs to, and the last row's sort value (as text; null for NULL) and id. */
interface Cursor {
  s: string;
  v: string | null;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.s, c.v, c.id]), "utf8").toString("base64url");

const badCursor = () => new ValidationError([{ path: "after", message: "not a cursor of this list and sort" }]);

function decodeCursor(after: string, sort: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badCursor();
  const [s, v, id] = parsed as unknown[];
  if (s !== sort || !(v === null || typeof v === "string") || typeof id !== "string" || !isId(id) || (typeof v === "string" && (v.length > 400 || v.includes("\u0000")))) {
    throw badCursor();
  }
  return { s, v, id };
}

/**
 * The rows after `c` in the list's order (orderBySql): (column, id) past the cursor's, in the sort's direction, with
 * NULLs last in both directions. A row-value comparison, so the (column, id) index serves it as one range scan.
 */
function afterCursorSql(sort: string, c: Cursor): Prisma.Sql {
  const desc = sort.startsWith("-");
  const col = SORT_COLUMN[sort.replace(/^-/, "") as InitiativeSortField];
  const op = desc ? "<" : ">";
  const colSql = Prisma.raw(col.sql);
  if (c.v === null) return Prisma.sql`(${colSql} IS NULL AND i.id ${Prisma.raw(op)} ${c.id}::uuid)`;
  const value = Prisma.sql`${c.v}::${Prisma.raw(col.type)}`;
  const past = Prisma.sql`(${colSql}, i.id) ${Prisma.raw(op)} (${value}, ${c.id}::uuid)`;
  return col.nullable ? Prisma.sql`(${past} OR ${colSql} IS NULL)` : past;
}

/**
 * A page's rows as DTOs. The link tables are read concurrently with the rows, by the page's ids (Prisma's `include`
 * reads each relation after the rows, one round trip after another: five in a row for every list page).
 */
async function loadDtos(db: typeof prisma, ids: string[]): Promise<InitiativeDto[]> {
  if (ids.length === 0) return [];
  const where = { initiativeId: { in: ids } };
  const [rows, blocks, principles, enablers] = await Promise.all([
    db.initiative.findMany({ where: { id: { in: ids } }, include: { organisation: { select: { code: true } } } }),
    db.initiativeBuildingBlock.findMany({ where, select: { initiativeId: true, blockCode: true } }),
    db.initiativePrinciple.findMany({ where, select: { initiativeId: true, principleCode: true } }),
    db.initiativeEnabler.findMany({ where, select: { initiativeId: true, enablerCode: true } }),
  ]);
  const group = <T extends { initiativeId: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) (m.get(x.initiativeId) ?? m.set(x.initiativeId, []).get(x.initiativeId)!).push(x);
    return m;
  };
  const [b, p, e] = [group(blocks), group(principles), group(enablers)];
  const byId = new Map(rows.map((r) => [r.id, toDto({ ...r, buildingBlocks: b.get(r.id) ?? [], principles: p.get(r.id) ?? [], enablers: e.get(r.id) ?? [] })]));
  return ids.map((id) => byId.get(id)).filter((d): d is InitiativeDto => !!d);
}

/**
 * Above this many matches a search answers `total: LIST_COUNT_CAP, totalIsEstimate: true` ("10,000+"): counting
 * 200,000 trigram matches exactly costs ~0.4 s at a million initiatives (BENCHMARKS.md), the page itself ~20 ms.
 */
export const LIST_COUNT_CAP = 10_000;

/**
 * How many match: exact from the summary tables without a search term, else counted up to the cap — once per data
 * version and filter (cachedCountByVersion), so the next pages, by cursor or by number, cost their page only. `read`:
 * the version read before any of the list's statements (listInitiatives). Archived lists are counted every time (the
 * version does not follow every write to archived initiatives' links).
 */
async function countMatches(q: InitiativeListQuery, where: Prisma.Sql, read: VersionRead): Promise<{ total: number; totalIsEstimate: boolean }> {
  const count = async () => {
    // the summary tables count live initiatives only
    const fromStats = q.archived ? null : await countInitiativesFromStats(q);
    if (fromStats !== null) return { total: fromStats, totalIsEstimate: false };
    const rows = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM initiatives i WHERE ${where} LIMIT ${LIST_COUNT_CAP + 1}) t`;
    const n = rows[0]?.n ?? 0;
    return n > LIST_COUNT_CAP ? { total: LIST_COUNT_CAP, totalIsEstimate: true } : { total: n, totalIsEstimate: false };
  };
  // the summary tables answer in a primary-key read: only a search's count is worth keeping
  if (q.archived || !q.q?.trim()) return count();
  const key = JSON.stringify([q.organisationId ?? null, q.status ?? null, q.buildingBlock ?? null, likeTerm(q.q)]);
  return cachedCountByVersion(key, count, read);
}

/**
 * The paged list (any signed-in user): filters, accent-free search and sorting all run in PostgreSQL. `total` is exact
 * unless `totalIsEstimate` is true: then more than LIST_COUNT_CAP match and `total` is that cap (a lower bound).
 */
export async function listInitiatives(actor: Actor, query: unknown = {}) {
  if (!can(actor, "initiative.read")) throw new ForbiddenError();
  const q = parseOrThrow(initiativeListQuery, query);
  // the data version (and the primary's WAL position) first, before any statement of the list: a count kept for this
  // version is then exact (lib/server/dashboard-cache.ts); the standby serves the page only once it has replayed
  // everything committed by then (lib/server/db.ts), else the primary
  const [read, words] = await Promise.all([readVersionEarly(), searchWords(q.q)]);
  return onStandbyAtLeast(read.lsn, () => listPage(q, words, read));
}

async function listPage(q: ReturnType<typeof initiativeListQuery.parse>, words: string | null, read: VersionRead) {
  const where = initiativeFilterSql(q, words);
  const sort = q.sort ?? DEFAULT_SORT;
  const cursor = q.after ? decodeCursor(q.after, sort) : null;
  const col = SORT_COLUMN[sort.replace(/^-/, "") as InitiativeSortField];
  // one row more than the page tells whether there is a next page (its cursor is the page's last row)
  const [rows, count] = await Promise.all([
    prisma.$queryRaw<{ id: string; k: string | null }[]>`SELECT i.id::text AS id, (${Prisma.raw(col.sql)})::text AS k FROM initiatives i
      WHERE ${where}${cursor ? Prisma.sql` AND ${afterCursorSql(sort, cursor)}` : Prisma.empty}
      ORDER BY ${orderBySql(sort)} LIMIT ${q.pageSize + 1} OFFSET ${cursor ? 0 : (q.page - 1) * q.pageSize}`,
    countMatches(q, where, read),
  ]);
  const pageRows = rows.slice(0, q.pageSize);
  const last = pageRows.at(-1);
  const nextCursor = rows.length > q.pageSize && last ? encodeCursor({ s: sort, v: last.k, id: last.id }) : null;
  const data = await loadDtos(
    prisma,
    pageRows.map((r) => r.id),
  );
  return { data, page: q.page, pageSize: q.pageSize, total: count.total, totalIsEstimate: count.totalIsEstimate, nextCursor };
}

/** One initiative (any signed-in user), archived ones too. */
export async function getInitiative(actor: Actor, id: string): Promise<InitiativeDto> {
  if (!can(actor, "initiative.read")) throw new ForbiddenError();
  const row = isId(id) ? await prisma.initiative.findUnique({ where: { id }, include }) : null;
  if (!row) throw new NotFoundError("Initiative");
  return toDto(row);
}

function links(blocks: string[], principles: string[], enablers: string[]) {
  return {
    buildingBlocks: { createMany: { data: blocks.map((blockCode) => ({ blockCode })) } },
    principles: { createMany: { data: principles.map((principleCode) => ({ principleCode })) } },
    enablers: { createMany: { data: enablers.map((enablerCode) => ({ enablerCode })) } },
  };
}

/** Creates an initiative: officers for their own organisation (and its agencies), admins for any. */
export async function createInitiative(actor: Actor, input: unknown): Promise<InitiativeDto> {
  requireWriter(actor);
  const d = parseOrThrow(initiativeCreateInput, input);
  requireWriteOn(actor, d.organisationId);
  try {
    return await transaction(async (tx) => {
      await requireOrganisation(tx, d.organisationId);
      const row = await tx.initiative.create({
        data: {
          organisationId: d.organisationId,
          title: d.title,
          description: d.description,
          status: d.status,
          currentStage: d.currentStage,
          targetStage: d.targetStage,
          startDate: dateIn(d.startDate),
          endDate: dateIn(d.endDate),
          budgetPlanned: d.budgetPlanned === null ? null : BigInt(d.budgetPlanned),
          budgetSpent: d.budgetSpent === null ? null : BigInt(d.budgetSpent),
          progress: d.progress,
          externalRef: d.externalRef,
          createdById: actor.id,
          updatedById: actor.id,
          ...links(d.buildingBlocks, d.principles, d.enablers),
        },
        include,
      });
      const dto = toDto(row);
      await audit(tx, actor, {
        action: "create",
        entityType: ENTITY,
        entityId: dto.id,
        organisationId: dto.organisationId,
        changes: creationChanges(dto),
      });
      return dto;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateRef();
    throw err;
  }
}

/** The audit changes of a new initiative: every field given (empty lists and text left out). */
export function creationChanges(dto: object): Changes {
  const given: Record<string, unknown> = {};
  for (const f of INITIATIVE_FIELDS) {
    const v = rec(dto)[f];
    if (!(Array.isArray(v) && v.length === 0) && v !== "") given[f] = v;
  }
  return createdFields(given, [...INITIATIVE_FIELDS]);
}

/**
 * Updates an initiative (PATCH with `version`). The cross-field rules are checked on the merged record; an officer
 * may neither edit another organisation's initiative nor move one of theirs out of their scope. A PATCH that changes
 * nothing leaves the record (and its version) as it is and writes no audit entry.
 */
export async function updateInitiative(actor: Actor, id: string, input: unknown): Promise<InitiativeDto> {
  requireWriter(actor);
  const { version, ...patch } = parseOrThrow(initiativeUpdateInput, input);
  if (!isId(id)) throw new NotFoundError("Initiative");
  try {
    return await transaction(async (tx) => {
      const row = await tx.initiative.findUnique({ where: { id }, include });
      if (!row) throw new NotFoundError("Initiative");
      const before = toDto(row);
      requireWriteOn(actor, before.organisationId);
      if (patch.organisationId && patch.organisationId !== before.organisationId) {
        requireWriteOn(
          actor,
          patch.organisationId,
          "You may not move an initiative to an organisation outside your own",
        );
        await requireOrganisation(tx, patch.organisationId);
      }
      if (before.archivedAt) throw new InvalidTransitionError("An archived initiative cannot be edited");
      if (before.version !== version) throw new VersionConflictError(before.version);

      const merged: InitiativeDto = { ...before };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) rec(merged)[k] = v;
      const issues = initiativeRuleIssues(rec(merged));
      if (issues.length) throw new ValidationError(issues);
      const changes = diffFields(rec(before), rec(merged), [...INITIATIVE_FIELDS]);
      if (Object.keys(changes).length === 0) return before;

      const updated = await tx.initiative.updateMany({
        where: { id, version },
        data: {
          organisationId: merged.organisationId,
          title: merged.title,
          description: merged.description,
          status: merged.status,
          currentStage: merged.currentStage,
          targetStage: merged.targetStage,
          startDate: dateIn(merged.startDate),
          endDate: dateIn(merged.endDate),
          budgetPlanned: merged.budgetPlanned === null ? null : BigInt(merged.budgetPlanned),
          budgetSpent: merged.budgetSpent === null ? null : BigInt(merged.budgetSpent),
          progress: merged.progress,
          externalRef: merged.externalRef,
          version: { increment: 1 },
          updatedAt: new Date(),
          updatedById: actor.id,
        },
      });
      if (updated.count !== 1) {
        const now = await tx.initiative.findUnique({ where: { id }, select: { version: true } });
        throw new VersionConflictError(now?.version ?? before.version);
      }
      if (changes.buildingBlocks) {
        await tx.initiativeBuildingBlock.deleteMany({ where: { initiativeId: id } });
        await tx.initiativeBuildingBlock.createMany({
          data: merged.buildingBlocks.map((blockCode) => ({ initiativeId: id, blockCode })),
        });
      }
      if (changes.principles) {
        await tx.initiativePrinciple.deleteMany({ where: { initiativeId: id } });
        await tx.initiativePrinciple.createMany({
          data: merged.principles.map((principleCode) => ({ initiativeId: id, principleCode })),
        });
      }
      if (changes.enablers) {
        await tx.initiativeEnabler.deleteMany({ where: { initiativeId: id } });
        await tx.initiativeEnabler.createMany({
          data: merged.enablers.map((enablerCode) => ({ initiativeId: id, enablerCode })),
        });
      }
      const after = toDto(await tx.initiative.findUniqueOrThrow({ where: { id }, include }));
      await audit(tx, actor, {
        action: "update",
        entityType: ENTITY,
        entityId: id,
        organisationId: after.organisationId,
        changes: diffFields(rec(before), rec(after), [...INITIATIVE_FIELDS]),
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateRef();
    throw err;
  }
}

/** Archives (soft-deletes) an initiative; `version` comes from the query string (DELETE ?version=N). */
export async function archiveInitiative(actor: Actor, id: string, version: unknown): Promise<void> {
  requireWriter(actor);
  const q = parseOrThrow(archiveQuery, { version: version ?? undefined });
  if (!isId(id)) throw new NotFoundError("Initiative");
  await transaction(async (tx) => {
    const before = await tx.initiative.findUnique({
      where: { id },
      select: { organisationId: true, version: true, archivedAt: true },
    });
    if (!before) throw new NotFoundError("Initiative");
    requireWriteOn(actor, before.organisationId);
    if (before.version !== q.version) throw new VersionConflictError(before.version);
    if (before.archivedAt) throw new InvalidTransitionError("This initiative is already archived");
    const at = new Date();
    const r = await tx.initiative.updateMany({
      where: { id, version: q.version, archivedAt: null },
      data: { archivedAt: at, version: { increment: 1 }, updatedAt: at, updatedById: actor.id },
    });
    if (r.count !== 1) {
      const now = await tx.initiative.findUnique({ where: { id }, select: { version: true } });
      throw new VersionConflictError(now?.version ?? before.version);
    }
    await audit(tx, actor, {
      action: "archive",
      entityType: ENTITY,
      entityId: id,
      organisationId: before.organisationId,
      changes: { archivedAt: { from: null, to: at.toISOString() } },
    });
  });
}

/**
 * Restores an archived initiative (POST /initiatives/{id}/restore `{ version }`): the writers of archive (officers of
 * its organisation, admins). It comes back exactly as it was archived, with `version` + 1; the summary triggers count
 * it in again. The only update the database guard lets through on an archived row.
 */
export async function restoreInitiative(actor: Actor, id: string, input: unknown): Promise<InitiativeDto> {
  requireWriter(actor);
  const { version } = parseOrThrow(restoreInput, input);
  if (!isId(id)) throw new NotFoundError("Initiative");
  return transaction(async (tx) => {
    const before = await tx.initiative.findUnique({
      where: { id },
      select: { organisationId: true, version: true, archivedAt: true },
    });
    if (!before) throw new NotFoundError("Initiative");
    requireWriteOn(actor, before.organisationId);
    if (before.version !== version) throw new VersionConflictError(before.version);
    if (!before.archivedAt) throw new InvalidTransitionError("This initiative is not archived");
    const at = new Date();
    const r = await tx.initiative.updateMany({
      where: { id, version, archivedAt: { not: null } },
      data: { archivedAt: null, version: { increment: 1 }, updatedAt: at, updatedById: actor.id },
    });
    if (r.count !== 1) {
      const now = await tx.initiative.findUnique({ where: { id }, select: { version: true } });
      throw new VersionConflictError(now?.version ?? before.version);
    }
    await audit(tx, actor, {
      action: "restore",
      entityType: ENTITY,
      entityId: id,
      organisationId: before.organisationId,
      changes: { archivedAt: { from: before.archivedAt.toISOString(), to: null } },
    });
    return toDto(await tx.initiative.findUniqueOrThrow({ where: { id }, include }));
  });
}

/**
 * Who changed what, oldest first. The history is the initiative's part of the audit log, so it follows the
 * audit-log rule of the matrix: officers see it for their own organisation's initiatives (others: 403).
 */
export async function getInitiativeHistory(actor: Actor, id: string): Promise<InitiativeHistoryEntryDto[]> {
  const ini = isId(id) ? await prisma.initiative.findUnique({ where: { id }, select: { organisationId: true } }) : null;
  if (!ini) throw new NotFoundError("Initiative");
  if (!can(actor, "audit.read", ini.organisationId))
    throw new ForbiddenError("You may read the history of your own organisation's initiatives only");
  const entries = await prisma.auditEntry.findMany({
    where: { entityType: ENTITY, entityId: id },
    orderBy: { id: "asc" },
    select: { at: true, actorId: true, actorEmail: true, action: true, changes: true },
  });
  return entries.map((e) => ({
    at: e.at.toISOString(),
    actor: e.actorId ? { id: e.actorId, email: e.actorEmail } : null,
    action: e.action,
    changes: (e.changes ?? {}) as Changes,
  }));
}
