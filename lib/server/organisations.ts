import "server-only";
import { prisma } from "./db";
import { transaction, type Tx } from "./tx";
import { audit, createdFields, diffFields } from "./audit";
import { type ErrorDetail, DuplicateError, ForbiddenError, NotFoundError, ValidationError, VersionConflictError, isUniqueViolation } from "./errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow } from "@/lib/validation/common";
import { organisationCreateInput, organisationListQuery, organisationUpdateInput, type OrganisationListQuery } from "@/lib/validation/organisations";
import { todayInVietnam } from "@/lib/domain/validity";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrganisationKind } from "@/lib/domain/codes";
import type { OrganisationDto } from "@/lib/dto/organisations";

const FIELDS = ["code", "nameVi", "nameEn", "kind", "parentId", "validFrom"];

interface OrgRow {
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
  kind: OrganisationKind;
  parent_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  version: number;
  predecessor_ids: string[];
  successor_ids: string[];
}

const toDto = (r: OrgRow): OrganisationDto => ({
  id: r.id,
  code: r.code,
  nameVi: r.name_vi,
  nameEn: r.name_en,
  kind: r.kind,
  parentId: r.parent_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  predecessorIds: r.predecessor_ids,
  successorIds: r.successor_ids,
  version: r.version,
});

const COLUMNS = Prisma.sql`o.id::text AS id, o.code, o.name_vi, o.name_en, o.kind::text AS kind, o.parent_id::text AS parent_id,
  o.valid_from::text AS valid_from, o.valid_to::text AS valid_to, o.version,
  COALESCE((SELECT array_agg(DISTINCT s.from_id::text) FROM restructuring_successors r
              JOIN restructuring_successions s ON s.id = r.succession_id WHERE r.organisation_id = o.id), '{}') AS predecessor_ids,
  COALESCE((SELECT array_agg(r.organisation_id::text ORDER BY r.position) FROM restructuring_successions s
              JOIN restructuring_successors r ON r.succession_id = s.id WHERE s.from_id = o.id), '{}') AS successor_ids`;

/** The WHERE of a list: by kind, and in force today (default), for a quarter (`at`), or every one (`status=all`). */
function listWhere(q: OrganisationListQuery, now: Date): Prisma.Sql {
  const conds: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.kind) conds.push(Prisma.sql`o.kind = ${q.kind}::"OrganisationKind"`);
  if (q.at) conds.push(Prisma.sql`in_force_on(o.valid_from, o.valid_to, period_last_day(${q.at}))`);
  else if (q.status === "dissolved") conds.push(Prisma.sql`o.valid_to IS NOT NULL AND o.valid_to <= ${todayInVietnam(now)}::date`);
  else if (q.status !== "all") conds.push(Prisma.sql`in_force_on(o.valid_from, o.valid_to, ${todayInVietnam(now)}::date)`);
  return Prisma.join(conds, " AND ");
}

const ORDER = Prisma.sql`ORDER BY o.kind, o.name_vi, o.id`;

/**
 * Organisations (any signed-in user), ministries and provinces first, then by name: those in force today unless the
 * query says `at=YYYY-Qn` or `status=all`. Every match, for the screens' pickers and name maps.
 */
export async function listOrganisations(_actor: Actor, query: unknown = {}, now: Date = new Date()): Promise<OrganisationDto[]> {
  const q = parseOrThrow(organisationListQuery, query);
  const rows = await prisma.$queryRaw<OrgRow[]>`SELECT ${COLUMNS} FROM organisations o WHERE ${listWhere(q, now)} ${ORDER}`;
  return rows.map(toDto);
}

/** GET /api/v1/organisations: the same list, paged (spec/api.md lists). */
export async function listOrganisationsPage(_actor: Actor, query: unknown = {}, now: Date = new Date()) {
  const q = parseOrThrow(organisationListQuery, query);
  const where = listWhere(q, now);
  const [rows, count] = await Promise.all([
    prisma.$queryRaw<OrgRow[]>`SELECT ${COLUMNS} FROM organisations o WHERE ${where} ${ORDER} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM organisations o WHERE ${where}`,
  ]);
  return { data: rows.map(toDto), page: q.page, pageSize: q.pageSize, total: count[0]?.n ?? 0 };
}

export async function getOrganisation(_actor: Actor, id: string): Promise<OrganisationDto> {
  const rows = isId(id) ? await prisma.$queryRaw<OrgRow[]>`SELECT ${COLUMNS} FROM organisations o WHERE o.id = ${id}::uuid` : [];
  if (!rows[0]) throw new NotFoundError("Organisation");
  return toDto(rows[0]);
}

async function loadInTx(tx: Tx, id: string): Promise<OrganisationDto> {
  const rows = await tx.$queryRaw<OrgRow[]>`SELECT ${COLUMNS} FROM organisations o WHERE o.id = ${id}::uuid`;
  return toDto(rows[0]);
}

/**
 * What of the body would fall outside a validity starting on `validFrom`: its reports of earlier quarters, KPI values
 * of earlier quarters and initiatives created earlier — those it received from a predecessor in a restructuring
 * excepted (they carry their own past).
 */
async function outsideValidity(tx: Tx, id: string, validFrom: string): Promise<ErrorDetail[]> {
  const [r] = await tx.$queryRaw<{ reports: number; values: number; initiatives: number }[]>`
    WITH own AS (SELECT i.id, i.created_at FROM initiatives i WHERE i.organisation_id = ${id}::uuid
                  AND NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.entity_type = 'Initiative' AND a.entity_id = i.id::text
                                   AND a.action = 'restructure' AND a.organisation_id = ${id}::uuid))
    SELECT (SELECT count(*)::int FROM metric_reports m WHERE m.organisation_id = ${id}::uuid AND period_last_day(m.period) < ${validFrom}::date) AS reports,
           (SELECT count(*)::int FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id JOIN own ON own.id = k.initiative_id
             WHERE period_last_day(v.period) < ${validFrom}::date) AS values,
           (SELECT count(*)::int FROM own WHERE (own.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < ${validFrom}::date) AS initiatives`;
  const out: ErrorDetail[] = [];
  if (r.reports) out.push({ path: "validFrom", message: `${r.reports} metric report(s) of the body are for quarters before this date`, code: "records_before_valid_from", params: { kind: "reports", count: r.reports } });
  if (r.values) out.push({ path: "validFrom", message: `${r.values} KPI value(s) of its initiatives are for quarters before this date`, code: "records_before_valid_from", params: { kind: "values", count: r.values } });
  if (r.initiatives) out.push({ path: "validFrom", message: `${r.initiatives} of its initiatives were created before this date`, code: "records_before_valid_from", params: { kind: "initiatives", count: r.initiatives } });
  return out;
}

async function checkParent(tx: { organisation: typeof prisma.organisation }, kind: OrganisationKind, parentId: string | null, selfId?: string) {
  if (kind === "AGENCY") {
    if (!parentId) throw new ValidationError([{ path: "parentId", message: "an agency belongs to a ministry or province", code: "agency_needs_parent" }]);
    const parent = await tx.organisation.findUnique({ where: { id: parentId }, select: { kind: true } });
    if (!parent) throw new ValidationError([{ path: "parentId", message: "no such organisation", code: "no_such_organisation" }]);
    if (parent.kind === "AGENCY" || parentId === selfId) throw new ValidationError([{ path: "parentId", message: "the parent must be a ministry or province", code: "parent_not_ministry_or_province" }]);
  } else if (parentId) {
    throw new ValidationError([{ path: "parentId", message: "only an agency has a parent", code: "only_agency_has_parent" }]);
  }
}

/** Creates an organisation (ADMIN). */
export async function createOrganisation(actor: Actor, input: unknown): Promise<OrganisationDto> {
  if (!can(actor, "organisation.manage")) throw new ForbiddenError();
  const data = parseOrThrow(organisationCreateInput, input);
  try {
    return await transaction(async (tx) => {
      await checkParent(tx, data.kind, data.parentId);
      const { validFrom, ...rest } = data;
      const created = await tx.organisation.create({ data: { ...rest, validFrom: validFrom ? new Date(`${validFrom}T00:00:00Z`) : null }, select: { id: true } });
      const org = await loadInTx(tx, created.id);
      await audit(tx, actor, { action: "create", entityType: "Organisation", entityId: org.id, organisationId: org.id, changes: createdFields({ ...org }, FIELDS) });
      return org;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("code", "This organisation code is already taken");
    throw err;
  }
}

/** Updates an organisation (ADMIN), checking its version. */
export async function updateOrganisation(actor: Actor, id: string, input: unknown): Promise<OrganisationDto> {
  if (!can(actor, "organisation.manage")) throw new ForbiddenError();
  const { version, ...patch } = parseOrThrow(organisationUpdateInput, input);
  if (!isId(id)) throw new NotFoundError("Organisation");
  try {
    return await transaction(async (tx) => {
      const found = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM organisations WHERE id = ${id}::uuid FOR UPDATE`;
      if (!found.length) throw new NotFoundError("Organisation");
      const before = await loadInTx(tx, id);
      if (before.version !== version) throw new VersionConflictError(before.version);
      const { validFrom, ...fields } = patch;
      if (validFrom !== undefined && validFrom !== before.validFrom) {
        if (validFrom !== null && before.validTo !== null && validFrom >= before.validTo) {
          throw new ValidationError([{ path: "validFrom", message: `must be before the day the body was dissolved (${before.validTo})`, code: "valid_from_after_dissolution", params: { validTo: String(before.validTo) } }]);
        }
        const problems = validFrom === null ? [] : await outsideValidity(tx, id, validFrom);
        if (problems.length) throw new ValidationError(problems);
      }
      const kind = patch.kind ?? before.kind;
      const parentId = patch.parentId === undefined ? before.parentId : patch.parentId;
      await checkParent(tx, kind, parentId, id);
      if (kind === "AGENCY" && (await tx.organisation.count({ where: { parentId: id } })) > 0) {
        throw new ValidationError([{ path: "kind", message: "an organisation with agencies cannot become an agency", code: "has_agencies" }]);
      }
      const updated = await tx.organisation.updateMany({
        where: { id, version },
        data: {
          ...fields,
          kind,
          parentId,
          ...(validFrom !== undefined ? { validFrom: validFrom ? new Date(`${validFrom}T00:00:00Z`) : null } : {}),
          version: { increment: 1 },
        },
      });
      if (updated.count !== 1) throw new VersionConflictError((await tx.organisation.findUniqueOrThrow({ where: { id } })).version);
      const after = await loadInTx(tx, id);
      await audit(tx, actor, { action: "update", entityType: "Organisation", entityId: id, organisationId: id, changes: diffFields({ ...before }, { ...after }, FIELDS) });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("code", "This organisation code is already taken");
    throw err;
  }
}

/** The display name of an organisation in the chosen language (for headers and labels). */
export async function getOrganisationName(id: string, locale: "vi" | "en"): Promise<string | null> {
  const org = isId(id) ? await prisma.organisation.findUnique({ where: { id }, select: { nameVi: true, nameEn: true } }) : null;
  return org ? (locale === "vi" ? org.nameVi : org.nameEn) : null;
}
