import { test, expect, account, signIn } from "./fixtures";
import { addQuarters, currentPeriod } from "../lib/domain/periods";

const label = (p: string) => `Quý ${p.slice(6)}/${p.slice(0, 4)}`;

test("leadership lands on the dashboard, changes quarter and reports counted, drills down and follows what needs attention", async ({
  page,
}) => {
  await signIn(page, account("LEADERSHIP"));
  if (!new URL(page.url()).pathname.startsWith("/dashboard")) await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bảng điều khiển Chính phủ số quốc gia");

  // default: the latest quarter whose reports are due (the current one once its due date has passed, spec/coverage.md;
  // e2e/figures.spec.ts checks that rule with the calendar pinned), approved reports only
  const picker = page.getByLabel("Kỳ báo cáo", { exact: true });
  await expect(picker).toHaveValue(new RegExp(`^(${addQuarters(currentPeriod(), -1)}|${currentPeriod()})$`));
  const previous = await picker.inputValue();
  await expect(page.getByLabel("Chỉ báo cáo đã duyệt")).toBeChecked();
  const tiles = page.getByTestId("metric-tiles");
  await expect(page.getByTestId("tile-change-SERVICES_ONLINE")).toContainText(label(addQuarters(previous, -1)));
  const approvedOnly = await tiles.innerText();

  // the demo data's latest quarter has SUBMITTED reports: including them changes the figures
  await page.getByLabel("Gồm cả báo cáo đã gửi").check();
  await expect(page).toHaveURL(/includeSubmitted=true/);
  await expect.poll(() => tiles.innerText()).not.toBe(approvedOnly);
  await expect(page.getByLabel("Gồm cả báo cáo đã gửi")).toBeChecked();
  const withSubmitted = await tiles.innerText();

  // another quarter: other figures, the switch kept
  const earlier = addQuarters(previous, -1);
  await page.getByLabel("Kỳ báo cáo", { exact: true }).selectOption(earlier);
  await expect(page).toHaveURL(new RegExp(`period=${earlier}`));
  await expect(page).toHaveURL(/includeSubmitted=true/);
  await expect.poll(() => tiles.innerText()).not.toBe(withSubmitted);
  await expect(
    page.getByRole("heading", { level: 2, name: `Xếp hạng bộ, ngành và địa phương — ${label(earlier)}` }),
  ).toBeVisible();

  // charts come with their data tables; the heatmap is a real table with numbers
  await expect(page.getByTestId("trend-SERVICES_ONLINE").locator("table tbody tr")).toHaveCount(8);
  await expect(page.getByTestId("heatmap").getByRole("columnheader", { name: "Một cổng duy nhất" })).toBeVisible();

  // the ranking: search (accents optional), sort, drill down to an organisation and back
  const ranking = page.getByTestId("ranking");
  await page.getByLabel("Tìm cơ quan").fill("khoa hoc va cong");
  await expect(ranking.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Tìm cơ quan").fill("");
  await ranking.getByRole("button", { name: "Giai đoạn" }).click();
  await expect(ranking.getByRole("columnheader", { name: "Giai đoạn" })).toHaveAttribute(
    "aria-sort",
    /ascending|descending/,
  );
  await ranking.getByRole("link", { name: "Bộ Khoa học và Công nghệ" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bộ Khoa học và Công nghệ");
  await expect(page).toHaveURL(new RegExp(`/organisations/[0-9a-f-]{36}\\?period=${earlier}&includeSubmitted=true`));
  await expect(page.getByTestId("evidence-stage")).toBeVisible();
  await expect(page.getByTestId("maturity-checks").getByRole("row")).toHaveCount(5);
  await expect(page.getByTestId("agencies").getByRole("link", { name: "Cục Chuyển đổi số quốc gia" })).toBeVisible();
  await page.getByRole("link", { name: "← Bảng điều khiển quốc gia" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bảng điều khiển Chính phủ số quốc gia");
  await expect(page.getByLabel("Kỳ báo cáo", { exact: true })).toHaveValue(earlier);

  // needs attention: filter by organisation, then follow an entry to the organisation page and to an initiative
  await page.goto("/dashboard");
  const attention = page.getByTestId("attention");
  const targetLink = page.locator('[data-testid="attention-targets"] a[href^="/organisations/"]').first();
  const orgName = (await targetLink.innerText()).trim();
  await targetLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(orgName);
  await page.goBack();
  await expect(attention).toBeVisible();
  const initiativeLink = page.locator('[data-testid="attention-overdue"] a[href^="/initiatives/"]').first();
  const href = await initiativeLink.getAttribute("href");
  await initiativeLink.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));

  await page.goto("/dashboard");
  const hanoi = await page
    .getByLabel("Cơ quan", { exact: true })
    .locator("option", { hasText: "Thành phố Hà Nội" })
    .getAttribute("value");
  await page.getByLabel("Cơ quan", { exact: true }).selectOption(hanoi!);
  await expect(page).toHaveURL(new RegExp(`attentionOrg=${hanoi}`));
  for (const a of await page.locator('[data-testid="attention-targets"] li a').all()) {
    await expect(a).toHaveText("Thành phố Hà Nội");
  }
});

test("the tables download as CSV with a BOM; the page is usable at 375 px and prints without controls", async ({
  page,
}) => {
  await signIn(page, account("LEADERSHIP"));
  const period = addQuarters(currentPeriod(), -1);
  for (const name of ["ranking", "heatmap", "completeness"]) {
    const res = await page.request.get(`/api/v1/dashboard/${name}.csv?${name === "heatmap" ? "" : `period=${period}`}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    const text = await res.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("Bộ Khoa học và Công nghệ");
  }

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/dashboard");
  await expect(page.getByTestId("metric-tiles")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "In trang" })).toBeHidden();
  await expect(page.getByLabel("Kỳ báo cáo", { exact: true })).toBeHidden();
  await expect(page.getByTestId("heatmap")).toBeVisible();
});

test("a building block lists its initiatives by organisation and status", async ({ page }) => {
  await signIn(page, account("OFFICER"));
  await page.goto("/building-blocks");
  await page.getByRole("link", { name: "Một cổng duy nhất" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Một cổng duy nhất");
  const total = Number((await page.getByTestId("block-total").innerText()).replace(/\D/g, ""));
  expect(total).toBeGreaterThan(0);
  await expect(page.getByTestId("block-organisations").getByRole("row").nth(1)).toBeVisible();
  await page.getByLabel("Trạng thái").selectOption("COMPLETED");
  await expect(page).toHaveURL(/status=COMPLETED/);
  const badges = page.getByTestId("block-initiatives").getByText("Hoàn thành", { exact: true });
  expect(await badges.count()).toBeGreaterThan(0);
  await expect(page.getByTestId("block-initiatives").getByText("Đang triển khai", { exact: true })).toHaveCount(0);
  await page.goto("/building-blocks/NOT_A_BLOCK");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
});
