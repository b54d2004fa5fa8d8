import { mkdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { test, expect, account, apiToken, signIn, type DemoAccount } from "./fixtures";

// Screenshots for a person to look at: SCREENS=1 writes them under .data/screens/ (never committed).
const SCREENS = !!process.env.SCREENS;
async function shoot(page: Page, name: string) {
  if (!SCREENS) return;
  mkdirSync(".data/screens", { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `.data/screens/reports-${name}-${width}.png`, fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `.data/screens/reports-${name}-${width}-top.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The quarter `n` quarters from the current one (UTC, as the server counts); -1 is the previous quarter (the page itself opens on the quarter that is due, e2e/notifications.spec.ts). */
function quarterFromNow(n: number, now = new Date()): string {
  const i = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) + n;
  return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;
}

async function asUser(browser: Browser, who: DemoAccount, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who, path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
  return page;
}

const rand = () => Math.random().toString(36).slice(2, 8).toUpperCase();

test("an officer reports a quarter; leadership rejects one, the officer corrects it, leadership approves; others never see the draft", async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const period = quarterFromNow(-1);
  const [y, q] = period.split("-Q");
  const quarterVi = `Quý ${q}/${y}`;

  // an organisation and officer of our own: the demo data leaves them empty
  const admin = await apiToken(request, account("ADMIN"));
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const code = `E2E_${rand()}`;
  const orgName = `Sở Thử nghiệm ${code}`;
  const orgRes = await request.post("/api/v1/organisations", { headers: auth(admin), data: { code, nameVi: orgName, nameEn: `Test Department ${code}`, kind: "PROVINCE" } });
  expect(orgRes.status()).toBe(201);
  const org = await orgRes.json();
  const officer: DemoAccount = { role: "OFFICER", email: `canbo.${code.toLowerCase()}@example.gov.vn`, password: "E2e-Password-2026!" };
  const userRes = await request.post("/api/v1/users", {
    headers: auth(admin),
    data: { email: officer.email, name: "Cán bộ E2E", role: "OFFICER", organisationId: org.id, password: officer.password, mustChangeCredentials: false },
  });
  expect(userRes.status()).toBe(201);
  const officerToken = await apiToken(request, officer);
  // an initiative with a KPI, to report its value beside the metrics
  const initRes = await request.post("/api/v1/initiatives", {
    headers: auth(officerToken),
    data: { organisationId: org.id, title: "Xử lý hồ sơ trực tuyến E2E", buildingBlocks: ["ONE_PORTAL"], status: "IN_PROGRESS", currentStage: 1, targetStage: 2, progress: 20 },
  });
  expect(initRes.status()).toBe(201);
  const kpiRes = await request.post(`/api/v1/initiatives/${(await initRes.json()).id}/kpis`, {
    headers: auth(officerToken),
    data: { name: "Tỷ lệ hồ sơ xử lý đúng hạn", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 60, baselinePeriod: quarterFromNow(-5), target: 90, targetPeriod: quarterFromNow(3) },
  });
  expect(kpiRes.status()).toBe(201);
  const kpiId = (await kpiRes.json()).id;

  // --- the officer fills the quarter -------------------------------------------------------------------------
  const op = await asUser(browser, officer, `/reports?period=${period}`);
  await expect(op.getByRole("heading", { level: 1 })).toHaveText("Báo cáo chỉ số quý");
  await expect(op.getByRole("heading", { level: 2, name: `${orgName} · ${quarterVi}` })).toBeVisible();
  await expect(op.getByLabel("Quý", { exact: true })).toHaveValue(period);

  // the KPI beside the metrics: a value for the quarter, and its rating at once
  const kpi = op.getByTestId(`kpi-${kpiId}`);
  await expect(kpi).toContainText("Tỷ lệ hồ sơ xử lý đúng hạn");
  await expect(kpi).toContainText("Chưa đủ dữ liệu");
  await kpi.getByLabel(`Giá trị ${quarterVi} (%)`).fill("70");
  await kpi.getByRole("button", { name: "Lưu" }).click();
  await expect(kpi).toContainText("Cần đẩy nhanh");
  await kpi.getByLabel(`Giá trị ${quarterVi} (%)`).fill("80");
  await kpi.getByRole("button", { name: "Lưu" }).click();
  await expect(kpi).toContainText("Đúng tiến độ");
  await expect(kpi.getByRole("status")).toHaveText("Đã lưu; xếp loại đã cập nhật.");

  const so = op.getByTestId("metric-SERVICES_ONLINE");
  await expect(so.getByText("Số thủ tục hành chính được cung cấp trực tuyến toàn trình chia cho tổng số")).toBeVisible();
  await expect(so.getByTestId("status-SERVICES_ONLINE")).toHaveText("Chưa nhập");
  await expect(so.getByTestId("previous-SERVICES_ONLINE")).toContainText("chưa có số liệu");
  // the percentage as they type, and a per-field error from the rules
  await so.getByLabel("Số dịch vụ công trực tuyến toàn trình").fill("250");
  await so.getByLabel("Tổng số thủ tục hành chính").fill("200");
  await expect(so.getByTestId("computed-SERVICES_ONLINE")).toContainText("125 %");
  await so.getByLabel("Đường dẫn minh chứng").fill("ftp://example.gov.vn/x");
  await so.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(so.getByTestId("SERVICES_ONLINE-numerator-error")).toHaveText("Không được lớn hơn tổng số (mẫu số).");
  await expect(so.getByTestId("SERVICES_ONLINE-evidenceUrl-error")).toHaveText("Phải là đường dẫn bắt đầu bằng http:// hoặc https://.");
  await expect(so.getByLabel("Số dịch vụ công trực tuyến toàn trình")).toHaveAttribute("aria-invalid", "true");
  await so.getByLabel("Số dịch vụ công trực tuyến toàn trình").fill("90");
  await so.getByLabel("Đường dẫn minh chứng").fill("https://dichvucong.example.gov.vn/thong-ke");
  await expect(so.getByTestId("computed-SERVICES_ONLINE")).toContainText("45 %");
  await so.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(so.getByTestId("notice-SERVICES_ONLINE")).toHaveText("Đã lưu nháp.");
  await expect(so.getByTestId("status-SERVICES_ONLINE")).toHaveText("Bản nháp");

  const fill = async (metric: string, label: string, value: string, save = true) => {
    const card = op.getByTestId(`metric-${metric}`);
    await card.getByLabel(label, { exact: true }).fill(value);
    if (save) {
      await card.getByRole("button", { name: "Lưu nháp" }).click();
      await expect(card.getByTestId(`status-${metric}`)).toHaveText("Bản nháp");
    }
  };
  await fill("OPEN_DATASETS", "Số lượng", "12");
  await fill("KPI_IMPROVEMENT", "Mức cải thiện (%)", "85");
  await fill("SERVICES_NEW_RETIRED", "Số dịch vụ mới ra mắt hoặc đã dừng trong quý", "6", false);
  await fill("SERVICES_NEW_RETIRED", "Tổng số dịch vụ", "120");
  // the last one is left unsaved: "submit all" saves it first
  await fill("NEW_DELIVERY_MODELS", "Số lượng", "2", false);

  // the drafts are the officer's alone: another organisation's officer never sees them
  const list = await request.get(`/api/v1/metric-reports?organisationId=${org.id}&period=${period}`, { headers: auth(officerToken) });
  const drafts: { id: string; metric: string; status: string }[] = (await list.json()).data;
  expect(drafts.map((d) => d.status)).toEqual(["DRAFT", "DRAFT", "DRAFT", "DRAFT"]);
  // another organisation's officer (this worker's province)
  const hanoi = account("OFFICER", 1);
  const hanoiToken = await apiToken(request, hanoi);
  for (const d of drafts) expect((await request.get(`/api/v1/metric-reports/${d.id}`, { headers: auth(hanoiToken) })).status()).toBe(404);
  expect((await (await request.get(`/api/v1/metric-reports?organisationId=${org.id}&period=${period}`, { headers: auth(hanoiToken) })).json()).total).toBe(0);
  const hp = await asUser(browser, hanoi, `/reports?period=${period}`);
  await expect(hp.locator("#metrics-title")).toContainText(quarterVi);
  await expect(hp.locator("#metrics-title")).not.toContainText(orgName);
  await expect(hp.getByRole("option", { name: orgName })).toHaveCount(0);
  await hp.goto(`/reports?organisationId=${org.id}&period=${period}`);
  await expect(hp.getByText(orgName)).toHaveCount(0);
  await expect(hp.getByRole("heading", { level: 1 })).not.toHaveText("Báo cáo chỉ số quý");

  // submit all
  await op.getByRole("button", { name: "Nộp tất cả (5)" }).click();
  await op.getByRole("button", { name: "Xác nhận nộp" }).click();
  await expect(op.getByTestId("submit-results").getByRole("listitem")).toHaveCount(5);
  await expect(op.getByTestId("submit-results")).not.toContainText("Đã có lỗi");
  for (const m of ["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"]) {
    await expect(op.getByTestId(`status-${m}`)).toHaveText("Đã nộp, chờ duyệt");
  }
  await expect(op.getByTestId("figure-SERVICES_ONLINE")).toHaveText("45 % (90/200)");
  await expect(op.getByRole("button", { name: /Nộp tất cả/ })).toBeDisabled();

  const all: { id: string; metric: string }[] = (await (await request.get(`/api/v1/metric-reports?organisationId=${org.id}&period=${period}`, { headers: auth(officerToken) })).json()).data;
  const idOf = (metric: string) => all.find((r) => r.metric === metric)!.id;

  // --- leadership rejects one with a comment ------------------------------------------------------------------
  const lp = await asUser(browser, account("LEADERSHIP"), `/review?period=${period}`);
  await expect(lp.getByRole("heading", { level: 1 })).toHaveText("Duyệt báo cáo quý");
  await expect(lp.getByTestId("jump-rule")).toContainText("50%");
  const group = lp.getByTestId("review-group").filter({ has: lp.getByRole("heading", { name: `${orgName} · ${quarterVi}` }) });
  await expect(group.getByRole("row")).toHaveCount(6);
  await shoot(lp, "review");
  const kpiRow = group.getByTestId(`review-row-${idOf("KPI_IMPROVEMENT")}`);
  await kpiRow.getByRole("button", { name: /^Trả lại/ }).click();
  await group.getByRole("button", { name: "Xác nhận trả lại" }).click();
  await expect(group.getByTestId("reject-comment-error")).toHaveText("Vui lòng ghi nhận xét khi trả lại báo cáo.");
  await group.getByLabel(/^Lý do trả lại/).fill("Mức cải thiện 85% quá cao, cần minh chứng.");
  await group.getByRole("button", { name: "Xác nhận trả lại" }).click();
  await expect(kpiRow.getByTestId("row-result")).toHaveText("Bị trả lại");

  // --- the officer sees the comment, corrects and resubmits ---------------------------------------------------
  await op.reload();
  const kpiCard = op.getByTestId("metric-KPI_IMPROVEMENT");
  await expect(kpiCard.getByTestId("status-KPI_IMPROVEMENT")).toHaveText("Bị trả lại");
  await expect(kpiCard.getByTestId("review-comment-KPI_IMPROVEMENT")).toContainText("Mức cải thiện 85% quá cao, cần minh chứng.");
  await shoot(op, "reports");
  await kpiCard.getByLabel("Mức cải thiện (%)").fill("18,5");
  await kpiCard.getByLabel("Đường dẫn minh chứng").fill("https://example.gov.vn/bao-cao-kpi.pdf");
  await kpiCard.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(kpiCard.getByTestId("status-KPI_IMPROVEMENT")).toHaveText("Bản nháp");
  await op.getByRole("button", { name: "Nộp tất cả (1)" }).click();
  await op.getByRole("button", { name: "Xác nhận nộp" }).click();
  await expect(kpiCard.getByTestId("status-KPI_IMPROVEMENT")).toHaveText("Đã nộp, chờ duyệt");

  // --- leadership approves the group at once ------------------------------------------------------------------
  await lp.reload();
  await expect(group.getByRole("row")).toHaveCount(6);
  await group.getByLabel("Chọn cả nhóm").check();
  await expect(lp.getByTestId("selected-count")).toHaveText("Đã chọn 5 báo cáo");
  // bulk reject needs the comment
  await lp.getByRole("button", { name: "Trả lại các báo cáo đã chọn (5)" }).click();
  await expect(lp.getByTestId("bulk-comment-error")).toHaveText("Vui lòng ghi nhận xét khi trả lại báo cáo.");
  // someone else acts first on one of them: that one fails with a conflict, the others go through
  const leaderToken = await apiToken(request, account("LEADERSHIP"));
  const cur = await (await request.get(`/api/v1/metric-reports/${idOf("OPEN_DATASETS")}`, { headers: auth(leaderToken) })).json();
  expect((await request.post(`/api/v1/metric-reports/${cur.id}/approve`, { headers: auth(leaderToken), data: { version: cur.version } })).status()).toBe(200);
  await lp.getByRole("button", { name: "Duyệt các báo cáo đã chọn (5)" }).click();
  await expect(lp.getByTestId("bulk-summary")).toHaveText("Đã duyệt 4 báo cáo; 1 báo cáo không xử lý được.");
  await expect(group.getByTestId(`review-row-${idOf("OPEN_DATASETS")}`).getByTestId("row-result")).toContainText("409");
  await expect(group.getByTestId(`review-row-${idOf("KPI_IMPROVEMENT")}`).getByTestId("row-result")).toHaveText("Đã duyệt");

  // --- all approved, as the officer and the completeness table see it ----------------------------------------
  await op.reload();
  for (const m of ["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"]) {
    await expect(op.getByTestId(`status-${m}`)).toHaveText("Đã duyệt");
  }
  await op.goto(`/completeness?period=${period}`);
  const row = op.getByTestId(`completeness-${code}`);
  await expect(row.getByRole("cell").nth(0)).toHaveText("0");
  await expect(row.getByText("Đã duyệt")).toHaveCount(5);
  await expect(op.getByRole("link", { name: "Tải bảng CSV" })).toHaveAttribute("download", `completeness-${period}.csv`);
});

test("completeness: a new province shows five missing reports, most missing first", async ({ page, request }) => {
  const admin = await apiToken(request, account("ADMIN"));
  const code = `E2E_${rand()}`;
  const res = await request.post("/api/v1/organisations", {
    headers: { authorization: `Bearer ${admin}` },
    data: { code, nameVi: `Tỉnh Thử nghiệm ${code}`, nameEn: `Test Province ${code}`, kind: "PROVINCE" },
  });
  expect(res.status()).toBe(201);
  await signIn(page, account("LEADERSHIP"), "/completeness");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tình hình báo cáo quý");
  const row = page.getByTestId(`completeness-${code}`);
  await expect(row.getByRole("cell").nth(0)).toHaveText("5");
  await expect(row.getByText("Chưa nộp")).toHaveCount(5);
  // sorted by missing count: the first row misses at least as many as ours
  const first = page.locator("tbody tr").first().getByRole("cell").nth(0);
  await expect(first).toHaveText("5");
  await shoot(page, "completeness");
});

test("maturity thresholds: admins edit them with field errors; others are not allowed", async ({ page }) => {
  await signIn(page, account("OFFICER"), "/admin/settings");
  await expect(page.getByTestId("not-allowed")).toBeVisible();
  await expect(page.getByLabel(/Để lên giai đoạn 2/)).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, account("ADMIN"), "/admin/settings");
  await expect(page.getByRole("heading", { level: 2, name: "Ngưỡng giai đoạn trưởng thành" })).toBeVisible();
  await expect(page.getByText("giai đoạn = 1 + số ngưỡng liên tiếp")).toBeVisible();
  const online = page.getByLabel(/Để lên giai đoạn 2/);
  const datasets = page.getByLabel(/Để lên giai đoạn 3/);
  const original = [await online.inputValue(), await datasets.inputValue()];
  await online.fill("150");
  // a decimal where a whole number is asked is refused before sending (Vietnamese number inputs) …
  await datasets.fill("2,5");
  await page.getByRole("button", { name: "Lưu ngưỡng" }).click();
  await expect(page.getByTestId("threshold-OPEN_DATASETS-error")).toHaveText("Cần một số nguyên, không có phần thập phân (ví dụ 1.000.000).");
  // … and the API's rule names the other field
  await datasets.fill(original[1]);
  await page.getByRole("button", { name: "Lưu ngưỡng" }).click();
  await expect(page.getByTestId("threshold-SERVICES_ONLINE-error")).toHaveText("Không được lớn hơn 100.");
  await shoot(page, "settings");
  // the same values back (other specs read the thresholds): saved and audited
  await online.fill(original[0]);
  await datasets.fill(original[1]);
  await page.getByRole("button", { name: "Lưu ngưỡng" }).click();
  await expect(page.getByTestId("thresholds-message")).toHaveText("Đã lưu ngưỡng; thay đổi đã được ghi nhật ký.");
});

test("the reporting page of a demo organisation (screens only)", async ({ page }) => {
  test.skip(!SCREENS, "screenshots only");
  await signIn(page, account("OFFICER"), `/reports?period=${quarterFromNow(0)}`);
  await expect(page.locator("#metrics-title")).toBeVisible();
  await shoot(page, "demo-officer");
  await page.goto(`/reports?period=${quarterFromNow(-1)}`);
  await shoot(page, "demo-officer-previous");
});
