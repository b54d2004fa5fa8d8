import type { APIRequestContext } from "@playwright/test";
import { test, expect, account, apiToken, signIn } from "./fixtures";

// Officer A (this worker's ministry) against the data of officer B's organisation (this worker's province), by UI and
// by crafted requests.
const officerA = () => account("OFFICER", 0);
const officerB = () => account("OFFICER", 1);

interface Fixture {
  tokenA: string;
  tokenB: string;
  orgA: string;
  orgB: string;
  initiativeB: { id: string; version: number };
  draftB: { id: string; version: number };
  kpiB: { id: string; version: number };
  officerB: { id: string; version: number };
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const currentPeriod = () => {
  const d = new Date();
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

async function setUp(request: APIRequestContext): Promise<Fixture> {
  const a = officerA();
  const b = officerB();
  const tokenA = await apiToken(request, a);
  const tokenB = await apiToken(request, b);
  const meA = await (await request.get("/api/v1/me", { headers: bearer(tokenA) })).json();
  const meB = await (await request.get("/api/v1/me", { headers: bearer(tokenB) })).json();
  const ini = await request.post("/api/v1/initiatives", {
    headers: bearer(tokenB),
    data: { organisationId: meB.organisationId, title: `Sáng kiến riêng của B ${Date.now()}`, buildingBlocks: ["ONE_PORTAL"], status: "PLANNED", currentStage: 1, targetStage: 2, progress: 0 },
  });
  expect(ini.status()).toBe(201);
  const initiativeB = await ini.json();
  const year = 2000 + Math.floor(Math.random() * 15);
  const rep = await request.post("/api/v1/metric-reports", {
    headers: bearer(tokenB),
    data: { organisationId: meB.organisationId, period: `${year}-Q${1 + Math.floor(Math.random() * 4)}`, metric: "OPEN_DATASETS", value: 7 },
  });
  expect(rep.status()).toBe(201);
  const draftB = await rep.json();
  const kpi = await request.post(`/api/v1/initiatives/${initiativeB.id}/kpis`, {
    headers: bearer(tokenB),
    data: { name: "Tỷ lệ hồ sơ trực tuyến", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 10, baselinePeriod: "2024-Q1", target: 50, targetPeriod: "2027-Q4" },
  });
  expect(kpi.status()).toBe(201);
  return { tokenA, tokenB, orgA: meA.organisationId, orgB: meB.organisationId, initiativeB, draftB, kpiB: await kpi.json(), officerB: meB };
}

test.describe.configure({ mode: "serial" });
let f: Fixture;

test.beforeAll(async ({ request }) => {
  f = await setUp(request);
});

test("by crafted request: officer A can neither read B's drafts nor change B's data", async ({ request }) => {
  const A = bearer(f.tokenA);
  const expectStatus = async (p: Promise<{ status(): number; text(): Promise<string> }>, allowed: number[], what: string) => {
    const res = await p;
    expect(allowed, `${what}: ${res.status()} ${await res.text()}`).toContain(res.status());
  };

  // drafts: invisible (404), never listed
  await expectStatus(request.get(`/api/v1/metric-reports/${f.draftB.id}`, { headers: A }), [404], "read B's draft");
  const listed = await (await request.get(`/api/v1/metric-reports?organisationId=${f.orgB}&status=DRAFT`, { headers: A })).json();
  expect(listed.data.map((r: { id: string }) => r.id)).not.toContain(f.draftB.id);
  await expectStatus(request.patch(`/api/v1/metric-reports/${f.draftB.id}`, { headers: A, data: { version: f.draftB.version, value: 99 } }), [403, 404], "edit B's draft");
  await expectStatus(request.post(`/api/v1/metric-reports/${f.draftB.id}/submit`, { headers: A, data: { version: f.draftB.version } }), [403, 404], "submit B's draft");
  await expectStatus(request.post(`/api/v1/metric-reports/${f.draftB.id}/approve`, { headers: A, data: { version: f.draftB.version } }), [403, 404], "approve B's draft");
  await expectStatus(
    request.post("/api/v1/metric-reports", { headers: A, data: { organisationId: f.orgB, period: "2016-Q1", metric: "OPEN_DATASETS", value: 1 } }),
    [403],
    "report for B",
  );

  // initiatives: readable (published), never writable
  await expectStatus(request.get(`/api/v1/initiatives/${f.initiativeB.id}`, { headers: A }), [200], "read B's initiative");
  await expectStatus(request.patch(`/api/v1/initiatives/${f.initiativeB.id}`, { headers: A, data: { version: f.initiativeB.version, title: "Bị sửa trái phép" } }), [403], "edit B's initiative");
  await expectStatus(request.delete(`/api/v1/initiatives/${f.initiativeB.id}?version=${f.initiativeB.version}`, { headers: A }), [403], "archive B's initiative");
  await expectStatus(
    request.post("/api/v1/initiatives", { headers: A, data: { organisationId: f.orgB, title: "Sáng kiến giả mạo", buildingBlocks: ["ONE_PORTAL"], status: "PLANNED", currentStage: 1, targetStage: 1, progress: 0 } }),
    [403],
    "initiative for B",
  );
  await expectStatus(
    request.patch(`/api/v1/initiatives/${f.initiativeB.id}`, { headers: A, data: { version: f.initiativeB.version, organisationId: f.orgA } }),
    [403],
    "move B's initiative",
  );
  await expectStatus(request.get(`/api/v1/initiatives/${f.initiativeB.id}/history`, { headers: A }), [403, 404], "B's history");
  await expectStatus(
    request.post("/api/v1/initiatives/import", { headers: { ...A, "content-type": "text/csv" }, data: `organisationCode,title,status,buildingBlocks,currentStage,targetStage,progress\n${officerB().organisationCode},Nhập trái phép,PLANNED,ONE_PORTAL,1,1,0\n` }),
    [400, 403],
    "import into B",
  );

  // KPIs follow the initiative
  await expectStatus(
    request.post(`/api/v1/initiatives/${f.initiativeB.id}/kpis`, { headers: A, data: { name: "KPI giả mạo", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 1, baselinePeriod: "2024-Q1", target: 2, targetPeriod: "2026-Q4" } }),
    [403],
    "KPI on B's initiative",
  );
  await expectStatus(request.patch(`/api/v1/kpis/${f.kpiB.id}`, { headers: A, data: { version: f.kpiB.version, name: "Bị sửa" } }), [403], "edit B's KPI");
  await expectStatus(request.put(`/api/v1/kpis/${f.kpiB.id}/values/${currentPeriod()}`, { headers: A, data: { value: 5 } }), [403], "value of B's KPI");
  await expectStatus(request.delete(`/api/v1/kpis/${f.kpiB.id}?version=${f.kpiB.version}`, { headers: A }), [403], "delete B's KPI");

  // users, organisations, thresholds, national targets: admin only
  await expectStatus(request.get("/api/v1/users", { headers: A }), [403], "list users");
  await expectStatus(request.patch(`/api/v1/users/${f.officerB.id}`, { headers: A, data: { version: f.officerB.version, active: false } }), [403], "deactivate B");
  await expectStatus(request.post("/api/v1/users", { headers: A, data: { email: `x${Date.now()}@e2e.gov.vn`, name: "X", role: "ADMIN", password: "Mot-mat-khau-dai-2026" } }), [403], "create an admin");
  await expectStatus(request.post("/api/v1/organisations", { headers: A, data: { code: `X_${Date.now()}`, nameVi: "Cục giả", nameEn: "Fake", kind: "AGENCY", parentId: f.orgA } }), [403], "create organisation");
  const orgB = await (await request.get(`/api/v1/organisations/${f.orgB}`, { headers: A })).json();
  await expectStatus(request.patch(`/api/v1/organisations/${f.orgB}`, { headers: A, data: { version: orgB.version, nameEn: "Hacked" } }), [403], "rename B");
  await expectStatus(request.put("/api/v1/maturity-thresholds", { headers: A, data: { SERVICES_ONLINE: 1, OPEN_DATASETS: 1, KPI_IMPROVEMENT: 1, SERVICES_NEW_RETIRED: 1 } }), [403], "thresholds");
  await expectStatus(request.put("/api/v1/national-targets", { headers: A, data: [] }), [403], "national targets");

  // the audit log: B's entries stay out of A's reach
  const audit = await (await request.get(`/api/v1/audit?organisationId=${f.orgB}`, { headers: A })).json();
  expect(audit.total).toBe(0);
  const own = await (await request.get(`/api/v1/audit?entityId=${f.initiativeB.id}`, { headers: A })).json();
  expect(own.total).toBe(0);

  // nothing changed
  const B = bearer(f.tokenB);
  const ini = await (await request.get(`/api/v1/initiatives/${f.initiativeB.id}`, { headers: B })).json();
  expect(ini.version).toBe(f.initiativeB.version);
  expect(ini.archivedAt).toBeNull();
  const rep = await (await request.get(`/api/v1/metric-reports/${f.draftB.id}`, { headers: B })).json();
  expect(rep).toMatchObject({ version: f.draftB.version, status: "DRAFT", value: 7 });
  const kpi = await (await request.get(`/api/v1/kpis/${f.kpiB.id}`, { headers: B })).json();
  expect(kpi.version).toBe(f.kpiB.version);
  expect((await request.get("/api/v1/me", { headers: B })).status()).toBe(200);
});

test("by UI: officer A sees no edit buttons for B and direct URLs of B's edit screens refuse", async ({ page }) => {
  await signIn(page, officerA());
  const editLike = /^(Sửa|Chỉnh sửa|Lưu|Lưu trữ|Gửi duyệt|Phê duyệt|Xóa|Tạo|Thêm|Edit|Save|Archive|Submit|Delete|Create|New)\b/;
  for (const url of ["/admin/users", "/admin/organisations", "/admin/targets"]) {
    const res = await page.goto(url);
    expect(res!.status(), url).toBe(404);
  }
  // the thresholds screen answers with a "not allowed" message instead: no form either way
  await page.goto("/admin/settings");
  await expect(page.getByRole("main").getByRole("button", { name: editLike })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("spinbutton")).toHaveCount(0);
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(nav.getByRole("link", { name: "Tài khoản" })).toHaveCount(0);

  // B's initiative may be read, but offers no way to change it
  const view = await page.goto(`/initiatives/${f.initiativeB.id}`);
  if (view!.status() === 200) {
    await expect(page.getByRole("main").getByRole("button", { name: editLike })).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("link", { name: editLike })).toHaveCount(0);
  }
  for (const url of [`/initiatives/${f.initiativeB.id}/edit`, `/reports/${f.draftB.id}`, `/reports/${f.draftB.id}/edit`]) {
    const res = await page.goto(url);
    const refused = res!.status() === 403 || res!.status() === 404;
    const noForm = (await page.getByRole("main").getByRole("button", { name: editLike }).count()) === 0;
    expect(refused || noForm, `${url} answered ${res!.status()} with edit controls`).toBe(true);
  }
  // the draft's figures never reach the page
  await page.goto(`/reports/${f.draftB.id}`);
  await expect(page.getByText(f.draftB.id)).toHaveCount(0);
});
