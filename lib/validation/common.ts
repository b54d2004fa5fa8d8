import "./zod-config";
import { z } from "zod";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { FIRST_PERIOD, isReportablePeriod, PERIOD_RE, periodIndex } from "@/lib/domain/periods";

/** zod issues -> the API's details: one entry per failing field, path joined with dots. */
export function issuesToDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((i) => ({ path: i.path.length ? i.path.map(String).join(".") : "(body)", message: i.message }));
}

export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/**
 * Every place in a parsed JSON value (or query object) where a string, or a key, holds U+0000: PostgreSQL cannot
 * store it in text, so it would fail deep in a write as a 500. Paths are joined with dots like zod's.
 */
export function nulIssues(value: unknown, path: string[] = [], out: ErrorDetail[] = []): ErrorDetail[] {
  if (out.length >= 50) return out;
  if (typeof value === "string") {
    if (value.includes("\u0000")) out.push({ path: path.length ? path.join(".") : "(body)", message: NUL_MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulIssues(v, [...path, String(i)], out));
  } else if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) out.push({ path: [...path, k.replaceAll("\u0000", "\\0")].join("."), message: NUL_MESSAGE });
      else nulIssues(v, [...path, k], out);
    }
  }
  return out;
}

/**
 * Parses with a schema or throws a ValidationError naming every failing field. Every input of lib/server passes here,
 * so a NUL character in any string is refused here once, for the API and the forms alike, beside the schema's issues.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const nul = nulIssues(input);
  const r = schema.safeParse(input);
  if (nul.length || !r.success) {
    const seen = new Set(nul.map((d) => d.path));
    const rest = r.success ? [] : issuesToDetails(r.error).filter((d) => !seen.has(d.path));
    throw new ValidationError([...nul, ...rest]);
  }
  return r.data;
}

/** An optional field: omitted or null both mean "not given". */
export const optional = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? null);

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not a valid id");

/** Dates are "YYYY-MM-DD" with a year from 1900 to 2100 (spec/api.md). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a real date")
  .refine((s) => Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR, `the year must be from ${MIN_YEAR} to ${MAX_YEAR}`);

/** Periods are "YYYY-Qn" from 2000-Q1 (spec/api.md) to the last quarter of the last year a date may have. */
export const LAST_PERIOD = `${MAX_YEAR}-Q4`;
export const period = z
  .string()
  .regex(PERIOD_RE, "use YYYY-Qn, n from 1 to 4")
  .refine((p) => isPeriodInRange(p), `must be between ${FIRST_PERIOD} and ${LAST_PERIOD}`);

/** True for a well-formed period from 2000-Q1 to 2100-Q4 (also for path segments that skip the schemas). */
export function isPeriodInRange(p: string): boolean {
  const i = periodIndex(p);
  return i !== null && i >= periodIndex(FIRST_PERIOD)! && i <= periodIndex(LAST_PERIOD)!;
}
/** A period from 2000-Q1 up to the current quarter. */
export const reportablePeriod = period.refine((p) => isReportablePeriod(p), "must be between 2000-Q1 and the current quarter");

export const version = z.number({ error: "version is required" }).int().min(1);

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** A query-string boolean: "true"/"1" or "false"/"0". */
export const queryBool = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** An id from a URL: anything that is not a valid id is simply "not found". */
export function isId(id: string): boolean {
  return uuid.safeParse(id).success;
}
