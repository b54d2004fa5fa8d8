import pg from "pg";
import { test, expect, account, signIn } from "./fixtures";
import { addQuarters } from "../lib/domain/periods";
import { currentPeriodInVietnam, todayInVietnam } from "../lib/domain/validity";

/*
 * What a leader sees of coverage, provisional figures and the basis of an organisation's figures (spec/coverage.md,
 * spec/restructuring.md). The current quarter is held open by a calendar override written to the throw-away e2e
 * database, so the test does not depend on the day of the month it runs on.
 */

const label = (p: string) => `Quý ${p.slice(6)}/${p.slice(0, 4)}`;
const current = currentPeriodInVietnam();

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

test.beforeAll(async () => {
  const due = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await withDb((c) =>
    c.query(
      `INSERT INTO reporting_calendar_overrides (period, cut_off, due_date) VALUES ($1, $2, $3)
       ON CONFLICT (period) DO UPDATE SET cut_off = EXCLUDED.cut_off, due_date = EXCLUDED.due_date`,
      [current, todayInVietnam(), due],
    ),
  );
});

test.afterAll(async () => {
  await withDb((c) => c.query(`DELETE FROM reporting_calendar_overrides WHERE period = $1`, [current]));
});

test("a leader sees coverage beside every figure and a provisional banner on an open quarter", async ({ page }) => {
  await signIn(page, account("LEADERSHIP"));

  // the dashboard opens on the latest quarter that is not open: not the current one while it is being reported
  await page.goto("/dashboard");
  await expect(page.getByLabel("Kỳ báo cáo", { exact: true })).toHaveValue(addQuarters(current, -1));
  await expect(page.getByTestId("open-quarter-banner")).toHaveCount(0);

  await page.goto(`/dashboard?period=${current}`);
  const banner = page.getByTestId("open-quarter-banner");
  await expect(banner.getByRole("heading", { name: `${label(current)} đang trong kỳ báo cáo` })).toBeVisible();
  await expect(banner).toContainText("tạm thời");
  for (const m of ["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED", "NEW_DELIVERY_MODELS"]) {
    await expect(page.getByTestId(`tile-coverage-${m}`)).toHaveText(/^[\d.]+\/[\d.]+ đã báo cáo$/);
    await expect(page.getByTestId(`tile-provisional-${m}`)).toContainText("Số liệu tạm thời");
    await expect(page.getByTestId(`tile-provisional-${m}`)).toContainText("quý đang trong kỳ báo cáo");
  }
  // the change is like for like, or says why there is none
  await expect(page.getByTestId("tile-change-SERVICES_ONLINE")).toContainText(/so với cùng [\d.]+ cơ quan ở|Chưa so sánh được/);
  // the banner links to the latest closed quarter
  await banner.getByRole("link").click();
  // a server-rendered dashboard: on a loaded machine its navigation can take longer than the default 10 s
  await expect(page).toHaveURL(new RegExp(`period=${addQuarters(current, -1)}`), { timeout: 30_000 });

  // the maturity chart keeps those who did not report apart
  const stages = page.getByTestId("stage-chart");
  await stages.getByText("Xem bảng số liệu").click();
  await expect(stages.getByRole("rowheader", { name: "Chưa báo cáo" })).toBeVisible();
  // national target ratings say which quarter they rest on
  await expect(page.getByTestId("targets-table").getByText(/Dựa trên số liệu|Chưa có quý nào đủ số cơ quan báo cáo/).first()).toBeVisible();

  // an organisation's figures: the basis switch
  await page.getByTestId("ranking").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/organisations\//);
  const basis = page.getByTestId("basis-switch");
  await expect(basis.getByRole("link", { name: "So sánh được (gồm cơ quan tiền thân)" })).toHaveAttribute("aria-current", "true");
  await basis.getByRole("link", { name: "Theo báo cáo của chính cơ quan" }).click();
  await expect(page).toHaveURL(/basis=reported/);
  await expect(page.getByTestId("basis-switch").getByRole("link", { name: "Theo báo cáo của chính cơ quan" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("tile-coverage-SERVICES_ONLINE")).toHaveText(/đã báo cáo|Không có cơ quan nào phải báo cáo/);
});

test("screenshots of the dashboard on an open quarter at 1280 and 375 px", async ({ page }) => {
  // full-page screenshots of a long page on a loaded machine
  test.setTimeout(180_000);
  await signIn(page, account("LEADERSHIP"));
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/dashboard?period=${current}`);
    await expect(page.getByTestId("open-quarter-banner")).toBeVisible();
    await page.waitForLoadState("networkidle");
    // no sideways scrolling at 375 px
    if (width === 375) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    await page.screenshot({ path: `.data/screens/figures-dashboard-${width}.png`, fullPage: true });
    await page.screenshot({ path: `.data/screens/figures-dashboard-${width}-top.png` });
    // a dashboard card is a <section> named by its heading (components/ui/page-header.tsx: Card)
    for (const part of ["stages", "targets", "trends"]) await page.locator(`section[aria-labelledby="${part}-title"]`).screenshot({ path: `.data/screens/figures-${part}-${width}.png` });
  }
});
