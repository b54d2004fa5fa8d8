import "server-only";
import { ValidationError, type ErrorDetail } from "./errors";
import type { Tx } from "./tx";
import { todayInVietnam } from "@/lib/domain/validity";
import { Prisma } from "@/lib/generated/prisma/client";

/** Runs one raw statement: a Prisma transaction's `$queryRaw`, or a pg client's `query` (the bulk import's connection). */
export type RawQuery = <T>(q: Prisma.Sql) => Promise<T[]>;

export const prismaRaw =
  (tx: Tx): RawQuery =>
  <T>(q: Prisma.Sql) =>
    tx.$queryRaw<T[]>(q);

/** The answer for a write to a body that is not in force (spec/restructuring.md): one detail naming `path`. */
export const notInForceDetail = (path: string, what: string): ErrorDetail => ({ path, message: `the organisation is not in force ${what}`, code: "organisation_not_in_force" });

/**
 * Which of `ids` are in force on `date` (the SQL rule in_force_on of *_restructuring_rules). The rows are read FOR
 * SHARE, so a restructuring of one of those bodies (FOR UPDATE) waits for this write to commit, or this write waits
 * for it and then sees the body's new validity. An id with no organisation is absent from the answer.
 */
export async function inForceOn(run: RawQuery, ids: string[], date: string): Promise<Map<string, boolean>> {
  if (ids.length === 0) return new Map();
  const rows = await run<{ id: string; ok: boolean }>(Prisma.sql`
    SELECT id::text AS id, in_force_on(valid_from, valid_to, ${date}::date) AS ok
      FROM organisations WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR SHARE`);
  return new Map(rows.map((r) => [r.id, r.ok]));
}

/** New writes for an organisation not in force: 400 naming `path`. Answers false when there is no such organisation. */
async function check(tx: Tx, organisationId: string, date: string, path: string, what: string): Promise<boolean> {
  const ok = (await inForceOn(prismaRaw(tx), [organisationId], date)).get(organisationId);
  if (ok === undefined) return false;
  if (!ok) throw new ValidationError([notInForceDetail(path, what)]);
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

/** Which of `ids` are in force today (Asia/Ho_Chi_Minh): for the bulk import, the same rule as requireInForceToday. */
export function inForceToday(run: RawQuery, ids: string[], now: Date = new Date()): Promise<Map<string, boolean>> {
  return inForceOn(run, ids, todayInVietnam(now));
}
