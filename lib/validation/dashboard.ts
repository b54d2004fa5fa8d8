/** Query schemas of the dashboards that carry a basis (spec/restructuring.md "Roll-ups across a restructuring"). */
import { z } from "zod";
import { METRICS } from "@/lib/domain/codes";
import { BASES } from "@/lib/domain/lineage";
import { periodIndex } from "@/lib/domain/periods";
import { period, queryBool, rule, uuid } from "./common";
import { MAX_TREND_QUARTERS } from "./reports";

export const basis = z.enum(BASES, { error: "comparable or reported" }).default("comparable");

/** GET /dashboard/organisations/{id}: a quarter, whether SUBMITTED reports count, and the basis. */
export const organisationDashboardQuery = z.strictObject({
  period: period.optional(),
  includeSubmitted: queryBool,
  basis,
});

/** GET /dashboard/trend: a metric over a range of quarters, nationally or for one organisation on a basis. */
export const trendQuery = z
  .strictObject({
    metric: z.enum(METRICS, { error: "not a known metric" }),
    from: period,
    to: period,
    organisationId: uuid.optional(),
    includeSubmitted: queryBool,
    basis,
  })
  .superRefine((v, ctx) => {
    const a = periodIndex(v.from);
    const b = periodIndex(v.to);
    if (a === null || b === null) return;
    if (a > b) ctx.addIssue({ code: "custom", path: ["to"], ...rule("before_from", "must not be before from") });
    else if (b - a + 1 > MAX_TREND_QUARTERS) ctx.addIssue({ code: "custom", path: ["to"], ...rule("too_many_quarters", `at most ${MAX_TREND_QUARTERS} quarters`, { maximum: MAX_TREND_QUARTERS }) });
  });

/** GET /dashboard/attention: a quarter and one organisation (default: the actor's whole view). */
export const attentionQuery = z.object({ period: period.optional(), organisationId: uuid.optional() });

/** The dashboards and exports that take only a quarter (targets, completeness, ranking, heatmap). */
export const periodOnlyQuery = z.object({ period: period.optional() });
