import "server-only";
import nodemailer from "nodemailer";
import { pool, prisma } from "./db";
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
 * /admin/outbox: the demo needs no mail server and nothing is lost. A unique dedupe key makes each mail exactly once;
 * the pg-boss jobs of lib/server/jobs.ts run the passes below and send each mail (deliverMail) with retries.
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
<body style="margin:0;padding:0;background:#f1f5f9;font-family:Arial,'Helvetica Neue',Helvetica,'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',sans-serif;color:#0f172a">
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

/** Writes one mail to the outbox in the caller's transaction: its id, or null when its dedupe key was already used. */
export async function queueMail(db: Tx, m: Mail & { userId: string | null; to: string; kind: string; dedupeKey: string | null }): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO outbox_mails (user_id, to_address, subject, text, html, kind, dedupe_key)
    VALUES (${m.userId}::uuid, ${m.to}, ${m.subject.slice(0, 300)}, ${m.text}, ${m.html}, ${m.kind}, ${m.dedupeKey})
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id::text AS id`;
  return rows[0]?.id ?? null;
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
  // bounded, so a stuck mail server fails the attempt (and pg-boss retries it) well inside the job's expiry
  if (cachedTransport?.url !== url) cachedTransport = { url, t: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) };
  return cachedTransport.t;
}

/**
 * Unsent mails, oldest first, for the delivery job (lib/server/jobs.ts) to give each its pg-boss job; a mail that
 * failed MAX_MAIL_ATTEMPTS times is left to an admin (its last error shows in /admin/outbox).
 */
export const MAX_MAIL_ATTEMPTS = 30;
export async function unsentMailIds(limit = 500): Promise<string[]> {
  const rows = await pool().query<{ id: string }>(
    `SELECT id::text AS id FROM outbox_mails WHERE sent_at IS NULL AND attempts < $1 ORDER BY created_at, id LIMIT $2`,
    [MAX_MAIL_ATTEMPTS, limit],
  );
  return rows.rows.map((r) => r.id);
}

/**
 * Sends one outbox mail over SMTP: the body of a pg-boss `mail-send` job. The row is locked FOR UPDATE for the whole
 * attempt and `sent_at` is set in the same transaction, so a job that runs twice (an expired job retried while the
 * first run is still going, a duplicate job, two workers) sends once: the second run waits for the lock, then finds
 * the mail sent. A failure counts an attempt, keeps its message and is thrown, so pg-boss retries with back-off.
 * (What no queue can make exactly-once: a process killed after the SMTP server accepted the mail and before the
 * commit; that mail goes out again, the only duplicate possible.)
 */
export async function deliverMail(id: string): Promise<"sent" | "already sent" | "missing" | "no smtp"> {
  const { smtpUrl, from } = mailSettings();
  if (!smtpUrl) return "no smtp";
  const client = await pool().connect();
  let failed: unknown;
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ to_address: string; subject: string; text: string; html: string; sent_at: Date | null }>(
      `SELECT to_address, subject, text, html, sent_at FROM outbox_mails WHERE id = $1::uuid FOR UPDATE`,
      [id],
    );
    const r = rows[0];
    if (!r || r.sent_at) {
      await client.query("COMMIT");
      return r ? "already sent" : "missing";
    }
    try {
      await transportFor(smtpUrl).sendMail({ from, to: r.to_address, subject: r.subject, text: r.text, html: r.html });
    } catch (err) {
      failed = err;
    }
    if (failed === undefined) await client.query(`UPDATE outbox_mails SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1::uuid`, [id]);
    else await client.query(`UPDATE outbox_mails SET attempts = attempts + 1, last_error = $2 WHERE id = $1::uuid`, [id, String((failed as Error)?.message ?? failed).slice(0, 1000)]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  if (failed !== undefined) {
    logger.warn({ err: failed, mail: id }, "mail not sent; pg-boss retries it");
    throw failed;
  }
  return "sent";
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
