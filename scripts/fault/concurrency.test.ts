/**
 * Concurrency and crash faults against a PostgreSQL this file owns, driving the real core (lib/server) in-process:
 * every outcome is proven by counting rows and audit entries afterwards, not assumed.
 */
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { startFaultCluster, type FaultCluster } from "./cluster";
import type { Actor } from "@/lib/auth/permissions";

let cluster: FaultCluster;
// loaded after DATABASE_URL points at this file's cluster
let core: {
  initiatives: typeof import("@/lib/server/initiatives");
  reports: typeof import("@/lib/server/reports");
  users: typeof import("@/lib/server/users");
  csv: typeof import("@/lib/server/initiatives-csv");
  errors: typeof import("@/lib/server/errors");
  factories: typeof import("@/test/factories");
  db: typeof import("@/lib/server/db");
};

beforeAll(async () => {
  cluster = await startFaultCluster("concurrency");
  process.env.DATABASE_URL = cluster.url;
  core = {
    initiatives: await import("@/lib/server/initiatives"),
    reports: await import("@/lib/server/reports"),
    users: await import("@/lib/server/users"),
    csv: await import("@/lib/server/initiatives-csv"),
    errors: await import("@/lib/server/errors"),
    factories: await import("@/test/factories"),
    db: await import("@/lib/server/db"),
  };
});

afterAll(async () => {
  await core?.db.closeDb();
  await cluster?.destroy();
});

function initiative(organisationId: string, fields: Record<string, unknown> = {}) {
  return {
    organisationId,
    title: `Nền tảng dữ liệu ${core.factories.uid(6)}`,
    description: "Kiểm thử đồng thời",
    buildingBlocks: ["SHARED_DATA"],
    principles: [],
    enablers: [],
    status: "IN_PROGRESS",
    currentStage: 1,
    targetStage: 3,
    progress: 10,
    ...fields,
  };
}

/** Settles every promise and sorts the outcomes: fulfilled values, and rejections by error code. */
async function outcomes<T>(ps: Promise<T>[]) {
  const settled = await Promise.allSettled(ps);
  const ok = settled.filter((s): s is PromiseFulfilledResult<Awaited<T>> => s.status === "fulfilled").map((s) => s.value);
  const codes: Record<string, number> = {};
  const unexpected: unknown[] = [];
  for (const s of settled) {
    if (s.status !== "rejected") continue;
    const e = s.reason;
    if (e instanceof core.errors.AppError) codes[e.code] = (codes[e.code] ?? 0) + 1;
    else unexpected.push(e);
  }
  return { ok, codes, unexpected };
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await cluster.query<{ n: number }>(sql, params)).rows[0].n;
}

describe("concurrent writers", () => {
  let org: { id: string; code: string };
  let officer: Actor;
  let admin: Actor;

  beforeAll(async () => {
    org = await core.factories.makeOrganisation("MINISTRY");
    officer = await core.factories.makeActor("OFFICER", org.id);
    admin = await core.factories.makeActor("ADMIN");
  });

  test("30 concurrent PATCHes of one version: exactly one wins, 29 are version conflicts, one audit entry", async () => {
    const created = await core.initiatives.createInitiative(officer, initiative(org.id));
    const r = await outcomes(
      Array.from({ length: 30 }, (_, i) =>
        core.initiatives.updateInitiative(officer, created.id, { version: created.version, progress: 11 + i }),
      ),
    );
    expect(r.unexpected).toEqual([]);
    expect(r.ok).toHaveLength(1);
    expect(r.codes).toEqual({ version_conflict: 29 });
    const row = (await cluster.query<{ version: number; progress: number }>(`SELECT version, progress FROM initiatives WHERE id = $1`, [created.id])).rows[0];
    expect(row.version).toBe(created.version + 1);
    expect(row.progress).toBe(r.ok[0].progress);
    expect(await count(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action = 'update'`, [created.id])).toBe(1);
  });

  test("200 concurrent creates of different records: 200 rows, 200 audit entries", async () => {
    const own = await core.factories.makeOrganisation("PROVINCE");
    const writer = await core.factories.makeActor("OFFICER", own.id);
    const started = Date.now();
    const r = await outcomes(Array.from({ length: 200 }, (_, i) => core.initiatives.createInitiative(writer, initiative(own.id, { title: `Sáng kiến đồng thời ${i}` }))));
    console.log(`200 concurrent creates: ${Date.now() - started} ms`);
    expect(r.unexpected).toEqual([]);
    expect(r.codes).toEqual({});
    expect(r.ok).toHaveLength(200);
    expect(await count(`SELECT count(*)::int AS n FROM initiatives WHERE organisation_id = $1`, [own.id])).toBe(200);
    expect(await count(`SELECT count(DISTINCT title)::int AS n FROM initiatives WHERE organisation_id = $1`, [own.id])).toBe(200);
    // exactly one creation entry per row, and none for a row that does not exist
    expect(
      await count(
        `SELECT count(*)::int AS n FROM initiatives i WHERE i.organisation_id = $1
           AND (SELECT count(*) FROM audit_entries a WHERE a.entity_id = i.id::text AND a.action = 'create') = 1`,
        [own.id],
      ),
    ).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM audit_entries WHERE organisation_id = $1 AND action = 'create' AND entity_type = 'Initiative'`, [own.id])).toBe(200);
  });

  test("20 concurrent creates of one report key: one 201, 19 duplicates, one row", async () => {
    const period = `20${10 + Math.floor(Math.random() * 10)}-Q${1 + Math.floor(Math.random() * 4)}`;
    const r = await outcomes(
      Array.from({ length: 20 }, () =>
        core.reports.createReport(officer, { organisationId: org.id, period, metric: "OPEN_DATASETS", value: 12 }),
      ),
    );
    expect(r.unexpected).toEqual([]);
    expect(r.ok).toHaveLength(1);
    expect(r.codes).toEqual({ duplicate: 19 });
    expect(await count(`SELECT count(*)::int AS n FROM metric_reports WHERE organisation_id = $1 AND period = $2 AND metric_code = 'OPEN_DATASETS'`, [org.id, period])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1`, [r.ok[0].id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_type = 'MetricReport' AND organisation_id = $1 AND action = 'create'`, [org.id])).toBe(1);
  });

  test("20 concurrent creates of one externalRef: one 201, 19 duplicates, one row", async () => {
    const ref = `REF-${core.factories.uid(8)}`;
    const r = await outcomes(Array.from({ length: 20 }, () => core.initiatives.createInitiative(officer, initiative(org.id, { externalRef: ref }))));
    expect(r.unexpected).toEqual([]);
    expect(r.ok).toHaveLength(1);
    expect(r.codes).toEqual({ duplicate: 19 });
    expect(await count(`SELECT count(*)::int AS n FROM initiatives WHERE organisation_id = $1 AND external_ref = $2`, [org.id, ref])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1`, [r.ok[0].id])).toBe(1);
  });

  test("admins demoting each other at once: at least one active admin always remains", async () => {
    // this cluster is ours: only the admins made here are active
    await cluster.query(`UPDATE users SET active = false WHERE role = 'ADMIN'`);
    for (let round = 0; round < 5; round++) {
      const admins = await Promise.all(Array.from({ length: round === 0 ? 2 : 5 }, () => core.factories.makeActor("ADMIN")));
      // each demotes the next one (a ring): without the lock every demotion could see another admin and pass
      const r = await outcomes(
        admins.map((a, i) => {
          const victim = admins[(i + 1) % admins.length];
          return core.users.updateUser(a, victim.id, { version: 1, role: "LEADERSHIP" });
        }),
      );
      expect(r.unexpected).toEqual([]);
      expect(r.ok.length + (r.codes.invalid_transition ?? 0) + (r.codes.version_conflict ?? 0)).toBe(admins.length);
      expect(r.codes.invalid_transition).toBe(1);
      const active = await count(`SELECT count(*)::int AS n FROM users WHERE role = 'ADMIN' AND active`, []);
      expect(active).toBe(1);
      // every successful demotion has its audit entry, a refused one none
      for (const u of r.ok) expect(await count(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action = 'update'`, [u.id])).toBe(1);
      await cluster.query(`UPDATE users SET active = false WHERE role = 'ADMIN'`);
    }
    void admin;
  });
});

describe("an import killed halfway", () => {
  test("writes none of its rows; run again, it writes all of them once", async () => {
    const org = await core.factories.makeOrganisation("MINISTRY");
    const officer = await core.factories.makeActor("OFFICER", org.id);
    const { INITIATIVE_CSV_COLUMNS } = await import("@/lib/domain/csv");
    const ref = `KILL-${core.factories.uid(6)}`;
    const N = 5_000;
    const lines = [INITIATIVE_CSV_COLUMNS.join(",")];
    for (let i = 0; i < N; i++) {
      lines.push(
        ["", `${ref}-${i}`, org.code, `Nền tảng nhập khẩu ${i}`, "Mô tả", "IN_PROGRESS", "SHARED_DATA|SHARED_SERVICES", "", "", 1, 3, "2025-01-01", "2026-06-30", 5000000, 0, 10, ""].join(","),
      );
    }
    const csv = lines.join("\n");
    const rowsOfFile = () => count(`SELECT count(*)::int AS n FROM initiatives WHERE organisation_id = $1 AND external_ref LIKE $2`, [org.id, `${ref}-%`]);
    const auditOfFile = () =>
      count(`SELECT count(*)::int AS n FROM audit_entries WHERE organisation_id = $1 AND entity_type = 'Initiative'`, [org.id]);

    // watch for the import's transaction to have written something, then kill its backend (a crash of that session)
    let killedPid: number | null = null;
    let importDone = false;
    const killer = (async () => {
      const until = Date.now() + 60_000;
      while (!importDone && Date.now() < until) {
        const { rows } = await cluster.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'dgov-tracker' AND backend_xid IS NOT NULL AND state <> 'idle' LIMIT 1`,
        );
        if (rows.length) {
          killedPid = rows[0].pid;
          await cluster.query(`SELECT pg_terminate_backend($1)`, [killedPid]);
          return;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const first = await core.csv.importInitiativesCsv(officer, csv).then(
      (v) => ({ ok: true as const, v }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    importDone = true;
    await killer;
    expect(killedPid, "the import finished before it could be killed: raise N").not.toBeNull();
    expect(first.ok).toBe(false);
    // the API answers this as 503 unavailable, not 500
    expect(core.errors.isDatabaseUnavailable((first as { e: unknown }).e)).toBe(true);
    expect(await rowsOfFile()).toBe(0);
    expect(await auditOfFile()).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM initiative_building_blocks b JOIN initiatives i ON i.id = b.initiative_id WHERE i.organisation_id = $1`, [org.id])).toBe(0);

    const again = await core.csv.importInitiativesCsv(officer, csv);
    expect(again).toMatchObject({ created: N, updated: 0, unchanged: 0 });
    expect(await rowsOfFile()).toBe(N);
    expect(await count(`SELECT count(DISTINCT external_ref)::int AS n FROM initiatives WHERE organisation_id = $1`, [org.id])).toBe(N);
    expect(await auditOfFile()).toBe(N);
    // and once more: nothing changes, nothing is duplicated
    expect(await core.csv.importInitiativesCsv(officer, csv)).toMatchObject({ created: 0, updated: 0, unchanged: N });
    expect(await rowsOfFile()).toBe(N);
  });
});
