import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { prisma, closeDb } from "./db";
import { makeActor, makeOrganisation, uid } from "@/test/factories";
import { organisationKpis, reportingOrganisations } from "./reporting";
import { AppError } from "./errors";
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

async function makeInitiative(actor: Actor, organisationId: string, fields: Record<string, unknown> = {}) {
  return prisma.initiative.create({
    data: { organisationId, title: `Sáng kiến ${uid(6)}`, status: "IN_PROGRESS", currentStage: 1, targetStage: 3, progress: 10, createdById: actor.id, updatedById: actor.id, ...fields },
  });
}

async function makeKpi(initiativeId: string, values: { period: string; value: number }[]) {
  return prisma.kpi.create({
    data: {
      initiativeId,
      name: `KPI ${uid(6)}`,
      unit: "%",
      direction: "HIGHER_IS_BETTER",
      baseline: 10,
      baselinePeriod: "2024-Q1",
      target: 50,
      targetPeriod: "2026-Q1",
      values: { create: values },
    },
  });
}

let org: { id: string };
let agency: { id: string };
let other: { id: string };
let officer: Actor;
let stranger: Actor;
let leader: Actor;
let admin: Actor;

beforeAll(async () => {
  org = await makeOrganisation("MINISTRY");
  agency = await makeOrganisation("AGENCY", org.id);
  other = await makeOrganisation("PROVINCE");
  officer = await makeActor("OFFICER", org.id);
  stranger = await makeActor("OFFICER", other.id);
  leader = await makeActor("LEADERSHIP");
  admin = await makeActor("ADMIN");
});

afterAll(async () => {
  await closeDb();
});

describe("reporting organisations", () => {
  test("an officer reports for their organisation and its agencies; an admin for any; leadership for none", async () => {
    expect((await reportingOrganisations(officer)).map((o) => o.id).sort()).toEqual([org.id, agency.id].sort());
    const all = await reportingOrganisations(admin);
    expect(all.some((o) => o.id === other.id)).toBe(true);
    expect(all.length).toBe(await prisma.organisation.count());
    expect(await reportingOrganisations(leader)).toEqual([]);
  });
});

describe("organisation KPIs for a quarter", () => {
  test("KPIs of the organisation's initiatives that are not archived, with the quarter's value and the current rating", async () => {
    const live = await makeInitiative(officer, org.id);
    const archived = await makeInitiative(officer, org.id, { archivedAt: new Date() });
    const agencyInit = await makeInitiative(officer, agency.id);
    const k = await makeKpi(live.id, [
      { period: "2024-Q3", value: 20 },
      { period: "2024-Q4", value: 30 },
    ]);
    const empty = await makeKpi(live.id, []);
    await makeKpi(archived.id, [{ period: "2024-Q3", value: 20 }]);
    await makeKpi(agencyInit.id, []);

    const r = await organisationKpis(officer, org.id, "2024-Q3");
    expect(r).toMatchObject({ organisationId: org.id, period: "2024-Q3", canEdit: true });
    expect(r.kpis.map((x) => x.id).sort()).toEqual([k.id, empty.id].sort());
    const one = r.kpis.find((x) => x.id === k.id)!;
    expect(one).toMatchObject({ value: 20, periodOpen: true, initiative: { id: live.id, title: live.title }, version: 1 });
    // the rating uses every value, not only up to the chosen quarter
    expect(one.rating.latestPeriod).toBe("2024-Q4");
    expect(r.kpis.find((x) => x.id === empty.id)).toMatchObject({ value: null, rating: { status: "NOT_ENOUGH_DATA" } });

    // the baseline quarter itself takes no value
    expect((await organisationKpis(officer, org.id, "2024-Q1")).kpis.every((x) => !x.periodOpen)).toBe(true);
    // others read them but may not write
    expect((await organisationKpis(stranger, org.id, "2024-Q3")).canEdit).toBe(false);
    expect((await organisationKpis(leader, org.id, "2024-Q3")).canEdit).toBe(false);
    expect((await organisationKpis(admin, org.id, "2024-Q3")).canEdit).toBe(true);
  });

  test("a bad quarter or organisation", async () => {
    expect(await code(organisationKpis(officer, org.id, "2024-Q5"))).toBe("validation_failed");
    expect(await code(organisationKpis(officer, org.id, "2999-Q1"))).toBe("validation_failed");
    expect(await code(organisationKpis(officer, "nope", "2024-Q1"))).toBe("not_found");
    expect(await code(organisationKpis(officer, "00000000-0000-4000-8000-000000000000", "2024-Q1"))).toBe("not_found");
  });
});
