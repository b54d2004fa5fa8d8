/** The SQL side of spec/restructuring.md's validity rules and spec/coverage.md's due date (migration *_restructuring_rules). */
import { describe, test, expect, afterAll } from "vitest";
import { prisma, pool, closeDb } from "./db";
import { makeOrganisation } from "@/test/factories";

afterAll(closeDb);

const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await pool().query(sql, params)).rows[0].v as T;
const day = (d: Date | string) => (typeof d === "string" ? d : d.toISOString().slice(0, 10));

describe("validity in SQL", () => {
  test("period_last_day gives the last day of each quarter", async () => {
    expect(day(await one<Date>("SELECT period_last_day('2024-Q1')::text AS v"))).toBe("2024-03-31");
    expect(day(await one<Date>("SELECT period_last_day('2025-Q2')::text AS v"))).toBe("2025-06-30");
    expect(day(await one<Date>("SELECT period_last_day('2025-Q4')::text AS v"))).toBe("2025-12-31");
    expect(await one("SELECT period_last_day('2025-Q5') AS v")).toBeNull();
  });

  test("in_force_on: from inclusive, to exclusive", async () => {
    expect(await one("SELECT in_force_on('2025-07-01', NULL, '2025-07-01') AS v")).toBe(true);
    expect(await one("SELECT in_force_on(NULL, '2025-07-01', '2025-07-01') AS v")).toBe(false);
    expect(await one("SELECT in_force_on(NULL, '2025-07-01', '2025-06-30') AS v")).toBe(true);
    expect(await one("SELECT in_force_on(NULL, NULL, '1900-01-01') AS v")).toBe(true);
  });

  test("an agency gets an open parent link; a dated re-parenting keeps the past with the former parent", async () => {
    const m1 = await makeOrganisation("MINISTRY");
    const m2 = await makeOrganisation("MINISTRY");
    const a = await makeOrganisation("AGENCY", m1.id);
    const links = await prisma.organisationParentLink.findMany({ where: { organisationId: a.id } });
    expect(links.map((l) => [l.parentId, l.validTo])).toEqual([[m1.id, null]]);
    // what a restructuring does: close the open link, open the new one, then move parent_id
    await prisma.$transaction([
      prisma.organisationParentLink.updateMany({ where: { organisationId: a.id, validTo: null }, data: { validTo: new Date("2025-03-01") } }),
      prisma.organisationParentLink.create({ data: { organisationId: a.id, parentId: m2.id, validFrom: new Date("2025-03-01") } }),
      prisma.organisation.update({ where: { id: a.id }, data: { parentId: m2.id } }),
    ]);
    expect(await one("SELECT org_root_on($1, '2025-02-28') AS v", [a.id])).toBe(m1.id);
    expect(await one("SELECT org_root_on($1, '2025-03-01') AS v", [a.id])).toBe(m2.id);
    expect(await one("SELECT org_root_on($1, '2025-03-01') AS v", [m1.id])).toBe(m1.id);
    expect(await prisma.organisationParentLink.count({ where: { organisationId: a.id } })).toBe(2);
  });

  test("a plain parent change (a correction) moves the open link", async () => {
    const m1 = await makeOrganisation("MINISTRY");
    const m2 = await makeOrganisation("MINISTRY");
    const a = await makeOrganisation("AGENCY", m1.id);
    await prisma.organisation.update({ where: { id: a.id }, data: { parentId: m2.id } });
    const links = await prisma.organisationParentLink.findMany({ where: { organisationId: a.id } });
    expect(links.map((l) => [l.parentId, l.validTo])).toEqual([[m2.id, null]]);
    expect(await one("SELECT org_root_on($1, '2001-01-01') AS v", [a.id])).toBe(m2.id);
  });

  test("period_due_date: the settings' due day of the last month, or the quarter's override", async () => {
    expect(day(await one<string>("SELECT period_due_date('2003-Q3')::text AS v"))).toBe("2003-09-20");
    await prisma.reportingCalendarOverride.upsert({
      where: { period: "2003-Q4" },
      create: { period: "2003-Q4", cutOff: new Date("2003-12-10"), dueDate: new Date("2004-01-05") },
      update: {},
    });
    expect(day(await one<string>("SELECT period_due_date('2003-Q4')::text AS v"))).toBe("2004-01-05");
  });
});
