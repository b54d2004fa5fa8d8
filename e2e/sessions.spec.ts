import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect as baseExpect, account, apiToken, signIn, type DemoAccount } from "./fixtures";

/**
 * Issue 13, points 4–6 in a real browser: sign-out ends the session on the server, personal tokens only from a
 * browser session, password self-service and the forced change, and no open redirect after sign-in.
 * Every test makes its own accounts (the demo accounts are shared with the other specs).
 */
const SCREENS = ".data/screens";

// several sign-ins per test: on a loaded machine each, and each page, can take many seconds
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const stamp = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

/** A fresh LEADERSHIP account made by the admin through the API. */
async function newAccount(request: APIRequestContext, opts: { forced: boolean }): Promise<DemoAccount & { id: string }> {
  const admin = await apiToken(request, account("ADMIN"));
  const email = `phien.${stamp()}@e2e.gov.vn`;
  const password = `Mat-khau-ban-dau-${stamp()}`;
  const res = await request.post("/api/v1/users", {
    headers: bearer(admin),
    data: { email, name: "Trần Văn Phiên", role: "LEADERSHIP", password, ...(opts.forced ? {} : { mustChangeCredentials: false }) },
  });
  expect(res.status()).toBe(201);
  const body = await res.json();
  expect(body.mustChangeCredentials).toBe(opts.forced);
  return { role: "LEADERSHIP", email, password, id: body.id };
}

async function sessionCookie(page: Page) {
  const c = (await page.context().cookies()).find((x) => x.name.includes("session-token"));
  expect(c, "a session cookie").toBeTruthy();
  return c!;
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test("signing out ends the session on the server: a copy of the cookie is refused afterwards", async ({ page, browser, request }) => {
  const who = await newAccount(request, { forced: false });
  await signIn(page, who);
  const cookie = await sessionCookie(page);

  // the same cookie in another browser works while the session is open
  const copy = await newPage(browser);
  await copy.context().addCookies([cookie]);
  expect((await copy.request.get("/api/v1/me")).status()).toBe(200);

  // the person signs out; the copy is now refused by the API and by the pages
  await page.getByRole("button", { name: /Đăng xuất|Sign out/ }).first().click();
  // a loaded machine can take a while to render the login page
  await expect(page).toHaveURL(/\/login/);
  const after = await copy.request.get("/api/v1/me");
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthenticated");
  await copy.goto("/dashboard");
  await expect(copy).toHaveURL(/\/login/);
  await copy.context().close();
});

test("signing out on one device leaves the person's other devices signed in", async ({ page, browser, request }) => {
  const who = await newAccount(request, { forced: false });
  const phone = await newPage(browser);
  await signIn(phone, who);
  await signIn(page, who);
  await page.getByRole("button", { name: /Đăng xuất|Sign out/ }).first().click();
  // a loaded machine can take a while to render the login page
  await expect(page).toHaveURL(/\/login/);
  await phone.goto("/dashboard");
  await expect(phone).toHaveURL(/\/dashboard$/);
  await phone.context().close();
});

test("a personal token is minted from a browser session only; a bearer token gets 403", async ({ page, request }) => {
  const who = await newAccount(request, { forced: false });
  const token = await apiToken(request, who);
  const refused = await request.post("/api/v1/me/tokens", { headers: bearer(token), data: { name: "kịch bản" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
  await signIn(page, who, "/profile");
  const minted = await page.request.post("/api/v1/me/tokens", { data: { name: "kịch bản" } });
  expect(minted.status()).toBe(201);
  expect((await request.get("/api/v1/me", { headers: bearer((await minted.json()).token) })).status()).toBe(200);
});

test("after sign-in, a callbackUrl to another host lands on this site instead", async ({ page, baseURL }) => {
  const host = new URL(baseURL!).host;
  // were the browser sent there, this answers instead of a DNS error
  await page.route((u) => u.hostname === "evil.example", (r) => r.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }));
  const officer = account("OFFICER");
  // the rest of the nasty cases are in lib/auth/callback-url.test.ts
  for (const raw of ["/\t/evil.example", "/\\evil.example", "/%09/evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(raw)}`);
    await page.getByLabel("Email").fill(officer.email);
    await page.getByLabel(/Mật khẩu|Password/).fill(officer.password);
    await page.getByRole("button", { name: /Đăng nhập|Sign in/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 60_000 });
    expect(new URL(page.url()).host, `callbackUrl ${JSON.stringify(raw)}`).toBe(host);
    // signed in already, the login page sends one on at once: the same rule
    await page.goto(`/login?callbackUrl=${encodeURIComponent(raw)}`);
    expect(new URL(page.url()).host, `signed in, callbackUrl ${JSON.stringify(raw)}`).toBe(host);
  }
  // a same-site path is still honoured
  await page.context().clearCookies();
  await signIn(page, officer, "/maturity-model?x=1");
  await expect(page).toHaveURL(/\/maturity-model\?x=1$/);
});

test("a new account must choose its own password before using the pages; the API works meanwhile", async ({ page, request }) => {
  const who = await newAccount(request, { forced: true });
  // scripts and integrations are not locked out
  const token = await apiToken(request, who);
  expect((await request.get("/api/v1/me", { headers: bearer(token) })).status()).toBe(200);

  await page.goto(`/login?callbackUrl=${encodeURIComponent("/maturity-model")}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel(/Mật khẩu|Password/).fill(who.password);
  await page.getByRole("button", { name: /Đăng nhập|Sign in/ }).click();
  await expect(page).toHaveURL(/\/change-password\?callbackUrl=%2Fmaturity-model/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đặt mật khẩu mới");
  await expect(page.getByTestId("change-password-account")).toContainText(who.email);
  // every page sends them back here
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/change-password/);

  const form = page.getByRole("form", { name: "Đổi mật khẩu" });
  await form.getByLabel("Mật khẩu hiện tại").fill("khong-phai-mat-khau");
  await form.getByLabel("Mật khẩu mới", { exact: true }).fill("Mat-khau-rieng-cua-toi-2026");
  await form.getByLabel("Nhập lại mật khẩu mới").fill("Mat-khau-rieng-cua-toi-2027");
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByTestId("confirm-password-error")).toHaveText("Hai lần nhập mật khẩu mới không khớp nhau.");
  await form.getByLabel("Nhập lại mật khẩu mới").fill("Mat-khau-rieng-cua-toi-2026");
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByTestId("current-password-error")).toHaveText("Mật khẩu hiện tại không đúng.");
  await form.getByLabel("Mật khẩu hiện tại").fill(who.password);
  await form.getByLabel("Mật khẩu mới", { exact: true }).fill(who.password);
  await form.getByLabel("Nhập lại mật khẩu mới").fill(who.password);
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByTestId("new-password-error")).toHaveText("Mật khẩu mới phải khác mật khẩu hiện tại.");

  mkdirSync(SCREENS, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SCREENS}/change-password-${width}.png`, fullPage: true });
  }
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await form.getByLabel("Mật khẩu mới", { exact: true }).fill("Mat-khau-rieng-cua-toi-2026");
  await form.getByLabel("Nhập lại mật khẩu mới").fill("Mat-khau-rieng-cua-toi-2026");
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  // on to the page that sent them here last
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/maturity-model");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mô hình trưởng thành Chính phủ số");
  // the token of before was ended with the other credentials; the new password signs in
  expect((await request.get("/api/v1/me", { headers: bearer(token) })).status()).toBe(401);
  expect((await request.post("/api/v1/auth/token", { data: { email: who.email, password: "Mat-khau-rieng-cua-toi-2026" } })).status()).toBe(201);
});

test("changing one's password on the profile page ends the other sessions; this one goes on", async ({ page, browser, request }) => {
  const who = await newAccount(request, { forced: false });
  const other = await newPage(browser);
  await signIn(other, who);
  const token = await apiToken(request, who);
  await signIn(page, who, "/profile");
  const card = page.getByRole("region", { name: "Đổi mật khẩu" });
  await expect(card).toBeVisible();
  await card.getByLabel("Mật khẩu hiện tại").fill(who.password);
  await card.getByLabel("Mật khẩu mới", { exact: true }).fill("Cum-tu-moi-de-nho-2026");
  await card.getByLabel("Nhập lại mật khẩu mới").fill("Cum-tu-moi-de-nho-2026");
  await card.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(page.getByTestId("password-changed")).toContainText("Đã đổi mật khẩu");
  await page.setViewportSize({ width: 375, height: 900 });
  mkdirSync(SCREENS, { recursive: true });
  await card.screenshot({ path: `${SCREENS}/profile-password-375.png` });

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/login/);
  expect((await request.get("/api/v1/me", { headers: bearer(token) })).status()).toBe(401);
  expect((await request.post("/api/v1/auth/token", { data: { email: who.email, password: who.password } })).status()).toBe(401);
  expect((await request.post("/api/v1/auth/token", { data: { email: who.email, password: "Cum-tu-moi-de-nho-2026" } })).status()).toBe(201);
  await other.context().close();
});
