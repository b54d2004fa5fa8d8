import { describe, test, expect, beforeAll } from "vitest";
import { prisma } from "./db";
import { makeActor, makeOrganisation, quietPeriod, uid } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import { listAuditEntries } from "./audit-log";
import { approveReport, createReport, rejectReport, submitReport } from "./reports";
import { verifyCredentials } from "./auth";
import { hashPassword } from "@/lib/auth/password";

/**
 * Issue 13, point 10: the audit log shows an entry about a report only to those who may read that report now. Four
 * reports of one organisation, each left in another status; the expected entries are listed by hand per reader.
 */
describe("audit entries about reports follow the report's visibility", () => {
  let org: { id: string };
  let otherOrg: { id: string };
  let officer: Actor;
  let otherOfficer: Actor;
  let leader: Actor;
  let admin: Actor;
  const ids: Record<"draft" | "submitted" | "approved" | "rejected", string> = { draft: "", submitted: "", approved: "", rejected: "" };

  beforeAll(async () => {
    org = await makeOrganisation("MINISTRY");
    otherOrg = await makeOrganisation("PROVINCE");
    officer = await makeActor("OFFICER", org.id);
    otherOfficer = await makeActor("OFFICER", otherOrg.id);
    leader = await makeActor("LEADERSHIP");
    admin = await makeActor("ADMIN");
    const period = quietPeriod();
    const mk = (metric: string, value: number) => createReport(officer, { organisationId: org.id, period, metric, value, note: `Ghi chú nội bộ ${metric}` });
    const draft = await mk("OPEN_DATASETS", 11);
    const submitted = await mk("KPI_IMPROVEMENT", 12);
    await submitReport(officer, submitted.id, { version: 1 });
    const approved = await mk("NEW_DELIVERY_MODELS", 13);
    await submitReport(officer, approved.id, { version: 1 });
    await approveReport(leader, approved.id, { version: 2 });
    // a report that no longer exists (maintenance): its entry has nothing to be read through
    const gone = await createReport(officer, { organisationId: org.id, period, metric: "SERVICES_NEW_RETIRED", numerator: 1, denominator: 10 });
    await prisma.metricReport.delete({ where: { id: gone.id } });
    const rej = await createReport(officer, { organisationId: org.id, period, metric: "SERVICES_ONLINE", numerator: 5, denominator: 50 });
    await submitReport(officer, rej.id, { version: 1 });
    await rejectReport(leader, rej.id, { version: 2, comment: "Thiếu minh chứng" });
    Object.assign(ids, { draft: draft.id, submitted: submitted.id, approved: approved.id, rejected: rej.id });
  });

  /** The report entries a reader sees for this organisation, as "status-of-report:action" sorted. */
  async function seen(reader: Actor) {
    const page = await listAuditEntries(reader, { entityType: "MetricReport", organisationId: org.id, pageSize: "200" });
    const name = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
    return {
      total: page.total,
      entries: page.data.map((e) => `${name.get(e.entityId ?? "") ?? "gone"}:${e.action}`).sort(),
    };
  }

  test("ADMIN and the organisation's officer see every entry (the deleted report's create included for ADMIN)", async () => {
    const all = [
      "approved:approve",
      "approved:create",
      "approved:submit",
      "draft:create",
      "gone:create",
      "rejected:create",
      "rejected:reject",
      "rejected:submit",
      "submitted:create",
      "submitted:submit",
    ];
    expect(await seen(admin)).toEqual({ total: 10, entries: all });
    // the officer reads their own drafts; the entry of a report that no longer exists shows to nobody but ADMIN
    expect(await seen(officer)).toEqual({ total: 9, entries: all.filter((e) => e !== "gone:create") });
  });

  test("LEADERSHIP sees the entries of SUBMITTED and APPROVED reports only, by their current status", async () => {
    expect(await seen(leader)).toEqual({
      total: 5,
      entries: ["approved:approve", "approved:create", "approved:submit", "submitted:create", "submitted:submit"],
    });
    // nothing of a draft's or a rejected report's notes or figures, whatever the filter
    const byId = await listAuditEntries(leader, { entityType: "MetricReport", entityId: ids.draft });
    expect(byId).toMatchObject({ total: 0, data: [] });
    const byActor = await listAuditEntries(leader, { actorId: officer.id, pageSize: "200" });
    expect(byActor.data.map((e) => e.entityId)).not.toContain(ids.draft);
    expect(byActor.data.map((e) => e.entityId)).not.toContain(ids.rejected);
    expect(JSON.stringify(byActor.data)).not.toContain("Ghi chú nội bộ OPEN_DATASETS");
  });

  test("another organisation's officer sees none of them", async () => {
    expect(await seen(otherOfficer)).toEqual({ total: 0, entries: [] });
  });

  test("paging stays exact: pages of 2 add up to the visible entries, in order, none twice", async () => {
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const p = await listAuditEntries(leader, { entityType: "MetricReport", organisationId: org.id, pageSize: "2", page: String(page) });
      expect(p.total).toBe(5);
      pages.push(...p.data);
    }
    expect(pages).toHaveLength(5);
    const ids = pages.map((e) => BigInt(e.id));
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
  });

  test("a report sent back (SUBMITTED -> REJECTED) takes its whole history out of LEADERSHIP's view", async () => {
    const before = (await seen(leader)).total;
    const { version } = await prisma.metricReport.findUniqueOrThrow({ where: { id: ids.submitted }, select: { version: true } });
    await rejectReport(admin, ids.submitted, { version, comment: "Cần bổ sung" });
    const after = await seen(leader);
    expect(after.total).toBe(before - 2);
    expect(after.entries.some((e) => e.startsWith("submitted:"))).toBe(false);
  });
});

describe("a failed sign-in stores the identifier only for an existing account", () => {
  test("unknown email: no email anywhere in the entry; existing account: its email", async () => {
    const unknown = `khong.ton.tai.${uid(8).toLowerCase()}@example.gov.vn`;
    await expect(verifyCredentials(unknown, "sai mật khẩu")).rejects.toMatchObject({ code: "invalid_credentials" });
    const email = `co.that.${uid(8).toLowerCase()}@example.gov.vn`;
    const user = await prisma.user.create({ data: { email, name: "Người có thật", role: "LEADERSHIP", passwordHash: await hashPassword("Một mật khẩu đủ dài 2026") } });
    await expect(verifyCredentials(email.toUpperCase(), "sai mật khẩu")).rejects.toMatchObject({ code: "invalid_credentials" });

    const failed = await prisma.auditEntry.findMany({ where: { action: "login_failed", at: { gte: new Date(Date.now() - 60_000) } }, orderBy: { id: "desc" }, take: 200 });
    expect(failed.filter((e) => JSON.stringify({ ...e, id: String(e.id) }).includes(unknown))).toEqual([]);
    const mine = failed.filter((e) => e.entityId === user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ actorId: user.id, actorEmail: email, changes: { email: { from: null, to: email } } });
  });
});
