/**
 * The shapes the API answers with, as zod schemas for the OpenAPI document only (the handlers return the DTOs of
 * lib/server; lib/openapi/document.test.ts checks these against real answers of the core where it can).
 */
import { z } from "zod";
import {
  BUILDING_BLOCKS,
  ENABLERS,
  INITIATIVE_STATUSES,
  KPI_DIRECTIONS,
  METRICS,
  ORGANISATION_KINDS,
  PRINCIPLES,
  REPORT_STATUSES,
  ROLES,
} from "@/lib/domain/codes";
import { VALIDATION_CODES } from "@/lib/errors";

const id = z.string().describe("opaque id (a UUID)");
const ts = z.string().describe("ISO 8601 timestamp, UTC");
const date = z.string().describe("YYYY-MM-DD");
const periodS = z.string().describe("YYYY-Qn");

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        "validation_failed",
        "unauthenticated",
        "invalid_credentials",
        "forbidden",
        "not_found",
        "version_conflict",
        "duplicate",
        "invalid_transition",
        "payload_too_large",
        "rate_limited",
        "unavailable",
        "internal_error",
      ]),
      message: z.string(),
      requestId: z.string().optional(),
      details: z
        .array(
          z.object({
            path: z.string().describe('the field ("title", "targets.0.metric") or the place ("row 7.progress", "(body)")'),
            message: z.string().describe("English, for people reading the raw answer"),
            code: z.enum(VALIDATION_CODES).describe("what is wrong, for programs and the UI's translations"),
            params: z
              .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
              .optional()
              .describe("what the code's text needs, e.g. too_small: { minimum: 3, origin: \"string\" }"),
            value: z.string().optional().describe("file imports: the value as written"),
            allowed: z.array(z.string()).optional().describe("file imports: the values allowed, where they are few"),
          }),
        )
        .optional(),
      currentVersion: z.number().int().optional().describe("version_conflict: the record's current version"),
      retryAfterSeconds: z.number().int().optional().describe("rate_limited: also in the Retry-After header"),
    }),
  })
  .meta({ id: "Error" });

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), page: z.number().int().min(1), pageSize: z.number().int().min(1).max(200), total: z.number().int().min(0) });

export const userSchema = z
  .object({
    id,
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    organisationId: id.nullable(),
    active: z.boolean(),
    version: z.number().int(),
    locale: z.enum(["vi", "en"]).nullable(),
    mustChangeCredentials: z.boolean().describe("an admin set the password: the browser pages ask for a new one first"),
    createdAt: ts,
    lastLoginAt: ts.nullable(),
  })
  .meta({ id: "User" });

export const organisationSchema = z
  .object({
    id,
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    kind: z.enum(ORGANISATION_KINDS),
    parentId: id.nullable(),
    validFrom: z.string().nullable().describe("YYYY-MM-DD, inclusive; null = always"),
    validTo: z.string().nullable().describe("YYYY-MM-DD, exclusive; null = still exists; set only by a restructuring"),
    predecessorIds: z.array(id),
    successorIds: z.array(id),
    version: z.number().int(),
  })
  .meta({ id: "Organisation" });

export const restructuringSchema = z
  .object({
    id,
    effectiveDate: z.string(),
    legalBasis: z.string(),
    note: z.string().nullable(),
    successions: z.array(z.object({ fromId: id, toIds: z.array(id), historyTo: id.nullable() })),
    createdAt: z.string(),
    createdBy: id,
    moves: z
      .object({ initiatives: z.number().int(), kpis: z.number().int(), users: z.number().int(), agencies: z.number().int(), reports: z.number().int() })
      .optional()
      .describe("what moved to the primary successors (in the answer to POST only)"),
  })
  .meta({ id: "Restructuring" });

export const restructuringPreviewSchema = z
  .object({
    dissolve: z.array(id),
    moves: z.object({ initiatives: z.number().int(), kpis: z.number().int(), users: z.number().int(), agencies: z.number().int(), reports: z.number().int() }),
    conflicts: z.array(z.object({ kind: z.enum(["report", "initiative"]), reportId: id.optional(), initiativeId: id.optional(), organisationId: id, period: z.string().optional(), metric: z.string().optional(), externalRef: z.string().optional(), message: z.string() })),
  })
  .meta({ id: "RestructuringPreview" });

export const initiativeSchema = z
  .object({
    id,
    organisationId: id,
    organisationCode: z.string().describe("the code of organisationId, as in the CSV"),
    title: z.string(),
    description: z.string(),
    buildingBlocks: z.array(z.enum(BUILDING_BLOCKS)),
    principles: z.array(z.enum(PRINCIPLES)),
    enablers: z.array(z.enum(ENABLERS)),
    status: z.enum(INITIATIVE_STATUSES),
    currentStage: z.number().int(),
    targetStage: z.number().int(),
    startDate: date.nullable(),
    endDate: date.nullable(),
    budgetPlanned: z.number().nullable().describe("VND"),
    budgetSpent: z.number().nullable().describe("VND"),
    progress: z.number().int(),
    externalRef: z.string().nullable(),
    version: z.number().int(),
    archivedAt: ts.nullable(),
    createdAt: ts,
    updatedAt: ts,
    createdBy: id,
    updatedBy: id,
  })
  .meta({ id: "Initiative" });

export const initiativePageSchema = paged(initiativeSchema).extend({
  totalIsEstimate: z.boolean().describe('true when `total` is a cap ("10,000+"), not an exact count'),
  nextCursor: z
    .string()
    .nullable()
    .describe("pass as `after` for the next page (keyset pagination: as fast at any depth); null on the last page"),
});

const changes = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe("field: { from, to }");

export const historySchema = z.array(
  z.object({ at: ts, actor: z.object({ id, email: z.string().nullable() }).nullable(), action: z.string(), changes }),
);

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: ts,
    actor: z.object({ id: id.nullable(), email: z.string().nullable() }).nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    organisationId: id.nullable(),
    changes,
  })
  .meta({ id: "AuditEntry" });

export const reportSchema = z
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
    submittedLate: z.boolean().meta({ description: "submitted after the end of the quarter's due date (Asia/Ho_Chi_Minh); false until submitted" }),
    reviewedAt: ts.nullable(),
    reviewedBy: id.nullable(),
  })
  .meta({ id: "MetricReport" });

export const attachmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: ts,
    createdBy: z.string(),
  })
  .meta({ id: "Attachment" });

export const briefingSettingsSchema = z
  .object({ signerTitle: z.string(), signerName: z.string(), signerUnit: z.string() })
  .meta({ id: "BriefingSettings" });

export const reportingSettingsSchema = z
  .object({ cutOffDay: z.number().int(), dueDay: z.number().int(), minimumCoverage: z.number() })
  .meta({ id: "ReportingSettings" });

export const calendarEntrySchema = z
  .object({
    period: periodS,
    dataFrom: z.string().meta({ description: "first day of the quarter's data, YYYY-MM-DD" }),
    cutOff: z.string().meta({ description: "data cut-off, YYYY-MM-DD" }),
    dueDate: z.string().meta({ description: "due date, YYYY-MM-DD" }),
    open: z.boolean().meta({ description: "today (Asia/Ho_Chi_Minh) is on or before the due date" }),
    overridden: z.boolean().meta({ description: "the quarter has its own dates" }),
  })
  .meta({ id: "CalendarEntry" });

export const ratingSchema = z
  .object({
    status: z.enum(["NOT_ENOUGH_DATA", "ACHIEVED", "MISSED", "ON_TRACK", "ACCELERATION_NEEDED", "LIMITED_PROGRESS", "DETERIORATING"]),
    ratio: z.number().nullable(),
    latestValue: z.number().nullable(),
    latestPeriod: periodS.nullable(),
    expectedValue: z.number().nullable(),
  })
  .meta({ id: "Rating" });

export const kpiSchema = z
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
    values: z.array(z.object({ period: periodS, value: z.number() })),
    rating: ratingSchema,
  })
  .meta({ id: "Kpi" });

export const nationalTargetSchema = z
  .object({ metric: z.enum(METRICS), baseline: z.number(), baselinePeriod: periodS, target: z.number(), targetPeriod: periodS })
  .meta({ id: "NationalTarget" });

export const thresholdsSchema = z
  .object({ SERVICES_ONLINE: z.number(), OPEN_DATASETS: z.number(), KPI_IMPROVEMENT: z.number(), SERVICES_NEW_RETIRED: z.number() })
  .meta({ id: "MaturityThresholds" });

const named = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), descriptionVi: z.string(), descriptionEn: z.string() });
const bilingual = (field: string) => ({ [`${field}Vi`]: z.string(), [`${field}En`]: z.string() });
export const referenceSchema = z.object({
  buildingBlocks: z.array(named),
  principles: z.array(named),
  enablers: z.array(named),
  maturityStages: z.array(
    z.object({
      level: z.number().int().min(1).max(5),
      code: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      keyMetric: z.enum(METRICS),
      ...bilingual("maturity"),
      ...bilingual("coreValue"),
      ...bilingual("serviceModel"),
      ...bilingual("platform"),
      ...bilingual("keyTechnology"),
    }),
  ),
  metrics: z.array(named.extend({ kind: z.enum(["RATIO", "COUNT", "PERCENT"]) })),
});

const metricFigure = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  reportingOrganisations: z.number().int(),
  coverage: z.object({ expected: z.number().int(), reported: z.number().int(), share: z.number().min(0).max(1).nullable() }).describe("bodies expected for the quarter and those with their own counted report"),
  change: z
    .object({ previousPeriod: periodS, value: z.number(), previousValue: z.number(), delta: z.number(), organisations: z.number().int() })
    .nullable()
    .describe("like for like over the reporting organisations with a counted report in both quarters; null when none"),
  provisional: z.boolean(),
  provisionalReasons: z.array(z.enum(["open_quarter", "low_coverage"])),
});
const stageCounts = z.object({ "1": z.number().int(), "2": z.number().int(), "3": z.number().int(), "4": z.number().int(), "5": z.number().int() });
export const dashboardSchema = z
  .object({
    period: periodS,
    metrics: z.record(z.enum(METRICS), metricFigure),
    initiatives: z.object({
      total: z.number().int(),
      byStatus: z.record(z.enum(INITIATIVE_STATUSES), z.number().int()),
      byBuildingBlock: z.record(z.enum(BUILDING_BLOCKS), z.object({ count: z.number().int(), averageProgress: z.number().nullable() })),
      averageProgress: z.number().nullable(),
      budgetWeightedProgress: z.number().nullable(),
      budgetPlanned: z.number(),
      budgetSpent: z.number(),
    }),
    maturity: z.object({ distribution: stageCounts, notReported: z.number().int().describe("expected bodies with no counted report of any metric") }),
    quarter: z
      .object({ dueDate: z.string().describe("YYYY-MM-DD"), open: z.boolean(), minimumCoverage: z.number().min(0).max(1) })
      .describe("the quarter's due date, whether it is still open, and the coverage below which a figure is provisional"),
    compliance: z.object({
      expected: z.number().int(),
      submitted: z.number().int(),
      approved: z.number().int(),
      missing: z.array(z.object({ organisationId: id, metric: z.enum(METRICS) })),
    }),
  })
  .meta({ id: "Dashboard" });

const thresholdCheck = z.object({
  metric: z.enum(["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED"]),
  threshold: z.number(),
  value: z.number().nullable(),
  status: z.enum(["met", "missed", "missing"]),
  counted: z.boolean().describe("part of the consecutive run of thresholds met that sets the stage"),
});
export const organisationDashboardSchema = dashboardSchema
  .extend({
    organisationId: id,
    maturityStage: z.number().int().min(1).max(5),
    maturityExplanation: z.object({ stage: z.number().int().min(1).max(5), checks: z.array(thresholdCheck) }).describe("each threshold checked, in order"),
    claimedStages: stageCounts,
    basis: z.enum(["comparable", "reported"]),
    lineage: z.array(id).describe("the organisations whose reports (each with its agencies of the quarter) make up the figures"),
    partial: z.boolean().describe("a predecessor in force for the quarter was left out for lack of historyTo"),
    reported: z.boolean().describe("false when no counted report of any metric makes up the figures"),
  })
  .meta({ id: "OrganisationDashboard" });

export const trendSchema = z.array(
  z.object({
    period: periodS,
    value: z.number().nullable(),
    basis: z.enum(["comparable", "reported"]).optional().describe("with organisationId"),
    lineage: z.array(id).optional().describe("with organisationId"),
    partial: z.boolean().optional().describe("with organisationId"),
  }),
);

export const targetsDashboardSchema = z.object({
  period: periodS,
  national: z.array(z.object({ metric: z.enum(METRICS), rating: ratingSchema })),
  organisations: z.array(z.object({ organisationId: id, metric: z.enum(METRICS), rating: ratingSchema })),
});

export const attentionSchema = z.object({
  period: periodS,
  asOf: ts.describe("the moment the lists are computed for: the end of the quarter, or now for the current one"),
  truncated: z.object({ kpis: z.boolean(), staleInitiatives: z.boolean(), overdueInitiatives: z.boolean() }).describe("which lists were cut at their limit"),
  kpis: z.array(z.object({ kpiId: id, initiativeId: id, organisationId: id, status: z.string() })),
  targets: z.array(z.object({ organisationId: id.nullable(), metric: z.enum(METRICS), status: z.string() })),
  staleInitiatives: z.array(z.object({ initiativeId: id, organisationId: id, updatedAt: ts })),
  overdueInitiatives: z.array(z.object({ initiativeId: id, organisationId: id, endDate: date })),
  overdueReports: z.array(z.object({ organisationId: id, metric: z.enum(METRICS), period: periodS })),
});

export const tokenSchema = z.object({
  token: z.string().describe("shown once; send as `Authorization: Bearer <token>`"),
  expiresAt: ts,
  user: z.object({ id, email: z.string(), name: z.string(), role: z.enum(ROLES), organisationId: id.nullable() }),
});

export const personalTokenSchema = z
  .object({ id, name: z.string().nullable(), createdAt: ts, expiresAt: ts, lastUsedAt: ts.nullable(), revoked: z.boolean() })
  .meta({ id: "PersonalToken" });

export const importResultSchema = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

export const notificationSchema = z
  .object({
    id,
    kind: z.string().describe("REPORT_REJECTED, REPORT_APPROVED, REPORTS_SUBMITTED, REPORT_DUE_SOON, REPORT_OVERDUE, OVERDUE_DIGEST, RESTRUCTURED, PASSWORD_RESET"),
    title: z.string().describe("in the recipient's language (the one saved on the account)"),
    body: z.string(),
    link: z.string().describe("a path of the web app that opens the exact screen"),
    createdAt: ts,
    readAt: ts.nullable().describe("null while unread"),
  })
  .meta({ id: "Notification" });
