import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { prisma, closeDb } from "./db";
import { makeActor, makeOrganisation, quietPeriod } from "@/test/factories";
import { approveReport, completeness, createReport, getReport, listReports, rejectReport, reportingForm, reviewQueue, submitReport, updateReport } from "./reports";
import { getThresholdSettings, getThresholds, putThresholds } from "./thresholds";
import { AppError } from "./errors";
import type { Actor } from "@/lib/auth/permissions";
import { addQuarters } from "@/lib/domain/periods";
import type { ReportDto } from "@/lib/dto/reports";

/** A quiet quarter that has a reportable quarter before it. */
const quietPeriodWithPrevious = () => {
  const p = quietPeriod();
  return p === "2000-Q1" ? "2000-Q2" : p;
};

/** The error code a promise rejects with. */
async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return "ok";
}

let orgA: { id: string };
let agencyA: { id: string };
let orgB: { id: string };
let officerA: Actor;
let officerB: Actor;
let leader: Actor;
let admin: Actor;

beforeAll(async () => {
  orgA = await makeOrganisation("MINISTRY");
  agencyA = await makeOrganisation("AGENCY", orgA.id);
  orgB = await makeOrganisation("PROVINCE");
  officerA = await makeActor("OFFICER", orgA.id);
  officerB = await makeActor("OFFICER", orgB.id);
  leader = await makeActor("LEADERSHIP");
  admin = await makeActor("ADMIN");
});

afterAll(async () => {
  await closeDb();
});

async function approved(orgId: string, period: string, metric: string, input: Record<string, unknown>, officer = officerA): Promise<ReportDto> {
  const r = await createReport(officer, { organisationId: orgId, period, metric, ...input });
  const s = await submitReport(officer, r.id, { version: r.version });
  return approveReport(leader, r.id, { version: s.version });
}

async function auditActions(id: string): Promise<string[]> {
  const rows = await prisma.auditEntry.findMany({ where: { entityType: "MetricReport", entityId: id }, orderBy: { id: "asc" } });
  return rows.map((r) => r.action);
}

describe("workflow", () => {
  test("draft -> submitted -> approved; the server computes a ratio's value; each step audited", async () => {
    const period = quietPeriod();
    const draft = await createReport(officerA, { organisationId: orgA.id, period, metric: "SERVICES_ONLINE", numerator: 37, denominator: 120, evidenceUrl: "https://dichvucong.gov.vn/bao-cao", note: "Ghi chú" });
    expect(draft).toMatchObject({ status: "DRAFT", version: 1, numerator: 37, denominator: 120, period, metric: "SERVICES_ONLINE", submittedAt: null, reviewedBy: null, note: "Ghi chú" });
    expect(draft.value).toBeCloseTo((37 / 120) * 100, 12);
    expect(Object.keys(draft).sort()).toEqual(
      ["id", "organisationId", "period", "metric", "value", "numerator", "denominator", "evidenceUrl", "note", "status", "reviewComment", "version", "submittedAt", "submittedLate", "reviewedAt", "reviewedBy"].sort(),
    );

    expect(await code(approveReport(admin, draft.id, { version: 1 }))).toBe("invalid_transition");
    expect(await code(approveReport(leader, draft.id, { version: 1 }))).toBe("not_found"); // leadership never sees drafts
    expect(await code(submitReport(officerA, draft.id, { version: 99 }))).toBe("version_conflict");
    const submitted = await submitReport(officerA, draft.id, { version: 1 });
    expect(submitted).toMatchObject({ status: "SUBMITTED", version: 2 });
    expect(typeof submitted.submittedAt).toBe("string");
    expect(await code(submitReport(officerA, draft.id, { version: 2 }))).toBe("invalid_transition");
    expect(await code(submitReport(leader, draft.id, { version: 2 }))).toBe("forbidden");
    expect(await code(approveReport(officerA, draft.id, { version: 2 }))).toBe("forbidden");
    expect(await code(approveReport(officerB, draft.id, { version: 2 }))).toBe("forbidden");

    const done = await approveReport(leader, draft.id, { version: 2 });
    expect(done).toMatchObject({ status: "APPROVED", version: 3, reviewedBy: leader.id, reviewComment: null });
    expect(new Date(done.reviewedAt!).toISOString()).toBe(done.reviewedAt);
    expect(await code(updateReport(officerA, draft.id, { version: 3, numerator: 40, denominator: 120 }))).toBe("invalid_transition");
    expect(await code(rejectReport(leader, draft.id, { version: 3, comment: "x" }))).toBe("invalid_transition");
    expect(await code(approveReport(admin, draft.id, { version: 3 }))).toBe("invalid_transition");
    expect(await auditActions(draft.id)).toEqual(["create", "submit", "approve"]);
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { entityId: draft.id, action: "approve" } });
    expect(entry.organisationId).toBe(orgA.id);
    expect(entry.changes).toMatchObject({ status: { from: "SUBMITTED", to: "APPROVED" }, reviewedBy: { from: null, to: leader.id } });
  });

  test("reject needs a comment; a rejected report is corrected (becoming DRAFT) and resubmitted", async () => {
    const period = quietPeriod();
    const d = await createReport(officerA, { organisationId: orgA.id, period, metric: "SERVICES_NEW_RETIRED", numerator: 3, denominator: 60 });
    const s = await submitReport(officerA, d.id, { version: d.version });
    expect(await code(rejectReport(leader, d.id, { version: s.version }))).toBe("validation_failed");
    expect(await code(rejectReport(leader, d.id, { version: s.version, comment: "   " }))).toBe("validation_failed");
    const rejected = await rejectReport(leader, d.id, { version: s.version, comment: "Thiếu minh chứng" });
    expect(rejected).toMatchObject({ status: "REJECTED", reviewComment: "Thiếu minh chứng", reviewedBy: leader.id });
    expect(await code(submitReport(officerA, d.id, { version: rejected.version }))).toBe("invalid_transition");
    // leadership does not see a rejected report any more
    expect(await code(getReport(leader, d.id))).toBe("not_found");
    // only the numerator changes: the stored denominator is kept and the value recomputed
    const edited = await updateReport(officerA, d.id, { version: rejected.version, numerator: 6, evidenceUrl: "https://data.gov.vn" });
    expect(edited).toMatchObject({ status: "DRAFT", numerator: 6, denominator: 60, value: 10, evidenceUrl: "https://data.gov.vn" });
    expect(await code(updateReport(officerA, d.id, { version: edited.version, numerator: 61 }))).toBe("validation_failed");
    expect(await code(updateReport(officerA, d.id, { version: edited.version, value: 50 }))).toBe("validation_failed");
    expect(await code(updateReport(officerA, d.id, { version: rejected.version, numerator: 7 }))).toBe("version_conflict");
    const cleared = await updateReport(officerA, d.id, { version: edited.version, evidenceUrl: null });
    expect(cleared.evidenceUrl).toBeNull();
    const again = await submitReport(officerA, d.id, { version: cleared.version });
    expect(again.status).toBe("SUBMITTED");
    expect(await auditActions(d.id)).toEqual(["create", "submit", "reject", "update", "update", "submit"]);
  });

  test("a stale version changes nothing", async () => {
    const d = await createReport(officerA, { organisationId: orgA.id, period: quietPeriod(), metric: "OPEN_DATASETS", value: 3 });
    const e = await updateReport(officerA, d.id, { version: 1, value: 4 });
    expect(await code(updateReport(officerA, d.id, { version: 1, value: 5 }))).toBe("version_conflict");
    expect((await getReport(officerA, d.id)).value).toBe(4);
    expect(e.version).toBe(2);
  });
});

describe("validation", () => {
  test("ratio bounds, counts, percentages, periods, links, unknown fields", async () => {
    const period = quietPeriod();
    const post = (json: Record<string, unknown>) => code(createReport(officerA, { organisationId: orgA.id, period, ...json }));
    expect(await post({ metric: "SERVICES_ONLINE", numerator: 130, denominator: 120 })).toBe("validation_failed");
    expect(await post({ metric: "SERVICES_ONLINE", numerator: 0, denominator: 0 })).toBe("validation_failed");
    expect(await post({ metric: "SERVICES_ONLINE", numerator: 1.5, denominator: 10 })).toBe("validation_failed");
    expect(await post({ metric: "SERVICES_ONLINE", numerator: -1, denominator: 10 })).toBe("validation_failed");
    expect(await post({ metric: "SERVICES_ONLINE", numerator: 1, denominator: 10, value: 10 })).toBe("validation_failed");
    expect(await post({ metric: "SERVICES_ONLINE", value: 10 })).toBe("validation_failed");
    expect(await post({ metric: "OPEN_DATASETS", value: -3 })).toBe("validation_failed");
    expect(await post({ metric: "OPEN_DATASETS", value: 2.5 })).toBe("validation_failed");
    expect(await post({ metric: "OPEN_DATASETS", numerator: 1, denominator: 2 })).toBe("validation_failed");
    expect(await post({ metric: "NEW_DELIVERY_MODELS" })).toBe("validation_failed");
    expect(await post({ metric: "KPI_IMPROVEMENT", value: 5000 })).toBe("validation_failed");
    expect(await post({ metric: "KPI_IMPROVEMENT", value: -100.5 })).toBe("validation_failed");
    expect(await post({ metric: "KPI_IMPROVEMENT", value: "5" })).toBe("validation_failed");
    expect(await post({ metric: "NOT_A_METRIC", value: 1 })).toBe("validation_failed");
    expect(await post({ metric: "OPEN_DATASETS", value: 1, evidenceUrl: "javascript:alert(1)" })).toBe("validation_failed");
    expect(await post({ metric: "OPEN_DATASETS", value: 1, evidenceUrl: "ftp://x.gov.vn/a" })).toBe("validation_failed");
    expect(await post({ metric: "OPEN_DATASETS", value: 1, extra: true })).toBe("validation_failed");
    expect(await code(createReport(officerA, { organisationId: orgA.id, period: "2099-Q1", metric: "OPEN_DATASETS", value: 1 }))).toBe("validation_failed");
    expect(await code(createReport(officerA, { organisationId: orgA.id, period: "2025-Q5", metric: "OPEN_DATASETS", value: 1 }))).toBe("validation_failed");
    expect(await code(createReport(officerA, { organisationId: orgA.id, period: "1999-Q4", metric: "OPEN_DATASETS", value: 1 }))).toBe("validation_failed");
    expect(await code(createReport(admin, { organisationId: "00000000-0000-4000-8000-000000000000", period, metric: "OPEN_DATASETS", value: 1 }))).toBe("validation_failed");
    expect(await post({ metric: "KPI_IMPROVEMENT", value: -12.5, evidenceUrl: null, note: null })).toBe("ok");
    expect(await post({ metric: "KPI_IMPROVEMENT", value: 3 })).toBe("duplicate");
    expect(await post({ metric: "OPEN_DATASETS", value: 0 })).toBe("ok");
  });

  test("every failing field is named", async () => {
    try {
      await createReport(officerA, { organisationId: "nope", period: "2025-Q9", metric: "SERVICES_ONLINE", numerator: 5, denominator: 0 });
      expect.unreachable();
    } catch (err) {
      const paths = [...new Set(((err as AppError).details ?? []).map((d) => d.path))].sort();
      expect(paths).toEqual(["denominator", "organisationId", "period"]);
    }
  });

  test("10 concurrent creates of one key: exactly one succeeds, the rest are duplicates", async () => {
    const period = quietPeriod();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => code(createReport(officerA, { organisationId: agencyA.id, period, metric: "NEW_DELIVERY_MODELS", value: i }))),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "duplicate")).toHaveLength(9);
    expect(await prisma.metricReport.count({ where: { organisationId: agencyA.id, period, metricCode: "NEW_DELIVERY_MODELS" } })).toBe(1);
  });
});

describe("visibility and permissions", () => {
  test("drafts stay inside their organisation; submitted and approved ones are public", async () => {
    const period = quietPeriod();
    const draft = await createReport(officerA, { organisationId: orgA.id, period, metric: "NEW_DELIVERY_MODELS", value: 2 });
    const agencyDraft = await createReport(officerA, { organisationId: agencyA.id, period, metric: "NEW_DELIVERY_MODELS", value: 1 });
    const pendingB = await createReport(officerB, { organisationId: orgB.id, period, metric: "OPEN_DATASETS", value: 5 });
    await submitReport(officerB, pendingB.id, { version: 1 });

    expect(await code(createReport(officerA, { organisationId: orgB.id, period, metric: "NEW_DELIVERY_MODELS", value: 2 }))).toBe("forbidden");
    expect(await code(createReport(leader, { organisationId: orgA.id, period, metric: "OPEN_DATASETS", value: 2 }))).toBe("forbidden");

    const ids = async (actor: Actor) => (await listReports(actor, { period, pageSize: "200" })).data.map((r) => r.id);
    expect(await ids(officerA)).toEqual(expect.arrayContaining([draft.id, agencyDraft.id, pendingB.id]));
    const seenByB = await ids(officerB);
    expect(seenByB).toContain(pendingB.id);
    expect(seenByB).not.toContain(draft.id);
    expect(seenByB).not.toContain(agencyDraft.id);
    const seenByLeader = await ids(leader);
    expect(seenByLeader).toContain(pendingB.id);
    expect(seenByLeader).not.toContain(draft.id);
    expect(await ids(admin)).toEqual(expect.arrayContaining([draft.id, agencyDraft.id, pendingB.id]));

    expect((await getReport(officerA, draft.id)).id).toBe(draft.id);
    expect(await code(getReport(officerB, draft.id))).toBe("not_found");
    expect(await code(getReport(leader, draft.id))).toBe("not_found");
    expect(await code(getReport(officerA, "not-a-uuid"))).toBe("not_found");
    expect((await getReport(officerA, pendingB.id)).status).toBe("SUBMITTED");

    // not visible answers 404 before any workflow or permission check
    expect(await code(updateReport(officerB, draft.id, { version: 1, value: 9 }))).toBe("not_found");
    expect(await code(submitReport(officerB, draft.id, { version: 1 }))).toBe("not_found");
    expect(await code(rejectReport(leader, draft.id, { version: 1, comment: "x" }))).toBe("not_found");
    // visible but not theirs: 403
    expect(await code(updateReport(officerA, pendingB.id, { version: 2, value: 9 }))).toBe("forbidden");
    expect(await code(submitReport(officerA, pendingB.id, { version: 2 }))).toBe("forbidden");
  });

  test("list filters, paging and sorting", async () => {
    const period = quietPeriod();
    const r1 = await approved(orgB.id, period, "OPEN_DATASETS", { value: 3 }, officerB);
    await createReport(officerB, { organisationId: orgB.id, period, metric: "NEW_DELIVERY_MODELS", value: 1 });
    const page = await listReports(admin, { organisationId: orgB.id, period, status: "APPROVED", pageSize: "1", page: "1" });
    expect(page).toMatchObject({ page: 1, pageSize: 1, total: 1 });
    expect(page.data[0].id).toBe(r1.id);
    const all = await listReports(admin, { organisationId: orgB.id, period, sort: "-metric" });
    expect(all.data.map((r) => r.metric)).toEqual(["OPEN_DATASETS", "NEW_DELIVERY_MODELS"]);
    expect((await listReports(admin, { organisationId: orgB.id, period, metric: "NEW_DELIVERY_MODELS" })).total).toBe(1);
    expect(await code(listReports(admin, { period: "2024-Q9" }))).toBe("validation_failed");
    expect(await code(listReports(admin, { pageSize: "500" }))).toBe("validation_failed");
    expect(await code(listReports(admin, { sort: "password" }))).toBe("validation_failed");
  });
});

describe("UI data", () => {
  test("reporting form: five metrics, current report and last quarter's figure", async () => {
    // an organisation of its own, so no other test's random quarter can collide with this one
    const period = quietPeriodWithPrevious();
    const prev = addQuarters(period, -1);
    const org = await makeOrganisation("MINISTRY");
    const off = await makeActor("OFFICER", org.id);
    await approved(org.id, prev, "OPEN_DATASETS", { value: 8 }, off);
    const cur = await createReport(off, { organisationId: org.id, period, metric: "OPEN_DATASETS", value: 9 });
    const form = await reportingForm(off, org.id, period);
    expect(form).toMatchObject({ organisationId: org.id, period, previousPeriod: prev, canEdit: true });
    expect(form.metrics.map((m) => m.metric)).toEqual(["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"]);
    const od = form.metrics[1];
    expect(od.report?.id).toBe(cur.id);
    expect(od.previous).toMatchObject({ period: prev, value: 8, status: "APPROVED" });
    expect(form.metrics[0]).toMatchObject({ kind: "RATIO", report: null, previous: null });
    // another officer sees the form without the draft, and may not edit
    const other = await reportingForm(officerB, org.id, period);
    expect(other.canEdit).toBe(false);
    expect(other.metrics[1].report).toBeNull();
    expect(other.metrics[1].previous?.value).toBe(8);
    expect(await code(reportingForm(off, org.id, "2024-Q9"))).toBe("validation_failed");
    expect(await code(reportingForm(off, "00000000-0000-4000-8000-000000000000", period))).toBe("not_found");
  });

  test("review queue: submitted reports with the previous quarter's approved figure; leadership and admins only", async () => {
    // an organisation of its own: other tests of this file report for orgB in random quiet quarters
    const period = quietPeriodWithPrevious();
    const org = await makeOrganisation("MINISTRY");
    const off = await makeActor("OFFICER", org.id);
    await approved(org.id, addQuarters(period, -1), "KPI_IMPROVEMENT", { value: 4.5 }, off);
    const r = await createReport(off, { organisationId: org.id, period, metric: "KPI_IMPROVEMENT", value: 7 });
    await submitReport(off, r.id, { version: 1 });
    const r2 = await createReport(off, { organisationId: org.id, period, metric: "OPEN_DATASETS", value: 7 });
    await submitReport(off, r2.id, { version: 1 });
    const q = await reviewQueue(leader, { period, organisationId: org.id });
    expect(q.map((i) => i.report.id)).toEqual([r.id, r2.id]);
    expect(q[0].previous).toEqual({ period: addQuarters(period, -1), value: 4.5 });
    expect(q[0].organisation.id).toBe(org.id);
    expect(q[1].previous).toBeNull();
    expect(await code(reviewQueue(officerB, {}))).toBe("forbidden");
    expect(await code(reviewQueue(admin, { period: "x" }))).toBe("validation_failed");
  });

  test("completeness follows the compliance rule: own reports of ministries and provinces, submitted or approved", async () => {
    const period = quietPeriod();
    const m = await makeOrganisation("MINISTRY");
    const a = await makeOrganisation("AGENCY", m.id);
    const off = await makeActor("OFFICER", m.id);
    await approved(m.id, period, "SERVICES_ONLINE", { numerator: 1, denominator: 2 }, off);
    const s = await createReport(off, { organisationId: m.id, period, metric: "OPEN_DATASETS", value: 1 });
    await submitReport(off, s.id, { version: 1 });
    await createReport(off, { organisationId: m.id, period, metric: "KPI_IMPROVEMENT", value: 1 }); // a draft does not count
    await approved(a.id, period, "NEW_DELIVERY_MODELS", { value: 1 }, off); // the agency does not stand in for its parent
    const c = await completeness(off, period);
    expect(c.missing.filter((x) => x.organisationId === m.id).map((x) => x.metric)).toEqual(["KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"]);
    expect(c.missing.some((x) => x.organisationId === a.id)).toBe(false);
    const row = c.organisations.find((o) => o.organisationId === m.id)!;
    expect(row).toMatchObject({ submitted: 2, approved: 1, expected: 5, missingCount: 3 });
    expect(row.statuses).toEqual({
      SERVICES_ONLINE: "APPROVED",
      OPEN_DATASETS: "SUBMITTED",
      KPI_IMPROVEMENT: "DRAFT",
      SERVICES_NEW_RETIRED: "MISSING",
      NEW_DELIVERY_MODELS: "MISSING",
    });
    expect(c.expected).toBe(c.organisations.length * 5);
    // most missing first
    const counts = c.organisations.map((o) => o.missingCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // a draft the caller may not read is not revealed: it shows as missing
    const seenByLeader = (await completeness(leader, period)).organisations.find((o) => o.organisationId === m.id)!;
    expect(seenByLeader.statuses.KPI_IMPROVEMENT).toBe("MISSING");
    expect(seenByLeader.statuses.OPEN_DATASETS).toBe("SUBMITTED");
    const seenByAdmin = (await completeness(admin, period)).organisations.find((o) => o.organisationId === m.id)!;
    expect(seenByAdmin.statuses.KPI_IMPROVEMENT).toBe("DRAFT");
    const seenByStranger = (await completeness(officerB, period)).organisations.find((o) => o.organisationId === m.id)!;
    expect(seenByStranger.statuses.KPI_IMPROVEMENT).toBe("MISSING");
  });
});

describe("maturity thresholds", () => {
  test("anyone signed in reads them; only admins replace them, whole and valid; audited", async () => {
    const current = await getThresholds(officerA);
    expect(Object.keys(current).sort()).toEqual(["KPI_IMPROVEMENT", "OPEN_DATASETS", "SERVICES_NEW_RETIRED", "SERVICES_ONLINE"]);
    expect(await code(putThresholds(officerA, current))).toBe("forbidden");
    expect(await code(putThresholds(leader, current))).toBe("forbidden");
    expect(await code(putThresholds(admin, { ...current, SERVICES_ONLINE: 150 }))).toBe("validation_failed");
    expect(await code(putThresholds(admin, { ...current, OPEN_DATASETS: 2.5 }))).toBe("validation_failed");
    expect(await code(putThresholds(admin, { ...current, KPI_IMPROVEMENT: -101 }))).toBe("validation_failed");
    expect(await code(putThresholds(admin, { SERVICES_ONLINE: 50 }))).toBe("validation_failed");
    expect(await code(putThresholds(admin, { ...current, extra: 1 }))).toBe("validation_failed");
    // this file's own database starts with the spec's defaults; new values are stored, read back and audited
    expect(current).toEqual({ SERVICES_ONLINE: 50, OPEN_DATASETS: 10, KPI_IMPROVEMENT: 10, SERVICES_NEW_RETIRED: 5 });
    const next = { SERVICES_ONLINE: 40, OPEN_DATASETS: 8, KPI_IMPROVEMENT: -5, SERVICES_NEW_RETIRED: 2.5 };
    const before = await prisma.auditEntry.count({ where: { entityType: "MaturityThresholds", actorId: admin.id } });
    expect(await putThresholds(admin, next)).toEqual(next);
    expect(await getThresholds(leader)).toEqual(next);
    expect(await prisma.auditEntry.count({ where: { entityType: "MaturityThresholds", actorId: admin.id } })).toBe(before + 1);
    await putThresholds(admin, current);
  });

  test("the settings view says who changed them last (admins only)", async () => {
    const current = await getThresholds(admin);
    await putThresholds(admin, current);
    const s = await getThresholdSettings(admin);
    expect(s.thresholds).toEqual(current);
    expect(s.updatedAt).not.toBeNull();
    expect(s.updatedBy).not.toBeNull();
    expect(await code(getThresholdSettings(leader))).toBe("forbidden");
    expect(await code(getThresholdSettings(officerA))).toBe("forbidden");
  });
});
