import { z } from "zod";
import { ValidationError, type ErrorDetail } from "@/lib/server/errors";
import { isReportablePeriod, PERIOD_RE } from "@/lib/domain/periods";

/** zod issues -> the API's details: one entry per failing field, path joined with dots. */
export function issuesToDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((i) => ({ path: i.path.length ? i.path.map(String).join(".") : "(body)", message: i.message }));
}

/** Parses with a schema or throws a ValidationError naming every failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(issuesToDetails(r.error));
  return r.data;
}

/** An optional field: omitted or null both mean "not given". */
export const optional = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? null);

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not a valid id");

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a real date");

export const period = z.string().regex(PERIOD_RE, "use YYYY-Qn, n from 1 to 4");
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
