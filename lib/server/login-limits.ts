import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { pool } from "./db";
import { RateLimitedError } from "./errors";

/** spec/api.md: 10 failed sign-ins for one email within 15 minutes lock it for the rest of that window. */
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_THRESHOLD = 10;

/**
 * Both limits live in PostgreSQL (`rate_limits`, created by a migration), so every app process shares them, and each
 * attempt is one atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING` (rate-limiter-flexible's PostgreSQL store): there
 * is no check-then-insert window in which parallel attempts all slip through.
 *
 * The per-email limit reserves its point BEFORE the password is checked: of 30 parallel attempts exactly 10 are
 * evaluated and 20 answer 429. A successful sign-in deletes the count. The windows are fixed (they start at the first
 * attempt and last 15 minutes / 1 minute), which is how the store counts.
 */
// The store calls `query` on whatever it is given: the current pool (tests close and reopen it), looked up per call.
const store = { query: (q: { text: string; values?: unknown[]; name?: string }) => pool().query(q) };

let limiters: { email: RateLimiterPostgres; ip: RateLimiterPostgres; perIp: number } | undefined;

function get() {
  const perIp = env().LOGIN_RATE_LIMIT_PER_IP;
  if (limiters?.perIp === perIp) return limiters;
  const common = { storeClient: store, storeType: "pool", tableName: "rate_limits", tableCreated: true, inMemoryBlockOnConsumed: 0 };
  limiters = {
    perIp,
    email: new RateLimiterPostgres({ ...common, keyPrefix: "login_email", points: LOCKOUT_THRESHOLD, duration: LOCKOUT_WINDOW_MS / 1000 }),
    ip: new RateLimiterPostgres({ ...common, keyPrefix: "login_ip", points: perIp, duration: 60 }),
  };
  return limiters;
}

/** Emails are hashed: the key column is short, and the table need not hold addresses of people who mistyped. */
export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase(), "utf8").digest("hex");
}

async function consume(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    throw res; // the database: 503 upstream
  }
}

/** Counts one attempt from a client address; 429 past LOGIN_RATE_LIMIT_PER_IP a minute. No address, no limit. */
export async function consumeAddressAttempt(ip: string | null | undefined): Promise<void> {
  if (ip) await consume(get().ip, ip);
}

/** Reserves one evaluation for an email; 429 (with the seconds left in the window) once 10 are used. */
export async function consumeEmailAttempt(email: string): Promise<void> {
  await consume(get().email, emailKey(email));
}

/** A successful sign-in clears the email's count. */
export async function clearEmailAttempts(email: string): Promise<void> {
  await get().email.delete(emailKey(email));
}

/**
 * Forgotten-password requests (issue 18): 5 per email and 20 per client address in 15 minutes, in the same table and
 * store as the sign-in limits. The per-email count applies whether or not the address has an account, so a 429 tells
 * nothing about it either.
 */
export const RESET_PER_EMAIL = 5;
export const RESET_PER_ADDRESS = 20;
let resetLimiters: { email: RateLimiterPostgres; ip: RateLimiterPostgres } | undefined;

export async function consumeResetAttempt(email: string, ip: string | null | undefined): Promise<void> {
  const common = { storeClient: store, storeType: "pool", tableName: "rate_limits", tableCreated: true, inMemoryBlockOnConsumed: 0, duration: LOCKOUT_WINDOW_MS / 1000 };
  resetLimiters ??= {
    email: new RateLimiterPostgres({ ...common, keyPrefix: "reset_email", points: RESET_PER_EMAIL }),
    ip: new RateLimiterPostgres({ ...common, keyPrefix: "reset_ip", points: RESET_PER_ADDRESS }),
  };
  if (ip) await consume(resetLimiters.ip, ip);
  await consume(resetLimiters.email, emailKey(email));
}
