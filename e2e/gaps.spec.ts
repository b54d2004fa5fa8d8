import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, account, signIn, apiToken } from "./fixtures";

/**
 * The gaps of issues 15–17 closed together: the admin organisation form's "in force from", a restructuring move told
 * in words in the histories, the restructuring wizard's problems in the UI's language.
 */

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

/** Today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
const todayVn = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function adminApi(request: APIRequestContext) {
  const token = await apiToken(request, account("ADMIN"));
  return { authorization: `Bearer ${token}` };
}

async function province(request: APIRequestContext, auth: Record<string, string>, label: string, validFrom?: string) {
  const code = `E2E_${uid()}`;
  const res = await request.post("/api/v1/organisations", {
    headers: auth,
    data: { code, nameVi: `Tỉnh ${label} ${code}`, nameEn: `${label} Province ${code}`, kind: "PROVINCE", ...(validFrom ? { validFrom } : {}) },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; code: string; nameVi: string; nameEn: string; version: number };
}

async function inLanguage(page: Page, baseURL: string | undefined, lang: "vi" | "en") {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: lang, url: baseURL! }]);
}

test("the admin organisation form asks when a body is in force from: today by default, refusals in Vietnamese", async ({ page, request }) => {
  test.setTimeout(180_000);
  const auth = await adminApi(request);
  await signIn(page, account("ADMIN"));
  await page.goto("/admin/organisations");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Thêm cơ quan" }).first().click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Có hiệu lực từ ngày")).toHaveValue(todayVn());
  const code = `E2E_V${uid()}`;
  await dialog.getByLabel("Mã cơ quan").fill(code);
  await dialog.getByLabel("Tên tiếng Việt").fill(`Bộ Hiệu lực ${code}`);
  await dialog.getByLabel("Tên tiếng Anh").fill(`Validity Ministry ${code}`);
  await dialog.getByLabel("Có hiệu lực từ ngày").fill("2024-01-01");
  await dialog.getByRole("button", { name: "Tạo cơ quan" }).click();
  await expect(page.getByTestId("organisations-notice")).toContainText(code);
  const list = (await (await request.get("/api/v1/organisations?status=all&kind=MINISTRY&pageSize=200", { headers: auth })).json()).data as { id: string; code: string; validFrom: string | null }[];
  const made = list.find((o) => o.code === code)!;
  expect(made.validFrom).toBe("2024-01-01");

  // a report of 2024-Q1 keeps the body from starting later: the refusal is told beside the field, in Vietnamese
  expect((await request.post("/api/v1/metric-reports", { headers: auth, data: { organisationId: made.id, period: "2024-Q1", metric: "OPEN_DATASETS", value: 3 } })).status()).toBe(201);
  await page.reload();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: `Sửa Bộ Hiệu lực ${code}` }).click();
  await expect(dialog.getByLabel("Có hiệu lực từ ngày")).toHaveValue("2024-01-01");
  await dialog.getByLabel("Có hiệu lực từ ngày").fill("2024-07-01");
  await dialog.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(dialog.getByTestId("org-valid-from-error")).toHaveText("Cơ quan đã có 1 báo cáo chỉ số của các quý trước ngày này: chọn ngày sớm hơn.");
  await page.screenshot({ path: ".data/screens/gaps-organisation-valid-from.png", fullPage: true });
});

test("a restructuring move reads in words in the initiative's history and the organisation's audit log (vi, en)", async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  const auth = await adminApi(request);
  const year = 2001 + Math.floor(Math.random() * 12);
  const date = `${year}-07-01`;
  const a = await province(request, auth, "Cũ");
  const c = await province(request, auth, "Mới", date);
  const ini = await request.post("/api/v1/initiatives", {
    headers: auth,
    data: { organisationId: a.id, title: `Kho dữ liệu ${uid()}`, buildingBlocks: ["SHARED_DATA"], status: "IN_PROGRESS", currentStage: 1, targetStage: 2, progress: 20 },
  });
  expect(ini.status()).toBe(201);
  const initiative = (await ini.json()) as { id: string };
  const kpi = await request.post(`/api/v1/initiatives/${initiative.id}/kpis`, {
    headers: auth,
    data: { name: "Tỉ lệ hồ sơ số hóa", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 10, baselinePeriod: "2000-Q1", target: 90, targetPeriod: "2015-Q4" },
  });
  expect(kpi.status()).toBe(201);
  const basis = `Nghị quyết e2e ${uid()}`;
  const r = await request.post("/api/v1/restructurings", { headers: auth, data: { effectiveDate: date, legalBasis: basis, successions: [{ fromId: a.id, toIds: [c.id] }] } });
  expect(r.status()).toBe(201);

  await signIn(page, account("ADMIN"));
  await page.goto(`/initiatives/${initiative.id}`);
  const history = page.getByTestId("history");
  const move = history.getByRole("listitem").filter({ hasText: "Chuyển theo sắp xếp tổ chức" });
  await expect(move).toBeVisible();
  await expect(move).toContainText(a.nameVi);
  await expect(move).toContainText(c.nameVi);
  await expect(move).toContainText(`Theo lần sắp xếp ngày 01/07/${year} (${basis})`);
  await expect(history).not.toContainText("restructure");
  await expect(history).not.toContainText(a.id);
  // its KPI chart marks the restructuring, as every trend chart does
  await expect(page.getByTestId("kpi-restructurings")).toContainText(`01/07/${year} — ${basis}`);
  await page.screenshot({ path: ".data/screens/gaps-history-vi.png", fullPage: true });

  await page.goto(`/audit?entityId=${a.id}`);
  const entry = page.getByTestId("audit-entry").filter({ hasText: "Chuyển theo sắp xếp tổ chức" });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText("Hiệu lực đến");
  await expect(entry).toContainText(`01/07/${year}`);
  await expect(entry).toContainText(`Theo lần sắp xếp ngày 01/07/${year} (${basis})`);
  await expect(entry).not.toContainText("restructuringId");

  await inLanguage(page, baseURL, "en");
  await page.goto(`/initiatives/${initiative.id}`);
  const moveEn = page.getByTestId("history").getByRole("listitem").filter({ hasText: "Moved by a restructuring" });
  await expect(moveEn).toContainText(c.nameEn);
  await expect(moveEn).toContainText(`By the restructuring of`);
});

test("the restructuring wizard tells the API's problems in Vietnamese, and in English in English", async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  const auth = await adminApi(request);
  const a = await province(request, auth, "Thử");
  const c = await province(request, auth, "Đích");
  await signIn(page, account("ADMIN"));
  await page.goto("/restructurings/new");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Xem trước" }).click();
  const error = page.getByTestId("wizard-error");
  await expect(error).toContainText("Căn cứ pháp lý: Trường này là bắt buộc.");
  await expect(error).toContainText("Cơ quan thứ 1 · cơ quan chấm dứt hoạt động: Hãy chọn một cơ quan.");
  await expect(error).not.toContainText("required");
  await expect(error).not.toContainText("successions.0");

  // a date more than a year ahead: the rule's own refusal, beside the field too
  await page.locator("#rs-date").fill("2099-01-01");
  await page.locator("#rs-basis").fill("Nghị quyết thử");
  const row = page.getByTestId("succession-0");
  await row.locator("select").nth(0).selectOption({ label: `${a.nameVi} (${a.code})` });
  await row.locator("select").nth(1).selectOption({ label: `${c.nameVi} (${c.code})` });
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(error).toContainText("Ngày hiệu lực: Ngày hiệu lực không được quá một năm kể từ hôm nay.");
  await expect(page.getByTestId("rs-date-error")).toHaveText("Ngày hiệu lực không được quá một năm kể từ hôm nay.");
  await page.screenshot({ path: ".data/screens/gaps-wizard-error-vi.png", fullPage: true });

  await inLanguage(page, baseURL, "en");
  await page.goto("/restructurings/new");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("wizard-error")).toContainText("Legal basis: This field is required.");
  await expect(page.getByTestId("wizard-error")).toContainText("Body 1 · dissolved organisation: Choose an organisation.");
});
