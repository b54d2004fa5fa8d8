import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, account, apiToken, signIn, type DemoAccount } from "./fixtures";
import { INITIATIVE_CSV_COLUMNS } from "../lib/domain/csv";
import { addQuarters, currentPeriod } from "../lib/domain/periods";

// this worker's own officers (e2e/global-setup.ts): A of a ministry with an agency, B of a province
const officerA = () => account("OFFICER", 0);
const officerB = () => account("OFFICER", 1);
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const tag = () => Math.random().toString(36).slice(2, 8).toUpperCase();

async function createViaApi(request: APIRequestContext, who: DemoAccount, fields: Record<string, unknown> = {}) {
  const token = await apiToken(request, who);
  const me = await (await request.get("/api/v1/me", { headers: bearer(token) })).json();
  const res = await request.post("/api/v1/initiatives", {
    headers: bearer(token),
    data: {
      organisationId: me.organisationId,
      title: `Sáng kiến kiểm thử ${tag()}`,
      description: "Kết nối dữ liệu dân cư với các dịch vụ công trực tuyến.",
      buildingBlocks: ["ONE_PORTAL", "SHARED_DATA"],
      principles: ["DIGITAL_BY_DEFAULT"],
      status: "IN_PROGRESS",
      currentStage: 2,
      targetStage: 4,
      startDate: "2025-01-01",
      endDate: "2027-12-31",
      budgetPlanned: 12_500_000_000,
      budgetSpent: 3_000_000_000,
      progress: 35,
      ...fields,
    },
  });
  expect(res.status()).toBe(201);
  return { initiative: await res.json(), token, organisationId: me.organisationId as string };
}

async function setProgress(page: Page, value: string) {
  await page.getByLabel("Tiến độ (%)").fill(value);
}

test("an officer creates, edits (and meets a conflict), searches without accents and archives an initiative", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const t = tag();
  const title = `Nền tảng Chính phủ số ${t}`;
  await signIn(page, officerA(), "/initiatives");
  await page.getByRole("link", { name: "Thêm sáng kiến" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thêm sáng kiến");

  // the shared schema answers at once, next to each field, before anything is sent
  await page.getByRole("button", { name: "Tạo sáng kiến" }).click();
  await expect(page.getByTestId("title-error")).toHaveText("Cần ít nhất 3 ký tự.");
  await expect(page.getByTestId("buildingBlocks-error")).toHaveText("Chọn ít nhất một khối xây dựng.");
  await expect(page.getByLabel("Tên sáng kiến")).toHaveAttribute("aria-invalid", "true");

  // an officer may only choose their own organisation and its agencies; their own comes first, chosen
  const org = page.getByLabel("Cơ quan", { exact: true });
  await expect(org.locator("option:checked")).toHaveText(officerA().organisation!);
  await expect(org.locator("option", { hasText: officerA().agency! })).toHaveCount(1);
  await expect(org.locator("option", { hasText: officerB().organisation! })).toHaveCount(0);

  await page.getByLabel("Tên sáng kiến").fill(title);
  await page.getByLabel("Mô tả", { exact: true }).fill("Xây dựng nền tảng dùng chung cho các bộ, ngành.");
  await page.getByLabel("Trạng thái").selectOption("IN_PROGRESS");
  await setProgress(page, "30");
  await page.getByLabel("Giai đoạn hiện tại").selectOption("2");
  await page.getByLabel("Giai đoạn mục tiêu").selectOption("1");
  await page.getByLabel("Một cổng duy nhất").check();
  await page.getByLabel("Chính phủ là nền tảng").check();
  await page.getByRole("button", { name: "Tạo sáng kiến" }).click();
  await expect(page.getByTestId("targetStage-error")).toHaveText("Giai đoạn mục tiêu không được thấp hơn giai đoạn hiện tại.");
  await page.getByLabel("Giai đoạn mục tiêu").selectOption("4");
  await page.getByLabel("Kinh phí kế hoạch (đồng)").fill("2.000.000.000");
  await page.getByRole("button", { name: "Tạo sáng kiến" }).click();

  await expect(page).toHaveURL(/\/initiatives\/[0-9a-f-]{36}\?saved=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("saved-notice")).toBeVisible();
  const stages = page.getByRole("region", { name: "Giai đoạn trưởng thành" });
  await expect(stages.getByText("2 · Chính phủ mở")).toBeVisible();
  await expect(stages.getByText("4 · Hoàn toàn số hóa")).toBeVisible();
  const detailUrl = page.url().replace(/\?.*$/, "");

  // edit
  await page.getByRole("link", { name: "Sửa", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sửa sáng kiến");
  await setProgress(page, "55");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByTestId("saved-notice")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Tiến độ" })).toHaveAttribute("aria-valuenow", "55");
  const history = page.getByTestId("history");
  await expect(history.getByText("Cập nhật", { exact: true })).toBeVisible();
  await expect(history.getByRole("listitem").first()).toContainText("30 %");
  await expect(history.getByRole("listitem").first().getByText("Tiến độ", { exact: true })).toBeVisible();

  // a second tab (another browser context) saves first: this one is told, and reload shows their version
  await page.goto(`${detailUrl}/edit`);
  const other = await browser.newContext({ baseURL });
  const page2 = await other.newPage();
  await signIn(page2, officerA(), `${new URL(detailUrl).pathname}/edit`);
  await page2.getByLabel("Tiến độ (%)").fill("70");
  await page2.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page2.getByTestId("saved-notice")).toBeVisible();
  await other.close();

  await setProgress(page, "60");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  const alert = page.getByTestId("form-error");
  await expect(alert).toContainText("Người khác đã lưu sáng kiến này trước bạn");
  await alert.getByRole("button", { name: "Tải lại bản mới nhất" }).click();
  await expect(page.getByLabel("Tiến độ (%)")).toHaveValue("70");

  // search without accents finds it (and the URL holds the filter, so it can be shared)
  await page.goto("/initiatives");
  await page.getByRole("searchbox", { name: "Tìm kiếm" }).fill(`chinh phu so ${t.toLowerCase()}`);
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=chinh\\+phu\\+so\\+${t.toLowerCase()}`));
  await expect(page.getByTestId("result-count")).toHaveText("Tìm thấy 1 sáng kiến");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  const sharedUrl = page.url();

  // archive: the dialog closes on Escape and gives focus back; confirming archives
  await page.getByRole("link", { name: title }).click();
  const archive = page.getByRole("button", { name: "Lưu trữ", exact: true });
  await archive.click();
  const dialog = page.getByRole("dialog", { name: "Lưu trữ sáng kiến?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(archive).toBeFocused();
  await archive.click();
  await dialog.getByRole("button", { name: "Lưu trữ", exact: true }).click();
  await expect(page).toHaveURL(/\/initiatives\?archived=1$/);
  await expect(page.getByTestId("archived-notice")).toBeVisible();
  await page.goto(sharedUrl);
  await expect(page.getByTestId("empty-state")).toContainText("Không có sáng kiến phù hợp");
});

test("another organisation's officer and leadership see no edit or archive button, and a forced request is refused", async ({ page, request }) => {
  const { initiative } = await createViaApi(request, officerA());
  await signIn(page, officerB(), `/initiatives/${initiative.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(initiative.title);
  await expect(page.getByRole("link", { name: "Sửa", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lưu trữ" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Thêm chỉ tiêu" })).toHaveCount(0);
  await page.goto(`/initiatives/${initiative.id}/edit`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
  await expect(page.getByLabel("Tên sáng kiến")).toHaveCount(0);

  const tokenB = await apiToken(request, officerB());
  const forced = await request.patch(`/api/v1/initiatives/${initiative.id}`, { headers: bearer(tokenB), data: { version: initiative.version, title: "Bị sửa trái phép" } });
  expect(forced.status()).toBe(403);
  const archived = await request.delete(`/api/v1/initiatives/${initiative.id}?version=${initiative.version}`, { headers: bearer(tokenB) });
  expect(archived.status()).toBe(403);

  await page.context().clearCookies();
  await signIn(page, account("LEADERSHIP"), `/initiatives/${initiative.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(initiative.title);
  await expect(page.getByRole("link", { name: "Sửa", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lưu trữ" })).toHaveCount(0);
  await page.goto("/initiatives");
  await expect(page.getByRole("link", { name: "Thêm sáng kiến" })).toHaveCount(0);
});

function csv(rows: Record<string, string | number>[]): string {
  const header = INITIATIVE_CSV_COLUMNS.join(",");
  const line = (r: Record<string, string | number>) =>
    INITIATIVE_CSV_COLUMNS.map((c) => {
      const v = String(r[c] ?? "");
      return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    }).join(",");
  return [header, ...rows.map(line)].join("\r\n") + "\r\n";
}

test("an import with a bad row lists the error and writes nothing; the fixed file imports; re-importing changes nothing", async ({ page, request }) => {
  const t = tag();
  const row = (n: number, progress: number) => ({
    externalRef: `IMP-${t}-${n}`,
    organisationCode: officerA().organisationCode!,
    title: `Sáng kiến nhập khẩu ${t} số ${n}`,
    description: "Nhập từ tệp CSV",
    status: "IN_PROGRESS",
    buildingBlocks: "SHARED_DATA|SHARED_SERVICES",
    currentStage: 1,
    targetStage: 3,
    startDate: "2025-01-01",
    endDate: "2026-12-31",
    budgetPlanned: 1000000000,
    progress,
  });
  const count = async () => {
    const token = await apiToken(request, officerA());
    return (await (await request.get(`/api/v1/initiatives?q=${encodeURIComponent(`nhap khau ${t}`)}`, { headers: bearer(token) })).json()).total;
  };

  await signIn(page, officerA(), "/initiatives");
  await page.getByRole("link", { name: "Nhập từ CSV" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhập sáng kiến từ CSV");
  const file = page.getByLabel("Tệp CSV hoặc Excel (.xlsx)");

  await file.setInputFiles({ name: "loi.csv", mimeType: "text/csv", buffer: Buffer.from(csv([row(1, 10), row(2, 250)])) });
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByTestId("preview-invalid")).toHaveText("Có 1 lỗi; chưa có gì được ghi.");
  const errors = preview.getByTestId("import-errors");
  await expect(errors.getByRole("row").nth(1)).toContainText("3");
  await expect(errors.getByRole("row").nth(1)).toContainText("Tiến độ (progress)");
  await expect(errors.getByRole("row").nth(1)).toContainText("Không được lớn hơn 100.");
  await expect(preview.getByRole("button", { name: /^Nhập \d+ sáng kiến$/ })).toHaveCount(0);
  expect(await count()).toBe(0);

  const good = csv([row(1, 10), row(2, 25)]);
  await file.setInputFiles({ name: "dung.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await expect(preview.getByTestId("preview-valid")).toBeVisible();
  await expect(preview.getByTestId("preview-created")).toHaveText("2");
  await preview.getByRole("button", { name: "Nhập 2 sáng kiến" }).click();
  await expect(page.getByTestId("import-result")).toContainText("Thêm mới 2, cập nhật 0, không đổi 0.");
  expect(await count()).toBe(2);

  await page.getByRole("button", { name: "Nhập tệp khác" }).click();
  await file.setInputFiles({ name: "dung.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await expect(preview.getByTestId("preview-unchanged")).toHaveText("2");
  await expect(preview.getByTestId("preview-created")).toHaveText("0");
  await expect(preview.getByText("Tệp không có thay đổi nào so với dữ liệu hiện có.")).toBeVisible();
  expect(await count()).toBe(2);
});

test("a KPI is added with two quarterly values and its rating badge changes", async ({ page, request }) => {
  const { initiative } = await createViaApi(request, officerA());
  const now = currentPeriod();
  await signIn(page, officerA(), `/initiatives/${initiative.id}`);
  await page.getByRole("button", { name: "Thêm chỉ tiêu" }).click();
  const form = page.getByRole("form", { name: "Thêm chỉ tiêu" });
  await form.getByLabel("Tên chỉ tiêu").fill("Tỷ lệ hồ sơ trực tuyến toàn trình");
  await form.getByLabel("Đơn vị", { exact: true }).fill("%");
  await form.getByLabel("Giá trị cơ sở").fill("40");
  await form.getByLabel("Mục tiêu", { exact: true }).fill("30");
  await form.getByRole("button", { name: "Thêm chỉ tiêu" }).click();
  // higher is better: a lower target is refused next to its field, before anything is sent
  await expect(form.getByText("Mục tiêu phải lớn hơn giá trị cơ sở (càng cao càng tốt).")).toBeVisible();
  await form.getByLabel("Mục tiêu", { exact: true }).fill("80");
  await form.getByLabel("Kỳ cơ sở").fill(addQuarters(now, -4));
  await form.getByLabel("Kỳ mục tiêu").fill(addQuarters(now, 4));
  await form.getByRole("button", { name: "Thêm chỉ tiêu" }).click();

  const card = page.getByTestId("kpi-card").filter({ hasText: "Tỷ lệ hồ sơ trực tuyến toàn trình" });
  await expect(card.getByTestId("rating-badge")).toHaveText(/Chưa đủ dữ liệu/);

  // +5 a quarter is exactly the required pace (40 → 80 over 8 quarters)
  await card.getByLabel("Quý", { exact: true }).selectOption(addQuarters(now, -3));
  await card.getByLabel("Giá trị", { exact: true }).fill("45");
  await card.getByRole("button", { name: "Lưu giá trị" }).click();
  await expect(card.getByTestId("rating-badge")).toHaveText(/Đúng tiến độ/);
  await expect(card.getByTestId("rating-badge")).toHaveAttribute("data-status", "ON_TRACK");

  // two quarters later it barely moved: limited progress
  await card.getByLabel("Quý", { exact: true }).selectOption(addQuarters(now, -1));
  await card.getByLabel("Giá trị", { exact: true }).fill("41");
  await card.getByRole("button", { name: "Lưu giá trị" }).click();
  await expect(card.getByTestId("rating-badge")).toHaveText(/Tiến triển hạn chế/);
  await expect(card.getByTestId("kpi-latest")).toContainText(addQuarters(now, -1));
  await expect(card.getByRole("figure")).toBeVisible();
});

/** The whole page, and the same in parts of 1200 px (a long page shrinks too much to be looked at as one image). */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `.data/screens/${name}.png`, fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()!.width;
  for (let y = 0, i = 1; y < height && i <= 6; y += 1200, i++) {
    await page.screenshot({ path: `.data/screens/parts/${name}-${i}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(1200, height - y) } });
  }
}

test.describe("screenshots", () => {
  for (const width of [1280, 375]) {
    test(`list, form and initiative page at ${width} px`, async ({ page, request }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: 900 });
      const { initiative, token } = await createViaApi(request, officerA(), { title: `Hệ thống thông tin giải quyết thủ tục hành chính ${tag()}` });
      const now = currentPeriod();
      const kpi = await (
        await request.post(`/api/v1/initiatives/${initiative.id}/kpis`, {
          headers: bearer(token),
          data: { name: "Tỷ lệ hồ sơ trực tuyến", unit: "%", direction: "HIGHER_IS_BETTER", baseline: 30, baselinePeriod: addQuarters(now, -5), target: 90, targetPeriod: addQuarters(now, 3) },
        })
      ).json();
      for (const [q, v] of [[-4, 36], [-3, 41], [-2, 44], [-1, 50]] as const) {
        expect((await request.put(`/api/v1/kpis/${kpi.id}/values/${addQuarters(now, q)}`, { headers: bearer(token), data: { value: v } })).status()).toBe(200);
      }
      await request.patch(`/api/v1/initiatives/${initiative.id}`, { headers: bearer(token), data: { version: initiative.version, progress: 45, status: "IN_PROGRESS" } });

      const sideways = async () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await signIn(page, officerA(), "/initiatives");
      await page.waitForLoadState("networkidle");
      await shoot(page, `initiatives-list-${width}`);
      expect(await sideways(), "the list scrolls inside its own box").toBeLessThanOrEqual(1);
      await page.goto("/initiatives/new");
      await page.getByRole("button", { name: "Tạo sáng kiến" }).click();
      await shoot(page, `initiatives-form-${width}`);
      await page.goto(`/initiatives/${initiative.id}`);
      await page.waitForLoadState("networkidle");
      await shoot(page, `initiatives-detail-${width}`);
      expect(await sideways()).toBeLessThanOrEqual(1);
      await page.goto("/initiatives/import");
      await shoot(page, `initiatives-import-${width}`);
      expect(await sideways()).toBeLessThanOrEqual(1);
    });
  }
});

test("the form says it has unsaved changes, asks before a link leaves them, and puts a server error (by code) on its field", async ({ page, request }) => {
  const ref = `REF-${tag()}`;
  const { initiative } = await createViaApi(request, officerA(), { externalRef: ref });
  await signIn(page, officerA(), `/initiatives/${initiative.id}/edit`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sửa sáng kiến");
  await expect(page.getByTestId("unsaved")).toHaveCount(0);

  await page.getByLabel("Tên sáng kiến").fill(`${initiative.title} (sửa)`);
  await expect(page.getByTestId("unsaved")).toHaveText("Có thay đổi chưa lưu.");
  // Cancel is a link: the form asks first; saying no stays on the page with the change kept
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("link", { name: "Hủy" }).click();
  await expect.poll(() => asked).toEqual(["Bạn có thay đổi chưa lưu. Rời trang này và bỏ các thay đổi?"]);
  await expect(page).toHaveURL(new RegExp(`/initiatives/${initiative.id}/edit$`));
  await expect(page.getByLabel("Tên sáng kiến")).toHaveValue(`${initiative.title} (sửa)`);
  // saying yes leaves
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("link", { name: "Hủy" }).click();
  await expect(page).toHaveURL(new RegExp(`/initiatives/${initiative.id}$`));

  // a new initiative with the same external reference: the server's 409 lands on that field, focused, in Vietnamese
  await page.goto("/initiatives/new");
  await page.getByLabel("Tên sáng kiến").fill(`Trùng mã tham chiếu ${tag()}`);
  await page.getByLabel("Mã tham chiếu").fill(ref);
  await page.getByLabel("Một cổng duy nhất").check();
  await page.getByRole("button", { name: "Tạo sáng kiến" }).click();
  await expect(page.getByTestId("externalRef-error")).toHaveText("Giá trị này đã được sử dụng.");
  await expect(page.getByLabel("Mã tham chiếu")).toBeFocused();
  await expect(page.getByTestId("form-error")).toHaveText("Chưa lưu được. Vui lòng sửa các trường được đánh dấu.");
  await expect(page).toHaveURL(/\/initiatives\/new$/);
});
