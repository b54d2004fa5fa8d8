/** Restructurings against PostgreSQL (spec/restructuring.md): refusals, dry run, moves, revocation, conflicts, concurrency. */
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import pg from "pg";
import { prisma, closeDb } from "./db";
import { failure, makeActor, makeOrganisation, uid } from "@/test/factories";
import { createRestructuring, listRestructurings, restructuringsBetween, restructuringSummaries, successionEdges } from "./restructurings";
import { createOrganisation, getOrganisation, listOrganisations, listOrganisationsPage, updateOrganisation } from "./organisations";
import { createInitiative, getInitiativeHistory, updateInitiative } from "./initiatives";
import { createReport, submitReport } from "./reports";
import { createKpi, putKpiValue } from "./kpis";
import type { Actor } from "@/lib/auth/permissions";
import type { OrganisationKind } from "@/lib/domain/codes";

function initiative(organisationId: string, fields: Record<string, unknown> = {}) {
  return {
    organisationId,
    title: `Nền tảng dữ liệu ${uid(4)}`,
    description: "",
    buildingBlocks: ["SHARED_DATA"],
    principles: [],
    enablers: [],
    status: "IN_PROGRESS",
    currentStage: 1,
    targetStage: 2,
    startDate: null,
    endDate: null,
    budgetPlanned: null,
    budgetSpent: null,
    progress: 30,
    ...fields,
  };
}

async function org(kind: OrganisationKind = "PROVINCE", validFrom: string | null = null, parentId: string | null = null) {
  const code = `T_${uid(10)}`;
  return createOrganisation(admin, { code, nameVi: `Tỉnh Thử nghiệm ${code}`, nameEn: `Test ${code}`, kind, parentId, validFrom });
}

let admin: Actor;
beforeAll(async () => {
  admin = await makeActor("ADMIN");
});
afterAll(closeDb);

describe("refusals", () => {
  test("every problem at once, 400, nothing written", async () => {
    const a = await org();
    const late = await org("PROVINCE", "2030-01-01");
    const agency = await makeOrganisation("AGENCY", a.id);
    const err = await failure(
      createRestructuring(admin, {
        effectiveDate: "2011-04-01",
        legalBasis: "Nghị quyết thử",
        successions: [
          { fromId: a.id, toIds: [late.id] }, // successor not in force
          { fromId: agency.id, toIds: [agency.id] }, // its own successor
          { fromId: a.id, toIds: [agency.id], historyTo: late.id }, // dissolved twice, province → agency, historyTo not among toIds
        ],
      }),
    );
    expect(err.code).toBe("validation_failed");
    expect(err.details!.map((d) => d.path).sort()).toEqual(
      // succession 2's successor is both an agency and dissolved by succession 1
      ["successions.0.toIds.0", "successions.1.toIds.0", "successions.2.fromId", "successions.2.toIds.0", "successions.2.toIds.0", "successions.2.historyTo"].sort(),
    );
    expect((await getOrganisation(admin, a.id)).validTo).toBeNull();
    expect(await prisma.restructuringSuccession.count({ where: { fromId: { in: [a.id, agency.id] } } })).toBe(0);
  });

  test("the body itself: date more than a year ahead, unknown ids, malformed input, officers", async () => {
    const a = await org();
    const b = await org();
    const far = `${new Date().getUTCFullYear() + 2}-01-01`;
    const e1 = await failure(createRestructuring(admin, { effectiveDate: far, legalBasis: "x", successions: [{ fromId: a.id, toIds: [b.id] }] }));
    expect(e1.details!.map((d) => [d.path, d.code])).toEqual([["effectiveDate", "too_far_ahead"]]);
    const e2 = await failure(createRestructuring(admin, { effectiveDate: "2011-02-30", legalBasis: "", successions: [], extra: 1 }));
    expect(e2.details!.map((d) => d.path).sort()).toEqual(["(body)", "effectiveDate", "legalBasis", "successions"].sort());
    // the schema's checks carry codes too: a date that does not exist, an empty list, an empty legal basis
    expect(Object.fromEntries(e2.details!.map((d) => [d.path, d.code]))).toEqual({ "(body)": "unknown_field", effectiveDate: "date_not_real", legalBasis: "too_small", successions: "too_small" });
    const e3 = await failure(createRestructuring(admin, { effectiveDate: "2011-01-01", legalBasis: "x", successions: [{ fromId: "00000000-0000-4000-8000-000000000000", toIds: [b.id] }] }));
    expect(e3.details).toEqual([{ path: "successions.0.fromId", message: "no such organisation", code: "no_such_organisation" }]);
    const officer = await makeActor("OFFICER", a.id);
    expect((await failure(createRestructuring(officer, { effectiveDate: "2011-01-01", legalBasis: "x", successions: [{ fromId: a.id, toIds: [b.id] }] }))).code).toBe("forbidden");
  });

  test("a body is dissolved once", async () => {
    const a = await org();
    const b = await org();
    const c = await org();
    await createRestructuring(admin, { effectiveDate: "2012-01-01", legalBasis: "x", successions: [{ fromId: a.id, toIds: [b.id] }] });
    const err = await failure(createRestructuring(admin, { effectiveDate: "2013-01-01", legalBasis: "x", successions: [{ fromId: a.id, toIds: [c.id] }] }));
    expect(err.details!.map((d) => d.path)).toEqual(["successions.0.fromId"]);
  });
});

describe("a merge into a new body", () => {
  test("dry run counts and writes nothing; the real run moves everything set-wise with a history entry each", async () => {
    const D = "2014-07-01";
    const a = await org();
    const b = await org();
    const c = await org("PROVINCE", D);
    const agency = await org("AGENCY", null, a.id);
    const officerA = await makeActor("OFFICER", a.id);
    const officerB = await makeActor("OFFICER", b.id);
    await prisma.apiToken.create({ data: { userId: officerA.id, tokenHash: uid(32) + uid(32), expiresAt: new Date(Date.now() + 3_600_000) } });
    const running = await createInitiative(admin, initiative(a.id));
    const kpi = await createKpi(admin, running.id, { name: "Hồ sơ trực tuyến", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 10, baselinePeriod: "2013-Q1", target: 90, targetPeriod: "2016-Q4" });
    const done = await createInitiative(admin, initiative(a.id, { status: "COMPLETED", progress: 100 }));
    const onHold = await createInitiative(admin, initiative(b.id, { status: "ON_HOLD" }));
    // a draft of a quarter after the date moves; a draft of the last quarter in force stays
    const late = await createReport(admin, { organisationId: a.id, period: "2014-Q3", metric: "OPEN_DATASETS", value: 3 });
    const kept = await createReport(admin, { organisationId: a.id, period: "2014-Q2", metric: "OPEN_DATASETS", value: 2 });
    const body = { effectiveDate: D, legalBasis: "Nghị quyết thử nghiệm", note: "Hợp nhất", successions: [{ fromId: a.id, toIds: [c.id] }, { fromId: b.id, toIds: [c.id] }] };

    const dry = await createRestructuring(admin, { ...body, dryRun: true });
    expect(dry).toEqual({
      dryRun: true,
      preview: { dissolve: [a.id, b.id], moves: { initiatives: 2, kpis: 1, users: 2, agencies: 1, reports: 1 }, conflicts: [] },
    });
    expect((await getOrganisation(admin, a.id)).validTo).toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: officerA.id } })).organisationId).toBe(a.id);
    expect(await prisma.apiToken.count({ where: { userId: officerA.id, revokedAt: null } })).toBe(1);
    expect(await prisma.restructuringSuccession.count({ where: { fromId: a.id } })).toBe(0);

    const r = await createRestructuring(admin, body);
    expect(r.dryRun).toBe(false);
    if (r.dryRun) return;
    expect(r.restructuring).toMatchObject({ effectiveDate: D, legalBasis: "Nghị quyết thử nghiệm", note: "Hợp nhất", successions: [{ fromId: a.id, toIds: [c.id], historyTo: c.id }, { fromId: b.id, toIds: [c.id], historyTo: c.id }] });

    const [A, B, C] = await Promise.all([getOrganisation(admin, a.id), getOrganisation(admin, b.id), getOrganisation(admin, c.id)]);
    expect([A.validTo, B.validTo, C.validFrom]).toEqual([D, D, D]);
    expect(A.successorIds).toEqual([c.id]);
    expect(C.predecessorIds.sort()).toEqual([a.id, b.id].sort());

    const moved = await prisma.initiative.findMany({ where: { id: { in: [running.id, done.id, onHold.id] } }, select: { id: true, organisationId: true, version: true } });
    const where = new Map(moved.map((m) => [m.id, m.organisationId]));
    expect([where.get(running.id), where.get(done.id), where.get(onHold.id)]).toEqual([c.id, a.id, c.id]);
    const history = await getInitiativeHistory(admin, running.id);
    // the move names the restructuring, so the history can say which one (by its date and legal basis)
    expect(history.at(-1)).toMatchObject({ action: "restructure", changes: { organisationId: { from: a.id, to: c.id }, restructuringId: { from: null, to: r.restructuring.id } } });
    expect(await restructuringSummaries([r.restructuring.id, "nope"])).toEqual({ [r.restructuring.id]: { effectiveDate: D, legalBasis: "Nghị quyết thử nghiệm" } });
    expect((await getInitiativeHistory(admin, done.id)).some((h) => h.action === "restructure")).toBe(false);
    expect((await prisma.kpi.findUniqueOrThrow({ where: { id: kpi.id }, include: { initiative: true } })).initiative.organisationId).toBe(c.id);

    // people moved and signed out
    const uA = await prisma.user.findUniqueOrThrow({ where: { id: officerA.id } });
    expect([uA.organisationId, uA.sessionVersion]).toEqual([c.id, 2]);
    expect(await prisma.apiToken.count({ where: { userId: officerA.id, revokedAt: null } })).toBe(0);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: officerB.id } })).organisationId).toBe(c.id);

    // the agency counts with A before the date and with C from it
    const links = await prisma.organisationParentLink.findMany({ where: { organisationId: agency.id }, orderBy: { validFrom: { sort: "asc", nulls: "first" } } });
    expect(links.map((l) => [l.parentId, l.validFrom?.toISOString().slice(0, 10) ?? null, l.validTo?.toISOString().slice(0, 10) ?? null])).toEqual([
      [a.id, null, D],
      [c.id, D, null],
    ]);
    expect((await getOrganisation(admin, agency.id)).parentId).toBe(c.id);
    const root = async (d: string) => (await prisma.$queryRaw<{ v: string }[]>`SELECT org_root_on(${agency.id}::uuid, ${d}::date)::text AS v`)[0].v;
    expect([await root("2014-06-30"), await root(D)]).toEqual([a.id, c.id]);

    // reports: the draft of 2014-Q3 went to C; the one of 2014-Q2 stayed with A
    const reps = await prisma.metricReport.findMany({ where: { id: { in: [late.id, kept.id] } }, select: { id: true, organisationId: true } });
    expect(new Map(reps.map((x) => [x.id, x.organisationId]))).toEqual(new Map([[late.id, c.id], [kept.id, a.id]]));

    // one audit entry for the restructuring itself
    const own = await prisma.auditEntry.findMany({ where: { entityType: "Restructuring", entityId: r.restructuring.id } });
    expect(own.length).toBe(1);

    // listed, and known to the figures
    const listed = await listRestructurings(admin, { pageSize: "200" });
    expect(listed.data.some((x) => x.id === r.restructuring.id)).toBe(true);
    expect((await restructuringsBetween("2014-01-01", "2014-12-31")).map((x) => x.id)).toContain(r.restructuring.id);
    expect((await successionEdges()).filter((e) => e.fromId === a.id)).toEqual([{ fromId: a.id, toIds: [c.id], historyToId: c.id }]);
  });

  test("conflicts: a draft the successor already has is listed by the dry run and refuses the request", async () => {
    const D = "2015-01-01";
    const a = await org();
    const c = await org();
    const b = await org();
    const mine = await createReport(admin, { organisationId: a.id, period: "2015-Q1", metric: "OPEN_DATASETS", value: 1 });
    await createReport(admin, { organisationId: c.id, period: "2015-Q1", metric: "OPEN_DATASETS", value: 7 });
    // two predecessors' drafts for one successor quarter
    const x1 = await createReport(admin, { organisationId: a.id, period: "2015-Q2", metric: "NEW_DELIVERY_MODELS", value: 1 });
    const x2 = await createReport(admin, { organisationId: b.id, period: "2015-Q2", metric: "NEW_DELIVERY_MODELS", value: 2 });
    const body = { effectiveDate: D, legalBasis: "x", successions: [{ fromId: a.id, toIds: [c.id] }, { fromId: b.id, toIds: [c.id] }] };
    const dry = await createRestructuring(admin, { ...body, dryRun: true });
    if (!dry.dryRun) throw new Error("dry run expected");
    expect(dry.preview.conflicts.map((k) => [k.reportId, k.organisationId, k.period, k.metric]).sort()).toEqual(
      [
        [mine.id, a.id, "2015-Q1", "OPEN_DATASETS"],
        [x1.id, a.id, "2015-Q2", "NEW_DELIVERY_MODELS"],
        [x2.id, b.id, "2015-Q2", "NEW_DELIVERY_MODELS"],
      ].sort(),
    );
    // each conflict carries its code and what its text names
    expect(dry.preview.conflicts.find((k) => k.reportId === mine.id)).toMatchObject({
      code: "report_conflict_taken",
      params: { organisation: a.code, status: "DRAFT", metric: "OPEN_DATASETS", period: "2015-Q1", successor: c.code },
    });
    expect(dry.preview.conflicts.find((k) => k.reportId === x1.id)).toMatchObject({
      code: "report_conflict_shared",
      params: { successor: c.code, metric: "NEW_DELIVERY_MODELS", period: "2015-Q2" },
    });
    const err = await failure(createRestructuring(admin, body));
    expect(err.code).toBe("validation_failed");
    expect(err.details!.length).toBe(3);
    expect(err.details!.map((d) => d.code).sort()).toEqual(["report_conflict_shared", "report_conflict_shared", "report_conflict_taken"]);
    expect((await getOrganisation(admin, a.id)).validTo).toBeNull();
  });

  test("a split attributes the past to nobody unless historyTo names a successor", async () => {
    const s = await org();
    const t1 = await org();
    const t2 = await org();
    const r = await createRestructuring(admin, { effectiveDate: "2016-04-01", legalBasis: "Tách", successions: [{ fromId: s.id, toIds: [t1.id, t2.id] }] });
    if (r.dryRun) throw new Error("not a dry run");
    expect(r.restructuring.successions[0].historyTo).toBeNull();
    const u = await org();
    const r2 = await createRestructuring(admin, { effectiveDate: "2016-04-01", legalBasis: "Tách", successions: [{ fromId: u.id, toIds: [t1.id, t2.id], historyTo: t2.id }] });
    if (r2.dryRun) throw new Error("not a dry run");
    expect(r2.restructuring.successions[0].historyTo).toBe(t2.id);
  });
});

describe("concurrency", () => {
  test("an edit holding the initiative: the restructuring waits and moves it as the edit left it", async () => {
    const a = await org();
    const c = await org();
    const one = await createInitiative(admin, initiative(a.id));
    const two = await createInitiative(admin, initiative(a.id));
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      // the edit finishes the first initiative and is still open while the restructuring starts
      await client.query(`UPDATE initiatives SET status = 'COMPLETED', progress = 100, version = version + 1 WHERE id = $1`, [one.id]);
      const pending = createRestructuring(admin, { effectiveDate: "2017-01-01", legalBasis: "x", successions: [{ fromId: a.id, toIds: [c.id] }] });
      await new Promise((r) => setTimeout(r, 500));
      await client.query("COMMIT");
      await pending;
    } finally {
      await client.end();
    }
    const rows = await prisma.initiative.findMany({ where: { id: { in: [one.id, two.id] } }, select: { id: true, organisationId: true, status: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(one.id)).toMatchObject({ organisationId: a.id, status: "COMPLETED" });
    expect(byId.get(two.id)).toMatchObject({ organisationId: c.id });
    const moves = await prisma.auditEntry.count({ where: { entityType: "Initiative", entityId: { in: [one.id, two.id] }, action: "restructure" } });
    expect(moves).toBe(1);
  });

  test("an edit with the version read before the move answers 409 and changes nothing", async () => {
    const a = await org();
    const c = await org();
    const officer = await makeActor("OFFICER", a.id);
    const ini = await createInitiative(officer, initiative(a.id));
    await createRestructuring(admin, { effectiveDate: "2017-04-01", legalBasis: "x", successions: [{ fromId: a.id, toIds: [c.id] }] });
    const err = await failure(updateInitiative(admin, ini.id, { version: ini.version, progress: 50 }));
    expect(err.code).toBe("version_conflict");
    expect((await prisma.initiative.findUniqueOrThrow({ where: { id: ini.id } })).progress).toBe(30);
  });
});

describe("writes for bodies not in force", () => {
  test("reports, KPI values and new initiatives are refused naming the field", async () => {
    const D = "2018-07-01";
    const a = await org();
    const c = await org("PROVINCE", D);
    const ini = await createInitiative(admin, initiative(a.id));
    const kpi = await createKpi(admin, ini.id, { name: "Tỉ lệ", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 1, baselinePeriod: "2017-Q1", target: 9, targetPeriod: "2019-Q4" });
    const before = await failure(createReport(admin, { organisationId: c.id, period: "2018-Q2", metric: "OPEN_DATASETS", value: 1 }));
    expect([before.code, before.details![0].path]).toEqual(["validation_failed", "period"]);
    expect((await createReport(admin, { organisationId: c.id, period: "2018-Q3", metric: "OPEN_DATASETS", value: 1 })).organisationId).toBe(c.id);
    const draft = await createReport(admin, { organisationId: a.id, period: "2018-Q2", metric: "OPEN_DATASETS", value: 1 });
    await createRestructuring(admin, { effectiveDate: D, legalBasis: "x", successions: [{ fromId: a.id, toIds: [c.id] }] });
    const after = await failure(createReport(admin, { organisationId: a.id, period: "2018-Q3", metric: "KPI_IMPROVEMENT", value: 1 }));
    expect(after.details![0].path).toBe("period");
    // the draft of A's last quarter stayed with A and can still be submitted
    expect((await submitReport(admin, draft.id, { version: draft.version })).status).toBe("SUBMITTED");
    const newIni = await failure(createInitiative(admin, initiative(a.id)));
    expect([newIni.code, newIni.details![0].path]).toEqual(["validation_failed", "organisationId"]);
    // the KPI moved with its initiative to C, in force from 2018-Q3 only
    const kv = await failure(putKpiValue(admin, kpi.id, "2018-Q2", { value: 3 }));
    expect(kv.details![0].path).toBe("period");
    expect((await putKpiValue(admin, kpi.id, "2018-Q3", { value: 3 })).values.at(-1)).toEqual({ period: "2018-Q3", value: 3 });
  });
});

describe("organisations in force", () => {
  test("default today, at=YYYY-Qn, status=all, paged", async () => {
    const a = await org();
    const c = await org("PROVINCE", "2019-07-01");
    await createRestructuring(admin, { effectiveDate: "2019-07-01", legalBasis: "x", successions: [{ fromId: a.id, toIds: [c.id] }] });
    const ids = async (q: Record<string, string>) => (await listOrganisations(admin, q)).map((o) => o.id);
    expect((await ids({})).includes(a.id)).toBe(false);
    expect((await ids({})).includes(c.id)).toBe(true);
    expect([(await ids({ at: "2019-Q2" })).includes(a.id), (await ids({ at: "2019-Q2" })).includes(c.id)]).toEqual([true, false]);
    expect([(await ids({ at: "2019-Q3" })).includes(a.id), (await ids({ at: "2019-Q3" })).includes(c.id)]).toEqual([false, true]);
    expect((await ids({ status: "all" })).includes(a.id)).toBe(true);
    const page = await listOrganisationsPage(admin, { status: "all", page: "1", pageSize: "1" });
    expect(page.data.length).toBe(1);
    expect(page.total).toBe((await listOrganisations(admin, { status: "all" })).length);
    expect((await failure(listOrganisationsPage(admin, { pageSize: "201" }))).code).toBe("validation_failed");
    expect((await failure(listOrganisationsPage(admin, { at: "2019-Q5" }))).code).toBe("validation_failed");
  });

  test("validFrom on PATCH only while nothing of the body falls outside it; validTo is not writable", async () => {
    const o = await org();
    await createReport(admin, { organisationId: o.id, period: "2020-Q1", metric: "OPEN_DATASETS", value: 1 });
    const err = await failure(updateOrganisation(admin, o.id, { version: o.version, validFrom: "2020-04-01" }));
    expect(err.details!.map((d) => d.path)).toEqual(["validFrom"]);
    const ok = await updateOrganisation(admin, o.id, { version: o.version, validFrom: "2020-01-01" });
    expect([ok.validFrom, ok.version]).toEqual(["2020-01-01", o.version + 1]);
    expect((await failure(updateOrganisation(admin, o.id, { version: ok.version, validTo: "2030-01-01" }))).code).toBe("validation_failed");
  });
});
