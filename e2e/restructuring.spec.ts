import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, account, signIn, apiToken } from "./fixtures";

/** The restructuring wizard end to end (spec/restructuring.md): a new body on the way, dry run, confirm, lineage. */
async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

const uid = () => Math.random().toString(36).slice(2, 8).toUpperCase();

const TEXT = {
  vi: { preview: "Xem trước", confirm: "Xác nhận sắp xếp", create: "Tạo cơ quan", newBody: "Tạo cơ quan mới (hiệu lực từ ngày trên)", addSuccession: "Thêm cơ quan chấm dứt hoạt động", formed: (d: string) => `Thành lập ngày ${d} trên cơ sở hợp nhất`, date: (y: number) => `01/04/${y}` },
  en: { preview: "Preview", confirm: "Confirm the restructuring", create: "Create the body", newBody: "Create a new body (in force from the date above)", addSuccession: "Add a dissolved body", formed: (d: string) => `Formed on ${d} from the merger of`, date: (y: number) => `1 April ${y}` },
};

for (const lang of ["vi", "en"] as const) {
  test(`an admin merges two provinces into a new one (${lang})`, async ({ page, request, baseURL }) => {
    test.setTimeout(240_000);
    const admin = account("ADMIN");
    const token = await apiToken(request, admin);
    const auth = { authorization: `Bearer ${token}` };
    const mk = async (label: string) => {
      const code = `E2E_${uid()}`;
      const res = await request.post("/api/v1/organisations", { headers: auth, data: { code, nameVi: `Tỉnh ${label} ${code}`, nameEn: `${label} Province ${code}`, kind: "PROVINCE" } });
      expect(res.status()).toBe(201);
      return (await res.json()) as { id: string; code: string; nameVi: string; nameEn: string };
    };
    const a = await mk("Thử A");
    const b = await mk("Thử B");
    const ini = await request.post("/api/v1/initiatives", {
      headers: auth,
      data: { organisationId: a.id, title: `Cổng dữ liệu ${uid()}`, buildingBlocks: ["SHARED_DATA"], status: "IN_PROGRESS", currentStage: 1, targetStage: 2, progress: 20 },
    });
    expect(ini.status()).toBe(201);
    const year = 2001 + Math.floor(Math.random() * 12);
    const date = `${year}-04-01`;
    const name = (o: { nameVi: string; nameEn: string }) => (lang === "vi" ? o.nameVi : o.nameEn);
    const T = TEXT[lang];

    await signIn(page, admin);
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: lang, url: baseURL! }]);
    await page.goto("/restructurings/new");
    await page.waitForLoadState("networkidle"); // hydrated: the controlled inputs keep what is typed
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await page.locator("#rs-date").fill(date);
    await expect(page.locator("#rs-date")).toHaveValue(date);
    await page.locator("#rs-basis").fill("Nghị quyết thử nghiệm e2e");

    // the new body, in force from the date
    const code = `E2E_N${uid()}`;
    const newName = { nameVi: `Tỉnh Hợp nhất ${code}`, nameEn: `Merged Province ${code}` };
    await page.getByText(T.newBody).click();
    await page.locator("#nb-code").fill(code);
    await page.locator("#nb-name-vi").fill(newName.nameVi);
    await page.locator("#nb-name-en").fill(newName.nameEn);
    await page.getByRole("button", { name: T.create }).click();
    await expect(page.getByRole("status").filter({ hasText: name(newName) })).toBeVisible();

    const row0 = page.getByTestId("succession-0");
    await row0.locator("select").nth(0).selectOption({ label: `${name(a)} (${a.code})` });
    await row0.locator("select").nth(1).selectOption({ label: `${name(newName)} (${code})` });
    await page.getByRole("button", { name: T.addSuccession }).click();
    const row1 = page.getByTestId("succession-1");
    await row1.locator("select").nth(0).selectOption({ label: `${name(b)} (${b.code})` });
    await row1.locator("select").nth(1).selectOption({ label: `${name(newName)} (${code})` });

    await page.getByRole("button", { name: T.preview }).click();
    await expect(page.getByTestId("moves-initiatives")).toHaveText("1");
    await expect(page.getByTestId("moves-users")).toHaveText("0");
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `.data/screens/restructuring-preview-${lang}.png`, fullPage: true });

    // nothing was written by the preview
    const before = await request.get(`/api/v1/organisations?status=all&pageSize=200&kind=PROVINCE`, { headers: auth });
    const listed = (await before.json()).data as { id: string; validTo: string | null }[];
    expect(listed.find((o) => o.id === a.id)?.validTo ?? null).toBeNull();

    await page.getByRole("button", { name: T.confirm }).click();
    await expect(page.getByTestId("restructuring-done")).toBeVisible();
    await page.getByTestId("restructuring-done").getByRole("link", { name: name(newName) }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name(newName));
    const lineage = page.getByTestId("lineage");
    await expect(lineage).toContainText(T.formed(T.date(year)));
    await expect(lineage.getByRole("link", { name: name(a) }).first()).toBeVisible();
    await expect(lineage.getByRole("link", { name: name(b) }).first()).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `.data/screens/restructuring-lineage-${lang}.png` });

    // the predecessor's page names its successor; the list shows the restructuring
    await lineage.getByRole("link", { name: name(a) }).first().click();
    await expect(page.getByTestId("lineage").getByRole("link", { name: name(newName) }).first()).toBeVisible();
    await page.goto("/restructurings");
    await expect(page.getByTestId("restructurings").getByRole("link", { name: name(a) }).first()).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });
}

test.describe("at 375 px", () => {
  test.use({ viewport: { width: 375, height: 800 } });
  test("the wizard and the list do not scroll sideways", async ({ page }) => {
    await signIn(page, account("ADMIN"));
    for (const path of ["/restructurings/new", "/restructurings", "/admin/organisations"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1);
    }
    await page.goto("/restructurings/new");
    await page.screenshot({ path: ".data/screens/restructuring-wizard-375.png", fullPage: true });
  });
});
