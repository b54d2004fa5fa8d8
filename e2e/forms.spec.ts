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
