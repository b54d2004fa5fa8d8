import { describe, test, expect, beforeAll } from "vitest";
import { prisma } from "./db";
import { AppError } from "./errors";
import { archiveInitiative, createInitiative, getInitiative, getInitiativeHistory, listInitiatives, updateInitiative } from "./initiatives";
import { failure, initiativeBody as body, makeActor, makeOrganisation, uid } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import { initiativeCreateInput, initiativeUpdateInput } from "@/lib/validation/initiatives";

const paths = (e: AppError) => (e.details ?? []).map((d) => d.path);

let orgA: { id: string; code: string };
let orgB: { id: string; code: string };
let agencyA: { id: string };
let officerA: Actor;
let officerB: Actor;
let leader: Actor;
let admin: Actor;

beforeAll(async () => {
  orgA = await makeOrganisation();
  orgB = await makeOrganisation();
  agencyA = await makeOrganisation("AGENCY", orgA.id);
  officerA = await makeActor("OFFICER", orgA.id);
  officerB = await makeActor("OFFICER", orgB.id);
  leader = await makeActor("LEADERSHIP");
  admin = await makeActor("ADMIN");
});

async function countIn(organisationId: string) {
  return prisma.initiative.count({ where: { organisationId } });
}

describe("validation (the shared zod schemas)", () => {
  test("every failing field is named, cross-field rules beside field errors", () => {
    const r = initiativeCreateInput.safeParse(
      body("00000000-0000-4000-8000-000000000000", {
        title: "",
        progress: 500,
        currentStage: 4,
        targetStage: 2,
        startDate: "2026-05-01",
        endDate: "2026-01-01",
        buildingBlocks: ["NOT_A_BLOCK"],
        bogus: 1,
      }),
    );
    expect(r.success).toBe(false);
    const p = r.error!.issues.map((i) => i.path.join("."));
    expect(p).toEqual(expect.arrayContaining(["title", "progress", "targetStage", "endDate", "buildingBlocks.0", ""]));
  });

  test("cross-field rules still run when a field has the wrong type", () => {
    const r = initiativeCreateInput.safeParse(
      body("00000000-0000-4000-8000-000000000000", { title: 5, status: "COMPLETED", progress: 50 }),
    );
    const p = r.error!.issues.map((i) => i.path.join("."));
    expect(p).toEqual(expect.arrayContaining(["title", "progress"]));
  });

  test("duplicates, unknown codes, empty lists, money and dates", () => {
    const bad = initiativeCreateInput.safeParse(
      body("00000000-0000-4000-8000-000000000000", {
        buildingBlocks: ["ONE_PORTAL", "ONE_PORTAL"],
        principles: ["NOPE"],
        enablers: ["SKILLS_CULTURE", "SKILLS_CULTURE"],
        budgetPlanned: 1.5,
        budgetSpent: -1,
        startDate: "2025-02-30",
        externalRef: "x".repeat(101),
        description: "d".repeat(10_001),
      }),
    );
    const p = bad.error!.issues.map((i) => i.path.join("."));
    expect(p).toEqual(
      expect.arrayContaining([
        "buildingBlocks",
        "principles.0",
        "enablers",
        "budgetPlanned",
        "budgetSpent",
        "startDate",
        "externalRef",
        "description",
      ]),
    );
    expect(
      initiativeCreateInput.safeParse(body("00000000-0000-4000-8000-000000000000", { buildingBlocks: [] })).success,
    ).toBe(false);
  });

  test("optional fields may be null or omitted; a blank externalRef is none", () => {
    const r = initiativeCreateInput.parse(
      body("00000000-0000-4000-8000-000000000000", {
        startDate: null,
        endDate: undefined,
        budgetPlanned: null,
        externalRef: "  ",
        principles: null,
      }),
    );
    expect(r).toMatchObject({ startDate: null, endDate: null, budgetPlanned: null, externalRef: null, principles: [] });
  });

  test("an update needs a version; everything else is optional", () => {
    expect(initiativeUpdateInput.safeParse({ progress: 10 }).error!.issues.map((i) => i.path.join("."))).toEqual([
      "version",
    ]);
    expect(initiativeUpdateInput.safeParse({ version: 1 }).success).toBe(true);
    expect(initiativeUpdateInput.parse({ version: 1, title: null, startDate: null })).toMatchObject({
      title: undefined,
      startDate: null,
    });
    expect(
      initiativeUpdateInput.safeParse({ version: 1, currentStage: 4, targetStage: 2 }).error!.issues[0].path,
    ).toEqual(["targetStage"]);
  });
});

describe("create and read", () => {
  test("an officer creates for their organisation and its agencies; Vietnamese text round-trips", async () => {
    const title = "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính — Đợt 1";
    const created = await createInitiative(officerA, body(orgA.id, { title, externalRef: `R-${uid()}` }));
    expect(created).toMatchObject({
      version: 1,
      title,
      organisationId: orgA.id,
      organisationCode: orgA.code,
      buildingBlocks: ["ONE_PORTAL", "SHARED_DATA"],
      principles: ["DIGITAL_BY_DEFAULT"],
      enablers: [],
      startDate: "2025-01-01",
      endDate: "2026-12-31",
      budgetPlanned: 1_000_000_000,
      budgetSpent: 250_000_000,
      archivedAt: null,
      createdBy: officerA.id,
      updatedBy: officerA.id,
    });
    expect(await getInitiative(officerB, created.id)).toEqual(created);
    const inAgency = await createInitiative(officerA, body(agencyA.id));
    expect(inAgency.organisationId).toBe(agencyA.id);
  });

  test("officers cannot write for another organisation, leadership not at all, admins anywhere", async () => {
    expect((await failure(createInitiative(officerA, body(orgB.id)))).code).toBe("forbidden");
    expect((await failure(createInitiative(leader, body(orgA.id)))).code).toBe("forbidden");
    expect((await failure(createInitiative(leader, { nonsense: true }))).code).toBe("forbidden");
    expect((await createInitiative(admin, body(orgB.id))).organisationId).toBe(orgB.id);
  });

  test("an unknown organisation is a validation error for an admin", async () => {
    const e = await failure(createInitiative(admin, body("00000000-0000-4000-8000-000000000000")));
    expect(e.code).toBe("validation_failed");
    expect(paths(e)).toEqual(["organisationId"]);
  });

  test("bad input names every field and writes nothing", async () => {
    const before = await countIn(orgA.id);
    const e = await failure(createInitiative(officerA, body(orgA.id, { progress: 500, title: "", status: "DONE" })));
    expect(e.code).toBe("validation_failed");
    expect(paths(e)).toEqual(expect.arrayContaining(["progress", "title", "status"]));
    const e2 = await failure(createInitiative(officerA, body(orgA.id, { status: "COMPLETED", progress: 50 })));
    expect(paths(e2)).toEqual(["progress"]);
    expect(await countIn(orgA.id)).toBe(before);
  });

  test("externalRef is unique within an organisation only", async () => {
    const ref = `DUP-${uid()}`;
    await createInitiative(officerA, body(orgA.id, { externalRef: ref }));
    const e = await failure(createInitiative(officerA, body(orgA.id, { externalRef: ref })));
    expect(e.code).toBe("duplicate");
    expect(paths(e)).toEqual(["externalRef"]);
    await createInitiative(officerB, body(orgB.id, { externalRef: ref }));
  });

  test("unknown or malformed ids are not found", async () => {
    expect((await failure(getInitiative(officerA, "nope"))).code).toBe("not_found");
    expect((await failure(getInitiative(officerA, "00000000-0000-4000-8000-000000000000"))).code).toBe("not_found");
    expect((await failure(updateInitiative(officerA, "nope", { version: 1 }))).code).toBe("not_found");
  });
});

describe("update", () => {
  test("version + 1; a stale version is refused and nothing changes; no version is a 400", async () => {
    const c = await createInitiative(officerA, body(orgA.id));
    const first = await updateInitiative(officerA, c.id, { version: 1, progress: 60 });
    expect(first).toMatchObject({ version: 2, progress: 60 });
    expect((await failure(updateInitiative(officerA, c.id, { version: 1, progress: 70 }))).code).toBe(
      "version_conflict",
    );
    expect((await failure(updateInitiative(officerA, c.id, { progress: 70 }))).code).toBe("validation_failed");
    expect(await getInitiative(officerA, c.id)).toMatchObject({ version: 2, progress: 60 });
  });

  test("the merged record must keep the cross-field rules", async () => {
    const c = await createInitiative(
      officerA,
      body(orgA.id, { status: "COMPLETED", progress: 100, currentStage: 2, targetStage: 3 }),
    );
    const e = await failure(
      updateInitiative(officerA, c.id, { version: 1, progress: 90, targetStage: 1, endDate: "2024-01-01" }),
    );
    expect(paths(e).sort()).toEqual(["endDate", "progress", "targetStage"]);
    expect((await getInitiative(officerA, c.id)).version).toBe(1);
  });

  test("lists are replaced; nulls clear optional fields; history holds only what changed, lists as sets", async () => {
    const c = await createInitiative(officerA, body(orgA.id, { externalRef: `H-${uid()}` }));
    const u = await updateInitiative(officerA, c.id, {
      version: 1,
      buildingBlocks: ["SHARED_DATA", "ONE_PORTAL"], // same set, other order: no change
      enablers: ["SKILLS_CULTURE"],
      budgetSpent: null,
      externalRef: "",
      status: "ON_HOLD",
    });
    expect(u).toMatchObject({
      version: 2,
      enablers: ["SKILLS_CULTURE"],
      budgetSpent: null,
      externalRef: null,
      status: "ON_HOLD",
    });
    const h = await getInitiativeHistory(officerA, c.id);
    expect(h).toHaveLength(2);
    expect(h[0]).toMatchObject({ action: "create", actor: { id: officerA.id, email: officerA.email } });
    expect(h[0].changes.title).toEqual({ from: null, to: c.title });
    expect(h[1].changes).toEqual({
      enablers: { from: [], to: ["SKILLS_CULTURE"] },
      budgetSpent: { from: 250_000_000, to: null },
      externalRef: { from: c.externalRef, to: null },
      status: { from: "IN_PROGRESS", to: "ON_HOLD" },
    });
  });

  test("a PATCH that changes nothing keeps the version and writes no entry", async () => {
    const c = await createInitiative(officerA, body(orgA.id));
    const same = await updateInitiative(officerA, c.id, { version: 1, progress: c.progress, title: c.title });
    expect(same.version).toBe(1);
    expect(await getInitiativeHistory(officerA, c.id)).toHaveLength(1);
  });

  test("permissions: another officer 403, leadership 403, moving out of scope 403, into an agency fine", async () => {
    const c = await createInitiative(officerB, body(orgB.id));
    expect((await failure(updateInitiative(officerA, c.id, { version: 1, progress: 99 }))).code).toBe("forbidden");
    expect((await failure(updateInitiative(leader, c.id, { version: 1, progress: 99 }))).code).toBe("forbidden");
    const mine = await createInitiative(officerA, body(orgA.id));
    expect((await failure(updateInitiative(officerA, mine.id, { version: 1, organisationId: orgB.id }))).code).toBe(
      "forbidden",
    );
    const moved = await updateInitiative(officerA, mine.id, { version: 1, organisationId: agencyA.id });
    expect(moved).toMatchObject({ organisationId: agencyA.id, version: 2 });
    expect(await getInitiative(officerB, c.id)).toMatchObject({ version: 1, progress: 40 });
    expect((await updateInitiative(admin, c.id, { version: 1, progress: 41 })).progress).toBe(41);
  });
});

describe("archive and history", () => {
  test("archive checks the version, leaves lists, keeps the record and its history", async () => {
    const c = await createInitiative(officerA, body(orgA.id));
    expect((await failure(archiveInitiative(officerA, c.id, "7"))).code).toBe("version_conflict");
    expect((await failure(archiveInitiative(officerA, c.id, null))).code).toBe("validation_failed");
    expect((await failure(archiveInitiative(officerA, c.id, "abc"))).code).toBe("validation_failed");
    expect((await failure(archiveInitiative(officerB, c.id, "1"))).code).toBe("forbidden");
    await archiveInitiative(officerA, c.id, "1");
    const list = await listInitiatives(officerA, { organisationId: orgA.id, pageSize: "200" });
    expect(list.data.some((i) => i.id === c.id)).toBe(false);
    const read = await getInitiative(officerA, c.id);
    expect(read.archivedAt).not.toBeNull();
    expect(read.version).toBe(2);
    expect((await failure(updateInitiative(officerA, c.id, { version: 2, progress: 1 }))).code).toBe(
      "invalid_transition",
    );
    const h = await getInitiativeHistory(leader, c.id);
    expect(h.map((e) => e.action)).toEqual(["create", "archive"]);
  });

  test("history follows the audit-log rule: other officers are refused", async () => {
    const c = await createInitiative(officerA, body(orgA.id));
    expect((await failure(getInitiativeHistory(officerB, c.id))).code).toBe("forbidden");
    expect(await getInitiativeHistory(admin, c.id)).toHaveLength(1);
  });

  test("each write leaves exactly one audit entry, in the initiative's organisation", async () => {
    const c = await createInitiative(officerA, body(orgA.id));
    await updateInitiative(officerA, c.id, { version: 1, progress: 41 });
    const entries = await prisma.auditEntry.findMany({ where: { entityType: "Initiative", entityId: c.id } });
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.organisationId === orgA.id && e.actorId === officerA.id)).toBe(true);
  });
});

describe("list", () => {
  test("accent- and case-free search, filters, sorting, paging", async () => {
    const tag = uid(6);
    for (const [i, block] of ["CYBERSECURITY_PRIVACY", "SENSORS_ANALYTICS", "CYBERSECURITY_PRIVACY"].entries()) {
      await createInitiative(
        officerA,
        body(orgA.id, {
          title: `Bảo đảm an toàn thông tin ${tag} ${i}`,
          buildingBlocks: [block],
          progress: 10 * (i + 1),
        }),
      );
    }
    await createInitiative(
      officerB,
      body(orgB.id, { title: `Xây dựng Chính phủ số ${tag}`, description: "ĐỊNH DANH điện tử" }),
    );

    const found = await listInitiatives(officerB, { q: `bao dam an toan thong tin ${tag}`, sort: "-progress" });
    expect(found.total).toBe(3);
    expect(found.data.map((i) => i.progress)).toEqual([30, 20, 10]);
    expect((await listInitiatives(officerA, { q: `BẢO ĐẢM  an toàn THÔNG tin ${tag.toLowerCase()}` })).total).toBe(3);
    expect(
      (await listInitiatives(officerA, { q: `chinh phu so ${tag.toLowerCase()}` })).data.map((i) => i.organisationId),
    ).toEqual([orgB.id]);
    expect(
      (await listInitiatives(officerA, { q: `dinh danh dien tu`, organisationId: orgB.id })).total,
    ).toBeGreaterThanOrEqual(1);
    expect((await listInitiatives(officerA, { q: tag, buildingBlock: "CYBERSECURITY_PRIVACY" })).total).toBe(2);
    expect((await listInitiatives(officerA, { q: tag, organisationId: orgB.id })).total).toBe(1);
    expect((await listInitiatives(officerA, { q: tag, status: "PLANNED" })).total).toBe(0);

    const page = await listInitiatives(officerA, { q: tag, pageSize: "1", page: "2", sort: "progress" });
    expect(page).toMatchObject({ page: 2, pageSize: 1, total: 4 });
    expect(page.data.map((i) => i.progress)).toEqual([20]);

    // wildcards in q are literal
    expect((await listInitiatives(officerA, { q: `${tag}%` })).total).toBe(0);
    expect((await listInitiatives(officerA, { q: "_".repeat(3) + tag })).total).toBe(0);
  });

  test("sorting by a nullable column puts nulls last either way, ties broken by id", async () => {
    const tag = uid(6);
    for (const b of [null, 5, 7, null])
      await createInitiative(officerA, body(orgA.id, { title: `Sắp xếp ${tag}`, budgetPlanned: b }));
    const asc = await listInitiatives(officerA, { q: tag, sort: "budgetPlanned" });
    expect(asc.data.map((i) => i.budgetPlanned)).toEqual([5, 7, null, null]);
    const desc = await listInitiatives(officerA, { q: tag, sort: "-budgetPlanned" });
    expect(desc.data.map((i) => i.budgetPlanned)).toEqual([7, 5, null, null]);
    const nulls = asc.data.slice(2).map((i) => i.id);
    expect(nulls).toEqual([...nulls].sort());
  });

  test("bad queries are 400s naming the parameter", async () => {
    for (const [q, path] of [
      [{ pageSize: "100000" }, "pageSize"],
      [{ page: "0" }, "page"],
      [{ sort: "secret" }, "sort"],
      [{ status: "DONE" }, "status"],
      [{ organisationId: "x" }, "organisationId"],
      [{ buildingBlock: "X" }, "buildingBlock"],
      [{ wat: "1" }, ""],
    ] as const) {
      const e = await failure(listInitiatives(officerA, q));
      expect(e.code).toBe("validation_failed");
      expect(paths(e).some((p) => (path ? p === path : true))).toBe(true);
    }
  });
});
