import { z } from "zod";
import { METRICS, METRIC_KIND, REPORT_STATUSES, type MetricCode } from "@/lib/domain/codes";
import { periodIndex } from "@/lib/domain/periods";
import type { ErrorDetail } from "@/lib/errors";
import { optional, pageQuery, period, queryBool, reportablePeriod, rule, uuid, version } from "./common";

/** Only http(s) links: a `javascript:` or `data:` URL would run in the reviewer's browser. */
export const evidenceUrl = z
  .string()
  .trim()
  .max(2000, "at most 2000 characters")
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
    } catch {
      return false;
    }
  }, rule("http_link_only", "must be an http or https link"));

const note = z.string().trim().max(4000, "at most 4000 characters");
/** z.number() refuses NaN and Infinity already. */
const finite = z.number({ error: "must be a number" });

export interface ReportFigures {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/**
 * The per-metric rules of domain.md "Key metrics", shared by create and update (which checks the merged figures).
 * A ratio's value is never taken from the client: the server computes it.
 */
export function checkReportFigures(metric: MetricCode, f: ReportFigures, given: { value: boolean } = { value: f.value !== null }): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const kind = METRIC_KIND[metric];
  if (kind === "RATIO") {
    if (given.value) out.push({ path: "value", message: "the server computes a ratio's value from numerator and denominator; send those instead", code: "ratio_value_computed" });
    const { numerator: n, denominator: d } = f;
    if (d === null) out.push({ path: "denominator", message: "required for this metric", code: "required_for_metric" });
    else if (!Number.isSafeInteger(d) || d <= 0) out.push({ path: "denominator", message: "must be a whole number greater than 0", code: "positive_integer" });
    if (n === null) out.push({ path: "numerator", message: "required for this metric", code: "required_for_metric" });
    else if (!Number.isSafeInteger(n) || n < 0) out.push({ path: "numerator", message: "must be a whole number, 0 or more", code: "non_negative_integer" });
    else if (d !== null && Number.isSafeInteger(d) && d > 0 && n > d) out.push({ path: "numerator", message: "cannot be greater than the denominator", code: "numerator_above_denominator" });
    return out;
  }
  if (f.numerator !== null) out.push({ path: "numerator", message: "this metric takes a value, not a numerator", code: "not_for_metric" });
  if (f.denominator !== null) out.push({ path: "denominator", message: "this metric takes a value, not a denominator", code: "not_for_metric" });
  const v = f.value;
  if (v === null) out.push({ path: "value", message: "required for this metric", code: "required_for_metric" });
  else if (kind === "COUNT" && (!Number.isSafeInteger(v) || v < 0)) out.push({ path: "value", message: "must be a whole number, 0 or more", code: "non_negative_integer" });
  else if (kind === "PERCENT" && (v < -100 || v > 1000)) out.push({ path: "value", message: "must be between -100 and 1000", code: "out_of_range", params: { minimum: -100, maximum: 1000 } });
  return out;
}

/** The stored value of a report: a ratio's is numerator / denominator * 100. */
export function reportValue(metric: MetricCode, f: ReportFigures): number {
  return METRIC_KIND[metric] === "RATIO" ? (f.numerator! / f.denominator!) * 100 : f.value!;
}

export const reportCreateInput = z
  .strictObject({
    organisationId: uuid,
    period: reportablePeriod,
    metric: z.enum(METRICS, { error: "not a known metric" }),
    value: optional(finite),
    numerator: optional(finite),
    denominator: optional(finite),
    evidenceUrl: optional(evidenceUrl),
    note: optional(note),
  })
  .superRefine((v, ctx) => {
    if (!(METRICS as readonly string[]).includes(v.metric)) return; // the metric's own issue says it all
    for (const d of checkReportFigures(v.metric, v)) ctx.addIssue({ code: "custom", path: [d.path], ...rule(d.code ?? "invalid", d.message, d.params) });
  });
export type ReportCreateInput = z.infer<typeof reportCreateInput>;

/** Figures omitted or null keep their value; `evidenceUrl` and `note` sent as null are cleared. */
export const reportUpdateInput = z.strictObject({
  version,
  value: finite.nullish(),
  numerator: finite.nullish(),
  denominator: finite.nullish(),
  evidenceUrl: evidenceUrl.nullish(),
  note: note.nullish(),
});
export type ReportUpdateInput = z.infer<typeof reportUpdateInput>;

const comment = z.string().trim().max(4000, "at most 4000 characters");

export const workflowInput = z.strictObject({ version, comment: optional(comment) });
export const rejectInput = z.strictObject({ version, comment: comment.min(1, "a comment is required to reject a report") });

export const REPORT_SORTS = ["period", "metric", "status", "value", "submittedAt", "reviewedAt", "updatedAt"] as const;

export const reportListQuery = z.strictObject({
  ...pageQuery,
  organisationId: uuid.optional(),
  period: period.optional(),
  metric: z.enum(METRICS).optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  sort: z.enum([...REPORT_SORTS, ...REPORT_SORTS.map((s) => `-${s}` as const)]).optional(),
});
export type ReportListQuery = z.infer<typeof reportListQuery>;

export const thresholdsInput = z.strictObject({
  SERVICES_ONLINE: finite.min(0, "at least 0").max(100, "at most 100"),
  OPEN_DATASETS: finite.int("must be a whole number").min(0, "at least 0"),
  KPI_IMPROVEMENT: finite.min(-100, "at least -100").max(1000, "at most 1000"),
  SERVICES_NEW_RETIRED: finite.min(0, "at least 0").max(100, "at most 100"),
});
export type ThresholdsInput = z.infer<typeof thresholdsInput>;

/** Dashboards: a quarter (format only: a future quarter simply has nothing in it) and whether SUBMITTED reports count. */
export const dashboardQuery = z.strictObject({
  period: period.optional(),
  includeSubmitted: queryBool,
});

/** At most 100 years of quarters in one trend. */
export const MAX_TREND_QUARTERS = 400;

export const trendQuery = z
  .strictObject({
    metric: z.enum(METRICS, { error: "not a known metric" }),
    from: period,
    to: period,
    organisationId: uuid.optional(),
    includeSubmitted: queryBool,
  })
  .superRefine((v, ctx) => {
    const a = periodIndex(v.from);
    const b = periodIndex(v.to);
    if (a === null || b === null) return;
    if (a > b) ctx.addIssue({ code: "custom", path: ["to"], ...rule("before_from", "must not be before from") });
    else if (b - a + 1 > MAX_TREND_QUARTERS) ctx.addIssue({ code: "custom", path: ["to"], ...rule("too_many_quarters", `at most ${MAX_TREND_QUARTERS} quarters`, { maximum: MAX_TREND_QUARTERS }) });
  });
