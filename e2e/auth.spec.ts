import { test, expect, account, signIn } from "./fixtures";

test("a signed-out visitor is sent to the login page and comes back after signing in", async ({ page }) => {
  await page.goto("/maturity-model");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmaturity-model/);
  const officer = account("OFFICER");
  await page.getByLabel("Email").fill(officer.email);
  await page.getByLabel(/Mật khẩu|Password/).fill(officer.password);
  await page.getByRole("button", { name: /Đăng nhập|Sign in/ }).click();
  await expect(page).toHaveURL(/\/maturity-model$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mô hình trưởng thành Chính phủ số");
  await expect(page.getByRole("cell", { name: "Chính phủ thông minh" })).toBeVisible();
});

test("a wrong password shows a message and stays on the login page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account("OFFICER").email);
  await page.getByLabel(/Mật khẩu|Password/).fill("definitely-not-the-password");
  await page.getByRole("button", { name: /Đăng nhập|Sign in/ }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Email hoặc mật khẩu không đúng.");
  await expect(page).toHaveURL(/\/login/);
});

test("sign out ends the session", async ({ page }) => {
  await signIn(page, account("LEADERSHIP"));
  await expect(page).toHaveURL(/\/dashboard/);
  await page.getByRole("button", { name: /Đăng xuất|Sign out/ }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("an officer and an admin each see what their role may use", async ({ page }) => {
  await signIn(page, account("OFFICER"));
  await expect(page.getByTestId("home-role")).toHaveText("Cán bộ");
  await expect(page.getByTestId("home-organisation")).not.toHaveText("Không gắn với cơ quan nào");
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(nav.getByRole("link", { name: "Tài khoản" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Báo cáo quý" })).toBeVisible();
  // the officer's home page lists what needs attention in their organisation
  await expect(page.getByTestId("attention")).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, account("ADMIN"));
  await expect(page.getByTestId("home-role")).toHaveText("Quản trị viên");
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Tài khoản" })).toBeVisible();
});

test("the English switch translates the page and is remembered", async ({ page }) => {
  await signIn(page, account("OFFICER"), "/maturity-model");
  await page.getByRole("button", { name: /English/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Digital government maturity model");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Digital government maturity model");
  await expect(page.getByRole("cell", { name: "Smart", exact: true })).toBeVisible();
});
