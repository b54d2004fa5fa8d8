import { test as base, expect, type Page, type APIRequestContext } from "@playwright/test";

export interface DemoAccount {
  role: "ADMIN" | "LEADERSHIP" | "OFFICER";
  email: string;
  password: string;
  /** the organisation's Vietnamese name (officers) */
  organisation?: string;
  organisationCode?: string;
  organisationId?: string;
  /** the organisation's agency, where it has one made for the tests (officer #0) */
  agency?: string;
  agencyCode?: string;
  agencyId?: string;
}

/** An account e2e/global-setup.ts made for one parallel worker. */
export interface WorkerAccount extends DemoAccount {
  worker: number;
}

/** The demo sign-ins the e2e runner seeded (scripts/run.ts passes them in): read demo data with them, never write. */
export const demoAccounts: DemoAccount[] = JSON.parse(process.env.DEMO_ACCOUNTS ?? "[]");

const workerAccounts: WorkerAccount[] = JSON.parse(process.env.E2E_WORKER_ACCOUNTS ?? "[]");

/** Playwright's parallel index of this worker (0..workers-1; a restarted worker keeps its index). */
export function workerIndex(): number {
  return Number(process.env.TEST_PARALLEL_INDEX ?? 0);
}

/** This worker's own accounts (e2e/global-setup.ts); the demo accounts when the setup had no database to write to. */
function own(): DemoAccount[] {
  if (workerAccounts.length === 0) return demoAccounts;
  const w = workerIndex();
  return workerAccounts.filter((a) => a.worker === w).map(({ worker: _w, ...a }) => a);
}

/**
 * This worker's accounts, then the demo accounts (for specs that look a demo sign-in up by email to READ demo data).
 * Specs that write use account(role, i): their own organisations.
 */
export const accounts: DemoAccount[] = [...own(), ...demoAccounts.filter((d) => !own().some((a) => a.email === d.email))];

/**
 * This worker's account #index of a role. OFFICER 0 is an officer of the worker's ministry (which has an agency),
 * OFFICER 1 of another organisation (a province); ADMIN 0 and LEADERSHIP 0 are the worker's own.
 */
export function account(role: DemoAccount["role"], index = 0): DemoAccount {
  const list = own().filter((a) => a.role === role);
  if (!list[index]) throw new Error(`no e2e account for ${role} #${index} (worker ${workerIndex()})`);
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
