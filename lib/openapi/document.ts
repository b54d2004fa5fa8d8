/**
 * The OpenAPI 3.1 description of API v1 (spec/api.md, spec/targets.md), generated from the zod schemas the handlers
 * validate with (lib/validation/*) and the answer shapes of lib/dto (the types the core returns and the UI reads).
 * zod 4's own `z.toJSONSchema` does the conversion (JSON Schema 2020-12 is OpenAPI 3.1's dialect), so no extra package is needed.
 */
import { z } from "zod";
import { initiativeCreateInput, initiativeImportQuery, initiativeListQuery, initiativeUpdateInput, archiveQuery, restoreInput } from "@/lib/validation/initiatives";
import { kpiCreateInput, kpiUpdateInput, kpiValueInput, nationalTargetsInput, versionQuery } from "@/lib/validation/kpis";
import { restructuringInput } from "@/lib/server/restructuring-core";
import { organisationCreateInput, organisationListQuery, organisationUpdateInput } from "@/lib/validation/organisations";
import { dashboardQuery, rejectInput, reportCreateInput, reportListQuery, reportUpdateInput, thresholdsInput, workflowInput } from "@/lib/validation/reports";
import { attentionQuery, organisationDashboardQuery, periodOnlyQuery, trendQuery } from "@/lib/validation/dashboard";
import { auditListQuery } from "@/lib/validation/audit";
import { loginInput, passwordChangeInput, tokenNameInput, userCreateInput, userListQuery, userUpdateInput } from "@/lib/validation/users";
import { pageQuery } from "@/lib/validation/common";
import { calendarOverrideInput, calendarQuery, reportingSettingsInput } from "@/lib/validation/calendar";
import { forgotPasswordInput, mailPreferenceInput, notificationListQuery, resetPasswordInput } from "@/lib/validation/notifications";
import { briefingSettingsInput, nationalBriefingQuery, organisationBriefingQuery } from "@/lib/validation/briefing";
import { paged } from "@/lib/dto/common";
import { ErrorDto } from "@/lib/dto/error";
import { NewPersonalTokenDto, PersonalTokenDto, TokenDto, UserDto } from "@/lib/dto/users";
import { OrganisationDto } from "@/lib/dto/organisations";
import { RestructuringDto, RestructuringPreviewDto } from "@/lib/dto/restructurings";
import { ImportPreviewDto, ImportResultDto, InitiativeDto, InitiativeHistoryEntryDto, InitiativePageDto } from "@/lib/dto/initiatives";
import { AuditEntryDto } from "@/lib/dto/audit";
import { ReportDto } from "@/lib/dto/reports";
import { AttachmentDto } from "@/lib/dto/attachments";
import { BriefingSettingsDto, CalendarEntryDto, NationalTargetDto, ReportingSettingsDto, ThresholdsDto } from "@/lib/dto/settings";
import { KpiDto } from "@/lib/dto/kpis";
import { ReferenceDto } from "@/lib/dto/reference";
import { AttentionDto, DashboardDto, OrganisationDashboardDto, TargetsDashboardDto, TrendDto } from "@/lib/dto/dashboard";
import { MailPreferenceDto, NotificationDto } from "@/lib/dto/notifications";

type JsonSchema = Record<string, unknown>;
export type Method = "get" | "post" | "put" | "patch" | "delete";

export interface OperationSpec {
  method: Method;
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** who may call it; omitted: any signed-in user */
  roles?: string;
  public?: boolean;
  query?: z.ZodType;
  body?: z.ZodType;
  csvBody?: boolean;
  /** an .xlsx workbook as the body (file imports) */
  xlsxBody?: boolean;
  /** multipart/form-data with one file in the field `file` (uploads of evidence files) */
  multipartBody?: boolean;
  /** `binary`: the media type of a binary answer (application/pdf; `*\/*` for a file as uploaded) */
  ok: { status: number; description: string; schema?: z.ZodType; csv?: boolean; xlsx?: boolean; binary?: string };
  /** another success status with its own JSON answer (a dry run's 200 beside the 201 of a real write) */
  also?: { status: number; description: string; schema: z.ZodType };
  errors?: number[];
}


const ID = "{id}";
export const OPERATIONS: OperationSpec[] = [
  { method: "get", path: "/health", tag: "System", summary: "Health check", public: true, ok: { status: 200, description: "`{ status: \"ok\" }`; 503 `{ status: \"unavailable\" }` while the database is down", schema: z.object({ status: z.enum(["ok", "unavailable"]) }) }, errors: [503] },
  { method: "post", path: "/auth/token", tag: "Sessions", summary: "Sign in an API client", description: "A bearer token valid for 12 hours. Ten failed attempts for one email within 15 minutes lock it for the rest of the window (429).", public: true, body: loginInput, ok: { status: 201, description: "The token (shown once) and the user", schema: TokenDto }, errors: [400, 401, 429] },
  { method: "delete", path: "/auth/token", tag: "Sessions", summary: "Revoke the bearer token in use", ok: { status: 204, description: "The token stops working at once" } },
  { method: "post", path: "/auth/password-reset", tag: "Sessions", summary: "Forgot password: mail a reset link", description: "Always 202 with the same answer, whether the address has an account or not. An active account gets a mail with a link that works once, for 30 minutes (earlier unused links end). 5 requests per email and 20 per client address in 15 minutes, then 429.", public: true, body: forgotPasswordInput, ok: { status: 202, description: "Accepted", schema: z.object({ status: z.literal("accepted") }) }, errors: [400, 429] },
  { method: "post", path: "/auth/password-reset/confirm", tag: "Sessions", summary: "Set a new password with a reset link's token", description: "400 on `token` when it is unknown, used or expired. Every session and token of the account ends.", public: true, body: resetPasswordInput, ok: { status: 200, description: "The password is set", schema: z.object({ status: z.literal("ok") }) }, errors: [400] },
  { method: "get", path: "/me", tag: "Sessions", summary: "The signed-in user", ok: { status: 200, description: "The user", schema: UserDto } },
  { method: "get", path: "/me/tokens", tag: "Sessions", summary: "My personal API tokens", description: "Named tokens created on the profile page; never the token itself.", ok: { status: 200, description: "The tokens, newest first", schema: z.array(PersonalTokenDto) } },
  { method: "post", path: "/me/password", tag: "Sessions", summary: "Change my password", description: "The current password is required (a wrong one answers 400 on `currentPassword` and counts towards the sign-in lock-out, 429). Every other browser session and token of the account ends; the session or token in use goes on. Clears `mustChangeCredentials`.", body: passwordChangeInput, ok: { status: 200, description: "The user", schema: UserDto }, errors: [400, 429] },
  { method: "post", path: "/me/tokens", tag: "Sessions", summary: "Create a named personal token", description: "From a signed-in browser session only: with a bearer token 403 (a token cannot mint its successors).", body: tokenNameInput, ok: { status: 201, description: "The token, shown once", schema: NewPersonalTokenDto }, errors: [400, 403] },
  { method: "delete", path: `/me/tokens/${ID}`, tag: "Sessions", summary: "Revoke one of my tokens", ok: { status: 204, description: "Revoked" }, errors: [404] },
  { method: "get", path: "/notifications", tag: "Notifications", summary: "My notifications, newest first", description: "Only the caller's own; `unread=true` the unread ones. Title and body are in the language saved on the account.", query: notificationListQuery, ok: { status: 200, description: "A page of notifications", schema: paged(NotificationDto) }, errors: [400] },
  { method: "post", path: `/notifications/${ID}/read`, tag: "Notifications", summary: "Mark one of my notifications read", description: "Again on a read one: it keeps its first `readAt`. Another person's notification answers 404.", ok: { status: 200, description: "The notification with `readAt` set", schema: NotificationDto }, errors: [404] },
  { method: "post", path: "/notifications/read-all", tag: "Notifications", summary: "Mark all my notifications read", ok: { status: 200, description: "How many were unread", schema: z.object({ updated: z.number().int().min(0) }) } },
  { method: "get", path: "/me/mail-preference", tag: "Notifications", summary: "How I receive notifications by e-mail", ok: { status: 200, description: "IMMEDIATE, DIGEST (one mail a day) or OFF", schema: MailPreferenceDto } },
  { method: "put", path: "/me/mail-preference", tag: "Notifications", summary: "Choose how I receive notifications by e-mail", description: "An admin's reset of one's password is mailed whatever the choice.", body: mailPreferenceInput, ok: { status: 200, description: "The choice", schema: MailPreferenceDto }, errors: [400] },
  { method: "get", path: "/reference", tag: "Reference data", summary: "Building blocks, principles, enablers, maturity stages and metrics", ok: { status: 200, description: "The reference data", schema: ReferenceDto } },

  { method: "get", path: "/organisations", tag: "Organisations", summary: "List organisations", description: "By default those in force today; `at=YYYY-Qn` those in force for that quarter (on its last day); `status=all` every one.", query: organisationListQuery, ok: { status: 200, description: "A page of organisations", schema: paged(OrganisationDto) }, errors: [400] },
  { method: "get", path: "/restructurings", tag: "Organisations", summary: "List restructurings", description: "Newest effective date first, then newest recorded first.", query: z.strictObject(pageQuery), ok: { status: 200, description: "A page of restructurings", schema: paged(RestructuringDto) }, errors: [400] },
  { method: "post", path: "/restructurings", tag: "Organisations", summary: "Record a restructuring (merge, absorption, split, rename)", description: "Dissolves each `fromId` on `effectiveDate` and moves its live initiatives, users, agencies (dated parent links) and draft/rejected reports of later quarters to the first of `toIds`, in one transaction. `dryRun: true` answers 200 with what would move and the conflicts, writing nothing.", roles: "ADMIN", body: restructuringInput, ok: { status: 201, description: "The restructuring", schema: RestructuringDto }, also: { status: 200, description: "A dry run: what would move, and the conflicts", schema: RestructuringPreviewDto }, errors: [400, 403] },
  { method: "post", path: "/organisations", tag: "Organisations", summary: "Create an organisation", roles: "ADMIN", body: organisationCreateInput, ok: { status: 201, description: "The organisation", schema: OrganisationDto }, errors: [400, 403, 409] },
  { method: "get", path: `/organisations/${ID}`, tag: "Organisations", summary: "One organisation", ok: { status: 200, description: "The organisation", schema: OrganisationDto }, errors: [404] },
  { method: "patch", path: `/organisations/${ID}`, tag: "Organisations", summary: "Update an organisation", roles: "ADMIN", body: organisationUpdateInput, ok: { status: 200, description: "The organisation, version + 1", schema: OrganisationDto }, errors: [400, 403, 404, 409] },

  { method: "get", path: "/users", tag: "Users", summary: "List accounts", roles: "ADMIN", query: userListQuery, ok: { status: 200, description: "A page of accounts (never a password or hash)", schema: paged(UserDto) }, errors: [400, 403] },
  { method: "post", path: "/users", tag: "Users", summary: "Create an account", description: "An OFFICER needs organisationId. The password: at least 12 characters, not a common one. The person must change it at their first browser sign-in unless `mustChangeCredentials: false`; the API works with it either way.", roles: "ADMIN", body: userCreateInput, ok: { status: 201, description: "The account", schema: UserDto }, errors: [400, 403, 409] },
  { method: "patch", path: `/users/${ID}`, tag: "Users", summary: "Update, deactivate or reset the password of an account", description: "Deactivation, a role, organisation or password change revokes the person's tokens and sessions at once. A password set for someone else must be changed at their next browser sign-in (unless `mustChangeCredentials: false`). The last active ADMIN cannot be deactivated or demoted (409 invalid_transition).", roles: "ADMIN", body: userUpdateInput, ok: { status: 200, description: "The account, version + 1", schema: UserDto }, errors: [400, 403, 404, 409] },

  { method: "get", path: "/initiatives", tag: "Initiatives", summary: "List initiatives", description: "`q` matches title and description, case- and accent-insensitively. Two ways to page: `page` (an offset: fine near the start), or keyset pagination with `after` set to the previous answer's `nextCursor` (opaque; the same filters and sort), which costs the same at any depth.", query: initiativeListQuery, ok: { status: 200, description: "A page of initiatives", schema: InitiativePageDto }, errors: [400] },
  { method: "post", path: "/initiatives", tag: "Initiatives", summary: "Create an initiative", roles: "OFFICER (own organisation), ADMIN", body: initiativeCreateInput, ok: { status: 201, description: "The initiative, version 1", schema: InitiativeDto }, errors: [400, 403, 409] },
  { method: "get", path: `/initiatives/${ID}`, tag: "Initiatives", summary: "One initiative (also an archived one)", ok: { status: 200, description: "The initiative", schema: InitiativeDto }, errors: [404] },
  { method: "patch", path: `/initiatives/${ID}`, tag: "Initiatives", summary: "Update an initiative", roles: "OFFICER (own organisation), ADMIN", body: initiativeUpdateInput, ok: { status: 200, description: "The initiative, version + 1", schema: InitiativeDto }, errors: [400, 403, 404, 409] },
  { method: "delete", path: `/initiatives/${ID}`, tag: "Initiatives", summary: "Archive an initiative", roles: "OFFICER (own organisation), ADMIN", query: archiveQuery, ok: { status: 204, description: "Archived (a soft delete)" }, errors: [400, 403, 404, 409] },
  { method: "post", path: `/initiatives/${ID}/restore`, tag: "Initiatives", summary: "Restore an archived initiative", description: "It comes back as it was archived; any other change to an archived initiative answers 409 invalid_transition.", roles: "OFFICER (own organisation), ADMIN", body: restoreInput, ok: { status: 200, description: "The initiative, version + 1, archivedAt null", schema: InitiativeDto }, errors: [400, 403, 404, 409] },
  { method: "get", path: `/initiatives/${ID}/history`, tag: "Initiatives", summary: "Who changed what, oldest first", ok: { status: 200, description: "The history", schema: z.array(InitiativeHistoryEntryDto) }, errors: [403, 404] },
  { method: "get", path: "/initiatives/export.csv", tag: "Initiatives", summary: "Export initiatives as CSV", description: "UTF-8 with BOM; the same filters as the list; lists joined with `|`; formula-like cells prefixed with `'`.", query: initiativeListQuery.omit({ page: true, pageSize: true, after: true }), ok: { status: 200, description: "text/csv", csv: true }, errors: [400] },
  { method: "get", path: "/initiatives/export.xlsx", tag: "Initiatives", summary: "Export initiatives as an .xlsx workbook", description: "The CSV column keys as the header row, real date and number cells, formula-like text prefixed with `'`, a second sheet with the codes and their names.", query: initiativeListQuery.omit({ page: true, pageSize: true, after: true }), ok: { status: 200, description: "An .xlsx workbook", xlsx: true }, errors: [400] },
  { method: "post", path: "/initiatives/import", tag: "Initiatives", summary: "Import initiatives from CSV or .xlsx (all or nothing)", description: "Rows with an externalRef already present in that organisation update it. Any invalid row: 400 with `details[].path` like `row 7.progress`, nothing written. Body limit 10 MiB. `dryRun=true` writes nothing and answers the preview: what each row would do and every problem (with the codes of a 400's details).", query: initiativeImportQuery, csvBody: true, xlsxBody: true, ok: { status: 200, description: "Counts (a dry run: the preview)", schema: z.union([ImportResultDto, ImportPreviewDto]) }, errors: [400, 403, 413] },

  { method: "get", path: `/initiatives/${ID}/kpis`, tag: "KPIs", summary: "An initiative's KPIs with values and ratings", ok: { status: 200, description: "The KPIs", schema: z.array(KpiDto) }, errors: [404] },
  { method: "post", path: `/initiatives/${ID}/kpis`, tag: "KPIs", summary: "Add a KPI to an initiative", roles: "OFFICER (own organisation), ADMIN", body: kpiCreateInput, ok: { status: 201, description: "The KPI", schema: KpiDto }, errors: [400, 403, 404] },
  { method: "get", path: `/kpis/${ID}`, tag: "KPIs", summary: "One KPI with values and rating", ok: { status: 200, description: "The KPI", schema: KpiDto }, errors: [404] },
  { method: "patch", path: `/kpis/${ID}`, tag: "KPIs", summary: "Update a KPI", roles: "OFFICER (own organisation), ADMIN", body: kpiUpdateInput, ok: { status: 200, description: "The KPI, version + 1", schema: KpiDto }, errors: [400, 403, 404, 409] },
  { method: "delete", path: `/kpis/${ID}`, tag: "KPIs", summary: "Delete a KPI", roles: "OFFICER (own organisation), ADMIN", query: versionQuery, ok: { status: 204, description: "Deleted" }, errors: [400, 403, 404, 409] },
  { method: "put", path: `/kpis/${ID}/values/{period}`, tag: "KPIs", summary: "Set or replace a quarter's value", roles: "OFFICER (own organisation), ADMIN", body: kpiValueInput, ok: { status: 200, description: "The KPI with its new rating", schema: KpiDto }, errors: [400, 403, 404] },
  { method: "delete", path: `/kpis/${ID}/values/{period}`, tag: "KPIs", summary: "Remove a quarter's value", roles: "OFFICER (own organisation), ADMIN", ok: { status: 204, description: "Removed" }, errors: [403, 404] },

  { method: "get", path: "/metric-reports", tag: "Metric reports", summary: "List quarterly metric reports", description: "Drafts and rejected reports of other organisations never appear for officers.", query: reportListQuery, ok: { status: 200, description: "A page of reports", schema: paged(ReportDto) }, errors: [400] },
  { method: "post", path: "/metric-reports", tag: "Metric reports", summary: "Create a DRAFT report", description: "Either `value`, or `numerator` and `denominator` (ratio metrics: the server computes the value).", roles: "OFFICER (own organisation), ADMIN", body: reportCreateInput, ok: { status: 201, description: "The report (DRAFT)", schema: ReportDto }, errors: [400, 403, 409] },
  { method: "get", path: `/metric-reports/${ID}`, tag: "Metric reports", summary: "One report", ok: { status: 200, description: "The report", schema: ReportDto }, errors: [404] },
  { method: "patch", path: `/metric-reports/${ID}`, tag: "Metric reports", summary: "Edit a DRAFT or REJECTED report", roles: "OFFICER (own organisation), ADMIN", body: reportUpdateInput, ok: { status: 200, description: "The report (a REJECTED one becomes DRAFT)", schema: ReportDto }, errors: [400, 403, 404, 409] },
  { method: "post", path: `/metric-reports/${ID}/submit`, tag: "Metric reports", summary: "Submit a report for review", roles: "OFFICER (own organisation), ADMIN", body: workflowInput, ok: { status: 200, description: "The report (SUBMITTED)", schema: ReportDto }, errors: [400, 403, 404, 409] },
  { method: "post", path: `/metric-reports/${ID}/approve`, tag: "Metric reports", summary: "Approve a submitted report", roles: "LEADERSHIP, ADMIN", body: workflowInput, ok: { status: 200, description: "The report (APPROVED)", schema: ReportDto }, errors: [400, 403, 404, 409] },
  { method: "post", path: `/metric-reports/${ID}/reject`, tag: "Metric reports", summary: "Reject a submitted report (a comment is required)", roles: "LEADERSHIP, ADMIN", body: rejectInput, ok: { status: 200, description: "The report (REJECTED)", schema: ReportDto }, errors: [400, 403, 404, 409] },

  { method: "get", path: "/dashboard/national", tag: "Dashboards", summary: "National roll-up for a quarter", query: dashboardQuery, ok: { status: 200, description: "The national dashboard", schema: DashboardDto }, errors: [400] },
  { method: "get", path: `/dashboard/organisations/${ID}`, tag: "Dashboards", summary: "One organisation's roll-up (its agencies included), comparable across restructurings by default", query: organisationDashboardQuery, ok: { status: 200, description: "The organisation's dashboard", schema: OrganisationDashboardDto }, errors: [400, 404] },
  { method: "get", path: "/dashboard/trend", tag: "Dashboards", summary: "A metric quarter by quarter", query: trendQuery, ok: { status: 200, description: "Every quarter in range, null where nothing counts", schema: TrendDto }, errors: [400] },
  { method: "get", path: "/dashboard/targets", tag: "Dashboards", summary: "Ratings against the national targets", query: periodOnlyQuery, ok: { status: 200, description: "National and per-organisation ratings", schema: TargetsDashboardDto }, errors: [400] },
  { method: "get", path: "/dashboard/attention", tag: "Dashboards", summary: "What needs attention this quarter", query: attentionQuery, ok: { status: 200, description: "Slipping KPIs and targets, stale and overdue initiatives, overdue reports", schema: AttentionDto }, errors: [400] },

  { method: "get", path: "/dashboard/completeness.csv", tag: "Dashboards", summary: "Reporting status per organisation and metric, as CSV", query: periodOnlyQuery, ok: { status: 200, description: "text/csv", csv: true }, errors: [400] },
  { method: "get", path: "/dashboard/ranking.csv", tag: "Dashboards", summary: "Organisations ranked by their figures, as CSV", query: periodOnlyQuery, ok: { status: 200, description: "text/csv", csv: true }, errors: [400] },
  { method: "get", path: "/dashboard/completeness.xlsx", tag: "Dashboards", summary: "Reporting status per organisation and metric, as .xlsx", query: periodOnlyQuery, ok: { status: 200, description: "An .xlsx workbook", xlsx: true }, errors: [400] },
  { method: "get", path: "/dashboard/ranking.xlsx", tag: "Dashboards", summary: "Organisations ranked by their figures, as .xlsx", query: periodOnlyQuery, ok: { status: 200, description: "An .xlsx workbook", xlsx: true }, errors: [400] },
  { method: "get", path: "/dashboard/heatmap.xlsx", tag: "Dashboards", summary: "Initiative coverage per organisation and building block, as .xlsx", query: periodOnlyQuery, ok: { status: 200, description: "An .xlsx workbook", xlsx: true } },
  { method: "get", path: "/metric-reports/template.xlsx", tag: "Metric reports", summary: "The quarterly report workbook of an organisation, pre-filled", description: "`?organisationId=&period=`: Vietnamese labels above a header row of keys (metric, value, numerator, denominator, evidenceUrl, note), one row per metric, last quarter's figures beside it (previousValue, previousNumerator, previousDenominator), data validation on the input cells.", ok: { status: 200, description: "An .xlsx workbook", xlsx: true }, errors: [400, 404] },
  { method: "post", path: "/metric-reports/import", tag: "Metric reports", summary: "Save a filled report workbook as DRAFT reports (all or nothing)", description: "`?organisationId=&period=` with the .xlsx body. Creates drafts, updates DRAFT and REJECTED reports; SUBMITTED and APPROVED ones count as unchanged. Answers `{ created, updated, unchanged }`.", roles: "OFFICER (own organisation), ADMIN", xlsxBody: true, ok: { status: 200, description: "{ created, updated, unchanged }", schema: ImportResultDto }, errors: [400, 403, 413] },
  { method: "get", path: "/dashboard/heatmap.csv", tag: "Dashboards", summary: "Initiative coverage per organisation and building block (the bodies in force for `period`, default today), as CSV", query: periodOnlyQuery, ok: { status: 200, description: "text/csv", csv: true } },

  { method: "get", path: "/dashboard/national/briefing.pdf", tag: "Dashboards", summary: "The quarterly leadership briefing, as an A4 PDF", description: "The national dashboard of `period` (default: the latest quarter no longer open) on paper: the five key metrics with like-for-like change, coverage and provisional status beside every figure, trend, maturity and building-block charts, the ranking, who has not reported, what needs attention, the quarter's restructurings and the signature block (`/briefing-settings`). Vietnamese unless `lang=en`.", query: nationalBriefingQuery, ok: { status: 200, description: "A PDF document", binary: "application/pdf" }, errors: [400] },
  { method: "get", path: "/dashboard/organisations/{id}/briefing.pdf", tag: "Dashboards", summary: "An organisation's quarterly briefing, as an A4 PDF", description: "The organisation dashboard of `period` on paper (its agencies instead of the ranking). Vietnamese unless `lang=en`.", query: organisationBriefingQuery, ok: { status: 200, description: "A PDF document", binary: "application/pdf" }, errors: [400, 404] },
  { method: "get", path: "/metric-reports/{id}/attachments", tag: "Evidence files", summary: "The evidence files of a metric report", description: "Readable exactly when the report is (another organisation's draft: 404).", ok: { status: 200, description: "Oldest first", schema: z.array(AttachmentDto) }, errors: [404] },
  { method: "post", path: "/metric-reports/{id}/attachments", tag: "Evidence files", summary: "Attach an evidence file to a DRAFT or REJECTED report", description: "multipart/form-data, field `file`: PDF, PNG, JPEG, XLSX, DOCX, ODS or ODT (decided from the bytes, not the name), at most 20 MiB (413 above). Audited.", roles: "OFFICER (own organisation), ADMIN", multipartBody: true, ok: { status: 201, description: "The stored file", schema: AttachmentDto }, errors: [403, 404, 409, 413] },
  { method: "get", path: "/initiatives/{id}/attachments", tag: "Evidence files", summary: "The evidence files of an initiative", ok: { status: 200, description: "Oldest first", schema: z.array(AttachmentDto) }, errors: [404] },
  { method: "post", path: "/initiatives/{id}/attachments", tag: "Evidence files", summary: "Attach an evidence file to an initiative that is not archived", description: "multipart/form-data, field `file`: PDF, PNG, JPEG, XLSX, DOCX, ODS or ODT (decided from the bytes), at most 20 MiB (413 above). Audited.", roles: "OFFICER (own organisation), ADMIN", multipartBody: true, ok: { status: 201, description: "The stored file", schema: AttachmentDto }, errors: [403, 404, 409, 413] },
  { method: "get", path: "/attachments/{id}", tag: "Evidence files", summary: "Download an evidence file", description: "`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`, the type as detected at upload, `X-Content-SHA256` the hex SHA-256. Readable exactly when its report or initiative is.", ok: { status: 200, description: "The file's bytes", binary: "*/*" }, errors: [404] },
  { method: "delete", path: "/attachments/{id}", tag: "Evidence files", summary: "Remove an evidence file while its report or initiative may be edited", roles: "OFFICER (own organisation), ADMIN", ok: { status: 204, description: "Removed" }, errors: [403, 404, 409] },
  { method: "get", path: "/briefing-settings", tag: "Settings", summary: "The signature block of the leadership briefing", ok: { status: 200, description: "Title, name and unit of the signer (empty strings when not set)", schema: BriefingSettingsDto } },
  { method: "put", path: "/briefing-settings", tag: "Settings", summary: "Replace the signature block of the leadership briefing", roles: "ADMIN", body: briefingSettingsInput, ok: { status: 200, description: "The signature block", schema: BriefingSettingsDto }, errors: [400, 403] },

  { method: "get", path: "/maturity-thresholds", tag: "Settings", summary: "The maturity thresholds", ok: { status: 200, description: "The thresholds", schema: ThresholdsDto } },
  { method: "put", path: "/maturity-thresholds", tag: "Settings", summary: "Replace the maturity thresholds", roles: "ADMIN", body: thresholdsInput, ok: { status: 200, description: "The thresholds", schema: ThresholdsDto }, errors: [400, 403] },
  { method: "get", path: "/national-targets", tag: "Settings", summary: "The national targets", ok: { status: 200, description: "One target per metric at most", schema: z.array(NationalTargetDto) } },
  { method: "put", path: "/national-targets", tag: "Settings", summary: "Replace the national targets (the whole list)", roles: "ADMIN", body: nationalTargetsInput, ok: { status: 200, description: "The targets", schema: z.array(NationalTargetDto) }, errors: [400, 403] },
  { method: "get", path: "/reporting-settings", tag: "Settings", summary: "The reporting settings", description: "Days of the quarter's last month for the data cut-off and the due date, and the minimum coverage (0..1) below which national figures are provisional.", ok: { status: 200, description: "The settings", schema: ReportingSettingsDto } },
  { method: "put", path: "/reporting-settings", tag: "Settings", summary: "Replace the reporting settings", roles: "ADMIN", body: reportingSettingsInput, ok: { status: 200, description: "The settings", schema: ReportingSettingsDto }, errors: [400, 403] },
  { method: "get", path: "/reporting-calendar", tag: "Settings", summary: "The reporting calendar of a range of quarters", description: "Without from/to: the current quarter (Asia/Ho_Chi_Minh). At most 200 quarters.", query: calendarQuery, ok: { status: 200, description: "One entry per quarter, oldest first", schema: z.array(CalendarEntryDto) }, errors: [400] },
  { method: "put", path: "/reporting-calendar/{period}", tag: "Settings", summary: "Give one quarter its own cut-off and due date", roles: "ADMIN", body: calendarOverrideInput, ok: { status: 200, description: "The quarter's calendar", schema: CalendarEntryDto }, errors: [400, 403] },
  { method: "delete", path: "/reporting-calendar/{period}", tag: "Settings", summary: "Remove a quarter's own dates (the settings apply again)", roles: "ADMIN", ok: { status: 204, description: "Removed" }, errors: [403, 404] },

  { method: "get", path: "/audit", tag: "Audit", summary: "The audit log, newest first", description: "OFFICER: entries of their own organisation and its agencies only; LEADERSHIP and ADMIN: all.", query: auditListQuery, ok: { status: 200, description: "A page of entries", schema: paged(AuditEntryDto) }, errors: [400] },
];

const ERROR_TEXT: Record<number, string> = {
  400: "validation_failed: details lists every failing field (also malformed JSON and unknown fields)",
  401: "unauthenticated: missing, invalid, expired or revoked token (invalid_credentials at sign-in)",
  403: "forbidden: signed in but not allowed",
  404: "not_found: no such record, or one the caller may not see",
  409: "version_conflict, duplicate or invalid_transition",
  413: "payload_too_large: JSON over 1 MiB, CSV over 10 MiB",
  429: "rate_limited: see Retry-After",
  503: "unavailable: the database cannot be reached",
};

/** JSON Schema of a zod schema, with named shapes moved to components (OpenAPI 3.1 uses JSON Schema 2020-12). */
function converter(components: Record<string, JsonSchema>) {
  return (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const out = z.toJSONSchema(schema, {
      io,
      target: "draft-2020-12",
      unrepresentable: "any",
      reused: "inline",
      override: (ctx) => {
        // `.describe()` texts survive; drop zod's internal ids from the body
        delete (ctx.jsonSchema as JsonSchema).id;
      },
    }) as JsonSchema;
    delete out.$schema;
    const defs = (out.$defs ?? {}) as Record<string, JsonSchema>;
    delete out.$defs;
    for (const [name, def] of Object.entries(defs)) components[name] ??= rewriteRefs(def) as JsonSchema;
    return rewriteRefs(out) as JsonSchema;
  };
}

/**
 * zod's $defs refs pointed at components; and a record keyed by an enum (`z.record(z.enum([...]), X)`, every key
 * present) spelled out with `properties`, so that its `required` keys are defined (Redocly's recommended rules).
 */
function rewriteRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = k === "$ref" && typeof x === "string" ? x.replace("#/$defs/", "#/components/schemas/") : rewriteRefs(x);
    if (o.type === "object" && Array.isArray(o.required) && !o.properties && o.additionalProperties && typeof o.additionalProperties === "object") {
      o.properties = Object.fromEntries((o.required as string[]).map((key) => [key, o.additionalProperties]));
    }
    return o;
  }
  return v;
}

function pathParams(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: m[1] === "period" ? { type: "string", pattern: "^\\d{4}-Q[1-4]$" } : { type: "string" },
    description: m[1] === "period" ? "YYYY-Qn" : "opaque id",
  }));
}

function queryParams(schema: JsonSchema) {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: "query", required: required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

const TAG_TEXT: Record<string, string> = {
  System: "Liveness of the service and its database.",
  Sessions: "Bearer tokens for API clients and the signed-in user.",
  "Reference data": "The fixed codes of spec/domain.md: World Bank building blocks, principles, enablers; Gartner's stages and metrics.",
  Organisations: "Ministries, provinces and their agencies, with the dates they are in force.",
  Users: "Accounts (administrators only).",
  Initiatives: "Digital-government initiatives, their mapping, history, CSV import and export.",
  KPIs: "An initiative's KPIs with baselines, targets, quarterly values and on-track ratings.",
  "Metric reports": "Gartner's key metrics reported each quarter and the review workflow.",
  Dashboards: "National and per-organisation roll-ups, trends, ratings and what needs attention.",
  Settings: "Maturity thresholds and national targets.",
  "Evidence files": "Documents backing a metric report or an initiative, stored with their SHA-256.",
  Audit: "Who changed what, and when.",
  Notifications: "What happened that concerns the caller: reports returned, approved or waiting, deadlines, restructurings.",
};

let cached: Record<string, unknown> | undefined;

/** The whole document (built once per process: it depends on code only). */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const components: Record<string, JsonSchema> = {};
  const convert = converter(components);
  // the error envelope is a named shape: converting it registers it under components.Error (the answer is a $ref)
  convert(ErrorDto, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const responses: Record<string, unknown> = {};
    responses[String(op.ok.status)] = {
      description: op.ok.description,
      ...(op.ok.binary
        ? { content: { [op.ok.binary]: { schema: { type: "string", format: "binary" } } } }
        : op.ok.xlsx
        ? { content: { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } }
        : op.ok.csv
        ? { content: { "text/csv; charset=utf-8": { schema: { type: "string" } } } }
        : op.ok.schema
          ? { content: { "application/json": { schema: convert(op.ok.schema, "output") } } }
          : {}),
    };
    if (op.also) responses[String(op.also.status)] = { description: op.also.description, content: { "application/json": { schema: convert(op.also.schema, "output") } } };
    // every operation reads the database (503) and may be refused for a malformed query or path (400); a JSON or CSV
    // body may be too large (413)
    const errs = new Set([400, ...(op.public ? [] : [401]), ...(op.errors ?? []), ...(op.body || op.csvBody || op.xlsxBody || op.multipartBody ? [413] : []), 503]);
    for (const code of [...errs].sort()) {
      responses[String(code)] = { description: ERROR_TEXT[code], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
    responses.default = { description: "internal_error (no stack trace or SQL, a requestId to quote)", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    const operation: Record<string, unknown> = {
      operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      tags: [op.tag],
      summary: op.summary,
      description: [op.description ?? `${op.summary}.`, op.roles ? `Allowed: ${op.roles}.` : "Allowed: any signed-in user."].filter(Boolean).join("\n\n"),
      parameters: [...pathParams(op.path), ...(op.query ? queryParams(convert(op.query, "input")) : [])],
      ...(op.public ? { security: [] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: convert(op.body, "input") } } } } : {}),
      ...(op.multipartBody
        ? { requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } } } } }
        : {}),
      ...(op.csvBody || op.xlsxBody
        ? {
            requestBody: {
              required: true,
              content: {
                ...(op.csvBody ? { "text/csv": { schema: { type: "string" } } } : {}),
                ...(op.xlsxBody ? { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } } } : {}),
              },
            },
          }
        : {}),
      responses,
      ...(op.roles ? { "x-roles": op.roles } : {}),
    };
    (paths[op.path] ??= {})[op.method] = operation;
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Digital Government Tracker API",
      version: "1.0.0",
      description:
        "The machine interface of the national tracker of digital-government programmes. JSON in and out (UTF-8). " +
        "Lists: `?page=1&pageSize=50` (1..200) answer `{ data, page, pageSize, total }`. Editable records carry `version`; a stale one answers 409. " +
        "Optional fields may be omitted or sent as null; unknown fields answer 400. Every error has the shape of the Error schema.",
      contact: { name: "Digital Government Tracker team" },
      license: { name: "Proprietary: Government of Viet Nam", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name, description: TAG_TEXT[name] ?? name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A token from POST /auth/token or a personal token from the profile page (12 hours)." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The browser session of the web UI (same-origin writes only)." },
      },
    },
  };
  return cached;
}
