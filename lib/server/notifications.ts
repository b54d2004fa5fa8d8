import "server-only";
import { prisma } from "./db";
import { transaction, type Tx } from "./tx";
import { audit } from "./audit";
import { NotFoundError } from "./errors";
import type { Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow } from "@/lib/validation/common";
import { MAIL_PREFERENCES, mailPreferenceInput, notificationListQuery, type MailPreference } from "@/lib/validation/notifications";
import { isLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config";
import { renderNotification } from "./notification-text";
import type { NotificationDto } from "@/lib/dto/notifications";

const select = { id: true, kind: true, params: true, link: true, createdAt: true, readAt: true } as const;
type Row = { id: string; kind: string; params: unknown; link: string; createdAt: Date; readAt: Date | null };

function toDto(r: Row, locale: Locale): NotificationDto {
  const { title, body } = renderNotification(locale, r.kind, (r.params ?? {}) as Record<string, unknown>);
  return { id: r.id, kind: r.kind, title, body, link: r.link, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null };
}

/** The language a notification is rendered in: the one asked for (the page's), else the one saved on the account. */
async function localeOf(actor: Actor, asked?: Locale): Promise<Locale> {
  if (asked) return asked;
  const u = await prisma.user.findUnique({ where: { id: actor.id }, select: { locale: true } });
  return isLocale(u?.locale) ? u.locale : DEFAULT_LOCALE;
}

/** The caller's own notifications, newest first, paged; `unread=true` the unread ones only. */
export async function listNotifications(actor: Actor, query: unknown = {}, locale?: Locale) {
  const q = parseOrThrow(notificationListQuery, query);
  const where = { userId: actor.id, ...(q.unread ? { readAt: null } : {}) };
  const [rows, total, lang] = await Promise.all([
    prisma.notification.findMany({ where, select, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    prisma.notification.count({ where }),
    localeOf(actor, locale),
  ]);
  return { data: rows.map((r) => toDto(r, lang)), page: q.page, pageSize: q.pageSize, total };
}

/** How many of the caller's notifications are unread (the bell). */
export async function unreadCount(actor: Actor): Promise<number> {
  return prisma.notification.count({ where: { userId: actor.id, readAt: null } });
}

/** Marks one of the caller's notifications read (again: it keeps its first readAt); another person's answers 404. */
export async function markNotificationRead(actor: Actor, id: string, locale?: Locale): Promise<NotificationDto> {
  if (!isId(id)) throw new NotFoundError("Notification");
  await prisma.notification.updateMany({ where: { id, userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  const r = await prisma.notification.findFirst({ where: { id, userId: actor.id }, select });
  if (!r) throw new NotFoundError("Notification");
  return toDto(r, await localeOf(actor, locale));
}

/** Marks every unread notification of the caller read. */
export async function markAllNotificationsRead(actor: Actor): Promise<{ updated: number }> {
  const r = await prisma.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  return { updated: r.count };
}

// ---------------------------------------------------------------------------------------------------------------
// Writers: called inside the transaction of their event, so a notification exists exactly when its event committed.

/**
 * A reviewed report (REJECTED or APPROVED): one notification to every active officer of the report's organisation,
 * or of the ministry/province it belongs to (their scope includes its agencies), naming the metric, the quarter and
 * the reviewer's comment.
 */
export async function notifyReportReviewed(tx: Tx, reportId: string, reviewer: { name: string }, outcome: "REJECTED" | "APPROVED"): Promise<number> {
  const kind = outcome === "REJECTED" ? "REPORT_REJECTED" : "REPORT_APPROVED";
  return tx.$executeRaw`
    INSERT INTO notifications (user_id, kind, params, link)
    SELECT u.id, ${kind},
           jsonb_build_object('reportId', r.id::text, 'organisationId', r.organisation_id::text, 'period', r.period, 'metric', r.metric_code,
                              'metricVi', m.name_vi, 'metricEn', m.name_en, 'organisationVi', o.name_vi, 'organisationEn', o.name_en,
                              'reviewer', ${reviewer.name}::text, 'comment', r.review_comment),
           '/reports?organisationId=' || r.organisation_id::text || '&period=' || r.period || '#metric-' || r.metric_code
      FROM metric_reports r
      JOIN metrics m ON m.code = r.metric_code
      JOIN organisations o ON o.id = r.organisation_id
      JOIN users u ON u.role = 'OFFICER' AND u.active AND (u.organisation_id = r.organisation_id OR u.organisation_id = o.parent_id)
     WHERE r.id = ${reportId}::uuid`;
}

/**
 * A submitted report: leadership gets one unread notification per organisation and quarter, whose count and list of
 * metrics grow with each further submission (the partial unique index on (user_id, group_key) of unread rows).
 */
export async function notifyReportSubmitted(tx: Tx, reportId: string): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO notifications AS n (user_id, kind, params, link, group_key)
    SELECT u.id, 'REPORTS_SUBMITTED',
           jsonb_build_object('organisationId', r.organisation_id::text, 'period', r.period, 'organisationVi', o.name_vi, 'organisationEn', o.name_en,
                              'count', 1, 'metrics', jsonb_build_array(jsonb_build_object('code', r.metric_code, 'vi', m.name_vi, 'en', m.name_en))),
           '/review?organisationId=' || r.organisation_id::text || '&period=' || r.period,
           'REPORTS_SUBMITTED:' || r.organisation_id::text || ':' || r.period
      FROM metric_reports r
      JOIN metrics m ON m.code = r.metric_code
      JOIN organisations o ON o.id = r.organisation_id
      JOIN users u ON u.role = 'LEADERSHIP' AND u.active
     WHERE r.id = ${reportId}::uuid
    ON CONFLICT (user_id, group_key) WHERE read_at IS NULL DO UPDATE
       SET params = n.params || jsonb_build_object('count', (n.params->>'count')::int + 1, 'metrics', (n.params->'metrics') || (EXCLUDED.params->'metrics')),
           created_at = now()`;
}

/** An admin reset this person's password: they hear of it in the app and by mail whatever their preference. */
export async function notifyPasswordReset(tx: Tx, userId: string, at: Date = new Date()): Promise<void> {
  await tx.notification.create({ data: { userId, kind: "PASSWORD_RESET", params: { at: at.toISOString() }, link: "/profile" } });
}

/** The caller's choice of e-mail for notifications. */
export async function getMailPreference(actor: Actor): Promise<{ mailPreference: MailPreference }> {
  const u = await prisma.user.findUnique({ where: { id: actor.id }, select: { mailPreference: true } });
  if (!u) throw new NotFoundError("User");
  return { mailPreference: (MAIL_PREFERENCES as readonly string[]).includes(u.mailPreference) ? (u.mailPreference as MailPreference) : "IMMEDIATE" };
}

/** Sets the caller's choice (IMMEDIATE, DIGEST or OFF), audited. */
export async function setMailPreference(actor: Actor, input: unknown): Promise<{ mailPreference: MailPreference }> {
  const { mailPreference } = parseOrThrow(mailPreferenceInput, input);
  return transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: actor.id }, select: { mailPreference: true, organisationId: true } });
    if (!before) throw new NotFoundError("User");
    if (before.mailPreference !== mailPreference) {
      await tx.user.update({ where: { id: actor.id }, data: { mailPreference } });
      await audit(tx, actor, { action: "update", entityType: "User", entityId: actor.id, organisationId: before.organisationId, changes: { mailPreference: { from: before.mailPreference, to: mailPreference } } });
    }
    return { mailPreference };
  });
}
