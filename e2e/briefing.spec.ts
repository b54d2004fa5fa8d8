import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { test, expect, account, apiToken, signIn } from "./fixtures";

// the leadership briefing (issue 19): the dashboard's button downloads a real PDF, in the UI's language

test("the national dashboard's button downloads the quarterly briefing PDF", async ({ page }) => {
  await signIn(page, account("LEADERSHIP"), "/dashboard");
  const button = page.getByRole("link", { name: "Tải báo cáo (PDF)" });
  await expect(button).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^briefing-\d{4}-Q[1-4]\.pdf$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // the button is usable again once the file is saved
  await expect(button).toHaveText(/Tải báo cáo \(PDF\)/);
});

test("an organisation's dashboard offers its own briefing", async ({ page }) => {
  const who = account("LEADERSHIP");
  await signIn(page, who);
  const officer = account("OFFICER");
  await page.goto(`/organisations/${officer.organisationId}`);
  const link = page.getByRole("link", { name: "Tải báo cáo (PDF)" });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/\/api\/v1\/dashboard\/organisations\/[0-9a-f-]+\/briefing\.pdf\?period=\d{4}-Q[1-4].*lang=vi/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
});

// a real 1×1 PNG
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test("an evidence file uploaded to a report is in the review queue with its hash", async ({ page, request }) => {
  const officer = account("OFFICER");
  const token = await apiToken(request, officer);
  const auth = { authorization: `Bearer ${token}` };
  // a quarter of the worker's own ministry that no other spec reports
  const created = await request.post("/api/v1/metric-reports", {
    headers: auth,
    data: { organisationId: officer.organisationId, period: "2020-Q1", metric: "NEW_DELIVERY_MODELS", value: 4 },
  });
  expect(created.status()).toBe(201);
  const report = await created.json();
  const name = `minh-chung-${Date.now()}.png`;
  const up = await request.post(`/api/v1/metric-reports/${report.id}/attachments`, { headers: auth, multipart: { file: { name, mimeType: "image/png", buffer: PNG } } });
  expect(up.status()).toBe(201);
  const file = await up.json();
  expect(file.sha256).toBe(createHash("sha256").update(PNG).digest("hex"));
  // bytes named .pdf that are no PDF are refused
  const fake = await request.post(`/api/v1/metric-reports/${report.id}/attachments`, { headers: auth, multipart: { file: { name: "gia.pdf", mimeType: "application/pdf", buffer: Buffer.from("không phải PDF") } } });
  expect(fake.status()).toBe(400);
  expect((await request.post(`/api/v1/metric-reports/${report.id}/submit`, { headers: auth, data: { version: report.version } })).status()).toBe(200);

  await signIn(page, account("LEADERSHIP"), "/review");
  const link = page.getByRole("link", { name });
  await expect(link).toBeVisible();
  await expect(page.getByText(file.sha256)).toBeVisible();
  const download = await page.request.get(`/api/v1/attachments/${file.id}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(Buffer.from(await download.body()).equals(PNG)).toBe(true);
});
