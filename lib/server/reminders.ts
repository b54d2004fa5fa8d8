import "server-only";
import { prisma } from "./db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { calendarOf } from "./reporting-calendar";
import { DIGEST_DAYS, dueQuarter, remindersOn, type BodyStatus } from "@/lib/domain/reminders";
import { daysBetween } from "@/lib/domain/calendar";
import { METRICS } from "@/lib/domain/codes";
import { addQuarters, isReportablePeriod } from "@/lib/domain/periods";
import { currentPeriodInVietnam, todayInVietnam } from "@/lib/domain/validity";

/** The quarter the reporting page opens on: the one that is due (lib/domain/reminders.ts), from the calendar in force. */
export async function dueReportingPeriod(now: Date = new Date()): Promise<string> {
  const cur = currentPeriodInVietnam(now);
  const entries = await calendarOf([addQuarters(cur, -1), cur], now);
  const p = dueQuarter(entries, todayInVietnam(now));
  // the first hours of a quarter in Viet Nam are still the last quarter in UTC, which is what "reportable" counts in
  return isReportablePeriod(p, now) ? p : addQuarters(p, -1);
}

/**
 * The reminder job (issue 18): for the quarters whose due date is near or just passed, who is reminded of what today
 * (lib/domain/reminders.ts remindersOn), written as notifications with ON CONFLICT (user_id, dedupe_key) DO NOTHING:
 * exactly once per (event, recipient), however many workers run it and however often. Returns how many were new.
 */
export async function runReminders(now: Date = new Date()): Promise<number> {
  const today = todayInVietnam(now);
  const cur = currentPeriodInVietnam(now);
  const quarters = (await calendarOf([addQuarters(cur, -2), addQuarters(cur, -1), cur], now)).filter((q) => {
    const d = daysBetween(today, q.dueDate);
    return d <= 7 && d >= -DIGEST_DAYS;
  });
  if (!quarters.length) return 0;
  const leaders = (await prisma.user.findMany({ where: { role: "LEADERSHIP", active: true }, select: { id: true } })).map((u) => u.id);
  let written = 0;
  for (const q of quarters) {
    const rows = await prisma.$queryRaw<{ id: string; name_vi: string; name_en: string; valid_from: string | null; valid_to: string | null; reported: number; officers: string[] }[]>`
      SELECT o.id::text AS id, o.name_vi, o.name_en, o.valid_from::text AS valid_from, o.valid_to::text AS valid_to,
             (SELECT count(*)::int FROM metric_reports r WHERE r.organisation_id = o.id AND r.period = ${q.period} AND r.status IN ('SUBMITTED', 'APPROVED')) AS reported,
             COALESCE((SELECT array_agg(u.id::text ORDER BY u.id) FROM users u WHERE u.organisation_id = o.id AND u.role = 'OFFICER' AND u.active), '{}') AS officers
        FROM organisations o
       WHERE o.kind IN ('MINISTRY', 'PROVINCE') AND public.in_force_on(o.valid_from, o.valid_to, public.period_last_day(${q.period}))`;
    const names = new Map(rows.map((r) => [r.id, { vi: r.name_vi, en: r.name_en }]));
    const bodies: BodyStatus[] = rows.map((r) => ({ organisationId: r.id, validFrom: r.valid_from, validTo: r.valid_to, reported: r.reported, officers: r.officers }));
    const plan = remindersOn(today, q, bodies, leaders, METRICS.length);
    if (!plan.length) continue;
    const data = plan.map((p) => {
      const org = p.organisationId ? names.get(p.organisationId) : undefined;
      const params =
        p.kind === "OVERDUE_DIGEST"
          ? { period: p.period, dueDate: p.dueDate, count: p.organisations!.length, organisations: p.organisations!.slice(0, 20).map((id) => names.get(id)) }
          : { period: p.period, dueDate: p.dueDate, organisationId: p.organisationId, organisationVi: org?.vi, organisationEn: org?.en, missing: p.missing, days: p.days };
      const link = p.kind === "OVERDUE_DIGEST" ? `/completeness?period=${p.period}` : `/reports?organisationId=${p.organisationId}&period=${p.period}`;
      return { userId: p.userId, kind: p.kind, params: JSON.parse(JSON.stringify(params)) as Prisma.InputJsonObject, link, dedupeKey: p.dedupeKey, createdAt: now };
    });
    written += (await prisma.notification.createMany({ data, skipDuplicates: true })).count;
  }
  return written;
}
