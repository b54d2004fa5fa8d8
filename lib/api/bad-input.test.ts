import { describe, test, expect, beforeAll } from "vitest";
import path from "node:path";
import { NextRequest } from "next/server";
import { prisma } from "@/lib/server/db";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { makeActor, makeOrganisation } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import { createInitiative } from "@/lib/server/initiatives";
import { createKpi } from "@/lib/server/kpis";

/**
 * Issue 13, point 9: bad input is a 400 naming the field, never a 500 — a NUL character in any string of a body or of
 * a query, dates outside 1900..2100, periods before 2000-Q1. Through the real route handlers and PostgreSQL.
 */
const ROOT = path.resolve(__dirname, "../../app/api/v1");
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function route(rel: string): Promise<Record<string, Handler>> {
  return (await import(path.join(ROOT, rel, "route.ts"))) as Record<string, Handler>;
}

let officer: Actor;
let admin: Actor;
let officerToken: string;
let adminToken: string;
let org: { id: string };
let initiativeId: string;
let kpiId: string;

async function tokenFor(a: Actor): Promise<string> {
  const t = newToken();
  await prisma.apiToken.create({ data: { userId: a.id, tokenHash: hashToken(t), expiresAt: new Date(Date.now() + 3600_000) } });
  return t;
}

async function call(
  rel: string,
  method: string,
  opts: { query?: string; body?: string; token?: string; params?: Record<string, string> } = {},
): Promise<{ status: number; body: { error?: { code: string; details?: { path: string; message: string }[] } } }> {
  const mod = await route(rel);
  const url = `http://localhost/api/v1/${rel}${opts.query ? `?${opts.query}` : ""}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await mod[method](new NextRequest(url, { method, headers, body: opts.body }), { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** The fields named (each once: a field may fail two rules). */
const paths = (r: Awaited<ReturnType<typeof call>>) => [...new Set((r.body.error?.details ?? []).map((d) => d.path))].sort();

function initiativeBody(extra: Record<string, unknown> = {}) {
  return {
    organisationId: org.id,
    title: "Nền tảng tích hợp, chia sẻ dữ liệu",
    buildingBlocks: ["SHARED_DATA"],
    status: "PLANNED",
    currentStage: 1,
    targetStage: 2,
    progress: 0,
    ...extra,
  };
}

beforeAll(async () => {
  org = await makeOrganisation();
  officer = await makeActor("OFFICER", org.id);
  admin = await makeActor("ADMIN");
  officerToken = await tokenFor(officer);
  adminToken = await tokenFor(admin);
  initiativeId = (await createInitiative(officer, initiativeBody())).id;
  kpiId = (
    await createKpi(officer, initiativeId, { name: "Tỷ lệ hồ sơ trực tuyến", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 10, baselinePeriod: "2024-Q1", target: 80, targetPeriod: "2026-Q4" })
  ).id;
});

describe("a NUL character is refused with 400 naming the field, on every door", () => {
  test("in a JSON body: top-level, nested in a list, in a key; beside other bad fields", async () => {
    const r1 = await call("initiatives", "POST", { token: officerToken, body: JSON.stringify(initiativeBody({ title: "Cổng dịch vụ\u0000công" })) });
    expect(r1.status).toBe(400);
    expect(r1.body.error?.code).toBe("validation_failed");
    expect(paths(r1)).toEqual(["title"]);
    expect(r1.body.error?.details?.[0].message).toMatch(/NUL/);

    const r2 = await call("initiatives", "POST", {
      token: officerToken,
      body: JSON.stringify(initiativeBody({ description: "a\u0000", buildingBlocks: ["SHARED_DATA", "ONE_\u0000PORTAL"], progress: 500 })),
    });
    expect(r2.status).toBe(400);
    expect(paths(r2)).toEqual(["buildingBlocks.1", "description", "progress"]);

    const r3 = await call("initiatives", "POST", { token: officerToken, body: JSON.stringify({ ...initiativeBody(), "x\u0000": 1 }) });
    expect(r3.status).toBe(400);
    expect(paths(r3)).toContain("x\\0");
  });

  test("on a PATCH, a report, an organisation and the open sign-in route", async () => {
    const patch = await call("initiatives/[id]", "PATCH", { token: officerToken, params: { id: initiativeId }, body: JSON.stringify({ version: 1, externalRef: "REF\u00001" }) });
    expect([patch.status, paths(patch)]).toEqual([400, ["externalRef"]]);

    const report = await call("metric-reports", "POST", {
      token: officerToken,
      body: JSON.stringify({ organisationId: org.id, period: "2024-Q2", metric: "OPEN_DATASETS", value: 3, note: "ghi chú\u0000" }),
    });
    expect([report.status, paths(report)]).toEqual([400, ["note"]]);

    const organisation = await call("organisations/[id]", "PATCH", { token: adminToken, params: { id: org.id }, body: JSON.stringify({ version: 1, nameVi: "Bộ\u0000" }) });
    expect([organisation.status, paths(organisation)]).toEqual([400, ["nameVi"]]);

    const signIn = await call("auth/token", "POST", { body: JSON.stringify({ email: "a\u0000@example.gov.vn", password: "x" }) });
    expect([signIn.status, paths(signIn)]).toEqual([400, ["email"]]);

    const kpiValue = await call("kpis/[id]/values/[period]", "PUT", { token: officerToken, params: { id: kpiId, period: "2025-Q1" }, body: JSON.stringify({ value: 1, note: "\u0000" }) });
    expect(kpiValue.status).toBe(400);
    // nothing was written
    expect((await prisma.initiative.findUniqueOrThrow({ where: { id: initiativeId } })).version).toBe(1);
  });

  test("in a query parameter (value or name), on lists, the audit log, a dashboard and the open health check", async () => {
    for (const [rel, query, field] of [
      ["initiatives", "q=chinh%00phu", "q"],
      ["initiatives", "organisationId=%00", "organisationId"],
      ["audit", "entityId=abc%00", "entityId"],
      ["audit", "actorEmail=%00", "actorEmail"],
      ["metric-reports", "period=2025-Q1%00", "period"],
      ["dashboard/national", "period=%00", "period"],
      ["initiatives/export.csv", "q=%00", "q"],
      ["initiatives", "a%00b=1", "a\\0b"],
    ] as const) {
      const r = await call(rel, "GET", { token: officerToken, query });
      expect([rel, query, r.status, r.body.error?.code, paths(r)]).toEqual([rel, query, 400, "validation_failed", [field]]);
    }
    const health = await call("health", "GET", { query: "x=%00" });
    expect(health.status).toBe(400);
  });
});

describe("dates need a year from 1900 to 2100, periods start at 2000-Q1", () => {
  test("initiative dates", async () => {
    for (const [d, ok] of [
      ["0001-01-01", false],
      ["1899-12-31", false],
      ["1900-01-01", true],
      ["2100-12-31", true],
      ["2101-01-01", false],
      ["9999-12-31", false],
    ] as const) {
      const r = await call("initiatives", "POST", { token: officerToken, body: JSON.stringify(initiativeBody({ startDate: d, endDate: ok ? "2100-12-31" : null })) });
      expect([d, r.status, ok ? [] : paths(r)]).toEqual([d, ok ? 201 : 400, ok ? [] : ["startDate"]]);
    }
    const patch = await call("initiatives/[id]", "PATCH", { token: officerToken, params: { id: initiativeId }, body: JSON.stringify({ version: 1, endDate: "2101-01-01" }) });
    expect([patch.status, paths(patch)]).toEqual([400, ["endDate"]]);
    const audit = await call("audit", "GET", { token: adminToken, query: "from=0001-01-01&to=2101-01-01" });
    expect([audit.status, paths(audit)]).toEqual([400, ["from", "to"]]);
  });

  test("periods in queries, bodies and paths", async () => {
    for (const [rel, query, field] of [
      ["dashboard/national", "period=0000-Q1", "period"],
      ["dashboard/national", "period=1999-Q4", "period"],
      ["dashboard/targets", "period=1999-Q4", "period"],
      ["dashboard/attention", "period=0000-Q1", "period"],
      ["dashboard/trend", "metric=OPEN_DATASETS&from=1999-Q4&to=2000-Q2", "from"],
      ["metric-reports", "period=0000-Q1", "period"],
      ["dashboard/ranking.csv", "period=1999-Q1", "period"],
      ["dashboard/completeness.csv", "period=0000-Q4", "period"],
    ] as const) {
      const r = await call(rel, "GET", { token: officerToken, query });
      expect([rel, query, r.status, paths(r)]).toEqual([rel, query, 400, [field]]);
    }
    const ok = await call("dashboard/national", "GET", { token: officerToken, query: "period=2000-Q1" });
    expect(ok.status).toBe(200);

    const kpi = await call("initiatives/[id]/kpis", "POST", {
      token: officerToken,
      params: { id: initiativeId },
      body: JSON.stringify({ name: "Số dịch vụ", unit: "dv", direction: "HIGHER_IS_BETTER", baseline: 1, baselinePeriod: "1999-Q4", target: 5, targetPeriod: "0000-Q1" }),
    });
    expect([kpi.status, paths(kpi)]).toEqual([400, ["baselinePeriod", "targetPeriod"]]);

    const targets = await call("national-targets", "PUT", {
      token: adminToken,
      body: JSON.stringify([{ metric: "OPEN_DATASETS", baseline: 1, baselinePeriod: "1999-Q4", target: 9, targetPeriod: "2030-Q4" }]),
    });
    expect([targets.status, paths(targets)]).toEqual([400, ["0.baselinePeriod"]]);

    const del = await call("kpis/[id]/values/[period]", "DELETE", { token: officerToken, params: { id: kpiId, period: "0000-Q1" } });
    expect([del.status, paths(del)]).toEqual([400, ["period"]]);
    const put = await call("kpis/[id]/values/[period]", "PUT", { token: officerToken, params: { id: kpiId, period: "1999-Q4" }, body: JSON.stringify({ value: 3 }) });
    expect([put.status, paths(put)]).toEqual([400, ["period"]]);
  });
});
