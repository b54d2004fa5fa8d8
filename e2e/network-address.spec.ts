import { test, expect, account, signIn } from "./fixtures";

// The app opened as a colleague would: http://<server's address>:<port> from another machine, plain http. The e2e
// runner (scripts/run.ts, scripts/lib/test-host.ts) makes that other machine — a network namespace joined to this one
// by a veth pair — and a Chromium that runs inside it; it says why when it cannot (not root).
const url = process.env.E2E_TEST_HOST_URL;
const chromium = process.env.E2E_TEST_HOST_CHROMIUM;

// the whole file's browser runs inside the test host (a launch option, so it must be set at the top level)
test.use({
  baseURL: url,
  launchOptions: {
    executablePath: chromium ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  },
});

test.describe("plain http by a non-loopback address", () => {
  test.skip(!url || !chromium, process.env.E2E_TEST_HOST_UNAVAILABLE ?? "no test host: run through `npm run test:e2e` (scripts/run.ts makes it)");

  test("styles and scripts load (no upgrade to https), sign-in works, sign-out lands on the same host", async ({ page }) => {
    const origin = new URL(url!).origin;
    expect(new URL(origin).hostname).not.toMatch(/^(localhost|127\.|\[?::1)/);
    const blocked: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to|Mixed Content|ERR_/i.test(m.text())) blocked.push(m.text());
    });
    // a blocked script or stylesheet fails; an aborted prefetch (navigation moved on) is normal
    page.on("requestfailed", (r) => {
      if (r.failure()?.errorText !== "net::ERR_ABORTED") blocked.push(`${r.url()} ${r.failure()?.errorText}`);
    });
    const https: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith("https:")) https.push(r.url());
    });

    const res = await page.goto("/login");
    expect(res!.status()).toBe(200);
    const h = res!.headers();
    expect(h["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(h["strict-transport-security"]).toBeUndefined();

    // the stylesheet applied (Tailwind: the sign-in button is not the browser's grey default) and scripts hydrated
    await expect(page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ })).toBeVisible();
    const sheets = await page.evaluate(() => [...document.styleSheets].filter((s) => s.href).map((s) => s.cssRules.length));
    expect(sheets.length).toBeGreaterThan(0);
    expect(Math.min(...sheets)).toBeGreaterThan(0);
    const bg = await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toMatch(/^rgba?\((239, 239, 239|240, 240, 240|0, 0, 0, 0)/);

    await signIn(page, account("OFFICER"));
    expect(new URL(page.url()).origin).toBe(origin);
    const session = (await page.context().cookies()).find((c) => /next-auth\.session-token$/.test(c.name));
    expect(session, "the session cookie was set over plain http").toBeTruthy();
    expect(session!.secure).toBe(false);

    // a signed-in page: scripts run (the header's client component works)
    await page.goto("/initiatives");
    expect(new URL(page.url()).origin).toBe(origin);
    await page.getByRole("button", { name: /^(Đăng xuất|Sign out)$/ }).first().click();
    await page.waitForURL((u) => u.pathname.startsWith("/login"));
    expect(new URL(page.url()).origin).toBe(origin);
    expect(https).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
