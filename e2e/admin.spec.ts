import { mkdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { test, expect, account, apiToken, signIn, type DemoAccount } from "./fixtures";

const SCREENS = ".data/screens";

type OrgRow = { id: string; code: string; nameVi: string; kind: string; parentId: string | null };

/** Every organisation in force today: the list is paged, so walk its pages. */
async function allOrgs(request: import("@playwright/test").APIRequestContext, token: string): Promise<OrgRow[]> {
  const out: OrgRow[] = [];
  for (let page = 1; ; page++) {
    const res = await request.get(`/api/v1/organisations?page=${page}&pageSize=200`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { data: OrgRow[]; total: number };
    out.push(...body.data);
    if (out.length >= body.total || body.data.length === 0) return out;
  }
}

async function orgByCode(request: import("@playwright/test").APIRequestContext, token: string, code: string) {
  const org = (await allOrgs(request, token)).find((o) => o.code === code);
  if (!org) throw new Error(`no organisation ${code}`);
  return org;
}

async function signedInPage(browser: Browser, who: DemoAccount): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, who);
  return page;
}

/** A password an admin set is replaced by the person's own before the pages open (the forced change). */
async function chooseOwnPassword(page: Page, current: string, next: string) {
  await expect(page).toHaveURL(/\/change-password/);
  const form = page.getByRole("form", { name: "Đổi mật khẩu" });
  await form.getByLabel("Mật khẩu hiện tại").fill(current);
  await form.getByLabel("Mật khẩu mới", { exact: true }).fill(next);
  await form.getByLabel("Nhập lại mật khẩu mới").fill(next);
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page).not.toHaveURL(/\/change-password/);
}

test.describe.configure({ mode: "serial" });

test("accounts: create an officer, reset the password, deactivate — each ends the officer's session; the last admin stays", async ({ page, browser, request }) => {
  // four sign-ins and two password changes in one story
  test.setTimeout(180_000);
  const admin = account("ADMIN");
  const token = await apiToken(request, admin);
  const ministry = await orgByCode(request, token, account("OFFICER").organisationCode!);
  const email = `can.bo.moi.${Date.now()}@e2e.gov.vn`;
  const password1 = "Mat-khau-ban-dau-2026";
  const password2 = "Mat-khau-dat-lai-2026";
  const own1 = "Mat-khau-rieng-thu-nhat-2026";
  const own2 = "Mat-khau-rieng-thu-hai-2026";

  await signIn(page, admin, "/admin/users");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quản lý tài khoản");

  // create, with the password rule checked first
  await page.getByRole("button", { name: "Tạo tài khoản mới" }).click();
  const dialog = page.getByRole("dialog", { name: "Tạo tài khoản mới" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Họ và tên").fill("Phạm Thị Hồng");
  await dialog.getByLabel("Vai trò").selectOption("OFFICER");
  await dialog.getByLabel("Mật khẩu").fill("password1234");
  await dialog.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(dialog.getByTestId("new-password-error")).toHaveText("Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác.");
  await expect(dialog.getByTestId("new-organisation-error")).toHaveText("Cán bộ phải thuộc một cơ quan.");
  await dialog.getByLabel("Cơ quan").selectOption(ministry.id);
  await dialog.getByLabel("Mật khẩu").fill(password1);
  await dialog.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByTestId("users-notice")).toContainText(email);
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("Cán bộ");
  await expect(row).toContainText(ministry.nameVi);

  // server-side search and filters in the URL
  await page.getByLabel("Tìm theo email hoặc họ tên").fill(email.slice(0, 18));
  await page.getByLabel("Vai trò").selectOption("OFFICER");
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/q=can\.bo\.moi/);
  await expect(page).toHaveURL(/role=OFFICER/);
  await expect(page.getByTestId(`user-row-${email}`)).toBeVisible();
  await expect(page.getByTestId(`user-row-${admin.email}`)).toHaveCount(0);

  // the officer signs in elsewhere and first replaces the password the admin chose
  await expect(row).toContainText("Chờ đổi mật khẩu");
  const officer: DemoAccount = { role: "OFFICER", email, password: password1 };
  const officerPage = await signedInPage(browser, officer);
  await chooseOwnPassword(officerPage, password1, own1);
  await expect(officerPage.getByTestId("home-role")).toHaveText("Cán bộ");

  // the officer's own password is in: no longer pending (and the record's version moved on: reload before editing)
  await page.reload();
  await expect(page.getByTestId(`user-row-${email}`)).not.toContainText("Chờ đổi mật khẩu");

  // reset the password: the officer's session ends at once
  await page.getByRole("button", { name: `Sửa tài khoản ${email}` }).click();
  const edit = page.getByRole("dialog", { name: `Tài khoản ${email}` });
  await edit.getByLabel("Mật khẩu mới").fill("short");
  await edit.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
  await expect(edit.getByTestId("reset-password-error")).toHaveText("Mật khẩu phải có ít nhất 12 ký tự.");
  await edit.getByLabel("Mật khẩu mới").fill(password2);
  await edit.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
  await expect(page.getByTestId("users-notice")).toContainText("Đã đặt lại mật khẩu");
  await officerPage.goto("/");
  await expect(officerPage).toHaveURL(/\/login/);

  // the new password works, once more to be replaced by the officer's own; then deactivation ends that session too
  // and sign-in is refused
  await signIn(officerPage, { ...officer, password: password2 });
  await chooseOwnPassword(officerPage, password2, own2);
  await expect(officerPage.getByTestId("home-role")).toHaveText("Cán bộ");
  await page.reload();
  await page.getByRole("button", { name: `Sửa tài khoản ${email}` }).click();
  await page.getByRole("dialog", { name: `Tài khoản ${email}` }).getByRole("button", { name: "Vô hiệu hóa tài khoản" }).click();
  await expect(page.getByTestId("users-notice")).toContainText("Đã vô hiệu hóa tài khoản");
  await expect(page.getByTestId(`user-row-${email}`)).toContainText("Đã vô hiệu hóa");
  await officerPage.goto("/");
  await expect(officerPage).toHaveURL(/\/login/);
  const refused = await request.post("/api/v1/auth/token", { data: { email, password: own2 } });
  expect(refused.status()).toBe(401);
  await officerPage.context().close();

  // the last active admin cannot be deactivated: the 409 is shown plainly
  const admins = await request.get("/api/v1/users?role=ADMIN&active=true", { headers: { authorization: `Bearer ${token}` } });
  if ((await admins.json()).total === 1) {
    await page.goto(`/admin/users?q=${encodeURIComponent(admin.email)}`);
    await page.getByRole("button", { name: `Sửa tài khoản ${admin.email}` }).click();
    const self = page.getByRole("dialog", { name: `Tài khoản ${admin.email}` });
    await self.getByRole("button", { name: "Vô hiệu hóa tài khoản" }).click();
    await expect(self.getByTestId("active-error")).toContainText("quản trị viên cuối cùng");
    await self.getByLabel("Vai trò").selectOption("LEADERSHIP");
    await self.getByRole("button", { name: "Lưu thay đổi" }).click();
    await expect(self.getByTestId("details-error")).toContainText("quản trị viên cuối cùng");
  }
});

test("organisations: create an agency under a ministry; field errors and version conflicts are shown", async ({ page, request }) => {
  const admin = account("ADMIN");
  const token = await apiToken(request, admin);
  const ministry = await orgByCode(request, token, account("OFFICER").organisationCode!);
  const code = `CUC_E2E_${Date.now().toString().slice(-6)}`;

  await signIn(page, admin, "/admin/organisations");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quản lý cơ quan");
  await page.getByRole("button", { name: "Thêm cơ quan" }).click();
  const dialog = page.getByRole("dialog", { name: "Thêm cơ quan" });
  await dialog.getByLabel("Mã cơ quan").fill("bad code!");
  await dialog.getByLabel("Loại cơ quan").selectOption("AGENCY");
  await dialog.getByLabel("Tên tiếng Việt").fill("Cục Chuyển đổi số thử nghiệm");
  await dialog.getByLabel("Tên tiếng Anh").fill("Test Digital Transformation Department");
  await dialog.getByRole("button", { name: "Tạo cơ quan" }).click();
  await expect(dialog.getByTestId("org-code-error")).toHaveText("Từ 2 đến 32 ký tự: chữ in hoa không dấu, chữ số hoặc dấu _.");
  await expect(dialog.getByTestId("org-parent-error")).toHaveText("Đơn vị trực thuộc phải thuộc một bộ hoặc tỉnh.");
  await dialog.getByLabel("Mã cơ quan").fill(code);
  await dialog.getByLabel("Cơ quan cấp trên").selectOption(ministry.id);
  await dialog.getByRole("button", { name: "Tạo cơ quan" }).click();
  await expect(page.getByTestId("organisations-notice")).toContainText(code);
  const nested = page.getByRole("list", { name: `Đơn vị trực thuộc ${ministry.nameVi}` });
  await expect(nested.getByTestId(`org-${code}`)).toContainText("Cục Chuyển đổi số thử nghiệm");

  // a stale edit: someone else saves first
  await nested.getByRole("button", { name: "Sửa Cục Chuyển đổi số thử nghiệm" }).click();
  const edit = page.getByRole("dialog", { name: "Sửa Cục Chuyển đổi số thử nghiệm" });
  const agency = await orgByCode(request, token, code);
  const first = await request.patch(`/api/v1/organisations/${agency.id}`, { headers: { authorization: `Bearer ${token}` }, data: { version: 1, nameEn: "Renamed elsewhere" } });
  expect(first.status()).toBe(200);
  await edit.getByLabel("Tên tiếng Việt").fill("Cục Chuyển đổi số (sửa)");
  await edit.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(edit.getByTestId("organisation-form-error")).toContainText("vừa được người khác cập nhật");
});

test("audit: the changes above appear with who, what and field changes; filters work", async ({ page }) => {
  const admin = account("ADMIN");
  await signIn(page, admin, "/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhật ký hệ thống");
  await page.getByLabel("Người thực hiện (email)").fill(admin.email);
  await page.getByLabel("Đối tượng").selectOption("User");
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/entityType=User/);
  const entries = page.getByTestId("audit-entry");
  await expect(entries.first()).toBeVisible();
  await expect(entries.filter({ hasText: "Tạo mới" }).filter({ hasText: /can\.bo\.moi\..*@e2e\.gov\.vn/ }).first()).toBeVisible();
  await expect(entries.filter({ hasText: "Cập nhật" }).filter({ hasText: "password" }).first()).toBeVisible();
  await expect(entries.filter({ hasText: "active" }).filter({ hasText: "Có" }).filter({ hasText: "Không" }).first()).toBeVisible();

  await page.getByLabel("Đối tượng").selectOption("Organisation");
  await page.getByLabel("Thao tác").selectOption("create");
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(entries.filter({ hasText: /CUC_E2E_/ }).first()).toBeVisible();
  await expect(entries.filter({ hasText: /CUC_E2E_/ }).first()).toContainText(account("OFFICER").organisation!);

  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  await page.goto(`/audit?from=2001-01-01&to=2001-01-02`);
  await expect(page.getByText("Không có mục nhật ký nào phù hợp.")).toBeVisible();
  await page.goto(`/audit?from=${today}&to=${today}&actorEmail=${encodeURIComponent(admin.email)}`);
  await expect(entries.first()).toBeVisible();
});

test("an officer's audit log holds their own organisation's entries only", async ({ page, request }) => {
  const officer = account("OFFICER");
  const token = await apiToken(request, officer);
  const me = await (await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).json();
  // the worker's organisation starts empty: one entry of its own, so the check below is about something
  const made = await request.post("/api/v1/initiatives", {
    headers: { authorization: `Bearer ${token}` },
    data: { organisationId: me.organisationId, title: `Nhật ký của cơ quan ${Date.now()}`, buildingBlocks: ["ONE_PORTAL"], status: "PLANNED", currentStage: 1, targetStage: 2, progress: 0 },
  });
  expect(made.status()).toBe(201);
  const res = await request.get("/api/v1/audit?pageSize=200", { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const page1 = await res.json();
  expect(page1.data.map((e: { entityId: string }) => e.entityId)).toContain((await made.json()).id);
  const orgs = await allOrgs(request, token);
  const scope = new Set([me.organisationId, ...orgs.filter((o) => o.parentId === me.organisationId).map((o) => o.id)]);
  for (const e of page1.data) expect(scope.has(e.organisationId)).toBe(true);

  await signIn(page, officer, "/audit");
  await expect(page.getByText("Các thay đổi của cơ quan bạn và các đơn vị trực thuộc.", { exact: false })).toBeVisible();
  const options = await page.getByLabel("Cơ quan").locator("option").count();
  expect(options).toBe(scope.size + 1);
});

test("screenshots of the accounts and audit screens at 1280 and 375 px", async ({ page }) => {
  mkdirSync(SCREENS, { recursive: true });
  await signIn(page, account("ADMIN"));
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/accounts-${width}.png`, fullPage: true });
    await page.getByRole("button", { name: /^Sửa tài khoản/ }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/accounts-edit-${width}.png`, fullPage: false });
    await page.keyboard.press("Escape");
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/audit-${width}.png`, fullPage: true });
    await page.goto("/admin/organisations");
    await page.screenshot({ path: `${SCREENS}/organisations-${width}.png`, fullPage: false });
    await page.goto("/admin/targets");
    await page.screenshot({ path: `${SCREENS}/targets-${width}.png`, fullPage: true });
    await page.goto("/profile");
    await page.screenshot({ path: `${SCREENS}/profile-${width}.png`, fullPage: true });
    await page.goto("/api-docs");
    await page.screenshot({ path: `${SCREENS}/api-docs-${width}.png`, fullPage: false });
  }
});
