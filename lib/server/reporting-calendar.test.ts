import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { prisma, closeDb } from "./db";
import { makeActor, makeOrganisation, quietPeriod } from "@/test/factories";
import { calendarOf, deleteCalendarOverride, dueDatesOf, getReportingCalendar, getReportingSettings, putCalendarOverride, putReportingSettings } from "./reporting-calendar";
import { completeness, createReport, getReport, listReports, submitReport } from "./reports";
import { AppError, ValidationError } from "./errors";
import type { Actor } from "@/lib/auth/permissions";

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return "ok";
}
async function badFields(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ValidationError) return [...new Set((err.details ?? []).map((d) => d.path))].sort();
    throw err;
  }
  return [];
}

// a quarter no other test file reports in: its override may put its due date in the future
const FUTURE_DUE = "2016-Q3";

let admin: Actor;
let leader: Actor;
let officer: Actor;
let org: { id: string };

beforeAll(async () => {
  admin = await makeActor("ADMIN");
  leader = await makeActor("LEADERSHIP");
  org = await makeOrganisation();
  officer = await makeActor("OFFICER", org.id);
});
afterAll(async () => {
  await prisma.reportingCalendarOverride.deleteMany({ where: { period: { in: [FUTURE_DUE, "2013-Q1"] } } });
  await closeDb();
});

describe("reporting settings", () => {
  test("everyone signed in reads them; the migration's row holds the defaults of Decree 09/2019", async () => {
    expect(await getReportingSettings(officer)).toEqual({ cutOffDay: 14, dueDay: 20, minimumCoverage: 0.8 });
  });

  test("only an admin replaces them, whole and validated, audited as Settings", async () => {
    const s = { cutOffDay: 14, dueDay: 20, minimumCoverage: 0.8 };
    expect(await code(putReportingSettings(leader, s))).toBe("forbidden");
    expect(await code(putReportingSettings(officer, s))).toBe("forbidden");
    expect(await badFields(putReportingSettings(admin, { cutOffDay: 0, dueDay: 29, minimumCoverage: 1.5 }))).toEqual(["cutOffDay", "dueDay", "minimumCoverage"]);
    expect(await badFields(putReportingSettings(admin, { cutOffDay: 14, dueDay: 20 }))).toEqual(["minimumCoverage"]);
    expect(await badFields(putReportingSettings(admin, { ...s, cutOffDay: 14.5 }))).toEqual(["cutOffDay"]);
    expect(await badFields(putReportingSettings(admin, { ...s, extra: 1 }))).toEqual(["(body)"]);
    const t0 = new Date();
    try {
      expect(await putReportingSettings(admin, { ...s, minimumCoverage: 0.75 })).toEqual({ ...s, minimumCoverage: 0.75 });
      expect((await getReportingSettings(leader)).minimumCoverage).toBe(0.75);
      const entry = await prisma.auditEntry.findFirst({ where: { entityType: "Settings", actorId: admin.id, at: { gte: t0 } } });
      expect(entry?.changes).toEqual({ minimumCoverage: { from: 0.8, to: 0.75 } });
    } finally {
      await putReportingSettings(admin, s);
    }
  });
});

describe("reporting calendar", () => {
  test("defaults: cut-off the 14th, due the 20th of the quarter's last month; open until the end of the due date", async () => {
    const [c] = await getReportingCalendar(leader, { from: "2014-Q4", to: "2014-Q4" });
    expect(c).toEqual({ period: "2014-Q4", dataFrom: "2014-09-15", cutOff: "2014-12-14", dueDate: "2014-12-20", open: false, overridden: false });
    const range = await getReportingCalendar(leader, { from: "2026-Q3", to: "2027-Q1" }, new Date("2026-12-20T16:59:00Z"));
    expect(range.map((r) => [r.period, r.dueDate, r.open])).toEqual([
      ["2026-Q3", "2026-09-20", false],
      ["2026-Q4", "2026-12-20", true],
      ["2027-Q1", "2027-03-20", true],
    ]);
    expect((await getReportingCalendar(leader, { from: "2026-Q4", to: "2026-Q4" }, new Date("2026-12-20T17:00:00Z")))[0].open).toBe(false);
  });

  test("without from/to: the current quarter in Asia/Ho_Chi_Minh", async () => {
    // 2026-12-31 18:00 UTC is already 2027-01-01 in Hà Nội
    expect((await getReportingCalendar(leader, {}, new Date("2026-12-31T18:00:00Z"))).map((r) => r.period)).toEqual(["2027-Q1"]);
  });

  test("bad queries name their field", async () => {
    expect(await badFields(getReportingCalendar(leader, { from: "2026-Q5", to: "2026" }))).toEqual(["from", "to"]);
    expect(await badFields(getReportingCalendar(leader, { from: "2026-Q2", to: "2026-Q1" }))).toEqual(["to"]);
    // 2000-Q1 … 2050-Q1 is 201 quarters: one more than the 200 a calendar may show
    expect(await badFields(getReportingCalendar(leader, { from: "2000-Q1", to: "2050-Q1" }))).toEqual(["to"]);
    // periods start at 2000-Q1 (lib/validation/common.ts)
    expect(await badFields(getReportingCalendar(leader, { from: "1999-Q4", to: "2000-Q1" }))).toEqual(["from"]);
  });

  test("an admin overrides one quarter, audited; the SQL due date follows; removing it restores the defaults", async () => {
    const p = "2013-Q1";
    expect(await code(putCalendarOverride(leader, p, { cutOff: "2013-03-10", dueDate: "2013-04-05" }))).toBe("forbidden");
    expect(await badFields(putCalendarOverride(admin, p, { cutOff: "2013-02-30", dueDate: "x" }))).toEqual(["cutOff", "dueDate"]);
    expect(await badFields(putCalendarOverride(admin, p, { cutOff: "2013-03-10", dueDate: "2013-03-09" }))).toEqual(["dueDate"]);
    expect(await badFields(putCalendarOverride(admin, "2013-Q7", { cutOff: "2013-03-10", dueDate: "2013-04-05" }))).toEqual(["period"]);
    const t0 = new Date();
    const e = await putCalendarOverride(admin, p, { cutOff: "2013-03-10", dueDate: "2013-04-05" });
    expect(e).toMatchObject({ period: p, cutOff: "2013-03-10", dueDate: "2013-04-05", open: false, overridden: true });
    expect((await dueDatesOf([p, "2013-Q2"])).get(p)).toBe("2013-04-05");
    expect((await dueDatesOf([p, "2013-Q2"])).get("2013-Q2")).toBe("2013-06-20");
    await putCalendarOverride(admin, p, { cutOff: "2013-03-12", dueDate: "2013-04-05" });
    const entries = await prisma.auditEntry.findMany({ where: { entityType: "ReportingCalendar", entityId: p, at: { gte: t0 } }, orderBy: { id: "asc" } });
    expect(entries.map((x) => [x.action, x.changes])).toEqual([
      ["create", { cutOff: { from: null, to: "2013-03-10" }, dueDate: { from: null, to: "2013-04-05" } }],
      ["update", { cutOff: { from: "2013-03-10", to: "2013-03-12" } }],
    ]);
    expect(await code(deleteCalendarOverride(leader, p))).toBe("forbidden");
    await deleteCalendarOverride(admin, p);
    expect(await code(deleteCalendarOverride(admin, p))).toBe("not_found");
    expect((await calendarOf([p]))[0]).toMatchObject({ cutOff: "2013-03-14", dueDate: "2013-03-20", overridden: false });
  });
});

describe("submittedLate", () => {
  test("a report of a long-closed quarter submitted now is late, in the answer and the list; a draft is not", async () => {
    const period = quietPeriod();
    const r = await createReport(officer, { organisationId: org.id, period, metric: "OPEN_DATASETS", value: 4 });
    expect(r.submittedLate).toBe(false);
    const s = await submitReport(officer, r.id, { version: r.version });
    expect(s.submittedLate).toBe(true);
    expect((await getReport(leader, r.id)).submittedLate).toBe(true);
    const list = await listReports(officer, { organisationId: org.id, period });
    expect(list.data.map((x) => [x.id, x.submittedLate])).toEqual([[r.id, true]]);
  });

  test("a report submitted before its quarter's due date is on time", async () => {
    await putCalendarOverride(admin, FUTURE_DUE, { cutOff: "2016-09-14", dueDate: "2099-12-31" });
    const r = await createReport(officer, { organisationId: org.id, period: FUTURE_DUE, metric: "SERVICES_ONLINE", numerator: 1, denominator: 4 });
    const s = await submitReport(officer, r.id, { version: r.version });
    expect(s.submittedLate).toBe(false);
    // completeness: on time here, and late once the due date is moved before the submission
    let row = (await completeness(leader, FUTURE_DUE)).organisations.find((o) => o.organisationId === org.id)!;
    expect([row.onTime, row.late, row.lateMetrics]).toEqual([1, 0, []]);
    await putCalendarOverride(admin, FUTURE_DUE, { cutOff: "2016-09-14", dueDate: "2016-09-20" });
    expect((await getReport(officer, r.id)).submittedLate).toBe(true);
    const c = await completeness(leader, FUTURE_DUE);
    row = c.organisations.find((o) => o.organisationId === org.id)!;
    expect([row.onTime, row.late, row.lateMetrics, row.missingCount]).toEqual([0, 1, ["SERVICES_ONLINE"], 4]);
    expect(c.dueDate).toBe("2016-09-20");
    expect(c.timeliness.late).toBeGreaterThanOrEqual(1);
  });
});
