import { test, expect, account, apiToken, signIn } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

/** A past quarter no other spec writes to (reports and calendar use the last two). */
function quarterFromNow(n: number, now = new Date()): string {
  const i = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) + n;
  return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;
}
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function asUser(browser: Browser, who: ReturnType<typeof account>, path: string, width = 1280): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, who, path);
  return page;
}

test("a rejection reaches the officer through the bell; the corrected report reaches leadership again", async ({ browser, request }) => {
  // four sign-ins and a report round trip: more than the default minute on a loaded machine (no timing test)
  test.setTimeout(240_000);
  const officer = account("OFFICER", 0);
  const leader = account("LEADERSHIP", 0);
  const officerToken = await apiToken(request, officer);
  const leaderToken = await apiToken(request, leader);
  const me = await (await request.get("/api/v1/me", { headers: auth(officerToken) })).json();
  const orgId: string = me.organisationId;
  const period = quarterFromNow(-7);
  const [y, q] = period.split("-Q");

  const created = await request.post("/api/v1/metric-reports", { headers: auth(officerToken), data: { organisationId: orgId, period, metric: "OPEN_DATASETS", value: 3 } });
  expect(created.status()).toBe(201);
  const draft = await created.json();
  const sub = await (await request.post(`/api/v1/metric-reports/${draft.id}/submit`, { headers: auth(officerToken), data: { version: draft.version } })).json();
  // the leader was told of the submission (grouped per organisation and quarter)
  const leaderList = await (await request.get("/api/v1/notifications?unread=true&pageSize=200", { headers: auth(leaderToken) })).json();
  expect(leaderList.data.some((n: { kind: string; link: string }) => n.kind === "REPORTS_SUBMITTED" && n.link === `/review?organisationId=${orgId}&period=${period}`)).toBe(true);
  await request.post("/api/v1/notifications/read-all", { headers: auth(leaderToken) });
  const rejected = await request.post(`/api/v1/metric-reports/${draft.id}/reject`, { headers: auth(leaderToken), data: { version: sub.version, comment: "Số liệu chưa khớp cổng dữ liệu mở" } });
  expect(rejected.status()).toBe(200);

  // the officer: the returned report on the home page first, and the bell with the unread count in its name
  const op = await asUser(browser, officer, "/");
  await expect(op.getByTestId("home-returned")).toContainText(`Số bộ dữ liệu mở đã công bố — quý ${q}/${y}`);
  await expect(op.getByTestId("home-returned")).toContainText("Số liệu chưa khớp cổng dữ liệu mở");
  const unread = (await (await request.get("/api/v1/notifications?unread=true", { headers: auth(officerToken) })).json()).total as number;
  expect(unread).toBeGreaterThan(0);
  const bell = op.getByRole("link", { name: `Thông báo: ${unread} chưa đọc` });
  await expect(bell).toBeVisible();
  await op.screenshot({ path: ".data/screens/notifications-bell.png", clip: { x: 0, y: 0, width: 1280, height: 140 } });
  await bell.click();
  await expect(op.getByRole("heading", { level: 1 })).toHaveText("Thông báo");
  const item = op.getByTestId("notification-REPORT_REJECTED").filter({ hasText: `quý ${q}/${y}` }).first();
  await expect(item).toContainText(`Báo cáo bị trả lại: Số bộ dữ liệu mở đã công bố, quý ${q}/${y}`);
  await expect(item).toContainText("Nhận xét: Số liệu chưa khớp cổng dữ liệu mở");
  await op.screenshot({ path: ".data/screens/notifications-list.png", fullPage: true });
  // "mark all read" empties the bell
  await op.getByRole("button", { name: "Đánh dấu tất cả là đã đọc" }).click();
  await expect(op.getByRole("status").filter({ hasText: "là đã đọc" })).toHaveText(`Đã đánh dấu ${unread} thông báo là đã đọc.`);
  await expect(op.getByRole("link", { name: "Thông báo: 0 chưa đọc" })).toBeVisible();

  // the link opens the exact screen: that organisation, that quarter, the returned metric with its comment
  await item.getByRole("link").click();
  await op.waitForURL((u) => u.pathname === "/reports" && u.searchParams.get("period") === period);
  const card = op.getByTestId("metric-OPEN_DATASETS");
  await expect(card.getByTestId("review-comment-OPEN_DATASETS")).toContainText("Số liệu chưa khớp cổng dữ liệu mở");
  await card.getByLabel("Số lượng", { exact: true }).fill("4");
  await card.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(card.getByTestId("status-OPEN_DATASETS")).toHaveText("Bản nháp");
  await op.getByRole("button", { name: "Nộp tất cả (1)" }).click();
  await op.getByRole("button", { name: "Xác nhận nộp" }).click();
  await expect(card.getByTestId("status-OPEN_DATASETS")).toHaveText("Đã nộp, chờ duyệt");

  // the correction told the officer nothing new
  await op.goto("/notifications?unread=true");
  await expect(op.getByText("Bạn đã đọc hết thông báo.")).toBeVisible();

  // leadership hears of the corrected report, and its link opens the review of that organisation and quarter
  const lp = await asUser(browser, leader, "/notifications?unread=true");
  const again = lp.getByTestId("notification-REPORTS_SUBMITTED").filter({ hasText: `quý ${q}/${y}` }).first();
  await expect(again).toContainText("gửi 1 báo cáo");
  await again.getByRole("link").click();
  await lp.waitForURL((u) => u.pathname === "/review" && u.searchParams.get("organisationId") === orgId);

  // at 375 px the list stays usable
  const small = await asUser(browser, officer, "/notifications", 375);
  await expect(small.getByRole("heading", { level: 1 })).toHaveText("Thông báo");
  expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await small.screenshot({ path: ".data/screens/notifications-375.png", fullPage: true });
});

test("the reporting page opens on the quarter that is due", async ({ browser, request }) => {
  const officer = account("OFFICER", 0);
  const token = await apiToken(request, officer);
  const cur = quarterFromNow(0);
  const prev = quarterFromNow(-1);
  const cal: { period: string; dueDate: string }[] = await (await request.get(`/api/v1/reporting-calendar?from=${prev}&to=${cur}`, { headers: auth(token) })).json();
  // by hand: the first of the two whose due date is today (Viet Nam) or later, else the current one
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const due = cal.find((c) => c.dueDate >= today)?.period ?? cur;
  const op = await asUser(browser, officer, "/reports");
  await expect(op.getByLabel("Quý", { exact: true })).toHaveValue(due);
});

test("forgot password, end to end through the outbox", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const admin = account("ADMIN", 0);
  const adminToken = await apiToken(request, admin);
  const email = `quen.matkhau.${Date.now()}.${test.info().workerIndex}@example.gov.vn`;
  const created = await request.post("/api/v1/users", {
    headers: auth(adminToken),
    data: { email, name: "Nguyễn Văn Quên", role: "LEADERSHIP", password: "Old-Password-Forgotten-2026", mustChangeCredentials: false },
  });
  expect(created.status()).toBe(201);

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto("/login");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quên mật khẩu");
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByRole("button", { name: "Gửi liên kết" }).click();
  const answer = await page.getByTestId("forgot-sent").textContent();
  // the same answer for an address without an account
  await page.getByLabel("Thư điện tử").fill(`khong.co.ai.${Date.now()}@example.gov.vn`);
  await page.getByRole("button", { name: "Gửi liên kết" }).click();
  await expect(page.getByTestId("forgot-sent")).toHaveText(answer!);

  // the admin reads the mail in the outbox
  const ap = await asUser(browser, admin, "/admin/outbox");
  await ap.getByRole("row").filter({ hasText: email }).getByRole("link", { name: "Đặt lại mật khẩu" }).click();
  await expect(ap.getByRole("heading", { level: 1 })).toHaveText("Đặt lại mật khẩu");
  const text = (await ap.getByTestId("mail-text").textContent())!;
  expect(text).toContain("Kính gửi Nguyễn Văn Quên,");
  const frame = ap.frameLocator('[data-testid="mail-html"]');
  await expect(frame.getByRole("link", { name: "Đặt mật khẩu mới" })).toBeVisible();
  await ap.screenshot({ path: ".data/screens/mail-html.png", fullPage: true });
  const link = /(\/reset-password\?token=[A-Za-z0-9_%-]+)/.exec(text)![1];

  await page.goto(link);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("Remembered-Password-2026");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("Remembered-Password-2026");
  await page.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(page.getByTestId("reset-done")).toBeVisible();
  // single use
  await page.goto(link);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("Another-Password-2026");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("Another-Password-2026");
  await page.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Liên kết" })).toHaveText("Liên kết không hợp lệ, đã được dùng hoặc đã hết hạn. Hãy yêu cầu một liên kết mới.");
  // the new password signs in, the old one no longer
  expect((await request.post("/api/v1/auth/token", { data: { email, password: "Old-Password-Forgotten-2026" } })).status()).toBe(401);
  await signIn(page, { email, password: "Remembered-Password-2026", role: "LEADERSHIP" });
  await expect(page.getByRole("link", { name: /^Thông báo: / })).toBeVisible();
});

/** A fresh account of its own (the admin makes it), so changing its choices touches no other spec. */
async function freshUser(request: import("@playwright/test").APIRequestContext, name: string) {
  const adminToken = await apiToken(request, account("ADMIN", 0));
  const email = `e2e.${name}.${Date.now()}.${test.info().workerIndex}@example.gov.vn`;
  const password = "Fresh-Password-2026-ok";
  const created = await request.post("/api/v1/users", {
    headers: auth(adminToken),
    data: { email, name: "Phạm Thị Hồng Nhung", role: "LEADERSHIP", password, mustChangeCredentials: false },
  });
  expect(created.status()).toBe(201);
  return { email, password, role: "LEADERSHIP" as const };
}

test("mail preferences on the profile page: daily digest, then off, each saved and shown after a reload", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const who = await freshUser(request, "pref");
  const page = await asUser(browser, who as unknown as ReturnType<typeof account>, "/profile");
  const group = page.getByRole("group", { name: "Thông báo luôn hiển thị trong hệ thống; chọn cách nhận thêm qua thư điện tử." });
  await expect(group.getByLabel("Gửi ngay mỗi thông báo")).toBeChecked();
  await group.getByLabel("Gửi một thư tổng hợp mỗi ngày").check();
  await page.getByRole("button", { name: "Lưu lựa chọn" }).click();
  await expect(page.getByTestId("preference-saved")).toHaveText("Đã lưu lựa chọn.");
  await page.reload();
  await expect(group.getByLabel("Gửi một thư tổng hợp mỗi ngày")).toBeChecked();
  const token = await apiToken(request, who as unknown as ReturnType<typeof account>);
  expect(await (await request.get("/api/v1/me/mail-preference", { headers: auth(token) })).json()).toEqual({ mailPreference: "DIGEST" });
  await group.getByLabel("Không gửi thư").check();
  await page.getByRole("button", { name: "Lưu lựa chọn" }).click();
  await expect(page.getByTestId("preference-saved")).toBeVisible();
  await page.reload();
  await expect(group.getByLabel("Không gửi thư")).toBeChecked();
  await expect(group.getByLabel("Gửi một thư tổng hợp mỗi ngày")).not.toBeChecked();
  expect(await (await request.get("/api/v1/me/mail-preference", { headers: auth(token) })).json()).toEqual({ mailPreference: "OFF" });
  await group.screenshot({ path: ".data/screens/mail-preference.png" });
});

test("in English: the bell, the list, and an English mail's HTML part in the outbox", async ({ browser, request, baseURL }) => {
  test.setTimeout(180_000);
  const officer = account("OFFICER", 0);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  const op = await ctx.newPage();
  await signIn(op, officer, "/notifications");
  const bell = op.getByRole("link", { name: /^Notifications: \d+ unread$/ });
  await expect(bell).toBeVisible();
  await expect(op.getByRole("heading", { level: 1 })).toHaveText("Notifications");
  await op.screenshot({ path: ".data/screens/notifications-bell-en.png", clip: { x: 0, y: 0, width: 1280, height: 140 } });
  await op.screenshot({ path: ".data/screens/notifications-list-en.png", fullPage: true });

  // a person who chose English gets English mail: the forgotten-password link, read by an admin in the outbox
  const who = await freshUser(request, "english");
  const up = await asUser(browser, who as unknown as ReturnType<typeof account>, "/");
  await up.getByRole("button", { name: /English/ }).first().click();
  await expect(up.locator("html")).toHaveAttribute("lang", "en");
  expect((await request.post("/api/v1/auth/password-reset", { data: { email: who.email } })).status()).toBe(202);
  const actx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await actx.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  const ap = await actx.newPage();
  await signIn(ap, account("ADMIN", 0), "/admin/outbox");
  await ap.getByRole("row").filter({ hasText: who.email }).getByRole("link").first().click();
  await expect(ap.getByRole("heading", { level: 1 })).toHaveText("Reset your password");
  expect(await ap.getByTestId("mail-text").textContent()).toContain("Dear Phạm Thị Hồng Nhung,");
  await expect(ap.frameLocator('[data-testid="mail-html"]').getByRole("link", { name: "Choose a new password" })).toBeVisible();
  await ap.screenshot({ path: ".data/screens/mail-html-en.png", fullPage: true });
});
