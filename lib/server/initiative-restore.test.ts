import { describe, test, expect, beforeAll } from "vitest";
import { pool } from "./db";
import { archiveInitiative, createInitiative, getInitiative, getInitiativeHistory, listInitiatives, restoreInitiative, updateInitiative } from "./initiatives";
import { blockSums, countInitiativesFromStats, initiativeSums } from "./initiative-stats";
import { listAuditEntries } from "./audit-log";
import { transaction } from "./tx";
import { failure, initiativeBody, makeActor, makeOrganisation, uid } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";

/** The initiative of these tests: an archive of records, its sums below computed from these values. */
const body = (organisationId: string, fields: Record<string, unknown> = {}) =>
  initiativeBody(organisationId, {
    title: `Hệ thống lưu trữ hồ sơ điện tử ${uid(4)}`,
    description: "Số hóa hồ sơ, lưu trữ tập trung",
    buildingBlocks: ["SHARED_DATA", "SHARED_INFRASTRUCTURE"],
    principles: ["FULLY_DIGITAL"],
    enablers: ["SKILLS_CULTURE"],
    currentStage: 2,
    targetStage: 4,
    startDate: "2025-03-01",
    endDate: "2027-06-30",
    budgetPlanned: 2_000_000_000,
    budgetSpent: 500_000_000,
    progress: 30,
    ...fields,
  });

/** The SQLSTATE a raw statement fails with (null when it succeeds). */
async function sqlState(sql: string, params: unknown[]): Promise<string | null> {
  try {
    await pool().query(sql, params);
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

let org: { id: string };
let otherOrg: { id: string };
let officer: Actor;
let otherOfficer: Actor;
let leader: Actor;
let admin: Actor;

beforeAll(async () => {
  org = await makeOrganisation();
  otherOrg = await makeOrganisation();
  officer = await makeActor("OFFICER", org.id);
  otherOfficer = await makeActor("OFFICER", otherOrg.id);
  leader = await makeActor("LEADERSHIP");
  admin = await makeActor("ADMIN");
});

describe("the database guard on archived initiatives", () => {
  test("refuses every change to an archived row and its links, with SQLSTATE IA001", async () => {
    const ini = await createInitiative(officer, body(org.id));
    await archiveInitiative(officer, ini.id, "1");
    const id = ini.id;
    // a field, a field with the version bump, the version alone, moving it, un-archiving without the bump
    expect(await sqlState(`UPDATE initiatives SET progress = 90 WHERE id = $1`, [id])).toBe("IA001");
    expect(await sqlState(`UPDATE initiatives SET title = 'Đổi tên khi đã lưu trữ', version = version + 1 WHERE id = $1`, [id])).toBe("IA001");
    expect(await sqlState(`UPDATE initiatives SET version = version + 1 WHERE id = $1`, [id])).toBe("IA001");
    expect(await sqlState(`UPDATE initiatives SET organisation_id = $2 WHERE id = $1`, [id, otherOrg.id])).toBe("IA001");
    expect(await sqlState(`UPDATE initiatives SET archived_at = NULL WHERE id = $1`, [id])).toBe("IA001");
    expect(await sqlState(`UPDATE initiatives SET archived_at = NULL, version = version + 1, progress = 0 WHERE id = $1`, [id])).toBe("IA001");
    expect(await sqlState(`UPDATE initiatives SET archived_at = now() WHERE id = $1`, [id])).toBe("IA001");
    // links: added, removed, moved
    expect(await sqlState(`INSERT INTO initiative_building_blocks (initiative_id, block_code) VALUES ($1, 'ONE_PORTAL')`, [id])).toBe("IA001");
    expect(await sqlState(`DELETE FROM initiative_principles WHERE initiative_id = $1`, [id])).toBe("IA001");
    expect(await sqlState(`UPDATE initiative_enablers SET enabler_code = 'INTERNAL_INNOVATION' WHERE initiative_id = $1`, [id])).toBe("IA001");
    // nothing changed
    const row = await getInitiative(admin, id);
    expect(row).toMatchObject({ progress: 30, version: 2, organisationId: org.id, buildingBlocks: ["SHARED_DATA", "SHARED_INFRASTRUCTURE"], principles: ["FULLY_DIGITAL"], enablers: ["SKILLS_CULTURE"] });
    expect(row.archivedAt).not.toBeNull();
  });

  test("lets the restore through, and leaves live initiatives alone", async () => {
    const ini = await createInitiative(officer, body(org.id));
    expect(await sqlState(`UPDATE initiatives SET progress = 35 WHERE id = $1`, [ini.id])).toBeNull();
    expect(await sqlState(`INSERT INTO initiative_building_blocks (initiative_id, block_code) VALUES ($1, 'ONE_PORTAL')`, [ini.id])).toBeNull();
    await archiveInitiative(officer, ini.id, "1");
    expect(await sqlState(`UPDATE initiatives SET archived_at = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [ini.id])).toBeNull();
    expect(await getInitiative(admin, ini.id)).toMatchObject({ archivedAt: null, version: 3, progress: 35 });
  });

  test("a write through lib/server that reaches an archived row answers 409 invalid_transition, not a 500", async () => {
    const ini = await createInitiative(officer, body(org.id));
    await archiveInitiative(officer, ini.id, "1");
    const e = await failure(transaction((tx) => tx.initiative.update({ where: { id: ini.id }, data: { progress: 99 } })));
    expect(e.code).toBe("invalid_transition");
    expect(e.status).toBe(409);
  });
});

describe("restore", () => {
  test("an officer of the organisation restores with the version: 200, version + 1, back in the list, audited", async () => {
    const ini = await createInitiative(officer, body(org.id));
    await archiveInitiative(officer, ini.id, "1");
    const restored = await restoreInitiative(officer, ini.id, { version: 2 });
    expect(restored).toMatchObject({ id: ini.id, version: 3, archivedAt: null, progress: 30, title: ini.title, buildingBlocks: ini.buildingBlocks });
    const listed = await listInitiatives(officer, { organisationId: org.id, pageSize: "200" });
    expect(listed.data.map((d) => d.id)).toContain(ini.id);
    // editable again
    expect((await updateInitiative(officer, ini.id, { version: 3, progress: 45 })).version).toBe(4);

    const history = await getInitiativeHistory(officer, ini.id);
    expect(history.map((h) => h.action)).toEqual(["create", "archive", "restore", "update"]);
    const archivedAt = history[1].changes.archivedAt.to;
    expect(typeof archivedAt).toBe("string");
    expect(history[2].changes).toEqual({ archivedAt: { from: archivedAt, to: null } });
    expect(history[2].actor).toEqual({ id: officer.id, email: officer.email });
    const audited = await listAuditEntries(admin, { entityType: "Initiative", entityId: ini.id, action: "restore" });
    expect(audited.total).toBe(1);
  });

  test("admins restore any; leadership 403, other organisations 403, unknown 404", async () => {
    const ini = await createInitiative(officer, body(org.id));
    await archiveInitiative(officer, ini.id, "1");
    expect((await failure(restoreInitiative(leader, ini.id, { version: 2 }))).code).toBe("forbidden");
    expect((await failure(restoreInitiative(otherOfficer, ini.id, { version: 2 }))).code).toBe("forbidden");
    expect((await failure(restoreInitiative(admin, "00000000-0000-4000-8000-000000000000", { version: 1 }))).code).toBe("not_found");
    expect((await failure(restoreInitiative(admin, "not-an-id", { version: 1 }))).code).toBe("not_found");
    expect((await restoreInitiative(admin, ini.id, { version: 2 })).version).toBe(3);
  });

  test("checks the version and the state; a bad body is 400", async () => {
    const ini = await createInitiative(officer, body(org.id));
    const notArchived = await failure(restoreInitiative(officer, ini.id, { version: 1 }));
    expect(notArchived.code).toBe("invalid_transition");
    await archiveInitiative(officer, ini.id, "1");
    const stale = await failure(restoreInitiative(officer, ini.id, { version: 1 }));
    expect(stale.code).toBe("version_conflict");
    expect(stale.extra).toEqual({ currentVersion: 2 });
    expect((await failure(restoreInitiative(officer, ini.id, {}))).details?.map((d) => d.path)).toEqual(["version"]);
    expect((await failure(restoreInitiative(officer, ini.id, { version: 2, title: "x" }))).code).toBe("validation_failed");
    // still archived after all that
    expect((await getInitiative(admin, ini.id)).archivedAt).not.toBeNull();
    // two restores of one version: one wins
    const results = await Promise.allSettled([restoreInitiative(officer, ini.id, { version: 2 }), restoreInitiative(admin, ini.id, { version: 2 })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const audited = await listAuditEntries(admin, { entityType: "Initiative", entityId: ini.id, action: "restore" });
    expect(audited.total).toBe(1);
  });

  test("the summary tables count it out on archive and in again on restore, exactly", async () => {
    const root = await makeOrganisation();
    const own = await makeActor("OFFICER", root.id);
    // by hand: two live initiatives, progress 30 and 70, budgets 2e9 and 1e9; blocks SHARED_DATA (both), ONE_PORTAL (b)
    const a = await createInitiative(own, body(root.id));
    const b = await createInitiative(own, body(root.id, { buildingBlocks: ["ONE_PORTAL", "SHARED_DATA"], progress: 70, budgetPlanned: 1_000_000_000, currentStage: 3 }));
    const sums = async () => {
      const s = await initiativeSums({ rootId: root.id });
      const blocks = await blockSums({ rootId: root.id });
      return {
        count: s.reduce((n, r) => n + r.count, 0),
        progress: s.reduce((n, r) => n + r.sumProgress, 0),
        budget: s.reduce((n, r) => n + r.budgetPlanned, 0),
        weighted: s.reduce((n, r) => n + r.sumProgressBudget, 0),
        blocks: Object.fromEntries(blocks.map((r) => [r.block, [r.count, r.sumProgress]])),
        listed: await countInitiativesFromStats({ organisationId: root.id }),
      };
    };
    const both = {
      count: 2,
      progress: 100,
      budget: 3_000_000_000,
      weighted: 30 * 2_000_000_000 + 70 * 1_000_000_000,
      blocks: { SHARED_DATA: [2, 100], SHARED_INFRASTRUCTURE: [1, 30], ONE_PORTAL: [1, 70] },
      listed: 2,
    };
    expect(await sums()).toEqual(both);
    await archiveInitiative(own, b.id, "1");
    expect(await sums()).toEqual({ count: 1, progress: 30, budget: 2_000_000_000, weighted: 30 * 2_000_000_000, blocks: { SHARED_DATA: [1, 30], SHARED_INFRASTRUCTURE: [1, 30] }, listed: 1 });
    await restoreInitiative(own, b.id, { version: 2 });
    expect(await sums()).toEqual(both);
    expect(a.id).not.toBe(b.id);
  });
});

describe("the archived filter of the list", () => {
  test("archived=true lists only archived ones (counted exactly); the default leaves them out", async () => {
    const root = await makeOrganisation();
    const own = await makeActor("OFFICER", root.id);
    const live = await createInitiative(own, body(root.id));
    const gone1 = await createInitiative(own, body(root.id));
    const gone2 = await createInitiative(own, body(root.id));
    await archiveInitiative(own, gone1.id, "1");
    await archiveInitiative(own, gone2.id, "1");
    const def = await listInitiatives(own, { organisationId: root.id });
    expect(def.data.map((d) => d.id)).toEqual([live.id]);
    expect(def.total).toBe(1);
    const archived = await listInitiatives(own, { organisationId: root.id, archived: "true" });
    expect(new Set(archived.data.map((d) => d.id))).toEqual(new Set([gone1.id, gone2.id]));
    expect(archived.total).toBe(2);
    expect(archived.data.every((d) => d.archivedAt !== null)).toBe(true);
    expect((await listInitiatives(own, { organisationId: root.id, archived: "false" })).total).toBe(1);
    expect((await listInitiatives(own, { organisationId: root.id, archived: "" })).total).toBe(1);
    expect((await failure(listInitiatives(own, { archived: "maybe" }))).details?.map((d) => d.path)).toEqual(["archived"]);
    // a search inside the archived ones
    const found = await listInitiatives(own, { organisationId: root.id, archived: "1", q: gone2.title.slice(-4) });
    expect(found.data.map((d) => d.id)).toEqual([gone2.id]);
  });
});
