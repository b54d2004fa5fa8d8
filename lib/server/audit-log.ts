import "server-only";
import { prisma } from "./db";
import type { Changes } from "./audit";
import { ForbiddenError } from "./errors";
import { can, ruleFor, type Actor } from "@/lib/auth/permissions";
import { parseOrThrow } from "@/lib/validation/common";
import { auditListQuery } from "@/lib/validation/audit";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AuditEntryDto } from "@/lib/dto/audit";

/** The entity types and actions lib/server writes (the screen offers these; the API accepts any well-formed word). */
export const AUDIT_ENTITY_TYPES = ["Initiative", "MetricReport", "Kpi", "User", "Organisation", "ApiToken", "Session", "MaturityThresholds", "NationalTargets", "Restructuring"] as const;
export const AUDIT_ACTIONS = [
  "create",
  "update",
  "archive",
  "restore",
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
  "restructure",
] as const;



// People read dates in Vietnam's time zone (the UI shows times there), so a day runs from 00:00 +07:00.
const DAY_MS = 24 * 60 * 60 * 1000;
const startOfDay = (d: string) => new Date(`${d}T00:00:00+07:00`);

/**
 * Entries about a metric report show only to those who may read that report now (spec/api.md "Audit"): its CURRENT
 * status and organisation decide, exactly as `canSee` of lib/server/reports.ts, so a draft's figures and notes never
 * reach LEADERSHIP or another organisation through the log. A report that no longer exists shows to nobody but those
 * who read every report. Null when the actor reads every report (ADMIN).
 */
function reportVisibilitySql(actor: Actor): Prisma.Sql | null {
  const rule = ruleFor(actor.role, "report.readUnapproved");
  if (rule === "any") return null;
  const own = rule === "own" && actor.scope.length ? Prisma.sql` OR m.organisation_id = ANY(${actor.scope}::uuid[])` : Prisma.empty;
  // entity ids are free text (a threshold entry's is "1"): only a UUID is looked up, so the cast never fails
  return Prisma.sql`(a.entity_type <> 'MetricReport' OR EXISTS (
      SELECT 1 FROM metric_reports m
       WHERE m.id = CASE WHEN a.entity_id ~* ${UUID_SQL_RE} THEN a.entity_id::uuid END
         AND (m.status IN ('SUBMITTED', 'APPROVED')${own})))`;
}
const UUID_SQL_RE = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

const likeEscape = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The audit log, newest first and paged (spec/api.md "Audit"). LEADERSHIP and ADMIN read every entry; an OFFICER reads
 * the entries of their own organisation and its agencies only (other filters narrow that, never widen it); entries
 * about a report follow the report's own visibility. Every filter maps to an index of audit_entries:
 * (organisation_id, id), (actor_id, id), (entity_type, entity_id, id), (at). One WHERE serves the page and the count,
 * in SQL, so paging stays exact.
 */
export async function listAuditEntries(actor: Actor, query: unknown) {
  if (!can(actor, "audit.read")) throw new ForbiddenError();
  const q = parseOrThrow(auditListQuery, query);
  const and: Prisma.Sql[] = [];
  if (actor.role === "OFFICER") and.push(Prisma.sql`a.organisation_id = ANY(${actor.scope}::uuid[])`);
  if (q.organisationId) and.push(Prisma.sql`a.organisation_id = ${q.organisationId}::uuid`);
  if (q.entityType) and.push(Prisma.sql`a.entity_type = ${q.entityType}`);
  if (q.entityId) and.push(Prisma.sql`a.entity_id = ${q.entityId}`);
  if (q.actorId) and.push(Prisma.sql`a.actor_id = ${q.actorId}::uuid`);
  if (q.action) and.push(Prisma.sql`a.action = ${q.action}`);
  if (q.from) and.push(Prisma.sql`a.at >= ${startOfDay(q.from)}`);
  if (q.to) and.push(Prisma.sql`a.at < ${new Date(startOfDay(q.to).getTime() + DAY_MS)}`);
  if (q.actorEmail) {
    // accounts are few: resolve the email to ids (a unique index) and filter on actor_id; failed sign-ins of unknown
    // emails carry no actor id, so the stored email is matched as well
    const needle = q.actorEmail.toLowerCase();
    const users = await prisma.user.findMany({ where: { email: { contains: needle } }, select: { id: true }, take: 500 });
    and.push(
      Prisma.sql`(a.actor_id = ANY(${users.map((u) => u.id)}::uuid[]) OR (a.actor_id IS NULL AND a.actor_email LIKE ${`%${likeEscape(needle)}%`}))`,
    );
  }
  const visible = reportVisibilitySql(actor);
  if (visible) and.push(visible);
  const where = and.length ? Prisma.sql`WHERE ${Prisma.join(and, " AND ")}` : Prisma.empty;
  type Row = {
    id: bigint;
    at: Date;
    actorId: string | null;
    actorEmail: string | null;
    action: string;
    entityType: string;
    entityId: string | null;
    organisationId: string | null;
    changes: unknown;
  };
  const [rows, count] = await Promise.all([
    prisma.$queryRaw<Row[]>`
      SELECT a.id, a.at, a.actor_id::text AS "actorId", a.actor_email AS "actorEmail", a.action, a.entity_type AS "entityType",
             a.entity_id AS "entityId", a.organisation_id::text AS "organisationId", a.changes
        FROM audit_entries a ${where}
       ORDER BY a.id DESC
       LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_entries a ${where}`,
  ]);
  const data: AuditEntryDto[] = rows.map((r) => ({
    id: r.id.toString(),
    at: new Date(r.at).toISOString(),
    actor: r.actorId || r.actorEmail ? { id: r.actorId, email: r.actorEmail } : null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    organisationId: r.organisationId,
    changes: (r.changes ?? {}) as Changes,
  }));
  return { data, page: q.page, pageSize: q.pageSize, total: count[0]?.n ?? 0 };
}
