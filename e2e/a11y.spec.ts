import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, account, signIn, type DemoAccount } from "./fixtures";

/**
 * Accessibility (WCAG 2.1 AA via axe) on every page, signed in as each role, in both languages; and the main pages
 * at 375 px: no horizontal scroll of the page itself (tables scroll inside their own box).
 */
const PAGES: Record<DemoAccount["role"], string[]> = {
  OFFICER: ["/", "/initiatives", "/initiatives/new", "/initiatives/import", "/reports", "/completeness", "/dashboard", "/building-blocks", "/maturity-model", "/audit", "/profile", "/api-docs"],
  LEADERSHIP: ["/dashboard", "/initiatives", "/review", "/completeness", "/building-blocks", "/maturity-model", "/audit", "/profile"],
  ADMIN: ["/", "/admin/users", "/admin/organisations", "/admin/settings", "/admin/targets", "/admin/calendar", "/audit", "/review", "/reports", "/initiatives"],
};

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test("the login page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  expect(await axe(page)).toEqual([]);
});

for (const role of ["OFFICER", "LEADERSHIP", "ADMIN"] as const) {
  for (const lang of ["vi", "en"] as const) {
    test(`${role} pages in ${lang} have no serious accessibility violations`, async ({ page, baseURL }) => {
      // a dozen server-rendered pages, each scanned by axe: 1–1.5 min on a quiet machine, over 3 on a loaded one
      test.setTimeout(360_000);
      await signIn(page, account(role));
      await page.context().addCookies([{ name: "NEXT_LOCALE", value: lang, url: baseURL! }]);
      const problems: string[] = [];
      for (const path of PAGES[role]) {
        const res = await page.goto(path);
        expect(res?.status(), `${path} answers`).toBeLessThan(400);
        await page.waitForLoadState("networkidle");
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        for (const v of await axe(page)) problems.push(`${path}: ${v}`);
      }
      expect(problems).toEqual([]);
    });
  }
}

test.describe("at 375 px", () => {
  test.use({ viewport: { width: 375, height: 800 } });
  for (const role of ["OFFICER", "LEADERSHIP"] as const) {
    test(`${role}: main pages do not scroll sideways and the menu opens`, async ({ page }) => {
      await signIn(page, account(role));
      for (const path of PAGES[role].slice(0, 8)) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);
      }
      await page.getByRole("button", { name: /^(Menu)$/ }).click();
      await expect(page.locator("#mobile-nav")).toBeVisible();
    });
  }
});
