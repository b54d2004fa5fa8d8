/**
 * The per-email sign-in lock-out of spec/api.md, pinned by behaviour: 10 failed sign-ins within 15 minutes lock the
 * email for the rest of those 15 minutes (429 with Retry-After), even with the right password. Only JavaScript's
 * clock is moved (vi.setSystemTime): the failures themselves are real rows written by the real code.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { prisma } from "./db";
import { verifyCredentials } from "./auth";
import { InvalidCredentialsError, RateLimitedError } from "./errors";
import { hashPassword } from "@/lib/auth/password";
import { uid } from "@/test/factories";

const PASSWORD = "Dung-Mat-Khau-2026!";
const MINUTE = 60_000;

async function account() {
  const email = `khoa.${uid(10).toLowerCase()}@example.gov.vn`;
  await prisma.user.create({ data: { email, name: "Thử khóa", role: "LEADERSHIP", passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

async function failures(email: string, n: number) {
  for (let i = 0; i < n; i++) {
    const err = await verifyCredentials(email, "wrong-password-123").catch((e: unknown) => e);
    expect(err, `failure ${i + 1}`).toBeInstanceOf(InvalidCredentialsError);
  }
}

const attempt = (email: string) => verifyCredentials(email, PASSWORD).then(
  (u) => ({ ok: true as const, email: u.email }),
  (e: unknown) => ({ ok: false as const, error: e }),
);

afterEach(() => {
  vi.useRealTimers();
});

describe("sign-in lock-out: 10 failures in 15 minutes", () => {
  test("9 failures do not lock: the right password still signs in", async () => {
    const email = await account();
    await failures(email, 9);
    expect(await attempt(email)).toEqual({ ok: true, email });
  });

  test("the 10th failure locks the email, even for the right password, for 15 minutes from the first failure", async () => {
    const email = await account();
    const start = Date.now();
    await failures(email, 10);
    const took = Math.ceil((Date.now() - start) / 1000);
    const locked = await attempt(email);
    expect(locked.ok).toBe(false);
    const err = (locked as { error: unknown }).error;
    expect(err).toBeInstanceOf(RateLimitedError);
    const retry = (err as RateLimitedError).retryAfterSeconds;
    // 15 minutes from the first failure, less the seconds these attempts took
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(retry).toBeGreaterThan(15 * 60 - took - 5);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start + 14 * MINUTE);
    const still = await attempt(email);
    expect((still as { error?: unknown }).error).toBeInstanceOf(RateLimitedError);
    // one minute left, plus however late after `start` the first failure was written
    expect((still as { error: RateLimitedError }).error.retryAfterSeconds).toBeLessThanOrEqual(60 + took + 1);

    vi.setSystemTime(Date.now() + 2 * MINUTE);
    expect(await attempt(email)).toEqual({ ok: true, email });
  });
});
