/** The dashboards (spec/api.md "Dashboards", spec/coverage.md, spec/targets.md) as the API answers them. */
import { z } from "zod";
import { BUILDING_BLOCKS, INITIATIVE_STATUSES, METRICS } from "@/lib/domain/codes";
import { PROVISIONAL_REASONS } from "@/lib/domain/coverage";
import { BASES } from "@/lib/domain/lineage";
import { THRESHOLD_METRICS } from "@/lib/domain/maturity";
import { RATING_STATUSES } from "@/lib/domain/rating";
import { date, id, periodS, ts } from "./common";
import { RatingDto } from "./kpis";
import { ComplianceDto } from "./reports";
import { NationalTargetDto } from "./settings";

const stage = z.number().int().min(1).max(5);
const count = z.number().int();

export const MetricDto = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable().optional().describe("ratio metrics: the summed numerator"),
  denominator: z.number().nullable().optional().describe("ratio metrics: the summed denominator"),
  reportingOrganisations: count,
  coverage: z
    .object({ expected: count, reported: count, share: z.number().min(0).max(1).nullable() })
    .describe("bodies expected for the quarter and those with their own counted report"),
  change: z
    .object({
      previousPeriod: periodS,
      value: z.number(),
      previousValue: z.number(),
      delta: z.number(),
      organisations: count,
    })
    .nullable()
    .describe("like for like over the reporting organisations with a counted report in both quarters; null when none"),
  provisional: z.boolean(),
  provisionalReasons: z.array(z.enum(PROVISIONAL_REASONS)),
});
export type MetricDto = z.infer<typeof MetricDto>;

const blockFigure = z.object({ count, averageProgress: z.number().nullable() });
export const InitiativesDto = z.object({
  total: count,
  byStatus: z.record(z.enum(INITIATIVE_STATUSES), count),
  byBuildingBlock: z.record(z.enum(BUILDING_BLOCKS), blockFigure),
  averageProgress: z.number().nullable(),
  budgetWeightedProgress: z.number().nullable(),
  budgetPlanned: z.number(),
  budgetSpent: z.number(),
});
export type InitiativesDto = z.infer<typeof InitiativesDto>;

const stageCounts = z.object({ "1": count, "2": count, "3": count, "4": count, "5": count });

export const DashboardDto = z
  .object({
    period: periodS,
    metrics: z.record(z.enum(METRICS), MetricDto),
    initiatives: InitiativesDto,
    maturity: z.object({
      distribution: stageCounts,
      notReported: count.describe("expected bodies with no counted report of any metric"),
    }),
    quarter: z
      .object({ dueDate: date, open: z.boolean(), minimumCoverage: z.number().min(0).max(1) })
      .describe(
        "the quarter's due date, whether it is still open, and the coverage below which a figure is provisional",
      ),
    compliance: ComplianceDto,
  })
  .meta({ id: "Dashboard" });
export type DashboardDto = z.infer<typeof DashboardDto>;

const thresholdCheck = z.object({
  metric: z.enum(THRESHOLD_METRICS),
  threshold: z.number(),
  value: z.number().nullable(),
  status: z.enum(["met", "missed", "missing"]),
  counted: z.boolean().describe("part of the consecutive run of thresholds met that sets the stage"),
});
export const OrganisationDashboardDto = DashboardDto.extend({
  organisationId: id,
  maturityStage: stage,
  maturityExplanation: z
    .object({ stage, checks: z.array(thresholdCheck) })
    .describe("each threshold checked, in order"),
  claimedStages: stageCounts,
  basis: z.enum(BASES),
  lineage: z
    .array(id)
    .describe("the organisations whose reports (each with its agencies of the quarter) make up the figures"),
  partial: z.boolean().describe("a predecessor in force for the quarter was left out for lack of historyTo"),
  reported: z.boolean().describe("false when no counted report of any metric makes up the figures"),
}).meta({ id: "OrganisationDashboard" });
export type OrganisationDashboardDto = z.infer<typeof OrganisationDashboardDto>;

export const SeriesPointDto = z.object({
  period: periodS,
  value: z.number().nullable(),
  basis: z.enum(BASES).optional().describe("with organisationId"),
  lineage: z.array(id).optional().describe("with organisationId"),
  partial: z.boolean().optional().describe("with organisationId"),
});
export type SeriesPointDto = z.infer<typeof SeriesPointDto>;
export const TrendDto = z.array(SeriesPointDto);
export type TrendDto = z.infer<typeof TrendDto>;

export const TargetsDashboardDto = z.object({
  period: periodS,
  national: z.array(z.object({ metric: z.enum(METRICS), target: NationalTargetDto, rating: RatingDto })),
  organisations: z.array(
    z.object({
      organisationId: id,
      metric: z.enum(METRICS),
      baseline: z.number().nullable(),
      baselinePeriod: periodS.nullable(),
      rating: RatingDto,
    }),
  ),
});
export type TargetsDashboardDto = z.infer<typeof TargetsDashboardDto>;

const attentionInitiative = z.object({
  initiativeId: id,
  title: z.string(),
  organisationId: id,
  status: z.enum(INITIATIVE_STATUSES),
  progress: z.number().int(),
});
export const AttentionDto = z.object({
  period: periodS,
  asOf: ts.describe("the moment the lists are computed for: the end of the quarter, or now for the current one"),
  truncated: z
    .object({ kpis: z.boolean(), staleInitiatives: z.boolean(), overdueInitiatives: z.boolean() })
    .describe("which lists were cut at their limit"),
  kpis: z.array(
    z.object({
      kpiId: id,
      name: z.string(),
      initiativeId: id,
      initiativeTitle: z.string(),
      organisationId: id,
      status: z.enum(RATING_STATUSES),
      rating: RatingDto,
    }),
  ),
  targets: z.array(
    z.object({
      organisationId: id.nullable(),
      metric: z.enum(METRICS),
      status: z.enum(RATING_STATUSES),
      rating: RatingDto,
    }),
  ),
  staleInitiatives: z.array(attentionInitiative.extend({ updatedAt: ts })),
  overdueInitiatives: z.array(attentionInitiative.extend({ endDate: date })),
  overdueReports: z.array(z.object({ organisationId: id, metric: z.enum(METRICS), period: periodS })),
});
export type AttentionDto = z.infer<typeof AttentionDto>;

/** The dashboard screens' trend charts: every metric of a quarter. */
export const TrendPointDto = z.object({
  period: periodS,
  values: z.record(z.enum(METRICS), z.number().nullable()),
  lineage: z.array(id).optional().describe("an organisation's trend: whose reports make up the point"),
  partial: z.boolean().optional().describe("an organisation's trend: a predecessor was left out"),
});
export type TrendPointDto = z.infer<typeof TrendPointDto>;

/** A row of the coverage heatmap: initiatives per building block of a ministry or province. */
export const HeatmapRowDto = z.object({
  organisationId: id,
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  blocks: z.record(z.enum(BUILDING_BLOCKS), blockFigure),
});
export type HeatmapRowDto = z.infer<typeof HeatmapRowDto>;
