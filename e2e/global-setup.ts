/**
 * Playwright global setup: every worker gets an organisation tree and accounts of its own, so no spec writes into the
 * demo organisations and no two workers share a sign-in. Per parallel worker index w (0..workers-1), named with w and
 * a run id:
 * - a ministry `E2E_W<w>_<RUN>` with an agency `E2E_W<w>_<RUN>_CUC`, and a province `E2E_W<w>_<RUN>_P`;
 * - ADMIN, LEADERSHIP, OFFICER #0 (the ministry) and OFFICER #1 (the province), one password for all.
 * Written straight into the e2e database (scripts/run.ts passes E2E_DATABASE_URL) rather than through the API, so the
 * accounts are ready to sign in (no initial-password change, no audit noise from a setup step); the list reaches the
 * workers through E2E_WORKER_ACCOUNTS, read by e2e/fixtures.ts.
 */
import type { FullConfig } from "@playwright/test";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { hashPassword } from "../lib/auth/password";
import type { WorkerAccount } from "./fixtures";

export const E2E_PASSWORD = "E2E-Worker-Password-2026!";

export default async function globalSetup(config: FullConfig) {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) {
    console.warn("e2e/global-setup: E2E_DATABASE_URL is not set (run through `npm run test:e2e`): using the demo accounts");
    return;
  }
  const run = randomBytes(3).toString("hex").toUpperCase();
  const workers = Math.max(1, config.workers);
  const passwordHash = await hashPassword(E2E_PASSWORD);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const list: WorkerAccount[] = [];
  try {
    await db.query("BEGIN");
    const org = async (code: string, nameVi: string, nameEn: string, kind: string, parentId: string | null = null) =>
      (await db.query<{ id: string }>(`INSERT INTO organisations (code, name_vi, name_en, kind, parent_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [code, nameVi, nameEn, kind, parentId])).rows[0].id;
    for (let w = 0; w < workers; w++) {
      const tag = `W${w} ${run}`;
      const code = `E2E_W${w}_${run}`;
      const ministry = { id: await org(code, `Bộ Kiểm thử ${tag}`, `Test Ministry ${tag}`, "MINISTRY"), code, name: `Bộ Kiểm thử ${tag}` };
      const agency = { id: await org(`${code}_CUC`, `Cục Kiểm thử ${tag}`, `Test Department ${tag}`, "AGENCY", ministry.id), code: `${code}_CUC`, name: `Cục Kiểm thử ${tag}` };
      const province = { id: await org(`${code}_P`, `Tỉnh Kiểm thử ${tag}`, `Test Province ${tag}`, "PROVINCE"), code: `${code}_P`, name: `Tỉnh Kiểm thử ${tag}` };
      const people: [WorkerAccount["role"], string, string, typeof ministry | null][] = [
        ["ADMIN", "quantri", "Quản trị viên", null],
        ["LEADERSHIP", "lanhdao", "Lãnh đạo", null],
        ["OFFICER", "canbo", "Cán bộ", ministry],
        ["OFFICER", "canbo2", "Cán bộ tỉnh", province],
      ];
      for (const [role, local, name, o] of people) {
        const email = `${local}.w${w}.${run.toLowerCase()}@e2e.gov.vn`;
        await db.query(`INSERT INTO users (email, name, role, organisation_id, password_hash) VALUES ($1, $2, $3, $4, $5)`, [email, `${name} ${tag}`, role, o?.id ?? null, passwordHash]);
        list.push({
          worker: w,
          role,
          email,
          password: E2E_PASSWORD,
          ...(o ? { organisation: o.name, organisationCode: o.code, organisationId: o.id } : {}),
          ...(o === ministry ? { agency: agency.name, agencyCode: agency.code, agencyId: agency.id } : {}),
        });
      }
    }
    await db.query("COMMIT");
  } catch (err) {
    await db.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await db.end();
  }
  process.env.E2E_WORKER_ACCOUNTS = JSON.stringify(list);
  const base = config.projects[0]?.use.baseURL ?? process.env.BASE_URL;
  if (base) await checkSignIn(base, list.filter((a) => a.role === "ADMIN"));
}

/**
 * Each worker's admin signs in once before any spec runs: proves the accounts work (a clear failure here instead of
 * a 401 in the first spec) and warms the server's pool and routes, so the first spec of a cold server on a loaded
 * machine does not meet a connection timeout.
 */
async function checkSignIn(base: string, admins: WorkerAccount[]) {
  for (const a of admins) {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(new URL("/api/v1/auth/token", base), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: a.email, password: a.password }),
      }).catch(() => null);
      if (res?.status === 201) break;
      if (res && res.status < 500) throw new Error(`e2e/global-setup: ${a.email} cannot sign in (${res.status} ${await res.text()})`);
      if (attempt >= 6) throw new Error(`e2e/global-setup: the server does not answer sign-ins (${res?.status ?? "no answer"})`);
      await new Promise((r) => setTimeout(r, 2_000 * attempt));
    }
  }
}
