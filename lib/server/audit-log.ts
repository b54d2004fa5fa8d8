import "server-only";
import { z } from "zod";
import { prisma } from "./db";
import type { Changes } from "./audit";
import { ForbiddenError } from "./errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { isoDate, pageQuery, parseOrThrow, uuid } from "@/lib/validation/common";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The entity types and actions lib/server writes (the screen offers these; the API accepts any well-formed word). */
export const AUDIT_ENTITY_TYPES = ["Initiative", "MetricReport", "Kpi", "User", "Organisation", "ApiToken", "Session", "MaturityThresholds", "NationalTargets"] as const;
export const AUDIT_ACTIONS = [
  "create",
  "update",
  "archive",
  "delete",
  "submit",
  "approve",
  "reject",
  "create-value",
  "update-value",
  "delete-value",
  "login",
  "login_failed",
  "logout",
  "password_change",
  "revoke",
] as const;

const blankIsAbsent = (v: unknown) => (v === "" ? undefined : v);
const word = z.string().regex(/^[A-Za-z][A-Za-z_-]{0,39}$/, "letters, - and _ only, at most 40");

export const auditListQuery = z
  .strictObject({
    ...pageQuery,
    entityType: z.preprocess(blankIsAbsent, word.optional()),
    entityId: z.preprocess(blankIsAbsent, z.string().max(64, "at most 64 characters").optional()),
    actorId: z.preprocess(blankIsAbsent, uuid.optional()),
    actorEmail: z.preprocess(blankIsAbsent, z.string().trim().max(254, "at most 254 characters").optional()),
    organisationId: z.preprocess(blankIsAbsent, uuid.optional()),
    action: z.preprocess(blankIsAbsent, word.optional()),
    from: z.preprocess(blankIsAbsent, isoDate.optional()),
    to: z.preprocess(blankIsAbsent, isoDate.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
  });
export type AuditListQuery = z.infer<typeof auditListQuery>;

export interface AuditEntryDto {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  organisationId: string | null;
  changes: Changes;
}

// People read dates in Vietnam's time zone (the UI shows times there), so a day runs from 00:00 +07:00.
const DAY_MS = 24 * 60 * 60 * 1000;
const startOfDay = (d: string) => new Date(`${d}T00:00:00+07:00`);

/**
 * The audit log, newest first and paged (spec/api.md "Audit"). LEADERSHIP and ADMIN read every entry; an OFFICER reads
 * the entries of their own organisation and its agencies only (other filters narrow that, never widen it). Every filter
 * maps to an index of audit_entries: (organisation_id, id), (actor_id, id), (entity_type, entity_id, id), (at).
 */
export async function listAuditEntries(actor: Actor, query: unknown) {
  if (!can(actor, "audit.read")) throw new ForbiddenError();
  const q = parseOrThrow(auditListQuery, query);
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (actor.role === "OFFICER") and.push({ organisationId: { in: actor.scope } });
  if (q.organisationId) and.push({ organisationId: q.organisationId });
  if (q.entityType) and.push({ entityType: q.entityType });
  if (q.entityId) and.push({ entityId: q.entityId });
  if (q.actorId) and.push({ actorId: q.actorId });
  if (q.action) and.push({ action: q.action });
  if (q.from) and.push({ at: { gte: startOfDay(q.from) } });
  if (q.to) and.push({ at: { lt: new Date(startOfDay(q.to).getTime() + DAY_MS) } });
  if (q.actorEmail) {
    // accounts are few: resolve the email to ids (a unique index) and filter on actor_id; failed sign-ins of unknown
    // emails carry no actor id, so the stored email is matched as well
    const needle = q.actorEmail.toLowerCase();
    const users = await prisma.user.findMany({ where: { email: { contains: needle } }, select: { id: true }, take: 500 });
    and.push({ OR: [{ actorId: { in: users.map((u) => u.id) } }, { actorId: null, actorEmail: { contains: needle } }] });
  }
  const where: Prisma.AuditEntryWhereInput = and.length ? { AND: and } : {};
  const [rows, total] = await Promise.all([
    prisma.auditEntry.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true, at: true, actorId: true, actorEmail: true, action: true, entityType: true, entityId: true, organisationId: true, changes: true },
    }),
    prisma.auditEntry.count({ where }),
  ]);
  const data: AuditEntryDto[] = rows.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: r.actorId || r.actorEmail ? { id: r.actorId, email: r.actorEmail } : null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    organisationId: r.organisationId,
    changes: (r.changes ?? {}) as Changes,
  }));
  return { data, page: q.page, pageSize: q.pageSize, total };
}
