import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { test, expect, account, apiToken, signIn } from "./fixtures";

// A server action runs inside the same request context as an API call: the audit entry it writes carries the
// request's id (the X-Request-Id it came with), so the entry and the request's log lines can be matched.
test("an audit entry written by a server action carries its request id", async ({ page, request }) => {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const actionId = Object.entries(manifest.node).find(([, v]) => v.exportedName === "saveNationalTargetsAction")?.[0];
  expect(actionId, "the action id of saveNationalTargetsAction").toBeTruthy();

  const admin = account("ADMIN");
  const token = await apiToken(request, admin);
  const current = (await (await request.get("/api/v1/national-targets", { headers: { authorization: `Bearer ${token}` } })).json()) as {
    metric: string;
    baseline: number;
    baselinePeriod: string;
    target: number;
    targetPeriod: string;
  }[];
  // the same targets again: a real write with its audit entry, nothing changes for the other specs
  const same = current.map(({ metric, baseline, baselinePeriod, target, targetPeriod }) => ({ metric, baseline, baselinePeriod, target, targetPeriod }));

  await signIn(page, admin);
  const origin = new URL(page.url()).origin;
  const requestId = `e2e-action-${randomUUID()}`;
  const res = await page.request.post("/admin/targets", {
    headers: { "next-action": actionId!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin, "x-request-id": requestId },
    data: JSON.stringify([same]),
  });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('"ok":true');

  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    const rows = await db.query("SELECT entity_type, actor_email FROM audit_entries WHERE request_id = $1", [requestId]);
    expect(rows.rows).toEqual([{ entity_type: "NationalTargets", actor_email: admin.email }]);
  } finally {
    await db.end();
  }
});
