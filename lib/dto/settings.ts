/** The settings of the tracker (thresholds, national targets, reporting calendar, briefing signature) as the API answers them. */
import { z } from "zod";
import { METRICS } from "@/lib/domain/codes";
import { date, periodS } from "./common";

export const ThresholdsDto = z
  .object({
    SERVICES_ONLINE: z.number(),
    OPEN_DATASETS: z.number(),
    KPI_IMPROVEMENT: z.number(),
    SERVICES_NEW_RETIRED: z.number(),
  })
  .meta({ id: "MaturityThresholds" });
export type ThresholdsDto = z.infer<typeof ThresholdsDto>;

export const NationalTargetDto = z
  .object({
    metric: z.enum(METRICS),
    baseline: z.number(),
    baselinePeriod: periodS,
    target: z.number(),
    targetPeriod: periodS,
  })
  .meta({ id: "NationalTarget" });
export type NationalTargetDto = z.infer<typeof NationalTargetDto>;

export const BriefingSettingsDto = z
  .object({ signerTitle: z.string(), signerName: z.string(), signerUnit: z.string() })
  .meta({ id: "BriefingSettings" });
export type BriefingSettingsDto = z.infer<typeof BriefingSettingsDto>;

export const ReportingSettingsDto = z
  .object({ cutOffDay: z.number().int(), dueDay: z.number().int(), minimumCoverage: z.number() })
  .meta({ id: "ReportingSettings" });
export type ReportingSettingsDto = z.infer<typeof ReportingSettingsDto>;

export const CalendarEntryDto = z
  .object({
    period: periodS,
    dataFrom: date.describe("first day of the quarter's data, YYYY-MM-DD"),
    cutOff: date.describe("data cut-off, YYYY-MM-DD"),
    dueDate: date.describe("due date, YYYY-MM-DD"),
    open: z.boolean().describe("today (Asia/Ho_Chi_Minh) is on or before the due date"),
    overridden: z.boolean().describe("the quarter has its own dates"),
  })
  .meta({ id: "CalendarEntry" });
export type CalendarEntryDto = z.infer<typeof CalendarEntryDto>;
