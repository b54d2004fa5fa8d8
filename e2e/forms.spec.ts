import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, account, apiToken, signIn } from "./fixtures";

/**
 * The forms on the shared hook (components/forms/use-api-form.ts): a problem only the server can see comes back as a
 * machine code and lands, in the UI's language, beside its field with the focus on it; unsaved changes ask before the
 * page (or the dialog) is left. In Vietnamese and English, axe-clean, usable at 375 px.
 */

const SCREENS = ".data/screens";
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

async function shoot(page: Page, name: string) {
  if (!process.env.SCREENS) return;
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/forms-${name}.png`, fullPage: false });
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The document is no wider than the window (nothing to scroll sideways). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Answers the next window.confirm with `accept`, and records its text. */
function nextConfirm(page: Page, accept: boolean): string[] {
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void (accept ? d.accept() : d.dismiss());
  });
  return asked;
}

const LANG = {
  vi: {
    newOrg: "Thêm cơ quan",
    code: "Mã cơ quan",
    nameVi: "Tên tiếng Việt",
    nameEn: "Tên tiếng Anh",
    createOrg: "Tạo cơ quan",
    duplicateCode: "Mã này đã được dùng cho một cơ quan khác.",
    fixErrors: "Chưa lưu được. Vui lòng sửa các trường được đánh dấu.",
    unsaved: "Có thay đổi chưa lưu.",
    close: "Đóng",
    closeConfirm: "Bạn có thay đổi chưa lưu. Đóng và bỏ các thay đổi?",
  },
  en: {
    newOrg: "New organisation",
    code: "Code",
    nameVi: "Vietnamese name",
    nameEn: "English name",
    createOrg: "Create organisation",
    duplicateCode: "This code is already used by another organisation.",
    fixErrors: "Not saved. Please correct the marked fields.",
    unsaved: "You have unsaved changes.",
    close: "Close",
    closeConfirm: "You have unsaved changes. Close and discard them?",
  },
} as const;

for (const lang of ["vi", "en"] as const) {
  test(`organisation form (${lang}): a duplicate code from the server sits on the code field with the focus; closing with unsaved changes asks`, async ({ page, request, context, baseURL }) => {
    test.setTimeout(180_000);
    const L = LANG[lang];
    const admin = account("ADMIN");
    const token = await apiToken(request, admin);
    const code = `FORMS_${tag()}`;
    const made = await request.post("/api/v1/organisations", {
      headers: { authorization: `Bearer ${token}` },
      data: { code, nameVi: `Sở Thử nghiệm biểu mẫu ${code}`, nameEn: `Forms test department ${code}`, kind: "PROVINCE" },
    });
    expect(made.status()).toBe(201);

    await context.addCookies([{ name: "NEXT_LOCALE", value: lang, url: baseURL! }]);
    await signIn(page, admin, "/admin/organisations");
    await page.getByRole("button", { name: L.newOrg }).click();
    const dialog = page.getByRole("dialog", { name: L.newOrg });
    await expect(dialog.getByTestId("unsaved")).toHaveCount(0);
    // typed in small letters: the form sends it in capitals, as the code rule wants
    await dialog.getByLabel(L.code).fill(code.toLowerCase());
    await dialog.getByLabel(L.nameVi).fill("Sở trùng mã");
    await dialog.getByLabel(L.nameEn).fill("Duplicate code department");
    await expect(dialog.getByTestId("unsaved")).toHaveText(L.unsaved);
    await dialog.getByRole("button", { name: L.createOrg }).click();
    // the schema passes in the browser; the database refuses the code (409 duplicate, detail code "duplicate")
    await expect(dialog.getByTestId("org-code-error")).toHaveText(L.duplicateCode);
    await expect(dialog.getByLabel(L.code)).toBeFocused();
    await expect(dialog.getByLabel(L.code)).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByTestId("organisation-form-error")).toHaveText(L.fixErrors);
    expect(await axe(page)).toEqual([]);
    await shoot(page, `organisation-duplicate-${lang}-1280`);
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(dialog.getByTestId("org-code-error")).toBeVisible();
    expect(await sideways(page)).toBeLessThanOrEqual(1);
    await shoot(page, `organisation-duplicate-${lang}-375`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // closing asks: no keeps the dialog and what was typed, yes closes it
    const asked = nextConfirm(page, false);
    await dialog.getByRole("button", { name: L.close }).click();
    await expect.poll(() => asked).toEqual([L.closeConfirm]);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel(L.nameVi)).toHaveValue("Sở trùng mã");
    const again = nextConfirm(page, false);
    await page.keyboard.press("Escape");
    await expect.poll(() => again).toEqual([L.closeConfirm]);
    await expect(dialog).toBeVisible();
    nextConfirm(page, true);
    await dialog.getByRole("button", { name: L.close }).click();
    await expect(dialog).toBeHidden();

    // an untouched form closes without asking (a confirm here would be dismissed and keep the dialog open)
    await page.getByRole("button", { name: L.newOrg }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: L.close }).click();
    await expect(dialog).toBeHidden();
  });
}

test("user form: a duplicate email from the server sits on the email field with the focus; leaving with unsaved changes asks", async ({ page, request }) => {
  test.setTimeout(180_000);
  const admin = account("ADMIN");
  const officer = account("OFFICER");
  await signIn(page, admin, "/admin/users");
  await page.getByRole("button", { name: "Tạo tài khoản mới" }).click();
  const dialog = page.getByRole("dialog", { name: "Tạo tài khoản mới" });
  // an existing account's email, written in capitals: the schema lower-cases it, the database finds it taken
  await dialog.getByLabel("Email").fill(officer.email.toUpperCase());
  await dialog.getByLabel("Họ và tên").fill("Người trùng email");
  await dialog.getByLabel("Vai trò").selectOption("LEADERSHIP");
  await dialog.getByLabel("Mật khẩu").fill("Mat-khau-trung-email-2026");
  await dialog.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(dialog.getByTestId("new-email-error")).toHaveText("Đã có tài khoản dùng email này.");
  await expect(dialog.getByLabel("Email")).toBeFocused();
  await expect(dialog.getByTestId("new-password-error")).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  await shoot(page, "user-duplicate-vi-1280");

  // the browser's own check is the API's: a blank name is refused before any request, on its field
  let posted = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/users")) posted++;
  });
  await dialog.getByLabel("Họ và tên").fill("");
  await dialog.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(dialog.getByTestId("new-name-error")).toHaveText("Trường này là bắt buộc.");
  expect(posted).toBe(0);

  // the page behind the dialog: reloading with unsaved changes asks (beforeunload); staying keeps them
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  await page.reload({ timeout: 3000 }).catch(() => undefined);
  await expect.poll(() => asked).toEqual(["beforeunload"]);
  await expect(dialog.getByLabel("Email")).toHaveValue(officer.email.toUpperCase());

  // closing the dialog asks first
  const closing = nextConfirm(page, true);
  await dialog.getByRole("button", { name: "Đóng" }).click();
  await expect.poll(() => closing).toEqual(["Bạn có thay đổi chưa lưu. Đóng và bỏ các thay đổi?"]);
  await expect(dialog).toBeHidden();
  void request;
});

/** A quarter long past that no other spec reports (the e2e database is fresh per run). */
function quietQuarter(): string {
  return `${2001 + Math.floor(Math.random() * 15)}-Q${1 + Math.floor(Math.random() * 4)}`;
}

test("report form: the server's out-of-range answer, by code and parameters, sits on the value with the focus; a link away asks first", async ({ page }) => {
  test.setTimeout(180_000);
  const officer = account("OFFICER", 1);
  const period = quietQuarter();
  await signIn(page, officer, `/reports?period=${period}`);
  const card = page.getByTestId("metric-KPI_IMPROVEMENT");
  await expect(card.getByTestId("status-KPI_IMPROVEMENT")).toHaveText("Chưa nhập");

  // the browser checks with the API's schema first: 5000 is out of range, no request is made
  let posted = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/api/v1/metric-reports")) posted++;
  });
  await card.getByLabel("Mức cải thiện (%)").fill("5000");
  await card.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(card.getByTestId("KPI_IMPROVEMENT-value-error")).toHaveText("Phải nằm trong khoảng từ -100 đến 1000.");
  await expect(card.getByLabel("Mức cải thiện (%)")).toBeFocused();
  expect(posted).toBe(0);

  // a value the browser accepts, which the server refuses (its answer stands in here for a rule it alone knows): the
  // detail's code and params become the Vietnamese text on the field, and the field gets the focus back
  await page.route("**/api/v1/metric-reports", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({
        error: {
          code: "validation_failed",
          message: "Validation failed",
          requestId: "e2e",
          details: [{ path: "value", message: "must be between -100 and 1000", code: "out_of_range", params: { minimum: -50, maximum: 50 } }],
        },
      }),
    }),
  );
  await card.getByLabel("Mức cải thiện (%)").fill("75,5");
  await expect(card.getByTestId("KPI_IMPROVEMENT-value-error")).toHaveCount(0);
  await page.getByRole("link", { name: "Báo cáo quý" }).first().focus(); // the focus elsewhere before saving
  await card.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(card.getByTestId("KPI_IMPROVEMENT-value-error")).toHaveText("Phải nằm trong khoảng từ -50 đến 50.");
  await expect(card.getByLabel("Mức cải thiện (%)")).toBeFocused();
  await expect(card.getByTestId("notice-KPI_IMPROVEMENT")).toHaveText("Vui lòng kiểm tra các trường được đánh dấu.");
  expect(await axe(page)).toEqual([]);
  await shoot(page, "report-server-error-vi-1280");
  await page.setViewportSize({ width: 375, height: 800 });
  await card.scrollIntoViewIfNeeded();
  expect(await sideways(page)).toBeLessThanOrEqual(1);
  await shoot(page, "report-server-error-vi-375");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.unroute("**/api/v1/metric-reports");

  // a link of the app asks before leaving the unsaved figure; no stays, with the figure
  const asked = nextConfirm(page, false);
  await page.getByRole("link", { name: "Trang chủ" }).first().click();
  await expect.poll(() => asked).toEqual(["Bạn có thay đổi chưa lưu. Rời trang này và bỏ các thay đổi?"]);
  await expect(page).toHaveURL(/\/reports\?period=/);
  await expect(card.getByLabel("Mức cải thiện (%)")).toHaveValue("75,5");

  // saved for real, nothing is pending: the same link leaves without asking
  await card.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(card.getByTestId("notice-KPI_IMPROVEMENT")).toHaveText("Đã lưu nháp.");
  await expect(card.getByTestId("status-KPI_IMPROVEMENT")).toHaveText("Bản nháp");
  await page.getByRole("link", { name: "Trang chủ" }).first().click();
  await expect(page).toHaveURL(/\/$/);
});

/** The quarter `n` quarters from the current one (the KPI's quarters around now). */
function quarterFromNow(n: number, now = new Date()): string {
  const i = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) + n;
  return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** An initiative of the officer's organisation with one KPI (40 → 80 %, higher is better). */
async function initiativeWithKpi(request: Parameters<typeof apiToken>[0], officer: ReturnType<typeof account>) {
  const token = await apiToken(request, officer);
  const me = await (await request.get("/api/v1/me", { headers: bearer(token) })).json();
  const ini = await request.post("/api/v1/initiatives", {
    headers: bearer(token),
    data: { organisationId: me.organisationId, title: `Sáng kiến biểu mẫu ${tag()}`, buildingBlocks: ["ONE_PORTAL"], status: "IN_PROGRESS", currentStage: 1, targetStage: 2, progress: 20 },
  });
  expect(ini.status()).toBe(201);
  const initiative = await ini.json();
  const name = `Tỷ lệ hồ sơ biểu mẫu ${tag()}`;
  const made = await request.post(`/api/v1/initiatives/${initiative.id}/kpis`, {
    headers: bearer(token),
    data: { name, unit: "%", direction: "HIGHER_IS_BETTER", baseline: 40, baselinePeriod: quarterFromNow(-4), target: 80, targetPeriod: quarterFromNow(4) },
  });
  expect(made.status()).toBe(201);
  return { initiative, kpi: await made.json(), name, token };
}

test("KPI forms: the server's rule by code sits on the target with the focus, a blank value is refused on its field, cancelling and leaving with unsaved changes ask", async ({ page, request }) => {
  test.setTimeout(180_000);
  const officer = account("OFFICER", 1);
  const { initiative, kpi, name } = await initiativeWithKpi(request, officer);
  await signIn(page, officer, `/initiatives/${initiative.id}`);
  const card = page.getByTestId("kpi-card").filter({ hasText: name });
  await card.getByRole("button", { name: "Sửa chỉ tiêu" }).click();
  const form = page.getByRole("form", { name: `Sửa chỉ tiêu ${name}` });
  await expect(form.getByTestId(`kpi-edit-${kpi.id}-unsaved`)).toHaveCount(0);

  // a PATCH carries no rule across fields in the browser (kpiUpdateInput): the server judges the merged KPI and
  // answers target_not_better on the target, which the form puts there in Vietnamese, with the focus
  let patched = 0;
  page.on("request", (r) => {
    if (r.method() === "PATCH" && r.url().includes(`/api/v1/kpis/${kpi.id}`)) patched++;
  });
  await form.getByLabel("Mục tiêu", { exact: true }).fill("30");
  await expect(form.getByTestId(`kpi-edit-${kpi.id}-unsaved`)).toHaveText("Có thay đổi chưa lưu.");
  await form.getByLabel("Tên chỉ tiêu").focus();
  await form.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(form.getByTestId(`kpi-edit-${kpi.id}-target-error`)).toHaveText("Mục tiêu phải lớn hơn giá trị cơ sở (càng cao càng tốt).");
  await expect(form.getByLabel("Mục tiêu", { exact: true })).toBeFocused();
  await expect(form.getByTestId("kpi-error")).toHaveText("Chưa lưu được. Vui lòng sửa các trường được đánh dấu.");
  expect(patched).toBe(1);
  expect(await axe(page)).toEqual([]);
  await shoot(page, "kpi-server-error-vi-1280");

  // a link away asks; no stays with the typed target
  const asked = nextConfirm(page, false);
  await page.getByRole("link", { name: "Trang chủ" }).first().click();
  await expect.poll(() => asked).toEqual(["Bạn có thay đổi chưa lưu. Rời trang này và bỏ các thay đổi?"]);
  await expect(form.getByLabel("Mục tiêu", { exact: true })).toHaveValue("30");

  // a good target saves, the form closes, the card shows the new goal
  await form.getByLabel("Mục tiêu", { exact: true }).fill("90");
  await form.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(form).toBeHidden();
  await expect(card).toContainText(/đến 90/);

  // the quarter's value: blank is refused by kpiValueInput on the value field, nothing is sent
  let put = 0;
  page.on("request", (r) => {
    if (r.method() === "PUT" && r.url().includes(`/api/v1/kpis/${kpi.id}/values/`)) put++;
  });
  await card.getByRole("button", { name: "Lưu giá trị" }).click();
  await expect(card.getByTestId(`val-${kpi.id}-value-error`)).toHaveText("Vui lòng nhập một số.");
  await expect(card.getByLabel("Giá trị", { exact: true })).toBeFocused();
  expect(put).toBe(0);
  await card.getByLabel("Quý", { exact: true }).selectOption(quarterFromNow(-3));
  await card.getByLabel("Giá trị", { exact: true }).fill("45");
  await card.getByRole("button", { name: "Lưu giá trị" }).click();
  await expect(card.getByText(`Đã lưu giá trị quý ${quarterFromNow(-3)}.`)).toBeVisible();
  await expect(card.getByTestId(`val-${kpi.id}-unsaved`)).toHaveCount(0);

  // a new KPI half typed: cancelling asks; no keeps it, yes drops it
  await page.getByRole("button", { name: "Thêm chỉ tiêu" }).click();
  const add = page.getByRole("form", { name: "Thêm chỉ tiêu" });
  await add.getByLabel("Tên chỉ tiêu").fill("Chỉ tiêu bỏ dở");
  const keep = nextConfirm(page, false);
  await add.getByRole("button", { name: "Hủy" }).click();
  await expect.poll(() => keep).toEqual(["Bạn có thay đổi chưa lưu. Đóng và bỏ các thay đổi?"]);
  await expect(add.getByLabel("Tên chỉ tiêu")).toHaveValue("Chỉ tiêu bỏ dở");
  nextConfirm(page, true);
  await add.getByRole("button", { name: "Hủy" }).click();
  await expect(add).toBeHidden();
});

test("KPI value on the reports screen: blank and the server's out-of-range answer sit on the value with the focus; a link away asks; a good value saves", async ({ page, request }) => {
  test.setTimeout(180_000);
  const officer = account("OFFICER", 1);
  const { kpi } = await initiativeWithKpi(request, officer);
  const period = quarterFromNow(-1);
  await signIn(page, officer, `/reports?period=${period}`);
  const row = page.getByTestId(`kpi-${kpi.id}`);
  const input = row.getByRole("textbox");
  await row.getByRole("button", { name: "Lưu" }).click();
  await expect(row.getByTestId(`kpi-${kpi.id}-error`)).toHaveText("Vui lòng nhập một số.");
  await expect(input).toBeFocused();

  await page.route("**/api/v1/kpis/*/values/*", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({
        error: { code: "validation_failed", message: "Validation failed", requestId: "e2e", details: [{ path: "value", message: "out of range", code: "out_of_range", params: { minimum: 0, maximum: 100 } }] },
      }),
    }),
  );
  await input.fill("55");
  await expect(row.getByTestId(`kpi-${kpi.id}-unsaved`)).toBeVisible();
  await page.getByRole("link", { name: "Trang chủ" }).first().focus();
  await row.getByRole("button", { name: "Lưu" }).click();
  await expect(row.getByTestId(`kpi-${kpi.id}-error`)).toHaveText("Phải nằm trong khoảng từ 0 đến 100.");
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await page.unroute("**/api/v1/kpis/*/values/*");

  const asked = nextConfirm(page, false);
  await page.getByRole("link", { name: "Trang chủ" }).first().click();
  await expect.poll(() => asked).toEqual(["Bạn có thay đổi chưa lưu. Rời trang này và bỏ các thay đổi?"]);
  await expect(input).toHaveValue("55");

  await row.getByRole("button", { name: "Lưu" }).click();
  await expect(row.getByRole("status")).toHaveText("Đã lưu; xếp loại đã cập nhật.");
  await expect(row.getByTestId(`kpi-${kpi.id}-unsaved`)).toHaveCount(0);
  await page.getByRole("link", { name: "Trang chủ" }).first().click();
  await expect(page).toHaveURL(/\/$/);
});

test("national targets: a target quarter not after the baseline sits on that row's field with the focus; a link away asks; the same targets save", async ({ page, request }) => {
  test.setTimeout(180_000);
  const admin = account("ADMIN");
  const token = await apiToken(request, admin);
  const before = await (await request.get("/api/v1/national-targets", { headers: bearer(token) })).json();
  expect(before.length).toBeGreaterThan(0);
  const metric = before[0].metric as string;
  await signIn(page, admin, "/admin/targets");
  const row = page.getByTestId(`target-${metric}`);
  const targetPeriod = row.getByLabel("Quý mục tiêu");
  await expect(targetPeriod).toHaveValue(before[0].targetPeriod);

  // the list's schema (nationalTargetsInput) runs in the browser: its "0.targetPeriod" is this row's field
  await targetPeriod.fill(before[0].baselinePeriod);
  await page.getByRole("button", { name: "Lưu mục tiêu" }).click();
  await expect(row.getByTestId(`t-${metric}-targetPeriod-error`)).toHaveText(`Phải sau quý cơ sở (${before[0].baselinePeriod}).`);
  await expect(targetPeriod).toBeFocused();
  await expect(page.getByTestId("targets-message")).toHaveText("Một số trường chưa hợp lệ. Vui lòng kiểm tra các thông báo bên dưới.");
  expect(await axe(page)).toEqual([]);
  await shoot(page, "targets-error-vi-1280");

  // the same targets written again (the quarter in small letters, which the form sends in capitals): a change in the
  // form, none in the targets other specs read
  await targetPeriod.fill(before[0].targetPeriod.toLowerCase());
  await expect(page.getByTestId("targets-unsaved")).toHaveText("Có thay đổi chưa lưu.");
  const asked = nextConfirm(page, false);
  await page.getByRole("link", { name: "Trang chủ" }).first().click();
  await expect.poll(() => asked).toEqual(["Bạn có thay đổi chưa lưu. Rời trang này và bỏ các thay đổi?"]);
  await expect(page).toHaveURL(/\/admin\/targets/);

  await page.getByRole("button", { name: "Lưu mục tiêu" }).click();
  await expect(page.getByTestId("targets-message")).toHaveText("Đã lưu mục tiêu quốc gia.");
  await expect(page.getByTestId("targets-unsaved")).toHaveCount(0);
  await expect(targetPeriod).toHaveValue(before[0].targetPeriod);
  expect(await (await request.get("/api/v1/national-targets", { headers: bearer(token) })).json()).toEqual(before);
});

test("briefing signature (en): the server's too_big by code sits on the signer's name with the focus; a link away asks; the same block saves", async ({ page, request, context, baseURL }) => {
  test.setTimeout(180_000);
  const admin = account("ADMIN");
  const token = await apiToken(request, admin);
  const before = await (await request.get("/api/v1/briefing-settings", { headers: bearer(token) })).json();
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await signIn(page, admin, "/admin/settings");
  const name = page.getByLabel("Signer's full name");
  await expect(name).toHaveValue(before.signerName);

  await page.route("**/api/v1/briefing-settings", (route) =>
    route.request().method() === "PUT"
      ? route.fulfill({
          status: 400,
          contentType: "application/json",
          body: JSON.stringify({
            error: { code: "validation_failed", message: "Validation failed", requestId: "e2e", details: [{ path: "signerName", message: "at most 200 characters", code: "too_big", params: { maximum: 200, origin: "string", inclusive: true } }] },
          }),
        })
      : route.continue(),
  );
  // a trailing space: the schema trims it, so the block saved below is the one other specs print
  await name.fill(`${before.signerName} `);
  await expect(page.getByTestId("signature-unsaved")).toHaveText("You have unsaved changes.");
  await page.getByLabel("Title", { exact: true }).focus();
  await page.getByRole("button", { name: "Save signature block" }).click();
  await expect(page.getByTestId("signerName-error")).toHaveText("At most 200 characters.");
  await expect(name).toBeFocused();
  await expect(page.getByTestId("signature-status")).toHaveText("Not saved. Check the marked fields.");
  await page.unroute("**/api/v1/briefing-settings");

  const asked = nextConfirm(page, false);
  await page.getByRole("link", { name: "Home" }).first().click();
  await expect.poll(() => asked).toEqual(["You have unsaved changes. Leave this page and discard them?"]);
  await expect(name).toHaveValue(`${before.signerName} `);

  await page.getByRole("button", { name: "Save signature block" }).click();
  await expect(page.getByTestId("signature-status")).toHaveText("Signature block saved.");
  await expect(page.getByTestId("signature-unsaved")).toHaveCount(0);
  await expect(name).toHaveValue(before.signerName);
  expect(await (await request.get("/api/v1/briefing-settings", { headers: bearer(token) })).json()).toEqual(before);
});

test("mail preference: the server's answer by code sits on the choice with the focus; a link away asks; a good choice saves", async ({ page, request }) => {
  test.setTimeout(180_000);
  const admin = await apiToken(request, account("ADMIN"));
  const who = { role: "LEADERSHIP" as const, email: `forms.pref.${tag().toLowerCase()}@example.gov.vn`, password: "Forms-Password-2026!" };
  const made = await request.post("/api/v1/users", { headers: bearer(admin), data: { email: who.email, name: "Lãnh đạo biểu mẫu", role: "LEADERSHIP", password: who.password, mustChangeCredentials: false } });
  expect(made.status()).toBe(201);
  await signIn(page, who as unknown as ReturnType<typeof account>, "/profile");
  const group = page.getByRole("group", { name: "Thông báo luôn hiển thị trong hệ thống; chọn cách nhận thêm qua thư điện tử." });
  await group.getByLabel("Gửi một thư tổng hợp mỗi ngày").check();
  await expect(page.getByTestId("preference-unsaved")).toHaveText("Có thay đổi chưa lưu.");

  await page.route("**/api/v1/me/mail-preference", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({
        error: { code: "validation_failed", message: "Validation failed", requestId: "e2e", details: [{ path: "mailPreference", message: "not one of the values", code: "invalid_value", params: { values: ["IMMEDIATE", "DIGEST", "OFF"] } }] },
      }),
    }),
  );
  await page.getByRole("button", { name: "Lưu lựa chọn" }).focus();
  await page.getByRole("button", { name: "Lưu lựa chọn" }).click();
  await expect(page.getByTestId("mailPreference-error")).toHaveText("Vui lòng chọn một trong các giá trị được đưa ra.");
  await expect(group.getByLabel("Gửi ngay mỗi thông báo")).toBeFocused();
  await page.unroute("**/api/v1/me/mail-preference");

  const asked = nextConfirm(page, false);
  await page.getByRole("link", { name: "Trang chủ" }).first().click();
  await expect.poll(() => asked).toEqual(["Bạn có thay đổi chưa lưu. Rời trang này và bỏ các thay đổi?"]);
  await expect(group.getByLabel("Gửi một thư tổng hợp mỗi ngày")).toBeChecked();

  await page.getByRole("button", { name: "Lưu lựa chọn" }).click();
  await expect(page.getByTestId("preference-saved")).toHaveText("Đã lưu lựa chọn.");
  await expect(page.getByTestId("preference-unsaved")).toHaveCount(0);
  const token = await apiToken(request, who as unknown as ReturnType<typeof account>);
  expect(await (await request.get("/api/v1/me/mail-preference", { headers: bearer(token) })).json()).toEqual({ mailPreference: "DIGEST" });
});
