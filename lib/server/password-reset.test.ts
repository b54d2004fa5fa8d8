import { describe, test, expect, afterAll } from "vitest";
import { prisma, closeDb } from "./db";
import { makeActor } from "@/test/factories";
import { requestPasswordReset, resetPassword, RESET_TTL_MS } from "./password-reset";
import { updateUser } from "./users";
import { listNotifications } from "./notifications";
import { hashToken } from "@/lib/auth/tokens";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "./errors";

afterAll(closeDb);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return "ok";
}

const tokenOf = async (email: string) => /token=(rst_[A-Za-z0-9_-]+)/.exec((await prisma.outboxMail.findFirstOrThrow({ where: { toAddress: email }, orderBy: { createdAt: "desc" } })).text)![1];

describe("forgot password", () => {
  test("the same answer with or without an account; only the account's address gets a mail, and only the hash is stored", async () => {
    const u = await makeActor("LEADERSHIP");
    const before = await prisma.outboxMail.count();
    expect(await requestPasswordReset({ email: u.email.toUpperCase() }, { ip: "198.51.100.1" })).toEqual({ status: "accepted" });
    expect(await requestPasswordReset({ email: "nobody.at.all@example.gov.vn" }, { ip: "198.51.100.1" })).toEqual({ status: "accepted" });
    expect(await prisma.outboxMail.count()).toBe(before + 1);
    const token = await tokenOf(u.email);
    const rows = await prisma.passwordResetToken.findMany({ where: { userId: u.id } });
    expect(rows.map((r) => r.tokenHash)).toEqual([hashToken(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(30 * 60 * 1000);
  });

  test("single use; every session and token of the account ends; the new password works", async () => {
    const u = await makeActor("LEADERSHIP");
    await prisma.apiToken.create({ data: { userId: u.id, tokenHash: "f".repeat(64), expiresAt: new Date(Date.now() + 3600_000) } });
    await requestPasswordReset({ email: u.email });
    const token = await tokenOf(u.email);
    expect(await resetPassword({ token, newPassword: "Quite-New-Password-2026" })).toEqual({ status: "ok" });
    expect(await code(resetPassword({ token, newPassword: "Another-New-Password-2026" }))).toBe("validation_failed");
    const after = await prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword(after.passwordHash, "Quite-New-Password-2026")).toBe(true);
    expect(after.mustChangePassword).toBe(false);
    expect(await prisma.apiToken.count({ where: { userId: u.id, revokedAt: null } })).toBe(0);
  });

  test("30 minutes: a minute before it works, at 30 minutes it is refused; a newer link ends the older one", async () => {
    const u = await makeActor("LEADERSHIP");
    const t0 = new Date("2026-12-01T08:00:00Z");
    await requestPasswordReset({ email: u.email }, {}, t0);
    const old = await tokenOf(u.email);
    expect(await code(resetPassword({ token: old, newPassword: "Late-Password-2026-x" }, new Date(t0.getTime() + RESET_TTL_MS)))).toBe("validation_failed");
    await requestPasswordReset({ email: u.email }, {}, t0);
    await new Promise((r) => setTimeout(r, 5));
    const newer = await tokenOf(u.email);
    expect(newer).not.toBe(old);
    expect(await code(resetPassword({ token: old, newPassword: "Late-Password-2026-x" }, new Date(t0.getTime() + 60_000)))).toBe("validation_failed");
    expect(await resetPassword({ token: newer, newPassword: "In-Time-Password-2026" }, new Date(t0.getTime() + RESET_TTL_MS - 60_000))).toEqual({ status: "ok" });
  });

  test("rate-limited: the 6th request for one email within 15 minutes answers 429, whether it has an account or not", async () => {
    for (const email of ["limited.nobody@example.gov.vn", (await makeActor("LEADERSHIP")).email]) {
      for (let i = 0; i < 5; i++) expect(await requestPasswordReset({ email }, { ip: `192.0.2.${i}` })).toEqual({ status: "accepted" });
      expect(await code(requestPasswordReset({ email }, { ip: "192.0.2.99" }))).toBe("rate_limited");
    }
  });

  test("an admin's reset of someone's password tells them in the app (and the mail job mails it whatever their choice)", async () => {
    const admin = await makeActor("ADMIN");
    const u = await makeActor("LEADERSHIP");
    const before = await prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    await updateUser(admin, u.id, { version: before.version, password: "Admin-Chosen-Password-2026" });
    const n = await listNotifications(u, {}, "vi");
    expect(n.data.map((x) => [x.kind, x.title, x.link])).toEqual([["PASSWORD_RESET", "Mật khẩu của bạn đã được quản trị viên đặt lại", "/profile"]]);
    // a rename is no reset: nothing new
    await updateUser(admin, u.id, { version: before.version + 1, name: "Renamed" });
    expect((await listNotifications(u, {})).total).toBe(1);
  });
});
