import { test, expect, account, signIn, apiToken } from "./fixtures";

/**
 * Issue 13, points 8 and 9 in the browser: an archived initiative is found through the "archived" filter and restored
 * with a confirmation; bad input and odd requests to the API answer JSON, never a 500 or an HTML page.
 */

async function archivedInitiative(request: import("@playwright/test").APIRequestContext, title: string) {
  const officer = account("OFFICER", 0);
  const token = await apiToken(request, officer);
  const me = await (await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).json();
  const created = await request.post("/api/v1/initiatives", {
    headers: { authorization: `Bearer ${token}` },
    data: { organisationId: me.organisationId, title, buildingBlocks: ["SHARED_DATA"], status: "IN_PROGRESS", currentStage: 2, targetStage: 3, progress: 40 },
  });
  expect(created.status()).toBe(201);
  const ini = await created.json();
  expect((await request.delete(`/api/v1/initiatives/${ini.id}?version=1`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(204);
  return ini as { id: string; title: string };
}

test("an officer finds an archived initiative with the filter and restores it", async ({ page, request }) => {
  const title = `Kho lưu trữ số ${Date.now().toString(36)}`;
  const ini = await archivedInitiative(request, title);
  await signIn(page, account("OFFICER", 0), "/initiatives");

  // the default list leaves it out; the filter shows it
  await page.getByLabel("Tìm kiếm").fill(title);
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
  const filter = page.getByTestId("archived-filter");
  await expect(filter).toHaveAttribute("aria-pressed", "false");
  await filter.click();
  await expect(page).toHaveURL(/view=archived/);
  await expect(filter).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("archived-view")).toContainText("đã lưu trữ");
  await page.getByRole("link", { name: title }).click();

  await expect(page.getByTestId("archived-notice")).toBeVisible();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: ".data/screens/restore-375.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId("restore-button").click();
  const dialog = page.getByRole("dialog", { name: "Khôi phục sáng kiến?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(title);
  await page.screenshot({ path: ".data/screens/restore-dialog.png" });
  // Escape cancels: still archived
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("archived-notice")).toBeVisible();

  await page.getByTestId("restore-button").click();
  await dialog.getByRole("button", { name: "Khôi phục" }).click();
  await expect(page.getByTestId("restored-notice")).toBeVisible();
  await expect(page.getByTestId("archived-notice")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sửa", exact: true })).toBeVisible();
  const history = page.getByTestId("history");
  await expect(history.locator("li").first()).toContainText("Khôi phục");
  await expect(history).toContainText("Lưu trữ");
  await page.screenshot({ path: ".data/screens/restored.png", fullPage: true });

  // back in the default list
  await page.goto(`/initiatives?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  const audit = await request.get(`/api/v1/audit?entityType=Initiative&entityId=${ini.id}`, {
    headers: { authorization: `Bearer ${await apiToken(request, account("ADMIN", 0))}` },
  });
  expect((await audit.json()).data.map((e: { action: string }) => e.action)).toEqual(["restore", "archive", "create"]);
});

test("leadership sees an archived initiative but no restore button, and the API refuses them", async ({ page, request }) => {
  const ini = await archivedInitiative(request, `Hồ sơ lưu trữ ${Date.now().toString(36)}`);
  await signIn(page, account("LEADERSHIP", 0), `/initiatives/${ini.id}`);
  await expect(page.getByTestId("archived-notice")).toBeVisible();
  await expect(page.getByTestId("restore-button")).toHaveCount(0);
  const res = await page.request.post(`/api/v1/initiatives/${ini.id}/restore`, { data: { version: 2 } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("forbidden");
});

test("odd requests answer JSON: Origin null 403, unknown path 404, wrong method 405, NUL 400", async ({ page }) => {
  await signIn(page, account("OFFICER", 0), "/initiatives");
  const me = await (await page.request.get("/api/v1/me")).json();
  const body = { organisationId: me.organisationId, title: "Yêu cầu từ trang lạ", buildingBlocks: ["ONE_PORTAL"], status: "PLANNED", currentStage: 1, targetStage: 2, progress: 0 };

  const nullOrigin = await page.request.post("/api/v1/initiatives", { headers: { origin: "null" }, data: body });
  expect(nullOrigin.status()).toBe(403);
  expect((await nullOrigin.json()).error.code).toBe("forbidden");
  const badOrigin = await page.request.post("/api/v1/initiatives", { headers: { origin: "not a url" }, data: body });
  expect(badOrigin.status()).toBe(403);

  for (const [method, path] of [
    ["GET", "/api/v1/nothing-here"],
    ["POST", "/api/v1/initiatives/00000000-0000-4000-8000-000000000000/nothing"],
    ["DELETE", "/api/v1/a/b/c"],
  ] as const) {
    const r = await page.request.fetch(path, { method });
    expect([method, path, r.status()]).toEqual([method, path, 404]);
    expect(r.headers()["content-type"]).toMatch(/^application\/json/);
    expect((await r.json()).error.code).toBe("not_found");
  }

  const wrong = await page.request.fetch("/api/v1/initiatives", { method: "PUT", data: {} });
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()["allow"]).toBe("GET, POST, HEAD, OPTIONS");
  const wrongBody = await wrong.json();
  expect(wrongBody.error.code).toBe("method_not_allowed");
  expect(wrongBody.error.requestId).toBeTruthy();
  const wrong2 = await page.request.fetch("/api/v1/health", { method: "DELETE" });
  expect([wrong2.status(), wrong2.headers()["allow"]]).toEqual([405, "GET, HEAD, OPTIONS"]);

  const nul = await page.request.get("/api/v1/initiatives?q=a%00b");
  expect(nul.status()).toBe(400);
  expect((await nul.json()).error.details[0].path).toBe("q");
  const nulBody = await page.request.post("/api/v1/initiatives", { data: { ...body, title: "Tên\u0000có NUL" } });
  expect(nulBody.status()).toBe(400);
  expect((await nulBody.json()).error.details.map((d: { path: string }) => d.path)).toEqual(["title"]);
  const period = await page.request.get("/api/v1/dashboard/national?period=0000-Q1");
  expect(period.status()).toBe(400);
});
