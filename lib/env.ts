/**
 * The one place that reads process.env. Parsed lazily so that `next build` (which evaluates modules
 * without a database) does not fail; the first real use validates everything and fails clearly.
 */
import { isIP } from "node:net";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (scripts/run.ts sets it for the embedded database)").optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET (or NEXTAUTH_SECRET) must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  INITIAL_ADMIN_EMAIL: z.string().email().optional(),
  INITIAL_ADMIN_PASSWORD: z.string().min(12).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  /** sign-in attempts allowed per client address per minute; high so one office behind one address is not locked out */
  LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(600),
  /**
   * Reverse proxies whose `X-Forwarded-For` is believed: comma-separated addresses or CIDR ranges
   * (`10.0.0.1, 192.168.0.0/16, ::1`). Empty (the default): the client is the address that connected, whatever it sends.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isIpOrCidr, "not an IP address or CIDR range (e.g. 10.0.0.1 or 10.0.0.0/8)"))),
  /** Secure cookies and HSTS; on by default in production, off for plain-http local runs (`npm run demo`) */
  SECURE_COOKIES: bool,
  INSECURE_HTTP: bool,
});

/** `1.2.3.4`, `::1`, `10.0.0.0/8`, `fd00::/8` */
export function isIpOrCidr(v: string): boolean {
  const [addr, bits, extra] = v.split("/");
  const family = isIP(addr);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

export type Env = z.infer<typeof envSchema> & { AUTH_SECRET: string; secureCookies: boolean };

/** The database URL, required from the first query on. */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run demo`, `npm run dev` or `npm start`, or set it");
  return url;
}

let cached: Env | undefined;

/** The validated environment; throws a readable error naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const raw = { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET };
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const e = parsed.data;
  let secret = e.AUTH_SECRET;
  // `next build` evaluates route modules without secrets: only a running server must have one
  const building = process.env.NEXT_PHASE === "phase-production-build";
  if (!secret) {
    if (e.NODE_ENV === "production" && !building) throw new Error("AUTH_SECRET (or NEXTAUTH_SECRET) is required in production");
    secret = "development-only-secret-not-for-production-use-000";
  }
  const secureCookies = e.NODE_ENV === "production" ? !e.INSECURE_HTTP : e.SECURE_COOKIES;
  cached = { ...e, AUTH_SECRET: secret, secureCookies };
  return cached;
}

/** True in production builds (no env validation needed for this). */
export const isProduction = process.env.NODE_ENV === "production";
