import { describe, test, expect, beforeAll } from "vitest";
import { prisma } from "@/lib/server/db";
import { makeActor, makeOrganisation, uid } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "./errors";
import { getNationalTargets, organisationTargets, putNationalTargets, rateOrganisation, readNationalTargets, targetsDashboard } from "./targets";
import { attention } from "./attention";
import { createKpi, putKpiValue } from "./kpis";
import { currentPeriod } from "@/lib/domain/periods";
import type { NationalTargetDto } from "@/lib/dto/settings";

async function fails(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

let admin: Actor, leader: Actor, officer: Actor;

beforeAll(async () => {
  admin = await makeActor("ADMIN");
  leader = await makeActor("LEADERSHIP");
  officer = await makeActor("OFFICER", (await makeOrganisation()).id);
});

/** An approved report written straight to the table (the review workflow has its own tests). */
async function report(organisationId: string, period: string, metric: string, v: { numerator: number; denominator: number } | { value: number }, status = "APPROVED") {
  const value = "value" in v ? v.value : (v.numerator / v.denominator) * 100;
  await prisma.metricReport.create({
    data: {
      organisationId,
      period,
      metricCode: metric,
      value,
      numerator: "numerator" in v ? BigInt(v.numerator) : null,
      denominator: "denominator" in v ? BigInt(v.denominator) : null,
      status: status as "APPROVED",
      createdById: admin.id,
      updatedById: admin.id,
    },
  });
}

async function makeInitiative(organisationId: string, fields: Record<string, unknown> = {}) {
  return prisma.initiative.create({
    data: {
      organisationId,
      title: `Sáng kiến ${uid(6)}`,
      status: "IN_PROGRESS",
      currentStage: 1,
      targetStage: 3,
      progress: 10,
      createdById: admin.id,
      updatedById: admin.id,
      ...fields,
    },
  });
}

/** Runs `fn` with these national targets in force, then puts back what was there (other tests of this file read them). */
async function withTargets<T>(targets: NationalTargetDto[], fn: () => Promise<T>): Promise<T> {
  const before = await readNationalTargets();
  await putNationalTargets(admin, targets);
  try {
    return await fn();
  } finally {
    await putNationalTargets(admin, before);
  }
}

/** Bodies expected for a quarter and those with their own approved report of a metric, counted straight from the tables. */
async function ownCoverage(period: string, metric: string) {
  const last = { "1": "03-31", "2": "06-30", "3": "09-30", "4": "12-31" }[period.slice(6)]!;
  const day = new Date(`${period.slice(0, 4)}-${last}`);
  const inForce = { kind: { in: ["MINISTRY" as const, "PROVINCE" as const] }, AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: day } }] }, { OR: [{ validTo: null }, { validTo: { gt: day } }] }] };
  const expected = await prisma.organisation.count({ where: inForce });
  const reported = await prisma.metricReport.count({ where: { period, metricCode: metric, status: "APPROVED", organisation: inForce } });
  return { expected, reported };
}

const SO: NationalTargetDto = { metric: "SERVICES_ONLINE", baseline: 40, baselinePeriod: "2010-Q1", target: 80, targetPeriod: "2012-Q1" };

describe("national targets", () => {
  test("only admins replace the list; anyone signed in reads it; validated and audited", async () => {
    const before = await getNationalTargets(officer);
    await fails(putNationalTargets(officer, before), "forbidden");
    await fails(putNationalTargets(leader, before), "forbidden");
    await fails(putNationalTargets(admin, [{ ...SO, target: 30 }]), "validation_failed");
    await fails(putNationalTargets(admin, [SO, SO]), "validation_failed");
    await fails(putNationalTargets(admin, { SERVICES_ONLINE: SO }), "validation_failed");
    const od: NationalTargetDto = { metric: "OPEN_DATASETS", baseline: 100, baselinePeriod: "2020-Q1", target: 500, targetPeriod: "2025-Q4" };
    await withTargets([od, SO], async () => {
      // answered in the order of the metrics, whatever order they were sent in
      expect(await getNationalTargets(leader)).toEqual([SO, od]);
      const e = await prisma.auditEntry.findFirstOrThrow({ where: { entityType: "NationalTargets", actorId: admin.id }, orderBy: { id: "desc" } });
      expect((e.changes as Record<string, { to: unknown }>).SERVICES_ONLINE.to).toEqual({ baseline: 40, baselinePeriod: "2010-Q1", target: 80, targetPeriod: "2012-Q1" });
      // a PUT replaces the whole list
      await putNationalTargets(admin, [SO]);
      expect(await getNationalTargets(leader)).toEqual([SO]);
    });
    expect(await getNationalTargets(officer)).toEqual(before);
  });
});

describe("the targets dashboard", () => {
  let a: string, b: string, c: string, d: string, dAgency: string, slipping: string;

  beforeAll(async () => {
    a = (await makeOrganisation()).id; // the acceptance test's ministry
    b = (await makeOrganisation("PROVINCE")).id; // no figure at the baseline quarter
    c = (await makeOrganisation()).id; // no figure at all
    d = (await makeOrganisation()).id; // with an agency rolled in
    dAgency = (await makeOrganisation("AGENCY", d)).id;
    slipping = (await makeOrganisation()).id;
    await report(a, "2010-Q1", "SERVICES_ONLINE", { numerator: 50, denominator: 100 });
    await report(a, "2010-Q3", "SERVICES_ONLINE", { numerator: 60, denominator: 100 });
    await report(a, "2010-Q2", "SERVICES_ONLINE", { numerator: 10, denominator: 100 }, "SUBMITTED"); // not approved: ignored
    await report(b, "2010-Q2", "SERVICES_ONLINE", { numerator: 30, denominator: 100 });
    await report(b, "2010-Q3", "SERVICES_ONLINE", { numerator: 31, denominator: 100 });
    await report(d, "2010-Q1", "SERVICES_ONLINE", { numerator: 50, denominator: 100 });
    await report(d, "2010-Q3", "SERVICES_ONLINE", { numerator: 60, denominator: 100 });
    await report(dAgency, "2010-Q3", "SERVICES_ONLINE", { numerator: 80, denominator: 100 });
    await report(slipping, "2010-Q1", "SERVICES_ONLINE", { numerator: 50, denominator: 100 });
    await report(slipping, "2010-Q3", "SERVICES_ONLINE", { numerator: 48, denominator: 100 });
    await report(a, "2010-Q1", "KPI_IMPROVEMENT", { value: 10 });
    await report(a, "2010-Q2", "KPI_IMPROVEMENT", { value: 4 });
  });

  test("each ministry and province is rated with its own baseline and the national target", async () => {
    const ki: NationalTargetDto = { metric: "KPI_IMPROVEMENT", baseline: 5, baselinePeriod: "2010-Q1", target: 25, targetPeriod: "2011-Q1" };
    const od: NationalTargetDto = { metric: "OPEN_DATASETS", baseline: 0, baselinePeriod: "2010-Q1", target: 1_000_000, targetPeriod: "2011-Q1" };
    await withTargets([SO, ki, od], async () => {
      const dash = await targetsDashboard(leader, { period: "2010-Q3" });
      const find = (org: string, metric = "SERVICES_ONLINE") => dash.organisations.find((o) => o.organisationId === org && o.metric === metric)!;
      // own baseline 50 at 2010-Q1, 60 two quarters later: pace 5 against (80 - 50) / 8 = 3.75
      expect(find(a).rating.status).toBe("ON_TRACK");
      expect(find(a).rating.ratio).toBeCloseTo(5 / 3.75, 9);
      expect(find(a)).toMatchObject({ baseline: 50, baselinePeriod: "2010-Q1" });
      // no figure at 2010-Q1: its baseline is 30 at 2010-Q2; 1 in one quarter against (80 - 30) / 7
      expect(find(b)).toMatchObject({ baseline: 30, baselinePeriod: "2010-Q2" });
      expect(find(b).rating.status).toBe("LIMITED_PROGRESS");
      expect(find(b).rating.ratio).toBeCloseTo(1 / (50 / 7), 9);
      expect(find(c).rating.status).toBe("NOT_ENOUGH_DATA");
      // the agency's 80/100 counts in: (60 + 80) / 200 = 70 at 2010-Q3
      expect(find(d).rating).toMatchObject({ status: "ON_TRACK", latestValue: 70 });
      expect(find(slipping).rating.status).toBe("DETERIORATING");
      // agencies are not rated; count metrics only nationally
      expect(dash.organisations.some((o) => o.organisationId === dAgency)).toBe(false);
      expect(dash.organisations.some((o) => o.metric === "OPEN_DATASETS")).toBe(false);
      // KPI_IMPROVEMENT: 10 then 4 a quarter later, against (25 - 10) / 4 a quarter
      expect(find(a, "KPI_IMPROVEMENT").rating.status).toBe("DETERIORATING");

      // one organisation's page: the same ratings, only that organisation; an agency is not rated; unknown id 404
      const own = await organisationTargets(leader, a, { period: "2010-Q3" });
      expect(own.organisations.map((o) => o.organisationId)).toEqual(own.organisations.map(() => a));
      expect(own.organisations).toEqual(dash.organisations.filter((o) => o.organisationId === a));
      expect(own.national).toEqual(dash.national);
      expect((await organisationTargets(leader, dAgency, { period: "2010-Q3" })).organisations).toEqual([]);
      await fails(organisationTargets(leader, "00000000-0000-4000-8000-000000000000", {}), "not_found");
      await fails(organisationTargets(leader, "nope", {}), "not_found");

      // the nation: a handful of test bodies out of every ministry and province in force is far below the minimum
      // coverage, so those quarters are skipped and the nation is not rated (spec/coverage.md)
      for (const t of [SO, ki, od]) {
        for (const period of ["2010-Q2", "2010-Q3"]) {
          const { expected, reported } = await ownCoverage(period, t.metric);
          expect(reported / expected).toBeLessThan(0.8);
        }
        expect(dash.national.find((n) => n.metric === t.metric)?.rating.status).toBe("NOT_ENOUGH_DATA");
      }
      expect(dash.national.find((n) => n.metric === "OPEN_DATASETS")?.rating.status).not.toBe("ACHIEVED");

      // figures up to the quarter asked for: at 2010-Q2 the ministry has only its baseline
      const early = await targetsDashboard(leader, { period: "2010-Q2" });
      expect(early.organisations.find((o) => o.organisationId === a && o.metric === "SERVICES_ONLINE")?.rating.status).toBe("NOT_ENOUGH_DATA");
      // before the baseline quarter nothing is rated
      const before = await targetsDashboard(leader, { period: "2009-Q4" });
      expect(before.national.every((n) => n.rating.status === "NOT_ENOUGH_DATA")).toBe(true);
      expect(before.organisations.every((o) => o.rating.status === "NOT_ENOUGH_DATA")).toBe(true);
    });
  });

  test("the period is validated; it defaults to the current quarter", async () => {
    await fails(targetsDashboard(leader, { period: "2010-5" }), "validation_failed");
    expect((await targetsDashboard(leader, {})).period).toBe(currentPeriod());
  });

  test("rateOrganisation: a first figure at or after the target quarter is achieved or missed", () => {
    expect(rateOrganisation(SO, [{ period: "2012-Q2", value: 70 }]).rating.status).toBe("NOT_ENOUGH_DATA");
    expect(rateOrganisation(SO, [{ period: "2012-Q2", value: 70 }, { period: "2012-Q3", value: 75 }]).rating.status).toBe("MISSED");
    expect(rateOrganisation(SO, [{ period: "2009-Q4", value: 10 }, { period: "2010-Q2", value: 90 }]).baseline).toEqual({ period: "2010-Q2", value: 90 });
  });

  test("slipping organisation ratings appear in the attention list of that organisation", async () => {
    await withTargets([SO], async () => {
      const att = await attention(officer, { period: "2010-Q3", organisationId: slipping });
      expect(att.targets).toEqual([expect.objectContaining({ organisationId: slipping, metric: "SERVICES_ONLINE", status: "DETERIORATING" })]);
      expect((await attention(officer, { period: "2010-Q3", organisationId: a })).targets).toEqual([]);
      const all = await attention(leader, { period: "2010-Q3" });
      expect(all.targets.some((t) => t.organisationId === slipping)).toBe(true);
      expect(all.targets.some((t) => t.organisationId === a)).toBe(false);
      // the nation's own ratings carry organisationId null and only appear unfiltered
      const national = all.targets.filter((t) => t.organisationId === null);
      expect(national.every((t) => t.metric === "SERVICES_ONLINE")).toBe(true);
    });
  });
});

describe("needs attention", () => {
  let org: string, agency: string, other: string;
  const ids: Record<string, string> = {};
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

  beforeAll(async () => {
    org = (await makeOrganisation()).id;
    agency = (await makeOrganisation("AGENCY", org)).id;
    other = (await makeOrganisation()).id;
    const late = { startDate: new Date("2023-01-01"), endDate: new Date("2024-06-30") };
    ids.late = (await makeInitiative(org, { ...late, status: "IN_PROGRESS" })).id;
    ids.lateOnHold = (await makeInitiative(org, { ...late, status: "ON_HOLD" })).id;
    ids.done = (await makeInitiative(org, { ...late, status: "COMPLETED", progress: 100 })).id;
    ids.cancelled = (await makeInitiative(org, { ...late, status: "CANCELLED" })).id;
    ids.archived = (await makeInitiative(org, { ...late, archivedAt: new Date(), updatedAt: daysAgo(200) })).id;
    ids.agencyLate = (await makeInitiative(agency, late)).id;
    ids.otherLate = (await makeInitiative(other, late)).id;
    ids.future = (await makeInitiative(org, { endDate: new Date("2099-12-31") })).id;
    ids.stale = (await makeInitiative(org, { status: "PLANNED", updatedAt: daysAgo(100) })).id;
    ids.recent = (await makeInitiative(org, { status: "IN_PROGRESS", updatedAt: daysAgo(80) })).id;
    ids.staleOnHold = (await makeInitiative(org, { status: "ON_HOLD", updatedAt: daysAgo(200) })).id;

    const kpiOfficer = await makeActor("OFFICER", org);
    const body = { name: "Tỷ lệ hồ sơ trực tuyến", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 20, baselinePeriod: "2024-Q1", target: 60, targetPeriod: "2026-Q1" };
    ids.kpiFalling = (await createKpi(kpiOfficer, ids.late, body)).id;
    await putKpiValue(kpiOfficer, ids.kpiFalling, "2024-Q2", { value: 12 });
    ids.kpiOnTrack = (await createKpi(kpiOfficer, ids.late, body)).id;
    await putKpiValue(kpiOfficer, ids.kpiOnTrack, "2024-Q2", { value: 30 });
    // on track in 2024-Q2, limited progress once 2025-Q1 counts
    ids.kpiLater = (await createKpi(kpiOfficer, ids.late, body)).id;
    await putKpiValue(kpiOfficer, ids.kpiLater, "2024-Q2", { value: 30 });
    await putKpiValue(kpiOfficer, ids.kpiLater, "2025-Q1", { value: 21 });
    ids.kpiMissed = (await createKpi(kpiOfficer, ids.agencyLate, { ...body, targetPeriod: "2024-Q3" })).id;
    await putKpiValue(kpiOfficer, ids.kpiMissed, "2024-Q4", { value: 50 });
    ids.kpiNoData = (await createKpi(kpiOfficer, ids.late, body)).id;
    ids.kpiOnStale = (await createKpi(kpiOfficer, ids.stale, body)).id;
    await putKpiValue(kpiOfficer, ids.kpiOnStale, "2024-Q2", { value: 1 });
    await prisma.initiative.update({ where: { id: ids.stale }, data: { updatedAt: daysAgo(100) } });
    ids.kpiOfArchived = (await createKpi(kpiOfficer, ids.future, body)).id;
    await putKpiValue(kpiOfficer, ids.kpiOfArchived, "2024-Q2", { value: 1 });
    await prisma.initiative.update({ where: { id: ids.future }, data: { archivedAt: new Date() } });
  });

  test("this quarter, for an organisation and its agencies", async () => {
    const a = await attention(officer, { period: currentPeriod(), organisationId: org });
    const overdue = a.overdueInitiatives.map((x) => x.initiativeId);
    expect(overdue).toEqual(expect.arrayContaining([ids.late, ids.lateOnHold, ids.agencyLate]));
    for (const not of [ids.done, ids.cancelled, ids.archived, ids.otherLate, ids.future]) expect(overdue).not.toContain(not);
    expect(a.overdueInitiatives.find((x) => x.initiativeId === ids.late)).toMatchObject({ organisationId: org, endDate: "2024-06-30" });
    expect(a.overdueInitiatives.find((x) => x.initiativeId === ids.late)?.title).toMatch(/^Sáng kiến /);

    const stale = a.staleInitiatives.map((x) => x.initiativeId);
    expect(stale).toContain(ids.stale);
    for (const not of [ids.recent, ids.staleOnHold, ids.archived]) expect(stale).not.toContain(not);

    const kpis = Object.fromEntries(a.kpis.map((k) => [k.kpiId, k.status]));
    expect(kpis[ids.kpiFalling]).toBe("DETERIORATING");
    expect(kpis[ids.kpiLater]).toBe("LIMITED_PROGRESS");
    expect(kpis[ids.kpiMissed]).toBe("MISSED");
    expect(kpis[ids.kpiOnStale]).toBe("DETERIORATING");
    for (const not of [ids.kpiOnTrack, ids.kpiNoData, ids.kpiOfArchived]) expect(kpis[not]).toBeUndefined();
    expect(a.kpis.find((k) => k.kpiId === ids.kpiMissed)).toMatchObject({ initiativeId: ids.agencyLate, organisationId: agency, name: "Tỷ lệ hồ sơ trực tuyến" });

    // the unfiltered list holds the other organisation too
    const all = await attention(leader, { period: currentPeriod() });
    expect(all.overdueInitiatives.some((x) => x.initiativeId === ids.otherLate)).toBe(true);
    // the agency alone: its own initiatives only, no report duty
    const ag = await attention(officer, { period: currentPeriod(), organisationId: agency });
    expect(ag.overdueInitiatives.map((x) => x.initiativeId)).toEqual([ids.agencyLate]);
    expect(ag.overdueReports).toEqual([]);
  });

  test("a past quarter is judged at its end: values, end dates and staleness as of then", async () => {
    const q2 = await attention(officer, { period: "2024-Q2", organisationId: org });
    expect(q2.asOf).toBe("2024-07-01T00:00:00.000Z");
    expect(q2.overdueInitiatives.map((x) => x.initiativeId)).toEqual(expect.arrayContaining([ids.late, ids.agencyLate]));
    expect(q2.staleInitiatives.map((x) => x.initiativeId)).not.toContain(ids.stale);
    const kpis = Object.fromEntries(q2.kpis.map((k) => [k.kpiId, k.status]));
    expect(kpis[ids.kpiFalling]).toBe("DETERIORATING");
    expect(kpis[ids.kpiLater]).toBeUndefined(); // on track with the 2024-Q2 value
    expect(kpis[ids.kpiMissed]).toBeUndefined(); // its 2024-Q4 value had not come yet

    const q1 = await attention(officer, { period: "2024-Q1", organisationId: org });
    expect(q1.overdueInitiatives).toEqual([]); // 2024-06-30 had not passed on 2024-04-01
    expect(q1.kpis).toEqual([]);
  });

  test("overdue reports: after the quarter's due date (20th of its last month, Asia/Ho_Chi_Minh), bodies in force for it", async () => {
    // in force from 2011-04-01: 2011-Q1 is not its quarter
    const ministry = (await prisma.organisation.update({ where: { id: (await makeOrganisation()).id }, data: { validFrom: new Date("2011-04-01T00:00:00Z") } })).id;
    await report(ministry, "2011-Q2", "SERVICES_ONLINE", { numerator: 1, denominator: 2 }, "SUBMITTED");
    await report(ministry, "2011-Q2", "OPEN_DATASETS", { value: 3 });
    await report(ministry, "2011-Q2", "NEW_DELIVERY_MODELS", { value: 1 }, "DRAFT");
    const q2Missing = ["KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"].map((metric) => ({ organisationId: ministry, metric, period: "2011-Q2" }));
    const all5 = (period: string) => ["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"].map((metric) => ({ organisationId: ministry, metric, period }));
    const at = (period: string, iso: string) => attention(officer, { period, organisationId: ministry }, new Date(iso)).then((a) => a.overdueReports);
    // 2011-Q2 is due 2011-06-20: 23:59 that day in Hà Nội (16:59 UTC) is still on time
    expect(await at("2011-Q2", "2011-06-20T16:59:00Z")).toEqual([]);
    expect(await at("2011-Q2", "2011-06-20T17:00:00Z")).toEqual(q2Missing);
    // in 2011-Q3 before its own due date: the quarter before only; after it, 2011-Q3 too (nothing reported)
    expect(await at("2011-Q3", "2011-09-20T16:59:00Z")).toEqual(q2Missing);
    expect(await at("2011-Q3", "2011-09-20T17:00:00Z")).toEqual([...q2Missing, ...all5("2011-Q3")]);
    // a past quarter is judged at its end, when its own due date has passed
    expect((await attention(officer, { period: "2011-Q3", organisationId: ministry })).overdueReports).toEqual([...q2Missing, ...all5("2011-Q3")]);
  });

  test("overdue reports follow a calendar override of the quarter", async () => {
    const ministry = (await makeOrganisation()).id;
    await prisma.reportingCalendarOverride.upsert({
      where: { period: "2012-Q2" },
      create: { period: "2012-Q2", cutOff: new Date("2012-06-14T00:00:00Z"), dueDate: new Date("2012-07-10T00:00:00Z") },
      update: { cutOff: new Date("2012-06-14T00:00:00Z"), dueDate: new Date("2012-07-10T00:00:00Z") },
    });
    try {
      const at = (iso: string) => attention(officer, { period: "2012-Q3", organisationId: ministry }, new Date(iso)).then((a) => a.overdueReports.filter((r) => r.period === "2012-Q2").length);
      expect(await at("2012-07-10T16:59:00Z")).toBe(0);
      expect(await at("2012-07-10T17:00:00Z")).toBe(5);
    } finally {
      await prisma.reportingCalendarOverride.delete({ where: { period: "2012-Q2" } });
    }
  });

  test("unknown or malformed parameters", async () => {
    await fails(attention(officer, { period: currentPeriod(), organisationId: "00000000-0000-4000-8000-000000000000" }), "not_found");
    await fails(attention(officer, { period: currentPeriod(), organisationId: "nope" }), "validation_failed");
    await fails(attention(officer, { period: "2024-Q9" }), "validation_failed");
  });
});

describe("national ratings skip low-coverage quarters", () => {
  test("the rating rests on the last quarter with enough coverage and says which", async () => {
    // 2021-Q2: every ministry and province in force reports 50 %; 2021-Q3: one new body alone reports 100 %
    const day = new Date("2021-06-30");
    const bodies = await prisma.organisation.findMany({
      where: { kind: { in: ["MINISTRY", "PROVINCE"] }, AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: day } }] }, { OR: [{ validTo: null }, { validTo: { gt: day } }] }] },
      select: { id: true },
    });
    await prisma.metricReport.createMany({
      data: bodies.map((b) => ({ organisationId: b.id, period: "2021-Q2", metricCode: "SERVICES_ONLINE", value: 50, numerator: 50n, denominator: 100n, status: "APPROVED" as const, createdById: admin.id, updatedById: admin.id })),
      skipDuplicates: true,
    });
    const lone = await makeOrganisation("PROVINCE");
    await report(lone.id, "2021-Q3", "SERVICES_ONLINE", { numerator: 100, denominator: 100 });
    const target: NationalTargetDto = { metric: "SERVICES_ONLINE", baseline: 40, baselinePeriod: "2021-Q1", target: 80, targetPeriod: "2022-Q1" };
    await withTargets([target], async () => {
      const q2 = await ownCoverage("2021-Q2", "SERVICES_ONLINE");
      expect(q2.reported / q2.expected).toBeGreaterThanOrEqual(0.8);
      const q3 = await ownCoverage("2021-Q3", "SERVICES_ONLINE");
      expect(q3.reported / q3.expected).toBeLessThan(0.8);
      const national = (await targetsDashboard(leader, { period: "2021-Q3" })).national.find((n) => n.metric === "SERVICES_ONLINE")!;
      // 50 % one quarter after 40 %: pace 10 a quarter against (80 − 40) / 4 = 10; the path stands at 50 in 2021-Q2
      expect(national.rating).toEqual({ status: "ON_TRACK", ratio: 1, latestValue: 50, latestPeriod: "2021-Q2", expectedValue: 50 });
      // with only the low-coverage quarter after its baseline, a target has not enough data
      await putNationalTargets(admin, [{ ...target, baselinePeriod: "2021-Q2" }]);
      const skipped = await targetsDashboard(leader, { period: "2021-Q3" });
      expect(skipped.national.find((n) => n.metric === "SERVICES_ONLINE")?.rating).toMatchObject({ status: "NOT_ENOUGH_DATA", latestPeriod: null });
    });
  });
});
