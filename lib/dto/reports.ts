/** Quarterly metric reports as the API answers them, and what the reporting screens show beside them. */
import { z } from "zod";
import { METRICS, REPORT_STATUSES } from "@/lib/domain/codes";
import { id, periodS, ts } from "./common";

export const ReportDto = z
  .object({
    id,
    organisationId: id,
    period: periodS,
    metric: z.enum(METRICS),
    value: z.number(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    evidenceUrl: z.string().nullable(),
    note: z.string().nullable(),
    status: z.enum(REPORT_STATUSES),
    reviewComment: z.string().nullable(),
    version: z.number().int(),
    submittedAt: ts.nullable(),
    submittedLate: z.boolean().meta({
      description: "submitted after the end of the quarter's due date (Asia/Ho_Chi_Minh); false until submitted",
    }),
    reviewedAt: ts.nullable(),
    reviewedBy: id.nullable(),
  })
  .meta({ id: "MetricReport" });
export type ReportDto = z.infer<typeof ReportDto>;

/** Last quarter's figure of a metric, beside this quarter's form. */
export const PreviousFigureDto = ReportDto.pick({
  period: true,
  value: true,
  numerator: true,
  denominator: true,
  status: true,
});
export type PreviousFigureDto = z.infer<typeof PreviousFigureDto>;

/** Who has reported a quarter (the dashboard's compliance). */
export const ComplianceDto = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  approved: z.number().int(),
  missing: z.array(z.object({ organisationId: id, metric: z.enum(METRICS) })),
});
export type ComplianceDto = z.infer<typeof ComplianceDto>;

/** A cell of the completeness table: a report's status, or MISSING. */
export const CellStatusDto = z.enum([...REPORT_STATUSES, "MISSING"]);
export type CellStatusDto = z.infer<typeof CellStatusDto>;
