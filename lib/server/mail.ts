import "server-only";
import nodemailer from "nodemailer";
import { prisma } from "./db";
import { transaction, type Tx } from "./tx";
import { ForbiddenError, NotFoundError } from "./errors";
import { logger } from "./logger";
import { can, type Actor } from "@/lib/auth/permissions";
import { mailSettings } from "@/lib/env";
import { isId, pageQuery, parseOrThrow } from "@/lib/validation/common";
import { z } from "zod";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/config";
import { renderNotification, translator } from "./notification-text";
import { todayInVietnam } from "@/lib/domain/validity";

/**
 * Mail (issue 18) is an outbox: every mail is a row of outbox_mails written in the transaction of whatever caused it
 * (a forgotten-password request, the mail job's pass over new notifications), then sent over SMTP by the delivery job
 * when SMTP_URL is set, with retries and back-off. Without SMTP_URL the rows stay, readable by admins at
 * /admin/outbox: the demo needs no mail server and nothing is lost. A unique dedupe key makes each mail exactly once.
 */

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A mail of one or more items (a notification, or a day's digest), in the recipient's language (Vietnamese by default). */
export function renderMail(locale: Locale, name: string, subject: string, intro: string | null, items: { title: string; body: string; link: string }[], action?: string): Mail {
  const t = translator(locale);
  const { baseUrl } = mailSettings();
  const url = (link: string) => (/^https?:\/\//.test(link) ? link : `${baseUrl}${link}`);
  const label = action ?? t("mail.openLink");
  const text = [
    t("mail.greeting", { name }),
    "",
    ...(intro ? [intro, ""] : []),
    ...items.flatMap((i) => [i.title, i.body, `${label}: ${url(i.link)}`, ""]),
    "—",
    t("mail.footer"),
  ].join("\n");
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9;font-family:Arial,Helvetica,sans-serif;color:#0f172a">
<div style="max-width:600px;margin:0 auto;padding:24px 16px">
<div style="background:#1e3a8a;color:#ffffff;padding:12px 16px;border-radius:8px 8px 0 0;font-weight:bold">${esc(t("mail.brand"))}</div>
<div style="background:#ffffff;padding:16px;border:1px solid #e2e8f0;border-top:0;border-radius:0 0 8px 8px">
<p style="margin:0 0 12px">${esc(t("mail.greeting", { name }))}</p>
${intro ? `<p style="margin:0 0 12px">${esc(intro)}</p>` : ""}
${items
  .map(
    (i) => `<div style="margin:0 0 16px;padding:12px;border-left:4px solid #1e40af;background:#eef6ff">
<p style="margin:0 0 6px;font-weight:bold;font-size:16px">${esc(i.title)}</p>
<p style="margin:0 0 10px;line-height:1.5">${esc(i.body)}</p>
<a href="${esc(url(i.link))}" style="display:inline-block;background:#1e40af;color:#ffffff;text-decoration:none;padding:8px 14px;border-radius:6px;font-weight:bold">${esc(label)}</a>
</div>`,
  )
  .join("\n")}
<p style="margin:16px 0 0;font-size:12px;color:#334155">${esc(t("mail.footer"))}</p>
</div></div></body></html>`;
  return { subject, text, html };
}

/** Writes one mail to the outbox in the caller's transaction; false when its dedupe key was already used. */
export async function queueMail(db: Tx, m: Mail & { userId: string | null; to: string; kind: string; dedupeKey: string | null }): Promise<boolean> {
  const n = await db.$executeRaw`
    INSERT INTO outbox_mails (user_id, to_address, subject, text, html, kind, dedupe_key)
    VALUES (${m.userId}::uuid, ${m.to}, ${m.subject.slice(0, 300)}, ${m.text}, ${m.html}, ${m.kind}, ${m.dedupeKey})
    ON CONFLICT (dedupe_key) DO NOTHING`;
  return n === 1;
}

const localeOf = (l: string | null): Locale => (isLocale(l) ? l : DEFAULT_LOCALE);

interface Pending {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  link: string;
  user_id: string;
  email: string;
  name: string;
  locale: string | null;
  pref: string;
  active: boolean;
}

/**
 * The mail job's pass over new notifications: IMMEDIATE → one mail each; OFF → nothing; DIGEST → left for the
 * day's digest. A password reset by an admin is always mailed. Rows are claimed FOR UPDATE SKIP LOCKED and each mail
 * has the dedupe key notification:<id>, so two workers running this at once mail each notification once. A grouped
 * notification (REPORTS_SUBMITTED) waits two minutes after its last change, so "submit all" makes one mail.
 */
export async function dispatchNotificationMails(now: Date = new Date(), limit = 200): Promise<number> {
  return transaction(async (tx) => {
    const rows = await tx.$queryRaw<Pending[]>`
      SELECT n.id::text AS id, n.kind, n.params, n.link, u.id::text AS user_id, u.email, u.name, u.locale, u.mail_preference AS pref, u.active
        FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE n.mailed_at IS NULL AND (u.mail_preference <> 'DIGEST' OR n.kind = 'PASSWORD_RESET')
         AND (n.group_key IS NULL OR n.created_at <= ${now}::timestamptz - interval '2 minutes')
       ORDER BY n.created_at, n.id
       LIMIT ${limit}
         FOR UPDATE OF n SKIP LOCKED`;
    let queued = 0;
    for (const r of rows) {
      if (!r.active || (r.pref === "OFF" && r.kind !== "PASSWORD_RESET")) continue;
      const locale = localeOf(r.locale);
      const item = { ...renderNotification(locale, r.kind, r.params), link: r.link };
      const mail = renderMail(locale, r.name, item.title, null, [item]);
      if (await queueMail(tx, { ...mail, userId: r.user_id, to: r.email, kind: r.kind, dedupeKey: `notification:${r.id}` })) queued++;
    }
    if (rows.length) await tx.$executeRaw`UPDATE notifications SET mailed_at = ${now}::timestamptz WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])`;
    return queued;
  });
}

/**
 * The daily digest of DIGEST users: one mail per person and day (Asia/Ho_Chi_Minh) with every notification not yet
 * mailed; run at any hour, the dedupe key digest:<user>:<date> keeps it to one a day (later ones wait for tomorrow).
 */
export async function sendDigests(now: Date = new Date()): Promise<number> {
  const date = todayInVietnam(now);
  return transaction(async (tx) => {
    const rows = await tx.$queryRaw<Pending[]>`
      SELECT n.id::text AS id, n.kind, n.params, n.link, u.id::text AS user_id, u.email, u.name, u.locale, u.mail_preference AS pref, u.active
        FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE n.mailed_at IS NULL AND u.mail_preference = 'DIGEST' AND u.active
       ORDER BY u.id, n.created_at, n.id
         FOR UPDATE OF n SKIP LOCKED`;
    const byUser = new Map<string, Pending[]>();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
    let sent = 0;
    for (const [userId, list] of byUser) {
      const u = list[0];
      const locale = localeOf(u.locale);
      const t = translator(locale);
      const items = list.map((r) => ({ ...renderNotification(locale, r.kind, r.params), link: r.link }));
      const mail = renderMail(locale, u.name, t("mail.digestSubject", { date: date.split("-").reverse().join("/") }), t("mail.digestIntro"), items);
      if (await queueMail(tx, { ...mail, userId, to: u.email, kind: "DIGEST", dedupeKey: `digest:${userId}:${date}` })) {
        sent++;
        await tx.$executeRaw`UPDATE notifications SET mailed_at = ${now}::timestamptz WHERE id = ANY(${list.map((r) => r.id)}::uuid[])`;
      }
    }
    return sent;
  });
}

type Transport = { sendMail: (m: { from: string; to: string; subject: string; text: string; html: string }) => Promise<unknown> };
let cachedTransport: { url: string; t: Transport } | undefined;
function transportFor(url: string): Transport {
  if (cachedTransport?.url !== url) cachedTransport = { url, t: nodemailer.createTransport(url) };
  return cachedTransport.t;
}

/** Back-off after the n-th failed attempt: 1, 2, 4 … minutes, at most 6 hours. */
export const retryDelayMs = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1), 360) * 60_000;

/**
 * Sends due mails over SMTP (nothing without SMTP_URL: they stay in the outbox). Each batch is claimed FOR UPDATE
 * SKIP LOCKED, so two workers never send one mail twice; a failure counts an attempt and backs off. A mail due while
 * the database or the mail server was down goes out on the first pass after it is back.
 */
export async function deliverOutbox(now: Date = new Date(), limit = 20): Promise<{ sent: number; failed: number }> {
  const { smtpUrl, from } = mailSettings();
  if (!smtpUrl) return { sent: 0, failed: 0 };
  const transport = transportFor(smtpUrl);
  return transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; to_address: string; subject: string; text: string; html: string; attempts: number }[]>`
      SELECT id::text AS id, to_address, subject, text, html, attempts FROM outbox_mails
       WHERE sent_at IS NULL AND next_attempt_at <= ${now}::timestamptz
       ORDER BY next_attempt_at, created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    let sent = 0;
    let failed = 0;
    for (const r of rows) {
      try {
        await transport.sendMail({ from, to: r.to_address, subject: r.subject, text: r.text, html: r.html });
        await tx.$executeRaw`UPDATE outbox_mails SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ${r.id}::uuid`;
        sent++;
      } catch (err) {
        failed++;
        const next = new Date(now.getTime() + retryDelayMs(r.attempts + 1));
        await tx.$executeRaw`UPDATE outbox_mails SET attempts = attempts + 1, next_attempt_at = ${next}::timestamptz, last_error = ${String((err as Error).message ?? err).slice(0, 1000)} WHERE id = ${r.id}::uuid`;
        logger.warn({ err, mail: r.id }, "mail not sent; will retry");
      }
    }
    return { sent, failed };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The outbox as admins read it.

export interface OutboxItem {
  id: string;
  to: string;
  subject: string;
  kind: string;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

const outboxQuery = z.strictObject({ ...pageQuery, to: z.string().max(254).optional() });

/** The outbox, newest first (ADMIN). `to` filters on the recipient (part of the address). */
export async function listOutbox(actor: Actor, query: unknown = {}) {
  if (!can(actor, "user.manage")) throw new ForbiddenError();
  const q = parseOrThrow(outboxQuery, query);
  const where = q.to ? { toAddress: { contains: q.to.toLowerCase() } } : {};
  const [rows, total] = await Promise.all([
    prisma.outboxMail.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    prisma.outboxMail.count({ where }),
  ]);
  return {
    data: rows.map(
      (r): OutboxItem => ({ id: r.id, to: r.toAddress, subject: r.subject, kind: r.kind, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null, attempts: r.attempts, lastError: r.lastError }),
    ),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

/** One mail with both parts (ADMIN). */
export async function getOutboxMail(actor: Actor, id: string): Promise<OutboxItem & { text: string; html: string }> {
  if (!can(actor, "user.manage")) throw new ForbiddenError();
  if (!isId(id)) throw new NotFoundError("Mail");
  const r = await prisma.outboxMail.findUnique({ where: { id } });
  if (!r) throw new NotFoundError("Mail");
  return { id: r.id, to: r.toAddress, subject: r.subject, kind: r.kind, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null, attempts: r.attempts, lastError: r.lastError, text: r.text, html: r.html };
}
