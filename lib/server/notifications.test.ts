import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { prisma, closeDb } from "./db";
import { transaction } from "./tx";
import { makeActor, makeOrganisation, quietPeriod } from "@/test/factories";
import { createReport, rejectReport, approveReport, submitReport, updateReport } from "./reports";
import { listNotifications, markAllNotificationsRead, markNotificationRead, notifyReportReviewed, unreadCount } from "./notifications";
import { runRestructuring, restructuringInput } from "./restructuring-core";
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

let ministry: { id: string; nameVi: string };
let agency: { id: string };
let other: { id: string };
let officer: Actor;
let agencyOfficer: Actor;
let otherOfficer: Actor;
let leader: Actor;
let leader2: Actor;

beforeAll(async () => {
  ministry = await makeOrganisation("MINISTRY");
  agency = await makeOrganisation("AGENCY", ministry.id);
  other = await makeOrganisation("PROVINCE");
  officer = await makeActor("OFFICER", ministry.id);
  agencyOfficer = await makeActor("OFFICER", agency.id);
  otherOfficer = await makeActor("OFFICER", other.id);
  leader = await makeActor("LEADERSHIP");
  leader2 = await makeActor("LEADERSHIP");
});

afterAll(closeDb);

const count = (userId: string, kind?: string) => prisma.notification.count({ where: { userId, ...(kind ? { kind } : {}) } });

async function submitted(organisationId: string, period: string, metric = "OPEN_DATASETS", by: Actor = officer) {
  const r = await createReport(by, { organisationId, period, metric, value: 4 });
  return submitReport(by, r.id, { version: r.version });
}

describe("workflow notifications, written with their event", () => {
  test("a rejection tells the officers of the body and of its ministry, naming metric, quarter and comment; nobody else", async () => {
    const period = quietPeriod();
    const s = await submitted(agency.id, period, "OPEN_DATASETS", agencyOfficer);
    const before = [await count(officer.id), await count(agencyOfficer.id), await count(otherOfficer.id)];
    await rejectReport(leader, s.id, { version: s.version, comment: "Thiếu minh chứng số liệu" });
    expect([await count(officer.id), await count(agencyOfficer.id), await count(otherOfficer.id)]).toEqual([before[0] + 1, before[1] + 1, before[2]]);
    const [y, q] = period.split("-Q");
    const mine = await listNotifications(officer, { pageSize: 1 }, "vi");
    expect(mine.data[0].kind).toBe("REPORT_REJECTED");
    expect(mine.data[0].title).toBe(`Báo cáo bị trả lại: Số bộ dữ liệu mở đã công bố, quý ${q}/${y}`);
    expect(mine.data[0].body).toContain("Nhận xét: Thiếu minh chứng số liệu");
    expect(mine.data[0].body).toContain("Test LEADERSHIP");
    expect(mine.data[0].link).toBe(`/reports?organisationId=${agency.id}&period=${period}#metric-OPEN_DATASETS`);
    const en = await listNotifications(officer, { pageSize: 1 }, "en");
    expect(en.data[0].title).toBe(`Report returned: Number of open datasets published, Q${q} ${y}`);
  });

  test("a step that fails (stale version) writes no notification, and a writer's rows roll back with the caller's transaction", async () => {
    const s = await submitted(ministry.id, quietPeriod());
    const before = await count(officer.id);
    expect(await code(rejectReport(leader, s.id, { version: s.version - 1, comment: "x" }))).toBe("version_conflict");
    expect(await count(officer.id)).toBe(before);
    await expect(
      transaction(async (tx) => {
        await notifyReportReviewed(tx, s.id, { name: "Someone" }, "REJECTED");
        throw new Error("the event failed after its notification was written");
      }),
    ).rejects.toThrow("the event failed");
    expect(await count(officer.id)).toBe(before);
    await approveReport(leader, s.id, { version: s.version });
    expect(await count(officer.id, "REPORT_APPROVED")).toBeGreaterThanOrEqual(1);
    expect(await count(officer.id)).toBe(before + 1);
  });

  test("submissions reach every leader, grouped per organisation and quarter while unread", async () => {
    const period = quietPeriod();
    const base = await count(leader2.id, "REPORTS_SUBMITTED");
    await submitted(other.id, period, "OPEN_DATASETS", otherOfficer);
    await submitted(other.id, period, "KPI_IMPROVEMENT", otherOfficer);
    expect(await count(leader2.id, "REPORTS_SUBMITTED")).toBe(base + 1);
    const n = (await listNotifications(leader2, { unread: "true", pageSize: 1 }, "en")).data[0];
    expect(n.title).toContain("submitted 2 reports");
    expect(n.body).toContain("Number of open datasets published, % improvement in outcomes and KPIs");
    expect(n.link).toBe(`/review?organisationId=${other.id}&period=${period}`);
    // once read, the next submission starts a new one
    await markNotificationRead(leader2, n.id);
    await submitted(other.id, period, "NEW_DELIVERY_MODELS", otherOfficer);
    expect(await count(leader2.id, "REPORTS_SUBMITTED")).toBe(base + 2);
  });

  test("a corrected report (REJECTED → DRAFT → SUBMITTED) notifies leadership again", async () => {
    const period = quietPeriod();
    const s = await submitted(ministry.id, period);
    const r = await rejectReport(leader, s.id, { version: s.version, comment: "Sửa lại" });
    await markAllNotificationsRead(leader);
    const d = await updateReport(officer, r.id, { version: r.version, value: 5 });
    await submitReport(officer, d.id, { version: d.version });
    const unread = await listNotifications(leader, { unread: "true" }, "vi");
    expect(unread.data.map((x) => x.kind)).toEqual(["REPORTS_SUBMITTED"]);
  });
});

describe("reading one's own notifications", () => {
  test("own only, 404 for another's, read-all counts, the unread filter", async () => {
    const mine = await listNotifications(agencyOfficer, { pageSize: 200 });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.data.every((n) => n.readAt === null)).toBe(true);
    const id = mine.data[0].id;
    expect(await code(markNotificationRead(otherOfficer, id))).toBe("not_found");
    expect(await code(markNotificationRead(agencyOfficer, "not-an-id"))).toBe("not_found");
    const read = await markNotificationRead(agencyOfficer, id);
    expect(read.readAt).not.toBeNull();
    // again: stays read with its first time
    expect((await markNotificationRead(agencyOfficer, id)).readAt).toBe(read.readAt);
    expect(await unreadCount(agencyOfficer)).toBe(mine.total - 1);
    expect((await listNotifications(agencyOfficer, { unread: "1" })).total).toBe(mine.total - 1);
    expect(await markAllNotificationsRead(agencyOfficer)).toEqual({ updated: mine.total - 1 });
    expect(await markAllNotificationsRead(agencyOfficer)).toEqual({ updated: 0 });
    expect(await unreadCount(agencyOfficer)).toBe(0);
    expect(await code(listNotifications(agencyOfficer, { unread: "maybe" }))).toBe("validation_failed");
  });

  test("newest first, paged", async () => {
    const u = await makeActor("OFFICER", other.id);
    const times = ["2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z"];
    for (const [i, at] of times.entries()) {
      await prisma.notification.create({ data: { userId: u.id, kind: "PASSWORD_RESET", params: { at }, link: `/x${i}`, createdAt: new Date(at) } });
    }
    const p1 = await listNotifications(u, { page: 1, pageSize: 2 });
    const p2 = await listNotifications(u, { page: 2, pageSize: 2 });
    expect([p1.total, p1.data.map((n) => n.link), p2.data.map((n) => n.link)]).toEqual([3, ["/x1", "/x2"], ["/x0"]]);
  });
});

describe("a restructuring tells the people it moves, in its transaction", () => {
  test("moved officers get RESTRUCTURED; a dry run and a refused one write nothing", async () => {
    const from = await makeOrganisation("PROVINCE");
    const to = await makeOrganisation("PROVINCE");
    const moved = await makeActor("OFFICER", from.id);
    const stays = await makeActor("OFFICER", to.id);
    const admin = await makeActor("ADMIN");
    const input = (extra: object) => restructuringInput.parse({ effectiveDate: "2003-07-01", legalBasis: "Nghị quyết 202/2025/QH15", successions: [{ fromId: from.id, toIds: [to.id] }], ...extra });
    await transaction((tx) => runRestructuring(tx, admin, input({ dryRun: true })));
    expect(await count(moved.id)).toBe(0);
    await expect(transaction((tx) => runRestructuring(tx, admin, input({ successions: [{ fromId: from.id, toIds: [from.id] }] })))).rejects.toThrow();
    expect(await count(moved.id)).toBe(0);
    await transaction((tx) => runRestructuring(tx, admin, input({})));
    expect([await count(moved.id, "RESTRUCTURED"), await count(stays.id)]).toEqual([1, 0]);
    const n = (await listNotifications(moved, {}, "vi")).data[0];
    expect(n.link).toBe(`/organisations/${to.id}`);
    expect(n.title).toBe(`Tài khoản của bạn được chuyển sang Bộ Thử nghiệm ${(await prisma.organisation.findUniqueOrThrow({ where: { id: to.id } })).code}`);
    expect(n.body).toContain("Nghị quyết 202/2025/QH15");
    expect(n.body).toContain("01/07/2003");
  });
});
