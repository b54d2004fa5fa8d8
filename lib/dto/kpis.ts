/** KPIs with their values and on-track rating (spec/targets.md) as the API answers them. */
import { z } from "zod";
import { KPI_DIRECTIONS } from "@/lib/domain/codes";
import { RATING_STATUSES } from "@/lib/domain/rating";
import { id, periodS } from "./common";

export const RatingDto = z
  .object({
    status: z.enum(RATING_STATUSES),
    ratio: z
      .number()
      .nullable()
      .describe("observed pace over required pace; null unless the target is neither achieved nor due"),
    latestValue: z.number().nullable(),
    latestPeriod: periodS.nullable(),
    expectedValue: z
      .number()
      .nullable()
      .describe("where the linear path from baseline to target stands at the latest quarter"),
  })
  .meta({ id: "Rating" });
export type RatingDto = z.infer<typeof RatingDto>;

export const KpiValueDto = z.object({ period: periodS, value: z.number() });
export type KpiValueDto = z.infer<typeof KpiValueDto>;

export const KpiDto = z
  .object({
    id,
    initiativeId: id,
    name: z.string(),
    unit: z.string(),
    direction: z.enum(KPI_DIRECTIONS),
    baseline: z.number(),
    baselinePeriod: periodS,
    target: z.number(),
    targetPeriod: periodS,
    version: z.number().int(),
    values: z.array(KpiValueDto),
    rating: RatingDto,
  })
  .meta({ id: "Kpi" });
export type KpiDto = z.infer<typeof KpiDto>;

/** A KPI on an organisation's quarterly reporting page: its value of the chosen quarter. */
export const OrganisationKpiDto = KpiDto.omit({ initiativeId: true, values: true }).extend({
  initiative: z.object({ id, title: z.string() }),
  value: z.number().nullable().describe("the value of the chosen quarter, or null"),
  periodOpen: z
    .boolean()
    .describe("false when the chosen quarter is not after the KPI's baseline quarter (no value can be set for it)"),
});
export type OrganisationKpiDto = z.infer<typeof OrganisationKpiDto>;
