/**
 * Issue 13, point 7: the sign-in limits live in PostgreSQL and are atomic, so parallel attempts (from any number of
 * app processes) cannot slip past them.
 */
import { describe, test, expect, vi } from "vitest";
import { createHash } from "node:crypto";
import { pool, prisma } from "@/lib/server/db";
import { uid } from "@/test/factories";
import { hashPassword } from "@/lib/auth/password";
import { AppError, RateLimitedError } from "./errors";
import { createSessionToken, verifyCredentials } from "./auth";

// a small per-address limit for this file (read when the environment is first parsed, by the first query)
process.env.LOGIN_RATE_LIMIT_PER_IP = "5";

async function person() {
  const email = `limit.${uid(10).toLowerCase()}@example.gov.vn`;
  const password = `Đúng-mật-khẩu-${uid(8)}`;
  await prisma.user.create({ data: { email, name: "Người thử", role: "LEADERSHIP", passwordHash: await hashPassword(password) } });
  return { email, password };
}

const outcome = (r: PromiseSettledResult<unknown>) => (r.status === "fulfilled" ? "ok" : r.reason instanceof AppError ? r.reason.code : String(r.reason));

function tally(results: PromiseSettledResult<unknown>[]) {
  const out: Record<string, number> = {};
  for (const r of results) out[outcome(r)] = (out[outcome(r)] ?? 0) + 1;
  return out;
}

describe("per-email lock-out (spec/api.md: 10 failures in 15 minutes → 429 with Retry-After)", () => {
  test("30 parallel wrong sign-ins for one email: exactly 10 are evaluated, 20 answer 429", async () => {
    const p = await person();
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => verifyCredentials(p.email, `wrong-${i}-password`)));
    expect(tally(results)).toEqual({ invalid_credentials: 10, rate_limited: 20 });
    // evaluated = a failed sign-in was recorded for it
    const user = await prisma.user.findUniqueOrThrow({ where: { email: p.email } });
    expect(await prisma.auditEntry.count({ where: { entityId: user.id, action: "login_failed" } })).toBe(10);
    // and the right password is refused for the rest of the window, with the seconds left
    const locked = await verifyCredentials(p.email, p.password).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(RateLimitedError);
    const retry = (locked as RateLimitedError).retryAfterSeconds;
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
  });

  test("two app processes share the count: five failures in each lock the email in both", async () => {
    const p = await person();
    // a second copy of the modules: its own limiter objects and memory, like another app process; only PostgreSQL is shared
    vi.resetModules();
    const other = await import("./auth");
    expect(other.verifyCredentials).not.toBe(verifyCredentials);
    for (let i = 0; i < 5; i++) await expect(verifyCredentials(p.email, `wrong-${i}-password`)).rejects.toMatchObject({ code: "invalid_credentials" });
    for (let i = 0; i < 5; i++) await expect(other.verifyCredentials(p.email, `wrong-${i}-password`)).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(verifyCredentials(p.email, p.password)).rejects.toMatchObject({ code: "rate_limited" });
    await expect(other.verifyCredentials(p.email, p.password)).rejects.toMatchObject({ code: "rate_limited" });
    // the count is one row, the email only as its hash
    const key = `login_email:${createHash("sha256").update(p.email).digest("hex")}`;
    const { rows } = await pool().query<{ points: number }>(`SELECT points FROM rate_limits WHERE key = $1`, [key]);
    expect(rows[0]?.points).toBe(12);
    expect((await pool().query(`SELECT 1 FROM rate_limits WHERE key LIKE $1`, [`%${p.email}%`])).rowCount).toBe(0);
  });

  test("email matching is case-insensitive; a success clears the count", async () => {
    const p = await person();
    for (let i = 0; i < 9; i++) await expect(verifyCredentials(p.email.toUpperCase(), `wrong-${i}-password`)).rejects.toMatchObject({ code: "invalid_credentials" });
    await verifyCredentials(` ${p.email} `, p.password);
    for (let i = 0; i < 10; i++) await expect(verifyCredentials(p.email, `wrong-${i}-password`)).rejects.toMatchObject({ code: "invalid_credentials" });
    await expect(verifyCredentials(p.email, p.password)).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("per-address limit (LOGIN_RATE_LIMIT_PER_IP a minute)", () => {
  test("the 6th attempt from one address in a minute answers 429, whatever the email; other addresses go on", async () => {
    const ip = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
    const p = await person();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => verifyCredentials(`nobody.${uid(8).toLowerCase()}@example.gov.vn`, "wrong-password-1", { ip })));
    expect(tally(results)).toEqual({ invalid_credentials: 5, rate_limited: 3 });
    await expect(createSessionToken(p.email, p.password, { ip })).rejects.toMatchObject({ code: "rate_limited" });
    expect((await createSessionToken(p.email, p.password, { ip: "2001:db8::1" })).user.email).toBe(p.email);
  });
});
