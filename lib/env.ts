/**
 * The one place that reads process.env. Parsed lazily so that `next build` (which evaluates modules
 * without a database) does not fail; the first real use validates everything and fails clearly.
 */
import "./validation/zod-config";
import { z } from "zod";
import { parseTrustedProxies, type ProxyRange } from "./trusted-proxy";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (scripts/run.ts sets it for the embedded database)").optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET (or NEXTAUTH_SECRET) must be at least 32 characters").optional(),
  // "" (docker-compose passes unset variables so) counts as unset
  NEXTAUTH_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  INITIAL_ADMIN_EMAIL: z.string().email().optional(),
  INITIAL_ADMIN_PASSWORD: z.string().min(12).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  /** sign-in attempts allowed per client address per minute; high so one office behind one address is not locked out */
  LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(600),
  /**
   * The reverse proxies in front of the app (addresses or CIDR ranges, comma- or space-separated): only their
   * X-Forwarded-For and X-Forwarded-Proto are believed. Unset: none (the app is reached directly).
   */
  TRUSTED_PROXIES: z.string().optional(),
  /** smtp://user:pass@host:587 or smtps://…; unset: mail stays in the outbox (/admin/outbox), nothing is lost */
  SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  MAIL_FROM: z.string().min(3).default("Hệ thống theo dõi Chính phủ số <no-reply@localhost>"),
  /** run reminders, digests and mail delivery in this process (the app and `npm run worker`); "0" turns it off */
  JOBS: z.enum(["0", "1"]).default("1"),
});

export type Env = z.infer<typeof envSchema> & {
  AUTH_SECRET: string;
  /** TRUSTED_PROXIES, parsed */
  trustedProxies: readonly ProxyRange[];
  /** NEXTAUTH_URL is an https URL: the site is served over https, whatever a request says */
  httpsSite: boolean;
};

/**
 * The database URL, required from the first query on. Read from process.env at each call, not from env()'s cache:
 * whoever opens the pool (lib/server/db.ts, on first use) gets the URL set at that moment — each Vitest file points it
 * at its own database (test/setup-file.ts) before anything connects.
 */
export function databaseUrl(): string {
  env();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run demo`, `npm run dev` or `npm start`, or set it");
  return url;
}

let cached: Env | undefined;

/** The validated environment; throws a readable error naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const raw = { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET };
  const parsed = envSchema.safeParse(raw);
  const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  if (!parsed.success || proxies.errors.length) {
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    const lines = [...issues, ...proxies.errors.map((m) => `  TRUSTED_PROXIES: ${m}`)].join("\n");
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
  const httpsSite = e.NEXTAUTH_URL?.startsWith("https://") ?? false;
  cached = { ...e, AUTH_SECRET: secret, trustedProxies: proxies.ranges, httpsSite };
  return cached;
}

/**
 * Mail settings, read from process.env at each call (like databaseUrl): a test starts its SMTP server and points
 * SMTP_URL at it after the first env() call. The links in mails start with NEXTAUTH_URL, else http://localhost:PORT —
 * never with the Host of a request, which an attacker chooses (password-reset poisoning).
 */
export function mailSettings(): { smtpUrl: string | null; from: string; baseUrl: string } {
  const e = env();
  const smtp = process.env.SMTP_URL?.trim() || null;
  const base = (process.env.NEXTAUTH_URL?.trim() || e.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, "");
  return { smtpUrl: smtp, from: process.env.MAIL_FROM?.trim() || e.MAIL_FROM, baseUrl: base };
}

/** True in production builds (no env validation needed for this). */
export const isProduction = process.env.NODE_ENV === "production";

export interface S3Settings {
  bucket: string;
  region: string;
  /** an S3-compatible service's URL (MinIO, Ceph, Garage…); unset: AWS itself */
  endpoint: string | undefined;
  /** path-style URLs (`endpoint/bucket/key`), which most S3-compatible services need */
  forcePathStyle: boolean;
  /** unset: the AWS SDK's own chain (environment, profile, instance role) */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** prepended to every object key */
  prefix: string;
}

/**
 * Where evidence files go: an S3-compatible bucket when S3_BUCKET is set, else PostgreSQL (null). Read from
 * process.env at each call, like mailSettings: a test starts its S3 server and points S3_* at it.
 */
export function s3Settings(): S3Settings | null {
  const v = (name: string) => process.env[name]?.trim() || undefined;
  const bucket = v("S3_BUCKET");
  if (!bucket) return null;
  const endpoint = v("S3_ENDPOINT");
  if (endpoint && !/^https?:\/\//.test(endpoint)) throw new Error("Invalid environment:\n  S3_ENDPOINT: must be an http:// or https:// URL");
  const accessKeyId = v("S3_ACCESS_KEY_ID");
  const secretAccessKey = v("S3_SECRET_ACCESS_KEY");
  if (!accessKeyId !== !secretAccessKey) throw new Error("Invalid environment:\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither");
  const pathStyle = v("S3_FORCE_PATH_STYLE");
  return {
    bucket,
    region: v("S3_REGION") ?? "us-east-1",
    endpoint,
    forcePathStyle: pathStyle ? pathStyle === "1" || pathStyle === "true" : Boolean(endpoint),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    prefix: v("S3_PREFIX") ?? "attachments/",
  };
}
