import "server-only";
import { prisma } from "./db";
import { transaction } from "./tx";
import { audit, createdFields, diffFields } from "./audit";
import { DuplicateError, ForbiddenError, NotFoundError, ValidationError, VersionConflictError, isUniqueViolation } from "./errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow } from "@/lib/validation/common";
import { organisationCreateInput, organisationListQuery, organisationUpdateInput } from "@/lib/validation/organisations";
import type { OrganisationKind } from "@/lib/domain/codes";

export interface OrganisationDto {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  parentId: string | null;
  version: number;
}

const select = { id: true, code: true, nameVi: true, nameEn: true, kind: true, parentId: true, version: true } as const;
const FIELDS = ["code", "nameVi", "nameEn", "kind", "parentId"];

/** Every organisation (any signed-in user), ministries and provinces first, then by name. */
export async function listOrganisations(_actor: Actor, query: unknown = {}): Promise<OrganisationDto[]> {
  const q = parseOrThrow(organisationListQuery, query);
  return prisma.organisation.findMany({ where: q.kind ? { kind: q.kind } : {}, select, orderBy: [{ kind: "asc" }, { nameVi: "asc" }] });
}

export async function getOrganisation(_actor: Actor, id: string): Promise<OrganisationDto> {
  const org = isId(id) ? await prisma.organisation.findUnique({ where: { id }, select }) : null;
  if (!org) throw new NotFoundError("Organisation");
  return org;
}

async function checkParent(tx: { organisation: typeof prisma.organisation }, kind: OrganisationKind, parentId: string | null, selfId?: string) {
  if (kind === "AGENCY") {
    if (!parentId) throw new ValidationError([{ path: "parentId", message: "an agency belongs to a ministry or province" }]);
    const parent = await tx.organisation.findUnique({ where: { id: parentId }, select: { kind: true } });
    if (!parent) throw new ValidationError([{ path: "parentId", message: "no such organisation" }]);
    if (parent.kind === "AGENCY" || parentId === selfId) throw new ValidationError([{ path: "parentId", message: "the parent must be a ministry or province" }]);
  } else if (parentId) {
    throw new ValidationError([{ path: "parentId", message: "only an agency has a parent" }]);
  }
}

/** Creates an organisation (ADMIN). */
export async function createOrganisation(actor: Actor, input: unknown): Promise<OrganisationDto> {
  if (!can(actor, "organisation.manage")) throw new ForbiddenError();
  const data = parseOrThrow(organisationCreateInput, input);
  try {
    return await transaction(async (tx) => {
      await checkParent(tx, data.kind, data.parentId);
      const org = await tx.organisation.create({ data, select });
      await audit(tx, actor, { action: "create", entityType: "Organisation", entityId: org.id, organisationId: org.id, changes: createdFields(org, FIELDS) });
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
      const before = await tx.organisation.findUnique({ where: { id }, select });
      if (!before) throw new NotFoundError("Organisation");
      if (before.version !== version) throw new VersionConflictError(before.version);
      const kind = patch.kind ?? before.kind;
      const parentId = patch.parentId === undefined ? before.parentId : patch.parentId;
      await checkParent(tx, kind, parentId, id);
      if (kind === "AGENCY" && (await tx.organisation.count({ where: { parentId: id } })) > 0) {
        throw new ValidationError([{ path: "kind", message: "an organisation with agencies cannot become an agency" }]);
      }
      const updated = await tx.organisation.updateMany({
        where: { id, version },
        data: { ...patch, kind, parentId, version: { increment: 1 } },
      });
      if (updated.count !== 1) throw new VersionConflictError((await tx.organisation.findUniqueOrThrow({ where: { id } })).version);
      const after = await tx.organisation.findUniqueOrThrow({ where: { id }, select });
      await audit(tx, actor, { action: "update", entityType: "Organisation", entityId: id, organisationId: id, changes: diffFields(before, after, FIELDS) });
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
