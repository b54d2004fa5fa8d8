import "server-only";
import { prisma } from "./db";
import { transaction } from "./tx";
import { audit } from "./audit";
import { ValidationError } from "./errors";
import { consumeResetAttempt } from "./login-limits";
import { queueMail, renderMail } from "./mail";
import { translator } from "./notification-text";
import { wakeMailDelivery } from "./jobs";
import { hashToken } from "@/lib/auth/tokens";
import { hashPassword } from "@/lib/auth/password";
import { parseOrThrow } from "@/lib/validation/common";
import { forgotPasswordInput, resetPasswordInput } from "@/lib/validation/notifications";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import { randomBytes } from "node:crypto";

/** A reset link lives 30 minutes and works once (issue 18). */
export const RESET_TTL_MS = 30 * 60 * 1000;


/**
 * "Forgot password": rate-limited (per email, whether it has an account or not, and per address), then, for an active
 * account only, a single-use token (only its SHA-256 stored; earlier unused ones of the person end) and its mail,
 * written in one transaction. The answer is the same either way, so nobody learns which addresses have accounts.
 */
export async function requestPasswordReset(input: unknown, meta: { ip?: string | null } = {}, now: Date = new Date()): Promise<{ status: "accepted" }> {
  const { email } = parseOrThrow(forgotPasswordInput, input);
  await consumeResetAttempt(email, meta.ip);
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, locale: true, active: true, organisationId: true } });
  if (user?.active) {
    const token = `rst_${randomBytes(32).toString("base64url")}`;
    const locale = isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
    const t = translator(locale);
    const mail = renderMail(locale, user.name, t("mail.resetSubject"), t("mail.resetIntro", { email: user.email }), [
      { title: t("mail.resetAction"), body: `${t("mail.resetExpiry")} ${t("mail.resetIgnore")}`, link: `/reset-password?token=${encodeURIComponent(token)}` },
    ], t("mail.resetAction"));
    const mailId = await transaction(async (tx) => {
      await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
      await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashToken(token), createdAt: now, expiresAt: new Date(now.getTime() + RESET_TTL_MS) } });
      const id = await queueMail(tx, { ...mail, userId: user.id, to: user.email, kind: "PASSWORD_RESET_LINK", dedupeKey: null });
      await audit(tx, null, { action: "password_reset_request", entityType: "User", entityId: user.id, organisationId: user.organisationId, changes: {} });
      return id;
    });
    // sent at once when this process runs the jobs; else within a minute by the next mail-dispatch pass
    if (mailId) await wakeMailDelivery([mailId]);
  }
  return { status: "accepted" };
}

/**
 * Sets a new password with a reset token: refused (400 on `token`) when unknown, used or past its 30 minutes. The
 * token is used up, and every session and API token of the person ends, in the same transaction as the new hash.
 */
export async function resetPassword(input: unknown, now: Date = new Date()): Promise<{ status: "ok" }> {
  const { token, newPassword } = parseOrThrow(resetPasswordInput, input);
  const passwordHash = await hashPassword(newPassword);
  const invalid = () => new ValidationError([{ path: "token", message: "this link is not valid, was used already or has expired" }]);
  await transaction(async (tx) => {
    // the row lock makes two uses of one token queue up: the second finds it used
    const [row] = await tx.$queryRaw<{ id: string; user_id: string; expires_at: Date; used_at: Date | null }[]>`
      SELECT id::text AS id, user_id::text AS user_id, expires_at, used_at FROM password_reset_tokens WHERE token_hash = ${hashToken(token)} FOR UPDATE`;
    if (!row || row.used_at || row.expires_at.getTime() <= now.getTime()) throw invalid();
    const user = await tx.user.findUnique({ where: { id: row.user_id }, select: { id: true, email: true, active: true, organisationId: true } });
    if (!user?.active) throw invalid();
    await tx.passwordResetToken.update({ where: { id: row.id }, data: { usedAt: now } });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 }, version: { increment: 1 } } });
    await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, { id: user.id, email: user.email }, { action: "password_reset", entityType: "User", entityId: user.id, organisationId: user.organisationId, changes: { password: { from: "(hidden)", to: "(changed)" } } });
  });
  return { status: "ok" };
}
