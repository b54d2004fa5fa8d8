import { describe, test, expect, beforeAll } from "vitest";
import { prisma } from "@/lib/server/db";
import { makeActor, makeOrganisation, uid } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import { createKpi, deleteKpi, deleteKpiValue, getKpi, listKpis, putKpiValue, updateKpi } from "./kpis";
import { AppError } from "./errors";
import { kpiCreateInput, kpiValueInput, nationalTargetsInput } from "@/lib/validation/kpis";
import { addQuarters, currentPeriod } from "@/lib/domain/periods";

const body = (fields: Record<string, unknown> = {}) => ({
  name: "Tỷ lệ hồ sơ trực tuyến toàn trình",
  unit: "%",
  direction: "HIGHER_IS_BETTER",
  baseline: 20,
  baselinePeriod: "2024-Q1",
  target: 60,
  targetPeriod: "2026-Q1",
  ...fields,
});

async function fails(p: Promise<unknown>, code: string, paths?: string[]) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.code).toBe(code);
  if (paths) expect(e.details?.map((d) => d.path).sort()).toEqual([...paths].sort());
  return e;
}

async function makeInitiative(actor: Actor, organisationId: string, fields: Record<string, unknown> = {}) {
  return prisma.initiative.create({
    data: {
      organisationId,
      title: `Sáng kiến ${uid(6)}`,
      status: "IN_PROGRESS",
      currentStage: 1,
      targetStage: 3,
      progress: 10,
      createdById: actor.id,
      updatedById: actor.id,
      ...fields,
    },
  });
}

let officer: Actor, stranger: Actor, leader: Actor, admin: Actor, agencyOfficer: Actor;
let orgId: string, agencyId: string, initiativeId: string;

beforeAll(async () => {
  const org = await makeOrganisation();
  const agency = await makeOrganisation("AGENCY", org.id);
  const other = await makeOrganisation();
  orgId = org.id;
  agencyId = agency.id;
  officer = await makeActor("OFFICER", org.id);
  agencyOfficer = await makeActor("OFFICER", agency.id);
  stranger = await makeActor("OFFICER", other.id);
  leader = await makeActor("LEADERSHIP");
  admin = await makeActor("ADMIN");
  initiativeId = (await makeInitiative(officer, org.id)).id;
});

describe("KPI validation (pure)", () => {
  test("every bad field is named", () => {
    const r = kpiCreateInput.safeParse(body({ name: "ab", unit: "x".repeat(41), target: 10, targetPeriod: "2023-Q4" }));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["name", "target", "targetPeriod", "unit"]);
  });
  test("the target must be strictly better in the KPI's direction", () => {
    expect(kpiCreateInput.safeParse(body({ target: 20 })).success).toBe(false);
    expect(kpiCreateInput.safeParse(body({ direction: "LOWER_IS_BETTER" })).success).toBe(false);
    expect(kpiCreateInput.safeParse(body({ direction: "LOWER_IS_BETTER", target: 5 })).success).toBe(true);
    expect(kpiCreateInput.safeParse(body({ direction: "SIDEWAYS" })).success).toBe(false);
  });
  test("the target period must come after the baseline period", () => {
    expect(kpiCreateInput.safeParse(body({ targetPeriod: "2024-Q1" })).error!.issues[0].path).toEqual(["targetPeriod"]);
    expect(kpiCreateInput.safeParse(body({ baselinePeriod: "2024-Q5" })).error!.issues[0].path).toEqual(["baselinePeriod"]);
  });
  test("unit is optional; unknown fields are refused", () => {
    const { unit: _unit, ...noUnit } = body();
    expect(kpiCreateInput.parse(noUnit).unit).toBe("");
    expect(kpiCreateInput.parse({ ...noUnit, unit: null }).unit).toBe("");
    expect(kpiCreateInput.safeParse(body({ colour: "red" })).success).toBe(false);
  });
  test("a value is a number", () => {
    expect(kpiValueInput.safeParse({ value: "many" }).success).toBe(false);
    expect(kpiValueInput.safeParse({}).success).toBe(false);
    expect(kpiValueInput.parse({ value: -1.5 })).toEqual({ value: -1.5 });
  });
  test("national targets: unique metrics, a higher target, periods in order", () => {
    const t = { metric: "SERVICES_ONLINE", baseline: 40, baselinePeriod: "2024-Q1", target: 80, targetPeriod: "2026-Q4" };
    expect(nationalTargetsInput.safeParse([t]).success).toBe(true);
    expect(nationalTargetsInput.safeParse([]).success).toBe(true);
    const bad = nationalTargetsInput.safeParse([t, { ...t, target: 40, targetPeriod: "2023-Q1" }, { ...t, metric: "NOPE" }]);
    expect(bad.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["1.target", "1.targetPeriod", "2.metric"]);
    expect(nationalTargetsInput.safeParse([t, t]).error!.issues.map((i) => i.path.join("."))).toEqual(["1.metric"]);
  });
});

describe("KPIs of an initiative", () => {
  test("the acceptance sequence, rated after every value, audited and versioned", async () => {
    const kpi = await createKpi(officer, initiativeId, body());
    expect(kpi).toMatchObject({ version: 1, initiativeId, values: [], rating: { status: "NOT_ENOUGH_DATA" } });
    const put = async (period: string, value: number) => (await putKpiValue(officer, kpi.id, period, { value })).rating;
    let r = await put("2024-Q3", 30);
    expect(r.status).toBe("ON_TRACK");
    expect(r.ratio).toBeCloseTo(1, 9);
    expect(r.expectedValue).toBeCloseTo(30, 9);
    r = await put("2024-Q4", 31);
    expect(r.status).toBe("ACCELERATION_NEEDED");
    expect(r.ratio).toBeCloseTo(11 / 3 / 5, 9);
    expect((await put("2025-Q1", 22)).status).toBe("LIMITED_PROGRESS");
    expect(await put("2025-Q2", 15)).toMatchObject({ status: "DETERIORATING", latestValue: 15, latestPeriod: "2025-Q2" });
    expect((await put("2025-Q3", 65)).status).toBe("ACHIEVED");
    await deleteKpiValue(officer, kpi.id, "2025-Q3");
    const back = await getKpi(officer, kpi.id);
    expect(back.rating.status).toBe("DETERIORATING");
    expect(back.values.map((v) => v.period)).toEqual(["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]);
    expect(back.version).toBe(7); // 1 + five values + one deletion

    // replacing a quarter's value
    const replaced = await putKpiValue(officer, kpi.id, "2025-Q2", { value: 16 });
    expect(replaced.values.at(-1)).toEqual({ period: "2025-Q2", value: 16 });
    expect(replaced.version).toBe(8);

    const list = await listKpis(leader, initiativeId);
    expect(list.find((k) => k.id === kpi.id)?.rating.status).toBe("DETERIORATING");

    const entries = await prisma.auditEntry.findMany({ where: { entityType: "Kpi", entityId: kpi.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual([
      "create",
      "create-value",
      "create-value",
      "create-value",
      "create-value",
      "create-value",
      "delete-value",
      "update-value",
    ]);
    expect(entries.every((e) => e.organisationId === orgId && e.actorId === officer.id)).toBe(true);
    expect(entries[0].changes).toMatchObject({ name: { from: null, to: body().name }, target: { from: null, to: 60 } });
    expect(entries[6].changes).toEqual({ "values.2025-Q3": { from: 65, to: null } });
    expect(entries[7].changes).toEqual({ "values.2025-Q2": { from: 15, to: 16 } });
  });

  test("lower is better, and a target date that has passed", async () => {
    const kpi = await createKpi(admin, initiativeId, body({ direction: "LOWER_IS_BETTER", baseline: 10, target: 2, targetPeriod: "2025-Q1" }));
    expect((await putKpiValue(admin, kpi.id, "2024-Q2", { value: 8 })).rating.status).toBe("ON_TRACK");
    expect((await putKpiValue(admin, kpi.id, "2025-Q2", { value: 5 })).rating.status).toBe("MISSED");
    expect((await putKpiValue(admin, kpi.id, "2025-Q3", { value: 2 })).rating.status).toBe("ACHIEVED");
  });

  test("value periods: after the baseline, not after the current quarter, well formed", async () => {
    const kpi = await createKpi(officer, initiativeId, body());
    await fails(putKpiValue(officer, kpi.id, "2024-Q1", { value: 1 }), "validation_failed", ["period"]);
    await fails(putKpiValue(officer, kpi.id, "2023-Q4", { value: 1 }), "validation_failed", ["period"]);
    await fails(putKpiValue(officer, kpi.id, addQuarters(currentPeriod(), 1), { value: 1 }), "validation_failed", ["period"]);
    await fails(putKpiValue(officer, kpi.id, "2024-Q7", { value: 1 }), "validation_failed", ["period"]);
    await fails(putKpiValue(officer, kpi.id, "2024-Q2", { value: "many" }), "validation_failed", ["value"]);
    expect((await putKpiValue(officer, kpi.id, currentPeriod(), { value: 21 })).values).toHaveLength(1);
    await fails(deleteKpiValue(officer, kpi.id, "2024-Q2"), "not_found");
    expect((await getKpi(officer, kpi.id)).version).toBe(2);
  });

  test("create validation names every bad field", async () => {
    const e = await fails(createKpi(officer, initiativeId, body({ name: "x", target: 10, targetPeriod: "2023-Q4" })), "validation_failed");
    expect(e.details!.map((d) => d.path).sort()).toEqual(["name", "target", "targetPeriod"]);
  });

  test("permissions follow the initiative's organisation", async () => {
    await fails(createKpi(stranger, initiativeId, body()), "forbidden");
    await fails(createKpi(leader, initiativeId, body()), "forbidden");
    // an officer of the parent writes its agency's initiatives; an agency officer does not write the parent's
    const agencyInit = await makeInitiative(agencyOfficer, agencyId);
    await createKpi(officer, agencyInit.id, body());
    await fails(createKpi(agencyOfficer, initiativeId, body()), "forbidden");

    const kpi = await createKpi(officer, initiativeId, body());
    await fails(putKpiValue(stranger, kpi.id, "2024-Q2", { value: 1 }), "forbidden");
    await fails(putKpiValue(leader, kpi.id, "2024-Q2", { value: 1 }), "forbidden");
    await fails(updateKpi(stranger, kpi.id, { version: 1, target: 70 }), "forbidden");
    await fails(deleteKpi(leader, kpi.id, "1"), "forbidden");
    await putKpiValue(officer, kpi.id, "2024-Q2", { value: 1 });
    await fails(deleteKpiValue(stranger, kpi.id, "2024-Q2"), "forbidden");
    // reads: anyone signed in
    expect((await getKpi(stranger, kpi.id)).id).toBe(kpi.id);
    expect((await listKpis(leader, initiativeId)).some((k) => k.id === kpi.id)).toBe(true);
  });

  test("unknown ids answer 404", async () => {
    const none = "00000000-0000-4000-8000-000000000000";
    await fails(listKpis(officer, none), "not_found");
    await fails(listKpis(officer, "nope"), "not_found");
    await fails(createKpi(officer, none, body()), "not_found");
    await fails(getKpi(officer, none), "not_found");
    await fails(getKpi(officer, "nope"), "not_found");
    await fails(updateKpi(officer, none, { version: 1 }), "not_found");
    await fails(putKpiValue(officer, none, "2024-Q2", { value: 1 }), "not_found");
    await fails(deleteKpi(officer, none, "1"), "not_found");
  });

  test("updates check the version and judge the merged KPI", async () => {
    const kpi = await createKpi(officer, initiativeId, body());
    await fails(updateKpi(officer, kpi.id, { version: 9, target: 70 }), "version_conflict");
    await fails(updateKpi(officer, kpi.id, { target: 70 }), "validation_failed", ["version"]);
    await fails(updateKpi(officer, kpi.id, { version: 1, target: 10 }), "validation_failed", ["target"]);
    await fails(updateKpi(officer, kpi.id, { version: 1, baseline: 70 }), "validation_failed", ["baseline"]);
    await fails(updateKpi(officer, kpi.id, { version: 1, direction: "LOWER_IS_BETTER" }), "validation_failed", ["target"]);
    await fails(updateKpi(officer, kpi.id, { version: 1, baselinePeriod: "2026-Q2" }), "validation_failed", ["baselinePeriod"]);
    await fails(updateKpi(officer, kpi.id, { version: 1, colour: "red" }), "validation_failed");
    const u = await updateKpi(officer, kpi.id, { version: 1, target: 70, unit: null });
    expect(u).toMatchObject({ version: 2, target: 70, unit: "", baseline: 20 });
    const u2 = await updateKpi(officer, kpi.id, { version: 2, direction: "LOWER_IS_BETTER", target: 5 });
    expect(u2).toMatchObject({ version: 3, direction: "LOWER_IS_BETTER", target: 5 });
    const e = await prisma.auditEntry.findFirstOrThrow({ where: { entityType: "Kpi", entityId: kpi.id, action: "update" }, orderBy: { id: "asc" } });
    expect(e.changes).toEqual({ target: { from: 60, to: 70 }, unit: { from: "%", to: "" } });
  });

  test("deleting needs the current version, removes the values, and is audited", async () => {
    const kpi = await createKpi(officer, initiativeId, body());
    await putKpiValue(officer, kpi.id, "2024-Q2", { value: 25 });
    await fails(deleteKpi(officer, kpi.id, null), "validation_failed", ["version"]);
    await fails(deleteKpi(officer, kpi.id, "1"), "version_conflict");
    await deleteKpi(officer, kpi.id, "2");
    await fails(getKpi(officer, kpi.id), "not_found");
    expect(await prisma.kpiValue.count({ where: { kpiId: kpi.id } })).toBe(0);
    const e = await prisma.auditEntry.findFirstOrThrow({ where: { entityType: "Kpi", entityId: kpi.id, action: "delete" } });
    expect(e.organisationId).toBe(orgId);
    expect(e.changes).toMatchObject({ name: { to: null }, values: { from: [{ period: "2024-Q2", value: 25 }], to: null } });
  });

  test("an archived initiative's KPIs stay readable but cannot change", async () => {
    const init = await makeInitiative(officer, orgId);
    const kpi = await createKpi(officer, init.id, body());
    await prisma.initiative.update({ where: { id: init.id }, data: { archivedAt: new Date() } });
    expect((await listKpis(leader, init.id)).map((k) => k.id)).toEqual([kpi.id]);
    expect((await getKpi(stranger, kpi.id)).id).toBe(kpi.id);
    await fails(putKpiValue(officer, kpi.id, "2024-Q2", { value: 1 }), "invalid_transition");
    await fails(createKpi(officer, init.id, body()), "invalid_transition");
    await fails(updateKpi(officer, kpi.id, { version: 1, name: "Một tên khác" }), "invalid_transition");
  });

  test("concurrent value writes to one KPI serialise: every one lands and bumps the version", async () => {
    const kpi = await createKpi(officer, initiativeId, body());
    const periods = ["2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2024-Q2", "2024-Q3"];
    await Promise.all(periods.map((p, i) => putKpiValue(officer, kpi.id, p, { value: 20 + i })));
    const after = await getKpi(officer, kpi.id);
    expect(after.version).toBe(1 + periods.length);
    expect(after.values.map((v) => v.period)).toEqual(["2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"]);
  });
});
