import "server-only";
import { ValidationError } from "./errors";
import type { Tx } from "./tx";
import { todayInVietnam } from "@/lib/domain/validity";

/**
 * New writes for an organisation not in force (spec/restructuring.md): 400 naming `path`. The row is read FOR SHARE,
 * so a restructuring of that body (FOR UPDATE) waits for this write to commit, or this write waits for it and then
 * sees the body's new validity. Answers false when there is no such organisation (the caller has its own answer).
 */
async function check(tx: Tx, organisationId: string, date: string, path: string, what: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ ok: boolean }[]>`
    SELECT in_force_on(valid_from, valid_to, ${date}::date) AS ok FROM organisations WHERE id = ${organisationId}::uuid FOR SHARE`;
  if (rows.length === 0) return false;
  if (!rows[0].ok) throw new ValidationError([{ path, message: `the organisation is not in force ${what}`, code: "organisation_not_in_force" }]);
  return true;
}

/** The organisation must be in force for quarter `period` (on its last day). */
export function requireInForceFor(tx: Tx, organisationId: string, period: string, path = "period"): Promise<boolean> {
  return checkPeriod(tx, organisationId, period, path);
}

async function checkPeriod(tx: Tx, organisationId: string, period: string, path: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ d: string | null }[]>`SELECT period_last_day(${period})::text AS d`;
  const d = rows[0]?.d;
  if (!d) throw new ValidationError([{ path, message: "use YYYY-Qn, n from 1 to 4", code: "invalid_format", params: { format: "period" } }]);
  return check(tx, organisationId, d, path, `for ${period}`);
}

/** The organisation must be in force today (Asia/Ho_Chi_Minh). */
export function requireInForceToday(tx: Tx, organisationId: string, path = "organisationId", now: Date = new Date()): Promise<boolean> {
  return check(tx, organisationId, todayInVietnam(now), path, "today");
}
