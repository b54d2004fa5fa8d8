import "server-only";
import { prisma } from "./db";
import { transaction, type Tx } from "./tx";
import { audit, createdFields, diffFields } from "./audit";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { parseOrThrow, period as periodSchema } from "@/lib/validation/common";
import { calendarOverrideInput, calendarQuery, reportingSettingsInput } from "@/lib/validation/calendar";
import { checkOverride, DEFAULT_REPORTING_SETTINGS, isOpen, quarterCalendar, type ReportingSettings } from "@/lib/domain/calendar";
import { periodRange } from "@/lib/domain/periods";
import { currentPeriodInVietnam } from "@/lib/domain/validity";
import type { CalendarEntryDto } from "@/lib/dto/settings";

const SETTINGS_FIELDS = ["cutOffDay", "dueDay", "minimumCoverage"];

/** The settings in force (internal: no actor). The migration inserts row 1; the defaults only cover a database without it. */
export async function readReportingSettings(db: Tx | typeof prisma = prisma): Promise<ReportingSettings> {
  const row = await db.reportingSettings.findUnique({ where: { id: 1 }, select: { cutOffDay: true, dueDay: true, minimumCoverage: true } });
  return row ?? { ...DEFAULT_REPORTING_SETTINGS };
}

/** The reporting settings (any signed-in user). */
export async function getReportingSettings(_actor: Actor): Promise<ReportingSettings> {
  return readReportingSettings();
}

/** Replaces the settings whole (ADMIN), audited as entityType Settings. */
export async function putReportingSettings(actor: Actor, input: unknown): Promise<ReportingSettings> {
  if (!can(actor, "settings.manage")) throw new ForbiddenError();
  const s = parseOrThrow(reportingSettingsInput, input);
  return transaction(async (tx) => {
    const before = await readReportingSettings(tx);
    const data = { ...s, updatedAt: new Date(), updatedById: actor.id };
    await tx.reportingSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    const changes = diffFields({ ...before }, { ...s }, SETTINGS_FIELDS);
    if (Object.keys(changes).length) await audit(tx, actor, { action: "update", entityType: "Settings", entityId: "reporting", changes });
    return s;
  });
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The calendar of the given quarters (settings + overrides, one query each). */
export async function calendarOf(periods: string[], now: Date = new Date(), db: Tx | typeof prisma = prisma): Promise<CalendarEntryDto[]> {
  if (!periods.length) return [];
  const [settings, overrides] = await Promise.all([
    readReportingSettings(db),
    db.reportingCalendarOverride.findMany({ where: { period: { in: periods } }, select: { period: true, cutOff: true, dueDate: true } }),
  ]);
  const by = new Map(overrides.map((o) => [o.period, { cutOff: ymd(o.cutOff), dueDate: ymd(o.dueDate) }]));
  return periods.map((p) => {
    const c = quarterCalendar(p, settings, by.get(p) ?? null);
    return { ...c, open: isOpen(c.dueDate, now) };
  });
}

/**
 * `GET /api/v1/reporting-calendar?from=&to=` (any signed-in user). Without `from`/`to`: the current quarter
 * (Asia/Ho_Chi_Minh); with one of them, that one quarter.
 */
export async function getReportingCalendar(_actor: Actor, query: unknown = {}, now: Date = new Date()): Promise<CalendarEntryDto[]> {
  const q = parseOrThrow(calendarQuery, query);
  const from = q.from ?? q.to ?? currentPeriodInVietnam(now);
  const to = q.to ?? q.from ?? from;
  return calendarOf(periodRange(from, to), now);
}

function checkPeriod(period: string): string {
  const r = periodSchema.safeParse(period);
  if (!r.success) throw new ValidationError([{ path: "period", message: "use YYYY-Qn, n from 1 to 4", code: "invalid_format", params: { format: "period" } }]);
  return r.data;
}

/** Sets one quarter's cut-off and due date (ADMIN), audited as entityType ReportingCalendar. */
export async function putCalendarOverride(actor: Actor, period: string, input: unknown, now: Date = new Date()): Promise<CalendarEntryDto> {
  if (!can(actor, "settings.manage")) throw new ForbiddenError();
  const p = checkPeriod(period);
  const o = parseOrThrow(calendarOverrideInput, input);
  const problems = checkOverride(o);
  if (problems.length) throw new ValidationError(problems);
  return transaction(async (tx) => {
    const [before] = await calendarOf([p], now, tx);
    const data = { cutOff: new Date(`${o.cutOff}T00:00:00Z`), dueDate: new Date(`${o.dueDate}T00:00:00Z`), updatedAt: new Date(), updatedById: actor.id };
    await tx.reportingCalendarOverride.upsert({ where: { period: p }, create: { period: p, ...data }, update: data });
    const [after] = await calendarOf([p], now, tx);
    const changes = before.overridden ? diffFields({ ...before }, { ...after }, ["cutOff", "dueDate"]) : createdFields({ ...after }, ["cutOff", "dueDate"]);
    await audit(tx, actor, { action: before.overridden ? "update" : "create", entityType: "ReportingCalendar", entityId: p, changes });
    return after;
  });
}

/** Removes one quarter's override (ADMIN): the settings' days apply again. 404 when the quarter has none. */
export async function deleteCalendarOverride(actor: Actor, period: string): Promise<void> {
  if (!can(actor, "settings.manage")) throw new ForbiddenError();
  const p = checkPeriod(period);
  await transaction(async (tx) => {
    const row = await tx.reportingCalendarOverride.findUnique({ where: { period: p } });
    if (!row) throw new NotFoundError("Calendar override");
    await tx.reportingCalendarOverride.delete({ where: { period: p } });
    await audit(tx, actor, { action: "delete", entityType: "ReportingCalendar", entityId: p, changes: { cutOff: { from: ymd(row.cutOff), to: null }, dueDate: { from: ymd(row.dueDate), to: null } } });
  });
}

/** The due date of each quarter, by the SQL rule period_due_date (the one completeness and attention use). */
export async function dueDatesOf(periods: string[], db: Tx | typeof prisma = prisma): Promise<Map<string, string>> {
  const distinct = [...new Set(periods)];
  if (!distinct.length) return new Map();
  const rows = await db.$queryRaw<{ period: string; due: string }[]>`
    SELECT p AS period, public.period_due_date(p)::text AS due FROM unnest(${distinct}::text[]) AS p`;
  return new Map(rows.map((r) => [r.period, r.due]));
}
