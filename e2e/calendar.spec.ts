import { mkdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { test, expect, account, apiToken, signIn, type DemoAccount } from "./fixtures";

// SCREENS=1 writes screenshots under .data/screens/ for a person to look at (never committed).
const SCREENS = !!process.env.SCREENS;
async function shoot(page: Page, name: string) {
  if (!SCREENS) return;
  mkdirSync(".data/screens", { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `.data/screens/calendar-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

function quarterFromNow(n: number, now = new Date()): string {
  const i = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) + n;
  return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;
}

async function asUser(browser: Browser, who: DemoAccount, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who, path);
  return page;
}

const rand = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

test("an officer types 34,5 and 34,5 % is saved; 34.5 is refused with the hint; a warning asks for a note; the reviewer sees it", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const period = quarterFromNow(-1);
  const before = quarterFromNow(-2);
  const admin = await apiToken(request, account("ADMIN"));
  const code = `E2E_${rand()}`;
  const org = await (await request.post("/api/v1/organisations", { headers: auth(admin), data: { code, nameVi: `Sở Thử nghiệm ${code}`, nameEn: `Test Department ${code}`, kind: "PROVINCE" } })).json();
  const officer: DemoAccount = { role: "OFFICER", email: `canbo.${code.toLowerCase()}@example.gov.vn`, password: "E2e-Password-2026!" };
  expect((await request.post("/api/v1/users", { headers: auth(admin), data: { email: officer.email, name: "Cán bộ E2E", role: "OFFICER", organisationId: org.id, password: officer.password, mustChangeCredentials: false } })).status()).toBe(201);
  const officerToken = await apiToken(request, officer);
  // last quarter's open datasets: 1.200 (a running total)
  expect((await request.post("/api/v1/metric-reports", { headers: auth(officerToken), data: { organisationId: org.id, period: before, metric: "OPEN_DATASETS", value: 1200 } })).status()).toBe(201);

  const op = await asUser(browser, officer, `/reports?period=${period}`);
  // the quarter's due date, counted in days
  await expect(op.getByTestId("due-date")).toContainText(/Hạn nộp \d{2}\/\d{2}\/\d{4} — (còn \d+ ngày|quá hạn \d+ ngày|hôm nay là hạn cuối)/);

  const kpi = op.getByTestId("metric-KPI_IMPROVEMENT");
  const input = kpi.getByLabel("Mức cải thiện (%)", { exact: true });
  await expect(input).toHaveAttribute("type", "text");
  await expect(input).toHaveAttribute("inputmode", "decimal");
  // the English way in the Vietnamese UI: refused, saying how to write it
  await input.fill("34.5");
  await kpi.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(kpi.getByTestId("KPI_IMPROVEMENT-value-error")).toHaveText(/dấu phẩy trước phần thập phân \(34,5\)/);
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(kpi.getByTestId("status-KPI_IMPROVEMENT")).toHaveText("Chưa nhập");
  await input.fill("34,5");
  await kpi.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(kpi.getByTestId("notice-KPI_IMPROVEMENT")).toHaveText("Đã lưu nháp.");
  await expect(input).toHaveValue("34,5");
  const saved = (await (await request.get(`/api/v1/metric-reports?organisationId=${org.id}&period=${period}&metric=KPI_IMPROVEMENT`, { headers: auth(officerToken) })).json()).data[0];
  expect(saved.value).toBe(34.5);

  // 400 open datasets after last quarter's 1.200: a running total that fell by two thirds → two warnings, which do not block
  const od = op.getByTestId("metric-OPEN_DATASETS");
  await od.getByLabel("Số lượng", { exact: true }).fill("400");
  await expect(od.getByTestId("warnings-OPEN_DATASETS")).toContainText("Thấp hơn quý trước (1.200)");
  await expect(od.getByTestId("warnings-OPEN_DATASETS")).toContainText("hơn 50 %");
  await shoot(op, "warnings");
  // submitting anyway asks for a note first
  await op.getByRole("button", { name: "Nộp tất cả (2)" }).click();
  await expect(op.getByTestId("note-needed")).toBeVisible();
  await expect(od.getByTestId("OPEN_DATASETS-note-error")).toHaveText("Số liệu có cảnh báo: ghi chú lý do để vẫn nộp.");
  await od.getByLabel("Ghi chú", { exact: true }).fill("Rà soát lại danh mục, loại bỏ bộ dữ liệu trùng lặp.");
  await op.getByRole("button", { name: "Nộp tất cả (2)" }).click();
  await op.getByRole("button", { name: "Xác nhận nộp" }).click();
  await expect(op.getByTestId("submit-results")).toContainText("Đã nộp");
  await expect(kpi.getByTestId("figure-KPI_IMPROVEMENT")).toHaveText("34,5 %");
  await expect(od.getByTestId("figure-OPEN_DATASETS")).toHaveText("400");

  // the reviewer sees the warning beside the figure (against the approved figure before: none here, so none shown),
  // and the late flag when the quarter's due date has passed
  const list = (await (await request.get(`/api/v1/metric-reports?organisationId=${org.id}&period=${period}`, { headers: auth(officerToken) })).json()).data as { id: string; metric: string; submittedLate: boolean }[];
  const odId = list.find((r) => r.metric === "OPEN_DATASETS")!.id;
  const lp = await asUser(browser, account("LEADERSHIP"), `/review?period=${period}`);
  const row = lp.getByTestId(`review-row-${odId}`);
  await expect(row).toBeVisible();
  if (list[0].submittedLate) await expect(row.getByTestId("late-flag")).toHaveText("Nộp muộn");
});

test("the reviewer sees a cumulative fall beside the figure", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const period = quarterFromNow(-1);
  const before = quarterFromNow(-2);
  const admin = await apiToken(request, account("ADMIN"));
  const lead = await apiToken(request, account("LEADERSHIP"));
  const code = `E2E_${rand()}`;
  const org = await (await request.post("/api/v1/organisations", { headers: auth(admin), data: { code, nameVi: `Sở Thử nghiệm ${code}`, nameEn: `Test Department ${code}`, kind: "PROVINCE" } })).json();
  const make = async (p: string, value: number) => {
    const r = await (await request.post("/api/v1/metric-reports", { headers: auth(admin), data: { organisationId: org.id, period: p, metric: "OPEN_DATASETS", value } })).json();
    return (await (await request.post(`/api/v1/metric-reports/${r.id}/submit`, { headers: auth(admin), data: { version: r.version } })).json()) as { id: string; version: number };
  };
  const prev = await make(before, 1000);
  expect((await request.post(`/api/v1/metric-reports/${prev.id}/approve`, { headers: auth(lead), data: { version: prev.version } })).status()).toBe(200);
  const cur = await make(period, 900);
  const lp = await asUser(browser, account("LEADERSHIP"), `/review?period=${period}`);
  const row = lp.getByTestId(`review-row-${cur.id}`);
  await expect(row.getByTestId("figure-warnings")).toContainText("Thấp hơn quý trước (1.000)");
  await expect(row.getByTestId("figure-warnings")).not.toContainText("50 %");
  await shoot(lp, "review");
});

test("an admin gives a quarter its own dates on the calendar screen, and removes them", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await asUser(browser, account("ADMIN"), "/admin/calendar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lịch báo cáo");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Lịch báo cáo" }).first()).toBeAttached();
  await expect(page.getByLabel("Ngày hạn nộp (trong tháng cuối quý)")).toHaveValue("20");
  await expect(page.getByLabel("Tỷ lệ cơ quan báo cáo tối thiểu (%)")).toHaveValue("80");
  // a year ahead: no report is due there, so nothing else depends on it
  const p = quarterFromNow(4);
  const [y, q] = p.split("-Q");
  const lastMonth = String(Number(q) * 3).padStart(2, "0");
  const row = page.getByTestId(`cal-${p}`);
  await expect(row.getByTestId(`cal-${p}-due`)).toHaveText(`20/${lastMonth}/${y}`);
  await expect(row.getByTestId(`cal-${p}-cutoff`)).toHaveText(`14/${lastMonth}/${y}`);
  await row.getByRole("button", { name: `Đặt ngày riêng cho Quý ${q}/${y}` }).click();
  const form = page.getByRole("form", { name: `Đặt ngày riêng cho Quý ${q}/${y}` });
  // a due date before the cut-off is refused on the field
  await form.getByLabel("Ngày chốt số liệu").fill(`${y}-${lastMonth}-10`);
  await form.getByLabel("Hạn nộp").fill(`${y}-${lastMonth}-05`);
  await form.getByRole("button", { name: "Lưu" }).click();
  // each date is checked in the browser by the endpoint's schema; the rule across the two is the server's, whose
  // code (due_before_cut_off) lands on the due date with the focus
  await expect(form.getByTestId(`ov-${p}-dueDate-error`)).toHaveText("Hạn nộp phải trùng hoặc sau ngày chốt số liệu.");
  await expect(form.getByLabel("Hạn nộp")).toBeFocused();
  await expect(form.getByTestId(`ov-${p}-unsaved`)).toHaveText("Có thay đổi chưa lưu.");
  // cancelling with unsaved dates asks; no keeps the form and its dates
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await form.getByRole("button", { name: "Huỷ" }).click();
  await expect.poll(() => asked).toEqual(["Bạn có thay đổi chưa lưu. Đóng và bỏ các thay đổi?"]);
  await expect(form.getByLabel("Hạn nộp")).toHaveValue(`${y}-${lastMonth}-05`);
  await form.getByLabel("Hạn nộp").fill(`${y}-${lastMonth}-25`);
  await form.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByTestId("calendar-message")).toHaveText(`Đã lưu lịch của Quý ${q}/${y}.`);
  await expect(row.getByTestId(`cal-${p}-due`)).toHaveText(`25/${lastMonth}/${y}`);
  await expect(row).toContainText("Ngày riêng");
  await shoot(page, "admin");
  await row.getByRole("button", { name: `Bỏ ngày riêng của Quý ${q}/${y}` }).click();
  await expect(page.getByTestId("calendar-message")).toHaveText(`Quý ${q}/${y} đã quay về ngày mặc định.`);
  await expect(row.getByTestId(`cal-${p}-due`)).toHaveText(`20/${lastMonth}/${y}`);
  await expect(row).not.toContainText("Ngày riêng");
  // the defaults: a day outside 1..28 is a field error, nothing is sent
  await page.getByLabel("Ngày hạn nộp (trong tháng cuối quý)").fill("31");
  await page.getByRole("button", { name: "Lưu ngày mặc định" }).click();
  await expect(page.getByTestId("cal-dueDay-error")).toHaveText("Nhập số nguyên từ 1 đến 28.");
});
