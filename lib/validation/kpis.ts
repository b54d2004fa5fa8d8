import { z } from "zod";
import { KPI_DIRECTIONS, METRICS, type KpiDirection } from "@/lib/domain/codes";
import { periodIndex } from "@/lib/domain/periods";
import type { ErrorDetail } from "@/lib/errors";
import { period, rule, version } from "./common";

const name = z.string().trim().min(3, "at least 3 characters").max(200, "at most 200 characters");
const unit = z.string().trim().max(40, "at most 40 characters");
const num = z.number({ error: "a number is required" });
const direction = z.enum(KPI_DIRECTIONS, { error: "HIGHER_IS_BETTER or LOWER_IS_BETTER" });

export interface KpiGoalFields {
  direction: KpiDirection;
  baseline: number;
  baselinePeriod: string;
  target: number;
  targetPeriod: string;
}

/**
 * The rules that span fields (spec/targets.md): the target quarter after the baseline quarter, and the target
 * strictly better than the baseline in the KPI's direction. `blame` picks the field a failure is reported on
 * (an update names the field the caller changed).
 */
export function kpiGoalIssues(k: KpiGoalFields, blame: { value?: "baseline" | "target"; period?: "baselinePeriod" | "targetPeriod" } = {}): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const qb = periodIndex(k.baselinePeriod);
  const qt = periodIndex(k.targetPeriod);
  if (qb !== null && qt !== null && qt <= qb) out.push({ path: blame.period ?? "targetPeriod", message: "must be after the baseline period", code: "period_not_after_baseline", params: { baselinePeriod: k.baselinePeriod } });
  const s = k.direction === "LOWER_IS_BETTER" ? -1 : 1;
  if (!(s * (k.target - k.baseline) > 0)) {
    out.push({
      path: blame.value ?? "target",
      message: s > 0 ? "must be greater than the baseline (higher is better)" : "must be less than the baseline (lower is better)",
      code: "target_not_better",
      params: { direction: k.direction, baseline: k.baseline },
    });
  }
  return out;
}

function refineGoal(v: KpiGoalFields, ctx: z.RefinementCtx) {
  // zod still runs this after a field failed: judge only what parsed
  if (typeof v.baseline !== "number" || typeof v.target !== "number" || !KPI_DIRECTIONS.includes(v.direction)) return;
  for (const i of kpiGoalIssues(v)) ctx.addIssue({ code: "custom", path: [i.path], ...rule(i.code ?? "invalid", i.message, i.params) });
}

export const kpiCreateInput = z
  .strictObject({
    name,
    unit: unit.nullish().transform((u) => u ?? ""),
    direction,
    baseline: num,
    baselinePeriod: period,
    target: num,
    targetPeriod: period,
  })
  .superRefine(refineGoal);
export type KpiCreateInput = z.infer<typeof kpiCreateInput>;

/** A PATCH: any subset of the fields and the version; the cross-field rules run on the merged KPI (lib/server/kpis.ts). */
export const kpiUpdateInput = z.strictObject({
  version,
  name: name.optional(),
  unit: unit.nullish().transform((u) => (u === null ? "" : u)),
  direction: direction.optional(),
  baseline: num.optional(),
  baselinePeriod: period.optional(),
  target: num.optional(),
  targetPeriod: period.optional(),
});
export type KpiUpdateInput = z.infer<typeof kpiUpdateInput>;

export const kpiValueInput = z.strictObject({ value: num });

/** The `version` of DELETE /kpis/{id}?version=N. */
export const versionQuery = z.object({ version: z.coerce.number({ error: "version is required" }).int("version is required").min(1, "version is required") });

const nationalTarget = z
  .strictObject({
    metric: z.enum(METRICS, { error: "not a metric code" }),
    baseline: num,
    baselinePeriod: period,
    target: num,
    targetPeriod: period,
  })
  .superRefine((t, ctx) => refineGoal({ ...t, direction: "HIGHER_IS_BETTER" }, ctx));

/** The whole list of national targets, replaced by one PUT (direction is always higher-is-better). */
export const nationalTargetsInput = z
  .array(nationalTarget, { error: "a list of targets is required" })
  .max(METRICS.length, `at most ${METRICS.length} targets, one per metric`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.metric)) ctx.addIssue({ code: "custom", path: [i, "metric"], ...rule("one_target_per_metric", "one target per metric") });
      seen.add(t.metric);
    });
  });
export type NationalTargetsInput = z.infer<typeof nationalTargetsInput>;
