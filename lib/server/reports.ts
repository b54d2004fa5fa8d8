import "server-only";
import { z } from "zod";
import { pool, prisma } from "./db";
import { transaction, type Tx } from "./tx";
import { requireInForceFor } from "./validity";
import { audit, createdFields, diffFields } from "./audit";
import { DuplicateError, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError, VersionConflictError, isUniqueViolation } from "./errors";
import { can, ruleFor, type Action, type Actor } from "@/lib/auth/permissions";
import { isId, parseOrThrow, period as periodSchema, reportablePeriod, uuid } from "@/lib/validation/common";
import {
  checkReportFigures,
  rejectInput,
  reportCreateInput,
  reportListQuery,
  reportUpdateInput,
  reportValue,
  workflowInput,
} from "@/lib/validation/reports";
import { METRICS, METRIC_KIND, type MetricCode, type MetricKind, type ReportStatus } from "@/lib/domain/codes";
import { addQuarters } from "@/lib/domain/periods";
import { isSubmittedLate } from "@/lib/domain/calendar";
import { figureWarnings, type FigureWarning } from "@/lib/domain/warnings";
import { dueDatesOf } from "./reporting-calendar";
import { notifyReportReviewed, notifyReportSubmitted } from "./notifications";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CellStatusDto, ComplianceDto, PreviousFigureDto, ReportDto } from "@/lib/dto/reports";

const select = {
  id: true,
  organisationId: true,
  period: true,
  metricCode: true,
  value: true,
  numerator: true,
  denominator: true,
  evidenceUrl: true,
  note: true,
  status: true,
  reviewComment: true,
  version: true,
  submittedAt: true,
  reviewedAt: true,
  reviewedById: true,
} as const;
type Row = Prisma.MetricReportGetPayload<{ select: typeof select }>;

const FIELDS = ["organisationId", "period", "metric", "value", "numerator", "denominator", "evidenceUrl", "note", "status", "reviewComment", "reviewedBy"];
const PUBLISHED: ReportStatus[] = ["SUBMITTED", "APPROVED"];

const num = (v: bigint | null): number | null => (v === null ? null : Number(v));

/**
 * Lateness is computed when read, from submittedAt and the quarter's due date (period_due_date), not stored at
 * submission: when an admin moves a due date (a holiday, an extension), the reports already submitted follow it.
 * A DRAFT (also one edited again after a rejection) is not submitted, so not late.
 */
function lateOf(r: Pick<Row, "period" | "status" | "submittedAt">, due: Map<string, string>): boolean {
  const d = due.get(r.period);
  return r.status !== "DRAFT" && d !== undefined && isSubmittedLate(r.submittedAt, d);
}

function toDto(r: Row, due: Map<string, string>): ReportDto {
  return {
    id: r.id,
    organisationId: r.organisationId,
    period: r.period,
    metric: r.metricCode as MetricCode,
    value: r.value,
    numerator: num(r.numerator),
    denominator: num(r.denominator),
    evidenceUrl: r.evidenceUrl,
    note: r.note,
    status: r.status,
    reviewComment: r.reviewComment,
    version: r.version,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submittedLate: lateOf(r, due),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewedBy: r.reviewedById,
  };
}

/** SUBMITTED and APPROVED reports are readable by everyone; DRAFT and REJECTED ones only under "report.readUnapproved". */
function canSee(actor: Actor, r: { organisationId: string; status: ReportStatus }): boolean {
  const action: Action = PUBLISHED.includes(r.status) ? "report.readApproved" : "report.readUnapproved";
  return can(actor, action, r.organisationId);
}

/** The same rule as canSee, as a Prisma filter, so lists never load what the caller may not see. */
function visibleWhere(actor: Actor): Prisma.MetricReportWhereInput {
  const rule = ruleFor(actor.role, "report.readUnapproved");
  if (rule === "any") return {};
  const published: Prisma.MetricReportWhereInput = { status: { in: PUBLISHED } };
  if (rule === "own") return { OR: [published, { organisationId: { in: actor.scope } }] };
  return published;
}

/** Loads a report the caller may see, or answers 404 (its existence is not revealed). */
async function loadVisible(db: Tx | typeof prisma, actor: Actor, id: string, lock = false): Promise<Row> {
  if (!isId(id)) throw new NotFoundError("Report");
  // the row lock makes concurrent workflow steps on one report queue up instead of racing on its version
  if (lock) await db.$queryRaw`SELECT 1 FROM metric_reports WHERE id = ${id}::uuid FOR UPDATE`;
  const r = await db.metricReport.findUnique({ where: { id }, select });
  if (!r || !canSee(actor, r)) throw new NotFoundError("Report");
  return r;
}

const SORT_FIELD = {
  period: "period",
  metric: "metricCode",
  status: "status",
  value: "value",
  submittedAt: "submittedAt",
  reviewedAt: "reviewedAt",
  updatedAt: "updatedAt",
} as const;

/** Reports the caller may see, filtered and paged (newest period first unless sorted). */
export async function listReports(actor: Actor, query: unknown = {}) {
  const q = parseOrThrow(reportListQuery, query);
  const filters: Prisma.MetricReportWhereInput = {};
  if (q.organisationId) filters.organisationId = q.organisationId;
  if (q.period) filters.period = q.period;
  if (q.metric) filters.metricCode = q.metric;
  if (q.status) filters.status = q.status;
  const where: Prisma.MetricReportWhereInput = { AND: [filters, visibleWhere(actor)] };
  const sort = q.sort ?? "-period";
  const field = SORT_FIELD[sort.replace(/^-/, "") as keyof typeof SORT_FIELD];
  const dir = sort.startsWith("-") ? "desc" : "asc";
  const [rows, total] = await Promise.all([
    prisma.metricReport.findMany({
      where,
      select,
      orderBy: [{ [field]: field === "submittedAt" || field === "reviewedAt" ? { sort: dir, nulls: "last" } : dir }, { organisationId: "asc" }, { metricCode: "asc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    prisma.metricReport.count({ where }),
  ]);
  const due = await dueDatesOf(rows.map((r) => r.period));
  return { data: rows.map((r) => toDto(r, due)), page: q.page, pageSize: q.pageSize, total };
}

/** One report, or 404 where the caller may not see it. */
export async function getReport(actor: Actor, id: string): Promise<ReportDto> {
  const r = await loadVisible(prisma, actor, id);
  return toDto(r, await dueDatesOf([r.period]));
}

/** A DTO as the audit helpers take it. */
function auditView(d: ReportDto): Record<string, unknown> {
  return { ...d };
}

/** Creates a DRAFT report (officer in scope, admin). The unique index decides duplicates, also under concurrency. */
export async function createReport(actor: Actor, input: unknown): Promise<ReportDto> {
  try {
    return await transaction((tx) => createReportIn(tx, actor, input));
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicateError("metric", "This organisation already has a report for this metric and period");
    throw err;
  }
}

/** createReport inside the caller's transaction (the workbook import writes several reports in one). */
export async function createReportIn(tx: Tx, actor: Actor, input: unknown): Promise<ReportDto> {
  const d = parseOrThrow(reportCreateInput, input);
  if (!can(actor, "report.write", d.organisationId)) throw new ForbiddenError();
  const isRatio = METRIC_KIND[d.metric] === "RATIO";
  // the body must exist and be in force for the quarter (spec/restructuring.md); it is read FOR SHARE so a
  // restructuring of it waits for this write or this write for it
  if (!(await requireInForceFor(tx, d.organisationId, d.period))) throw new ValidationError([{ path: "organisationId", message: "no such organisation", code: "no_such_organisation" }]);
  const r = await tx.metricReport.create({
    data: {
      organisationId: d.organisationId,
      period: d.period,
      metricCode: d.metric,
      value: reportValue(d.metric, d),
      numerator: isRatio ? BigInt(d.numerator!) : null,
      denominator: isRatio ? BigInt(d.denominator!) : null,
      evidenceUrl: d.evidenceUrl,
      note: d.note,
      status: "DRAFT",
      createdById: actor.id,
      updatedById: actor.id,
    },
    select,
  });
  const dto = toDto(r, new Map());
  await audit(tx, actor, { action: "create", entityType: "MetricReport", entityId: r.id, organisationId: r.organisationId, changes: createdFields(auditView(dto), FIELDS) });
  return dto;
}

/** Edits a DRAFT or REJECTED report (a REJECTED one becomes DRAFT again), checking its version. */
export async function updateReport(actor: Actor, id: string, input: unknown): Promise<ReportDto> {
  return transaction((tx) => updateReportIn(tx, actor, id, input));
}

/** updateReport inside the caller's transaction. */
export async function updateReportIn(tx: Tx, actor: Actor, id: string, input: unknown): Promise<ReportDto> {
  const { version, ...patch } = parseOrThrow(reportUpdateInput, input);
  const before = await loadVisible(tx, actor, id, true);
  if (!can(actor, "report.write", before.organisationId)) throw new ForbiddenError();
  if (before.status !== "DRAFT" && before.status !== "REJECTED") {
    throw new InvalidTransitionError(`A ${before.status} report cannot be edited`);
  }
  if (before.version !== version) throw new VersionConflictError(before.version);
  await requireInForceFor(tx, before.organisationId, before.period);
  const metric = before.metricCode as MetricCode;
  const isRatio = METRIC_KIND[metric] === "RATIO";
  const figures = {
    value: isRatio ? null : (patch.value ?? before.value),
    numerator: patch.numerator ?? num(before.numerator),
    denominator: patch.denominator ?? num(before.denominator),
  };
  const problems = checkReportFigures(metric, figures, { value: patch.value != null });
  if (problems.length) throw new ValidationError(problems);
  const updated = await tx.metricReport.updateMany({
    where: { id, version },
    data: {
      value: reportValue(metric, figures),
      numerator: isRatio ? BigInt(figures.numerator!) : null,
      denominator: isRatio ? BigInt(figures.denominator!) : null,
      ...(patch.evidenceUrl !== undefined ? { evidenceUrl: patch.evidenceUrl } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      status: "DRAFT",
      version: { increment: 1 },
      updatedAt: new Date(),
      updatedById: actor.id,
    },
  });
  if (updated.count !== 1) throw new VersionConflictError((await tx.metricReport.findUniqueOrThrow({ where: { id }, select: { version: true } })).version);
  const due = await dueDatesOf([before.period], tx);
  const after = toDto(await tx.metricReport.findUniqueOrThrow({ where: { id }, select }), due);
  await audit(tx, actor, { action: "update", entityType: "MetricReport", entityId: id, organisationId: after.organisationId, changes: diffFields(auditView(toDto(before, due)), auditView(after), FIELDS) });
  return after;
}

type Step = "submit" | "approve" | "reject";
const STEPS: Record<Step, { from: ReportStatus; to: ReportStatus; action: Action }> = {
  submit: { from: "DRAFT", to: "SUBMITTED", action: "report.write" },
  approve: { from: "SUBMITTED", to: "APPROVED", action: "report.review" },
  reject: { from: "SUBMITTED", to: "REJECTED", action: "report.review" },
};

/** One workflow step: 404 where the caller may not see the report, then 403, then 409 for a step its status does not allow. */
async function step(actor: Actor, id: string, input: unknown, name: Step): Promise<ReportDto> {
  const { version, comment } = parseOrThrow(name === "reject" ? rejectInput : workflowInput, input);
  const s = STEPS[name];
  return transaction(async (tx) => {
    const before = await loadVisible(tx, actor, id, true);
    if (!can(actor, s.action, before.organisationId)) throw new ForbiddenError();
    if (before.status !== s.from) throw new InvalidTransitionError(`A ${before.status} report cannot be ${name === "submit" ? "submitted" : `${name}d`}`);
    if (before.version !== version) throw new VersionConflictError(before.version);
    if (name === "submit") await requireInForceFor(tx, before.organisationId, before.period);
    const now = new Date();
    const data: Prisma.MetricReportUpdateManyMutationInput =
      name === "submit"
        ? { status: s.to, submittedAt: now }
        : { status: s.to, reviewedAt: now, reviewedById: actor.id, reviewComment: comment ?? null };
    const updated = await tx.metricReport.updateMany({
      where: { id, version, status: s.from },
      data: { ...data, version: { increment: 1 }, updatedAt: now, updatedById: actor.id },
    });
    if (updated.count !== 1) throw new VersionConflictError((await tx.metricReport.findUniqueOrThrow({ where: { id }, select: { version: true } })).version);
    const due = await dueDatesOf([before.period], tx);
    const after = toDto(await tx.metricReport.findUniqueOrThrow({ where: { id }, select }), due);
    const changes = diffFields(auditView(toDto(before, due)), auditView(after), FIELDS);
    await audit(tx, actor, { action: name, entityType: "MetricReport", entityId: id, organisationId: after.organisationId, changes });
    // the people concerned hear of it in the same transaction: no notification without its event, nor the reverse
    if (name === "submit") await notifyReportSubmitted(tx, id);
    else await notifyReportReviewed(tx, id, actor, name === "reject" ? "REJECTED" : "APPROVED");
    return after;
  });
}

/** DRAFT -> SUBMITTED (officer in scope, admin). */
export const submitReport = (actor: Actor, id: string, input: unknown) => step(actor, id, input, "submit");
/** SUBMITTED -> APPROVED (leadership, admin); an optional comment. */
export const approveReport = (actor: Actor, id: string, input: unknown) => step(actor, id, input, "approve");
/** SUBMITTED -> REJECTED (leadership, admin); the comment is required. */
export const rejectReport = (actor: Actor, id: string, input: unknown) => step(actor, id, input, "reject");

// ---------------------------------------------------------------------------------------------------------------
// Data for the UI: the officer's "report this quarter" page, the leadership's review queue, completeness.

export interface ReportingForm {
  organisationId: string;
  period: string;
  previousPeriod: string;
  /** may the caller create, edit and submit this organisation's reports */
  canEdit: boolean;
  metrics: { metric: MetricCode; kind: MetricKind; report: ReportDto | null; previous: PreviousFigureDto | null }[];
}

/** The five metrics of one organisation and quarter: the current report (where visible) and last quarter's figure beside it. */
export async function reportingForm(actor: Actor, organisationId: string, period: string): Promise<ReportingForm> {
  const p = parseOrThrow(z.strictObject({ period: reportablePeriod }), { period }).period;
  if (!isId(organisationId)) throw new NotFoundError("Organisation");
  const org = await prisma.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
  if (!org) throw new NotFoundError("Organisation");
  const previousPeriod = addQuarters(p, -1);
  const rows = (await prisma.metricReport.findMany({ where: { organisationId, period: { in: [p, previousPeriod] } }, select })).filter((r) => canSee(actor, r));
  const find = (per: string, m: MetricCode) => rows.find((r) => r.period === per && r.metricCode === m);
  const due = await dueDatesOf([p]);
  return {
    organisationId,
    period: p,
    previousPeriod,
    canEdit: can(actor, "report.write", organisationId),
    metrics: METRICS.map((metric) => {
      const cur = find(p, metric);
      const prev = find(previousPeriod, metric);
      return {
        metric,
        kind: METRIC_KIND[metric],
        report: cur ? toDto(cur, due) : null,
        previous: prev ? { period: prev.period, value: prev.value, numerator: num(prev.numerator), denominator: num(prev.denominator), status: prev.status } : null,
      };
    }),
  };
}

export interface ReviewItem {
  report: ReportDto;
  organisation: { id: string; code: string; nameVi: string; nameEn: string };
  /** the same organisation's APPROVED figure of the quarter before, or null */
  previous: { period: string; value: number } | null;
  /** the warnings of lib/domain/warnings against that figure (shown beside the figure to the reviewer) */
  warnings: FigureWarning[];
}

export const REVIEW_QUEUE_LIMIT = 500;

/** SUBMITTED reports waiting for review (leadership, admin), oldest submission first, with last quarter's approved figure. */
export async function reviewQueue(actor: Actor, query: unknown = {}): Promise<ReviewItem[]> {
  if (!can(actor, "report.review")) throw new ForbiddenError();
  const q = parseOrThrow(z.strictObject({ period: periodSchema.optional(), organisationId: uuid.optional() }), query);
  const rows = await prisma.metricReport.findMany({
    where: { status: "SUBMITTED", ...(q.period ? { period: q.period } : {}), ...(q.organisationId ? { organisationId: q.organisationId } : {}) },
    select: { ...select, organisation: { select: { id: true, code: true, nameVi: true, nameEn: true } } },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: REVIEW_QUEUE_LIMIT,
  });
  const prev = rows.length
    ? await prisma.metricReport.findMany({
        where: { status: "APPROVED", OR: rows.map((r) => ({ organisationId: r.organisationId, metricCode: r.metricCode, period: addQuarters(r.period, -1) })) },
        select: { organisationId: true, metricCode: true, period: true, value: true },
      })
    : [];
  const key = (o: string, m: string, p: string) => `${o}|${m}|${p}`;
  const due = await dueDatesOf(rows.map((r) => r.period));
  const prevBy = new Map(prev.map((r) => [key(r.organisationId, r.metricCode, r.period), r]));
  return rows.map(({ organisation, ...r }) => {
    const pr = prevBy.get(key(r.organisationId, r.metricCode, addQuarters(r.period, -1)));
    return {
      report: toDto(r, due),
      organisation,
      previous: pr ? { period: pr.period, value: pr.value } : null,
      warnings: figureWarnings(r.metricCode as MetricCode, r.value, pr?.value ?? null),
    };
  });
}

/**
 * Compliance of a quarter (domain.md "Roll-ups"): every MINISTRY and PROVINCE reports all five metrics itself; agencies'
 * reports do not stand in for their parent's. With `organisationId`, only that organisation (none when it is an agency).
 */
export async function complianceOf(period: string, organisationId: string | null = null): Promise<ComplianceDto> {
  const db = pool();
  // the MINISTRY and PROVINCE bodies in force for the quarter (spec/restructuring.md): in force on its last day
  const expected = `o.kind IN ('MINISTRY', 'PROVINCE') AND in_force_on(o.valid_from, o.valid_to, period_last_day($1)) AND ($2::uuid IS NULL OR o.id = $2)`;
  const [counts, missing] = await Promise.all([
    db.query<{ organisations: number; submitted: number; approved: number }>(
      `SELECT (SELECT COUNT(*)::int FROM organisations o WHERE ${expected}) AS organisations,
              COUNT(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED'))::int AS submitted,
              COUNT(r.id) FILTER (WHERE r.status = 'APPROVED')::int AS approved
         FROM metric_reports r JOIN organisations o ON o.id = r.organisation_id
        WHERE r.period = $1::bpchar AND ${expected}`,
      [period, organisationId],
    ),
    db.query<{ organisation_id: string; metric: string }>(
      `SELECT o.id AS organisation_id, m.code AS metric
         FROM organisations o CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS m(code, ord)
        WHERE ${expected}
          AND NOT EXISTS (SELECT 1 FROM metric_reports r
                           WHERE r.organisation_id = o.id AND r.metric_code = m.code AND r.period = $1::bpchar AND r.status IN ('SUBMITTED', 'APPROVED'))
        ORDER BY o.code, m.ord`,
      [period, organisationId, [...METRICS]],
    ),
  ]);
  const c = counts.rows[0];
  return {
    expected: c.organisations * METRICS.length,
    submitted: c.submitted,
    approved: c.approved,
    missing: missing.rows.map((r) => ({ organisationId: r.organisation_id, metric: r.metric as MetricCode })),
  };
}

export interface CompletenessRow {
  organisationId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  kind: string;
  expected: number;
  submitted: number;
  approved: number;
  /** SUBMITTED or APPROVED by the end of the quarter's due date */
  onTime: number;
  /** SUBMITTED or APPROVED after the due date */
  late: number;
  lateMetrics: MetricCode[];
  /** reports not SUBMITTED or APPROVED (the compliance rule) */
  missingCount: number;
  /**
   * each metric's status as the caller may see it: a DRAFT or REJECTED report the caller may not read shows as MISSING
   * (its existence is not revealed; it does not count for compliance either)
   */
  statuses: Record<MetricCode, CellStatusDto>;
}

/**
 * Who has reported what in a quarter (any signed-in user): the dashboard's compliance, and per MINISTRY and PROVINCE
 * the status of each metric. Organisations with the most missing reports first, then the fewest approved, then by code.
 */
export async function completeness(actor: Actor, period: string) {
  const p = parseOrThrow(z.strictObject({ period: periodSchema }), { period }).period;
  const [compliance, perOrg, due] = await Promise.all([
    complianceOf(p),
    pool().query<{ id: string; code: string; name_vi: string; name_en: string; kind: string; submitted: number; approved: number; late: number; late_metrics: string[]; statuses: Record<string, ReportStatus> }>(
      // on time / late (spec/coverage.md): a SUBMITTED or APPROVED report is late when its submission's date in
      // Asia/Ho_Chi_Minh is after the quarter's due date; the bodies are the ministries and provinces in force for P
      `SELECT o.id, o.code, o.name_vi, o.name_en, o.kind::text AS kind,
              COUNT(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED'))::int AS submitted,
              COUNT(r.id) FILTER (WHERE r.status = 'APPROVED')::int AS approved,
              COUNT(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED') AND (r.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > d.due)::int AS late,
              COALESCE(array_agg(r.metric_code::text) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED') AND (r.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > d.due), '{}') AS late_metrics,
              COALESCE(jsonb_object_agg(r.metric_code, r.status) FILTER (WHERE r.id IS NOT NULL), '{}'::jsonb) AS statuses
         FROM organisations o
         CROSS JOIN (SELECT public.period_due_date($1) AS due) d
         LEFT JOIN metric_reports r ON r.organisation_id = o.id AND r.period = $1::bpchar
        WHERE o.kind IN ('MINISTRY', 'PROVINCE') AND public.in_force_on(o.valid_from, o.valid_to, public.period_last_day($1))
        GROUP BY o.id ORDER BY o.code`,
      [p],
    ),
    dueDatesOf([p]),
  ]);
  const organisations: CompletenessRow[] = perOrg.rows.map((r) => {
    const statuses = Object.fromEntries(
      METRICS.map((m): [MetricCode, CellStatusDto] => {
        const s = r.statuses[m];
        return [m, s && canSee(actor, { organisationId: r.id, status: s }) ? s : "MISSING"];
      }),
    ) as Record<MetricCode, CellStatusDto>;
    return {
      organisationId: r.id,
      code: r.code,
      nameVi: r.name_vi,
      nameEn: r.name_en,
      kind: r.kind,
      expected: METRICS.length,
      submitted: r.submitted,
      approved: r.approved,
      onTime: r.submitted - r.late,
      late: r.late,
      lateMetrics: METRICS.filter((m) => r.late_metrics.includes(m)),
      missingCount: METRICS.length - r.submitted,
      statuses,
    };
  });
  organisations.sort((a, b) => b.missingCount - a.missingCount || b.late - a.late || a.approved - b.approved || a.code.localeCompare(b.code));
  const late = organisations.reduce((n, o) => n + o.late, 0);
  const submitted = organisations.reduce((n, o) => n + o.submitted, 0);
  const missing = organisations.reduce((n, o) => n + o.missingCount, 0);
  return { period: p, ...compliance, dueDate: due.get(p) ?? null, timeliness: { onTime: submitted - late, late, missing }, organisations };
}
