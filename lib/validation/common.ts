import { z } from "zod";
import { ValidationError, isValidationCode, type DetailParams, type ErrorDetail, type ValidationCode } from "@/lib/errors";
import { FIRST_PERIOD, isReportablePeriod, PERIOD_RE, periodIndex } from "@/lib/domain/periods";

/**
 * A rule's machine code (and parameters) for `.refine(fn, rule(...))` and `ctx.addIssue({ ...rule(...) })`: zod keeps
 * `params` on the custom issue and issuesToDetails turns it into the detail's `code`/`params`.
 */
export function rule(code: ValidationCode, message: string, params: DetailParams = {}) {
  return { message, params: { ...params, code } };
}

/** Regexes the UI can name: an `invalid_format` issue of one of them carries `{ format: <name> }`. */
const FORMATS = new Map<string, string>();
export function namedPattern(re: RegExp, name: string): RegExp {
  FORMATS.set(re.toString(), name);
  return re;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

const num = (v: number | bigint) => (typeof v === "bigint" ? Number(v) : v);

/** One zod issue as a detail: its path joined with dots, its code and the parameters its text needs. */
export function issueToDetail(i: z.core.$ZodIssue, input?: unknown): ErrorDetail {
  const path = i.path.length ? i.path.map(String).join(".") : "(body)";
  const d = (code: ValidationCode, params?: DetailParams): ErrorDetail => ({ path, message: i.message, code, ...(params ? { params } : {}) });
  switch (i.code) {
    case "invalid_type":
      // zod strips the input from issues: look it up, so that a missing field reads "required"
      if (input !== undefined && valueAt(input, i.path) === undefined) return d("required");
      return d("invalid_type", { expected: i.expected });
    case "too_small":
      return d("too_small", { minimum: num(i.minimum), origin: i.origin, inclusive: i.inclusive !== false });
    case "too_big":
      return d("too_big", { maximum: num(i.maximum), origin: i.origin, inclusive: i.inclusive !== false });
    case "invalid_format":
      return d("invalid_format", { format: (i.format === "regex" && i.pattern && FORMATS.get(i.pattern)) || i.format });
    case "invalid_value":
      return d("invalid_value", { values: i.values.map(String) });
    case "unrecognized_keys":
      return d("unknown_field", { keys: i.keys });
    case "not_multiple_of":
      return d("not_multiple_of", { divisor: num(i.divisor) });
    case "custom": {
      const { code, ...params } = (i.params ?? {}) as Record<string, unknown>;
      if (!isValidationCode(code)) return d("invalid");
      const plain = Object.fromEntries(Object.entries(params).filter(([, v]) => ["string", "number", "boolean"].includes(typeof v) || Array.isArray(v)));
      return d(code, Object.keys(plain).length ? (plain as DetailParams) : undefined);
    }
    default:
      return d("invalid");
  }
}

/** zod issues -> the API's details: one entry per failing field, path joined with dots; `input` tells missing fields. */
export function issuesToDetails(error: z.ZodError, input?: unknown): ErrorDetail[] {
  return error.issues.map((i) => issueToDetail(i, input));
}

export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/**
 * Every place in a parsed JSON value (or query object) where a string, or a key, holds U+0000: PostgreSQL cannot
 * store it in text, so it would fail deep in a write as a 500. Paths are joined with dots like zod's.
 */
export function nulIssues(value: unknown, path: string[] = [], out: ErrorDetail[] = []): ErrorDetail[] {
  if (out.length >= 50) return out;
  if (typeof value === "string") {
    if (value.includes("\u0000")) out.push({ path: path.length ? path.join(".") : "(body)", message: NUL_MESSAGE, code: "nul_character" });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulIssues(v, [...path, String(i)], out));
  } else if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) out.push({ path: [...path, k.replaceAll("\u0000", "\\0")].join("."), message: NUL_MESSAGE, code: "nul_character" });
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
    const rest = r.success ? [] : issuesToDetails(r.error, input).filter((d) => !seen.has(d.path));
    throw new ValidationError([...nul, ...rest]);
  }
  return r.data;
}

/** An optional field: omitted or null both mean "not given". */
export const optional = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? null);

export const uuid = z.string().regex(namedPattern(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "id"), "not a valid id");

/** Dates are "YYYY-MM-DD" with a year from 1900 to 2100 (spec/api.md). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
export const isoDate = z
  .string()
  .regex(namedPattern(/^\d{4}-\d{2}-\d{2}$/, "date"), "use YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), rule("date_not_real", "not a real date"))
  .refine(
    (s) => Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR,
    rule("year_out_of_range", `the year must be from ${MIN_YEAR} to ${MAX_YEAR}`, { minimum: MIN_YEAR, maximum: MAX_YEAR }),
  );

/** Periods are "YYYY-Qn" from 2000-Q1 (spec/api.md) to the last quarter of the last year a date may have. */
export const LAST_PERIOD = `${MAX_YEAR}-Q4`;
export const period = z
  .string()
  .regex(namedPattern(PERIOD_RE, "period"), "use YYYY-Qn, n from 1 to 4")
  .refine((p) => isPeriodInRange(p), rule("period_out_of_range", `must be between ${FIRST_PERIOD} and ${LAST_PERIOD}`, { from: FIRST_PERIOD, to: LAST_PERIOD }));

/** True for a well-formed period from 2000-Q1 to 2100-Q4 (also for path segments that skip the schemas). */
export function isPeriodInRange(p: string): boolean {
  const i = periodIndex(p);
  return i !== null && i >= periodIndex(FIRST_PERIOD)! && i <= periodIndex(LAST_PERIOD)!;
}
/** A period from 2000-Q1 up to the current quarter. */
export const reportablePeriod = period.refine((p) => isReportablePeriod(p), rule("period_in_future", "must be between 2000-Q1 and the current quarter"));

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
