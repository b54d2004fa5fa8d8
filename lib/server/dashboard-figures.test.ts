/**
 * The dashboards across a restructuring (spec/restructuring.md "Roll-ups across a restructuring") and with coverage,
 * like-for-like change and provisional figures (spec/coverage.md), against PostgreSQL. Restructurings are written
 * straight to their tables here (their API is lib/server/restructurings.ts, tested on its own).
 */
import { describe, test, expect, beforeAll } from "vitest";
import { prisma } from "./db";
import { makeActor, uid } from "@/test/factories";
import { agencyTable, dashboardTrendSet } from "./dashboard-screens";
import { nationalDashboard, organisationDashboard, rankingTable, trend } from "./dashboard";
import { complianceOf } from "./reports";
import { latestClosedPeriod } from "./dashboard-sql";
import type { Actor } from "@/lib/auth/permissions";
import type { OrganisationKind } from "@/lib/domain/codes";
import { addQuarters, currentPeriod } from "@/lib/domain/periods";
import { todayInVietnam } from "@/lib/domain/validity";
import type { SeriesPointDto } from "@/lib/dto/dashboard";

let admin: Actor;
let leader: Actor;
beforeAll(async () => {
  admin = await makeActor("ADMIN");
  leader = await makeActor("LEADERSHIP");
});

const close = (a: number | null | undefined, b: number) => typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

async function org(kind: OrganisationKind = "PROVINCE", f: { parentId?: string; validFrom?: string; validTo?: string } = {}) {
  const code = `T_${uid(10)}`;
  return prisma.organisation.create({
    data: {
      code,
      nameVi: `Tỉnh Thử nghiệm ${code}`,
      nameEn: `Test ${code}`,
      kind,
      parentId: f.parentId ?? null,
      validFrom: f.validFrom ? new Date(f.validFrom) : null,
      validTo: f.validTo ? new Date(f.validTo) : null,
    },
  });
}

/** A report written straight to the table (the workflow has its own tests). */
async function report(organisationId: string, period: string, metric: string, v: { numerator: number; denominator: number } | { value: number }, status: "APPROVED" | "SUBMITTED" = "APPROVED") {
  await prisma.metricReport.create({
    data: {
      organisationId,
      period,
      metricCode: metric,
      value: "value" in v ? v.value : (v.numerator / v.denominator) * 100,
      numerator: "numerator" in v ? BigInt(v.numerator) : null,
      denominator: "denominator" in v ? BigInt(v.denominator) : null,
      status,
      createdById: admin.id,
      updatedById: admin.id,
    },
  });
}

/** What a restructuring writes for the figures: validTo on each predecessor, its succession and ordered successors. */
async function restructure(date: string, successions: { fromId: string; toIds: string[]; historyTo: string | null }[]) {
  const r = await prisma.restructuring.create({ data: { effectiveDate: new Date(date), legalBasis: "Nghị quyết thử nghiệm", createdById: admin.id } });
  for (const s of successions) {
    await prisma.organisation.update({ where: { id: s.fromId }, data: { validTo: new Date(date) } });
    await prisma.restructuringSuccession.create({
      data: { restructuringId: r.id, fromId: s.fromId, historyToId: s.historyTo, successors: { create: s.toIds.map((organisationId, position) => ({ organisationId, position })) } },
    });
  }
  return r;
}

/** A dated re-parenting: the old link closes on the date, the new one opens, then parent_id moves. */
async function reparent(agencyId: string, toId: string, date: string) {
  await prisma.$transaction([
    prisma.organisationParentLink.updateMany({ where: { organisationId: agencyId, validTo: null }, data: { validTo: new Date(date) } }),
    prisma.organisationParentLink.create({ data: { organisationId: agencyId, parentId: toId, validFrom: new Date(date) } }),
    prisma.organisation.update({ where: { id: agencyId }, data: { parentId: toId } }),
  ]);
}

const SO = "SERVICES_ONLINE";

describe("a merge", () => {
  // 2018 is used by no other test file: the national figures of its quarters are this test's alone
  const prev = "2018-Q2";
  const cur = "2018-Q3";
  const date = "2018-07-01";

  test("comparable and reported figures, lineage, compliance and rankings by the bodies in force; national figures unchanged", async () => {
    const a = await org();
    const b = await org();
    const c = await org("PROVINCE", { validFrom: date });
    const aa = await org("AGENCY", { parentId: a.id });
    await report(a.id, prev, SO, { numerator: 30, denominator: 100 });
    await report(b.id, prev, SO, { numerator: 10, denominator: 50 });
    await report(aa.id, prev, SO, { numerator: 20, denominator: 50 });
    const nationalBefore = (await nationalDashboard(leader, { period: prev })).metrics.SERVICES_ONLINE;

    await restructure(date, [
      { fromId: a.id, toIds: [c.id], historyTo: c.id },
      { fromId: b.id, toIds: [c.id], historyTo: c.id },
    ]);
    await reparent(aa.id, c.id, date);
    await report(c.id, cur, SO, { numerator: 60, denominator: 120 });
    await report(aa.id, cur, SO, { numerator: 40, denominator: 80 });

    // comparable: before the merge A + B + A's agency = 60/200; after, C + the agency = 100/200
    const t = (await trend(leader, { metric: SO, from: prev, to: cur, organisationId: c.id })) as SeriesPointDto[];
    expect(t.map((p) => p.period)).toEqual([prev, cur]);
    expect(close(t[0].value, 30)).toBe(true);
    expect([...(t[0].lineage ?? [])].sort()).toEqual([a.id, b.id].sort());
    expect(t[0]).toMatchObject({ basis: "comparable", partial: false });
    expect(close(t[1].value, 50)).toBe(true);
    expect(t[1].lineage).toEqual([c.id]);
    const reported = (await trend(leader, { metric: SO, from: prev, to: cur, organisationId: c.id, basis: "reported" })) as SeriesPointDto[];
    expect(reported[0]).toMatchObject({ value: null, lineage: [], basis: "reported", partial: false });
    expect(close(reported[1].value, 50)).toBe(true);

    // the organisation dashboard, comparable by default; its agency counts where its dated link points
    const dPrev = await organisationDashboard(leader, c.id, { period: prev });
    expect(dPrev).toMatchObject({ basis: "comparable", partial: false, reported: true });
    expect(close(dPrev.metrics.SERVICES_ONLINE.value, 30)).toBe(true);
    expect((await organisationDashboard(leader, c.id, { period: prev, basis: "reported" })).metrics.SERVICES_ONLINE.value).toBeNull();
    const dA = await organisationDashboard(leader, a.id, { period: prev });
    expect(close(dA.metrics.SERVICES_ONLINE.value, (50 / 150) * 100)).toBe(true);
    const dAafter = await organisationDashboard(leader, a.id, { period: cur });
    expect(dAafter).toMatchObject({ lineage: [], reported: false });
    expect(dAafter.metrics.SERVICES_ONLINE.value).toBeNull();

    // like for like at C in cur: only the agency reported in both quarters (20/50 then, 40/80 now)
    const dCur = await organisationDashboard(leader, c.id, { period: cur });
    expect(dCur.metrics.SERVICES_ONLINE.change).toEqual({ previousPeriod: prev, value: 50, previousValue: 40, delta: 10, organisations: 1 });
    // coverage over C's units of the quarter: C and its agency
    expect(dCur.metrics.SERVICES_ONLINE.coverage).toEqual({ expected: 2, reported: 2, share: 1 });
    expect(dCur.metrics.OPEN_DATASETS.coverage).toEqual({ expected: 2, reported: 0, share: 0 });
    expect(dCur.metrics.OPEN_DATASETS.provisionalReasons).toContain("low_coverage");

    // compliance and rankings count the bodies in force for each quarter
    const missingOf = async (p: string) => new Set((await complianceOf(p)).missing.map((m) => m.organisationId));
    const mPrev = await missingOf(prev);
    expect([mPrev.has(a.id), mPrev.has(b.id), mPrev.has(c.id)]).toEqual([true, true, false]);
    const mCur = await missingOf(cur);
    expect([mCur.has(a.id), mCur.has(b.id), mCur.has(c.id)]).toEqual([false, false, true]);
    const rPrev = await rankingTable(leader, prev);
    expect(rPrev.some((r) => r.organisationId === c.id)).toBe(false);
    expect(close(rPrev.find((r) => r.organisationId === a.id)?.metrics.SERVICES_ONLINE ?? null, (50 / 150) * 100)).toBe(true);
    const rCur = await rankingTable(leader, cur);
    expect(rCur.some((r) => r.organisationId === a.id || r.organisationId === b.id)).toBe(false);
    expect(close(rCur.find((r) => r.organisationId === c.id)?.metrics.SERVICES_ONLINE ?? null, 50)).toBe(true);

    // a restructuring never changes a national figure
    const nationalAfter = (await nationalDashboard(leader, { period: prev })).metrics.SERVICES_ONLINE;
    expect({ ...nationalAfter, change: null, coverage: null, provisional: null, provisionalReasons: null }).toEqual({
      ...nationalBefore,
      change: null,
      coverage: null,
      provisional: null,
      provisionalReasons: null,
    });

    // the trend charts mark the restructuring in the quarter of its effective date
    const set = await dashboardTrendSet(leader, { to: cur, quarters: 2, organisationId: c.id });
    expect(set.restructurings).toEqual([{ date, period: cur, legalBasis: "Nghị quyết thử nghiệm" }]);
  });
});

describe("a split", () => {
  test("without historyTo the past goes to nobody and the quarters before are partial", async () => {
    const s = await org("MINISTRY");
    const t1 = await org("MINISTRY");
    const t2 = await org("MINISTRY", { validFrom: "2013-03-01" });
    await report(s.id, "2012-Q4", SO, { numerator: 9, denominator: 10 });
    await report(t1.id, "2012-Q4", SO, { numerator: 1, denominator: 10 });
    await restructure("2013-03-01", [{ fromId: s.id, toIds: [t1.id, t2.id], historyTo: null }]);
    const a = (await trend(leader, { metric: SO, from: "2012-Q4", to: "2013-Q1", organisationId: t1.id })) as SeriesPointDto[];
    expect(a[0]).toMatchObject({ lineage: [t1.id], partial: true });
    expect(close(a[0].value, 10)).toBe(true); // its own 1/10, never the dissolved body's 9/10
    expect(a[1]).toMatchObject({ value: null, partial: false });
    const b = (await trend(leader, { metric: SO, from: "2012-Q4", to: "2012-Q4", organisationId: t2.id })) as SeriesPointDto[];
    expect(b[0]).toMatchObject({ value: null, lineage: [], partial: true });
    expect((await organisationDashboard(leader, t1.id, { period: "2012-Q4" })).partial).toBe(true);
  });

  test("with historyTo only the named successor carries the past", async () => {
    const u = await org("MINISTRY");
    const v = await org("MINISTRY");
    const w = await org("MINISTRY");
    await report(u.id, "2012-Q2", SO, { numerator: 1, denominator: 4 });
    await restructure("2012-07-01", [{ fromId: u.id, toIds: [v.id, w.id], historyTo: v.id }]);
    const tv = (await trend(leader, { metric: SO, from: "2012-Q2", to: "2012-Q2", organisationId: v.id })) as SeriesPointDto[];
    expect(close(tv[0].value, 25)).toBe(true);
    expect(tv[0]).toMatchObject({ lineage: [v.id, u.id], partial: false });
    const tw = (await trend(leader, { metric: SO, from: "2012-Q2", to: "2012-Q2", organisationId: w.id })) as SeriesPointDto[];
    expect(tw[0]).toMatchObject({ value: null, lineage: [w.id], partial: false });
  });
});

describe("a re-parented agency", () => {
  test("counts in its former parent's figures before the date and in its new parent's from then on", async () => {
    const m1 = await org("MINISTRY");
    const m2 = await org("MINISTRY");
    const g = await org("AGENCY", { parentId: m1.id });
    await report(m1.id, "2014-Q3", SO, { numerator: 1, denominator: 10 });
    await report(m1.id, "2014-Q4", SO, { numerator: 1, denominator: 10 });
    await report(g.id, "2014-Q3", SO, { numerator: 10, denominator: 20 });
    await report(g.id, "2014-Q4", SO, { numerator: 30, denominator: 40 });
    await reparent(g.id, m2.id, "2014-10-01");
    expect(close((await organisationDashboard(leader, m1.id, { period: "2014-Q3" })).metrics.SERVICES_ONLINE.value, (11 / 30) * 100)).toBe(true);
    expect(close((await organisationDashboard(leader, m1.id, { period: "2014-Q4" })).metrics.SERVICES_ONLINE.value, 10)).toBe(true);
    expect(close((await organisationDashboard(leader, m2.id, { period: "2014-Q4" })).metrics.SERVICES_ONLINE.value, 75)).toBe(true);
    expect((await organisationDashboard(leader, m2.id, { period: "2014-Q3" })).metrics.SERVICES_ONLINE.value).toBeNull();
    expect((await agencyTable(leader, m1.id, "2014-Q3")).map((x) => x.organisationId)).toEqual([g.id]);
    expect(await agencyTable(leader, m1.id, "2014-Q4")).toEqual([]);
    expect((await agencyTable(leader, m2.id, "2014-Q4")).map((x) => x.organisationId)).toEqual([g.id]);
    const r4 = await rankingTable(leader, "2014-Q4");
    expect(close(r4.find((r) => r.organisationId === m2.id)?.metrics.SERVICES_ONLINE ?? null, 75)).toBe(true);
  });
});

describe("coverage, like for like, provisional, notReported", () => {
  test("national coverage is expected − missing with includeSubmitted, approved only without", async () => {
    const period = "2009-Q2";
    const m = await org("MINISTRY");
    await report(m.id, period, SO, { numerator: 1, denominator: 2 }, "SUBMITTED");
    const withSubmitted = await nationalDashboard(leader, { period, includeSubmitted: "true" });
    const bodies = withSubmitted.compliance.expected / 5;
    for (const [code, f] of Object.entries(withSubmitted.metrics)) {
      const missing = withSubmitted.compliance.missing.filter((x) => x.metric === code).length;
      expect(f.coverage).toEqual({ expected: bodies, reported: bodies - missing, share: (bodies - missing) / bodies });
    }
    const approvedOnly = await nationalDashboard(leader, { period });
    expect(approvedOnly.metrics.SERVICES_ONLINE.coverage.reported).toBeLessThan(withSubmitted.metrics.SERVICES_ONLINE.coverage.reported);
    // every expected body is in the distribution or not reported; the ministry with nothing approved is apart
    const d = approvedOnly.maturity;
    expect(Object.values(d.distribution).reduce((x, y) => x + y, 0) + d.notReported).toBe(bodies);
    const own = await organisationDashboard(leader, m.id, { period });
    expect(own).toMatchObject({ reported: false, maturityStage: 1, maturity: { distribution: { "1": 0 }, notReported: 1 } });
    expect((await organisationDashboard(leader, m.id, { period, includeSubmitted: "true" })).reported).toBe(true);
  });

  test("like for like over the bodies that reported in both quarters, nationally and for an organisation", async () => {
    // 2022-Q3 and 2022-Q4 are used by no other test file
    const p3 = "2022-Q3";
    const p4 = "2022-Q4";
    const x = await org("MINISTRY");
    const y = await org("AGENCY", { parentId: x.id });
    const z = await org("PROVINCE");
    const w = await org("PROVINCE");
    await report(x.id, p3, SO, { numerator: 10, denominator: 100 });
    await report(x.id, p4, SO, { numerator: 30, denominator: 100 });
    await report(y.id, p3, SO, { numerator: 20, denominator: 100 });
    await report(y.id, p4, SO, { numerator: 40, denominator: 100 });
    await report(z.id, p3, SO, { numerator: 90, denominator: 100 });
    await report(w.id, p4, SO, { numerator: 50, denominator: 100 });
    await report(x.id, p3, "OPEN_DATASETS", { value: 100 });
    await report(x.id, p4, "OPEN_DATASETS", { value: 120 });
    await report(z.id, p3, "OPEN_DATASETS", { value: 50 });
    const n = await nationalDashboard(leader, { period: p4 });
    // the quarter: (30 + 40 + 50) / 300 = 40 %; like for like over X and Y: 70/200 = 35 % against 30/200 = 15 %
    expect(close(n.metrics.SERVICES_ONLINE.value, 40)).toBe(true);
    expect(n.metrics.SERVICES_ONLINE.change).toEqual({ previousPeriod: p3, value: 35, previousValue: 15, delta: 20, organisations: 2 });
    // datasets fell from 150 to 120 only because Z did not report again; X alone went from 100 to 120
    expect(n.metrics.OPEN_DATASETS.value).toBe(120);
    expect(n.metrics.OPEN_DATASETS.change).toEqual({ previousPeriod: p3, value: 120, previousValue: 100, delta: 20, organisations: 1 });
    expect(n.metrics.KPI_IMPROVEMENT.change).toBeNull();

    const d = await organisationDashboard(leader, x.id, { period: p4 });
    expect(d.metrics.SERVICES_ONLINE.change).toEqual({ previousPeriod: p3, value: 35, previousValue: 15, delta: 20, organisations: 2 });
    expect(d.metrics.SERVICES_ONLINE.coverage).toEqual({ expected: 2, reported: 2, share: 1 });
    expect(d.metrics.OPEN_DATASETS.coverage).toEqual({ expected: 2, reported: 1, share: 0.5 });
  });

  test("provisional: an open quarter until its due date, low coverage below the minimum", async () => {
    const settings = await prisma.reportingSettings.findUniqueOrThrow({ where: { id: 1 } });
    const now = currentPeriod(new Date(Date.now() + 7 * 3600_000));
    const override = await prisma.reportingCalendarOverride.findUnique({ where: { period: now } });
    const lastMonth = Number(now.slice(6)) * 3;
    const due = override ? override.dueDate.toISOString().slice(0, 10) : `${now.slice(0, 4)}-${String(lastMonth).padStart(2, "0")}-${String(settings.dueDay).padStart(2, "0")}`;
    const open = todayInVietnam() <= due;
    const n = await nationalDashboard(leader, { period: now });
    expect(n.quarter).toEqual({ dueDate: due, open, minimumCoverage: settings.minimumCoverage });
    for (const f of Object.values(n.metrics)) {
      expect(f.provisionalReasons.includes("open_quarter")).toBe(open);
      expect(f.provisional).toBe(f.provisionalReasons.length > 0);
    }
    // the dashboard opens on the latest quarter that is not open
    expect(await latestClosedPeriod()).toBe(open ? addQuarters(now, -1) : now);

    // a body that reported all five metrics itself in a closed quarter: full coverage, nothing provisional
    const m = await org("MINISTRY");
    for (const metric of ["SERVICES_ONLINE", "SERVICES_NEW_RETIRED"]) await report(m.id, "2008-Q1", metric, { numerator: 1, denominator: 2 });
    for (const metric of ["OPEN_DATASETS", "KPI_IMPROVEMENT", "NEW_DELIVERY_MODELS"]) await report(m.id, "2008-Q1", metric, { value: 3 });
    const d = await organisationDashboard(leader, m.id, { period: "2008-Q1" });
    for (const f of Object.values(d.metrics)) {
      expect(f.coverage).toEqual({ expected: 1, reported: 1, share: 1 });
      expect(f.provisionalReasons).toEqual(settings.minimumCoverage <= 1 ? [] : ["low_coverage"]);
    }
    // nationally in that quarter a few test bodies out of every ministry and province: low coverage, said so
    const old = await nationalDashboard(leader, { period: "2008-Q1" });
    const share = old.metrics.SERVICES_ONLINE.coverage.share;
    expect(old.metrics.SERVICES_ONLINE.provisionalReasons).toEqual(share === null || share < settings.minimumCoverage ? ["low_coverage"] : []);
  });
});
