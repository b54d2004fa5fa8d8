import { describe, test, expect, beforeAll } from "vitest";
import { makeActor, makeOrganisation, uid } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import { listAuditEntries } from "./audit-log";
import { createOrganisation, updateOrganisation } from "./organisations";
import { createUser } from "./users";
import { AppError } from "./errors";

async function code(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
}

describe("audit log reading", () => {
  let admin: Actor;
  let leader: Actor;
  let officerA: Actor;
  let ministryA: { id: string };
  let agencyA: { id: string; version: number };
  let ministryB: { id: string; version: number };
  let officerEmail: string;

  beforeAll(async () => {
    admin = await makeActor("ADMIN");
    leader = await makeActor("LEADERSHIP");
    ministryA = await makeOrganisation("MINISTRY");
    ministryB = await makeOrganisation("MINISTRY");
    agencyA = await createOrganisation(admin, { code: `A_${uid(8)}`, nameVi: "Cục thử nghiệm", nameEn: "Test agency", kind: "AGENCY", parentId: ministryA.id });
    officerA = await makeActor("OFFICER", ministryA.id);
    officerEmail = `audit.${uid(8).toLowerCase()}@example.gov.vn`;
    await createUser(admin, { email: officerEmail, name: "Cán bộ mới", role: "OFFICER", organisationId: ministryA.id, password: "Một mật khẩu đủ dài 2026" });
    ministryB = await updateOrganisation(admin, ministryB.id, { version: 1, nameEn: "Renamed ministry B" });
    agencyA = await updateOrganisation(admin, agencyA.id, { version: agencyA.version, nameVi: "Cục thử nghiệm (đã đổi)" });
  });

  test("newest first, with the actor, the changes and a string id", async () => {
    const page = await listAuditEntries(admin, { actorId: admin.id, pageSize: "10" });
    // this file's own database: the admin wrote exactly the four entries above (the factories write no audit)
    expect(page.total).toBe(4);
    expect(page.data.map((e) => `${e.action} ${e.entityType}`)).toEqual(["update Organisation", "update Organisation", "create User", "create Organisation"]);
    const ids = page.data.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
    const latest = page.data[0];
    expect(latest).toMatchObject({ action: "update", entityType: "Organisation", entityId: agencyA.id, organisationId: agencyA.id, actor: { id: admin.id, email: admin.email } });
    expect(latest.changes.nameVi).toEqual({ from: "Cục thử nghiệm", to: "Cục thử nghiệm (đã đổi)" });
    expect(typeof latest.id).toBe("string");
  });

  test("filters by entity, action, email and organisation, and pages", async () => {
    const byEntity = await listAuditEntries(leader, { entityType: "Organisation", entityId: ministryB.id });
    expect(byEntity.data.map((e) => e.action)).toEqual(["update"]);
    expect(byEntity.data[0].changes.nameEn.to).toBe("Renamed ministry B");

    const created = await listAuditEntries(admin, { entityType: "User", action: "create", actorEmail: admin.email.toUpperCase() });
    expect(created.data).toHaveLength(1);
    expect(created.data[0].changes.email).toEqual({ from: null, to: officerEmail });
    expect(JSON.stringify(created.data[0].changes)).not.toMatch(/password|argon/i);

    const paged = await listAuditEntries(admin, { actorId: admin.id, page: "2", pageSize: "1" });
    expect(paged).toMatchObject({ page: 2, pageSize: 1 });
    expect(paged.data).toHaveLength(1);
  });

  test("a date range in Vietnam's days", async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await listAuditEntries(admin, { actorId: admin.id, from: today, to: today })).total).toBe(4);
    expect((await listAuditEntries(admin, { actorId: admin.id, to: "2001-01-01" })).total).toBe(0);
    expect(await code(listAuditEntries(admin, { from: "2026-02-30" }))).toBe("validation_failed");
    expect(await code(listAuditEntries(admin, { from: "2026-03-02", to: "2026-03-01" }))).toBe("validation_failed");
    expect(await code(listAuditEntries(admin, { actorId: "not-an-id" }))).toBe("validation_failed");
    expect(await code(listAuditEntries(admin, { bogus: "1" }))).toBe("validation_failed");
  });

  test("an officer reads their own organisation and its agencies only", async () => {
    const own = await listAuditEntries(officerA, { actorId: admin.id, pageSize: "200" });
    const orgs = new Set(own.data.map((e) => e.organisationId));
    expect(orgs.has(agencyA.id)).toBe(true);
    expect(orgs.has(ministryA.id)).toBe(true);
    expect(orgs.has(ministryB.id)).toBe(false);
    expect([...orgs].every((o) => o === ministryA.id || o === agencyA.id)).toBe(true);
    // asking for another organisation narrows to nothing rather than widening the scope
    expect((await listAuditEntries(officerA, { organisationId: ministryB.id })).total).toBe(0);
    expect((await listAuditEntries(leader, { organisationId: ministryB.id })).total).toBe(1);
  });
});
