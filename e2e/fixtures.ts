import { test as base, expect, type Page, type APIRequestContext } from "@playwright/test";

export interface DemoAccount {
  role: "ADMIN" | "LEADERSHIP" | "OFFICER";
  email: string;
  password: string;
  organisation?: string;
}

/** The demo sign-ins the e2e runner seeded (scripts/run.ts passes them in). */
export const accounts: DemoAccount[] = JSON.parse(process.env.DEMO_ACCOUNTS ?? "[]");

export function account(role: DemoAccount["role"], index = 0): DemoAccount {
  const list = accounts.filter((a) => a.role === role);
  if (!list[index]) throw new Error(`no demo account for ${role} #${index}`);
  return list[index];
}

/** Signs in through the login page, as a person would. */
export async function signIn(page: Page, who: DemoAccount, callbackUrl?: string) {
  await page.goto(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
  await page.getByLabel(/^(Email)$/).fill(who.email);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(who.password);
  await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** A bearer token for crafted API requests in the same test. */
export async function apiToken(request: APIRequestContext, who: DemoAccount): Promise<string> {
  const res = await request.post("/api/v1/auth/token", { data: { email: who.email, password: who.password } });
  expect(res.status()).toBe(201);
  return (await res.json()).token;
}

export const test = base;
export { expect };
