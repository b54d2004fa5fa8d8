/**
 * Read routing and failover of lib/server/db.ts against a real primary and a real streaming standby
 * (scripts/ha/replication.ts; asynchronous replication, so the standby can be made to lag on purpose with
 * pg_wal_replay_pause()):
 * - a list or dashboard read right after a write sees it: while the standby has not replayed the write the read goes
 *   to the primary, once it has, to the standby; a stopped standby costs nothing (the primary answers);
 * - the dashboard computed on the standby equals the one computed on the primary (exactness);
 * - a multi-host DATABASE_URL with target_session_attrs=read-write uses the primary even when the standby is listed
 *   first, answers 503-class errors while no host is read-write, and uses the promoted standby by itself.
 */
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { startPrimary, makeStandby, waitForStreaming, promote, type PgNode } from "./replication";
import { applyMigrations } from "../lib/migrate";
import { parseHostList } from "@/lib/server/db";

describe("parseHostList", () => {
  test("libpq's multi-host URL: hosts in order, default port, read-write, the rest of the URL kept", () => {
    const l = parseHostList("postgresql://u:p%40ss@db1:5433,db2,[::1]:6000/tracker?sslmode=disable&target_session_attrs=read-write")!;
    expect(l.hosts).toEqual([
      { host: "db1", port: 5433 },
      { host: "db2", port: 5432 },
      { host: "::1", port: 6000 },
    ]);
    expect(l.readWrite).toBe(true);
    expect(l.urlFor(l.hosts[1])).toBe("postgresql://u:p%40ss@db2:5432/tracker?sslmode=disable");
    expect(l.urlFor(l.hosts[2])).toBe("postgresql://u:p%40ss@[::1]:6000/tracker?sslmode=disable");
    expect(parseHostList("postgresql://u:p@a:1,b:2/x")!.readWrite).toBe(false);
    expect(parseHostList("postgresql://u:p@db:5432/tracker")).toBeNull();
  });
});

let primary: PgNode;
let standby: PgNode;
let db: typeof import("@/lib/server/db");

async function waitReplayed() {
  const { rows } = await primary.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
  for (let i = 0; i < 300; i++) {
    const r = await standby.query<{ ok: boolean }>(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [rows[0].lsn]);
    if (r.rows[0].ok) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("the standby did not catch up");
}

describe("a primary and a streaming standby", () => {
  beforeAll(async () => {
    primary = await startPrimary("routing-p");
    await applyMigrations(primary.url);
    standby = await makeStandby(primary, "routing-s");
    await waitForStreaming(primary);
    process.env.DATABASE_URL = primary.url;
    process.env.DATABASE_REPLICA_URL = standby.url;
    db = await import("@/lib/server/db");
    await db.closeDb();
  }, 240_000);

  afterAll(async () => {
    await db?.closeDb();
    delete process.env.DATABASE_REPLICA_URL;
    await standby?.destroy();
    await primary?.destroy();
  });

  test("a read right after a write sees it: the primary answers while the standby lags, the standby once it has replayed", async () => {
    const { makeOrganisation, makeActor, initiativeBody } = await import("@/test/factories");
    const { createInitiative, listInitiatives } = await import("@/lib/server/initiatives");
    const org = await makeOrganisation("MINISTRY");
    const officer = await makeActor("OFFICER", org.id);
    await waitReplayed();

    await standby.query(`SELECT pg_wal_replay_pause()`);
    try {
      const before = { ...db.readRouting };
      const created = await createInitiative(officer, initiativeBody(org.id, { title: "Đọc sau khi ghi 1" }));
      const list = await listInitiatives(officer, { organisationId: org.id });
      expect(list.data.map((i) => i.id)).toEqual([created.id]);
      expect(db.readRouting.primary - before.primary).toBe(1);
      expect(db.readRouting.standby - before.standby).toBe(0);
      // what the standby itself has: nothing of it yet (so the answer above cannot have come from it)
      const { rows } = await standby.query<{ n: number }>(`SELECT count(*)::int AS n FROM initiatives WHERE id = $1`, [created.id]);
      expect(rows[0].n).toBe(0);
    } finally {
      await standby.query(`SELECT pg_wal_replay_resume()`);
    }
    // the primary's background WAL (running-transaction records, checkpoints) may keep the standby a little behind
    // on a loaded machine: every answer is right, and the standby serves one once it has caught up
    const before = { ...db.readRouting };
    for (let i = 0; i < 50 && db.readRouting.standby === before.standby; i++) {
      await waitReplayed();
      const list = await listInitiatives(officer, { organisationId: org.id });
      expect(list.data.map((i) => i.title)).toEqual(["Đọc sau khi ghi 1"]);
    }
    expect(db.readRouting.standby - before.standby).toBe(1);
  });

  test("the dashboard computed on the standby is the primary's, and a write is in the next dashboard at once", async () => {
    const { makeOrganisation, makeActor, initiativeBody } = await import("@/test/factories");
    const { createInitiative } = await import("@/lib/server/initiatives");
    const { nationalDashboard, computeNationalDashboard } = await import("@/lib/server/dashboard");
    const { clearDashboardCache } = await import("@/lib/server/dashboard-cache");
    const org = await makeOrganisation("MINISTRY");
    const officer = await makeActor("OFFICER", org.id);
    const leader = await makeActor("LEADERSHIP");
    await waitReplayed();
    const b0 = { ...db.readRouting };
    let onStandby = await nationalDashboard(leader, {});
    for (let i = 0; i < 50 && db.readRouting.standby === b0.standby; i++) {
      await waitReplayed();
      clearDashboardCache();
      onStandby = await nationalDashboard(leader, {});
    }
    expect(db.readRouting.standby - b0.standby).toBe(1);
    // computed afresh outside any routing: on the primary
    expect(onStandby).toEqual(await computeNationalDashboard(leader, {}));
    const total = onStandby.initiatives.total;

    await standby.query(`SELECT pg_wal_replay_pause()`);
    try {
      await createInitiative(officer, initiativeBody(org.id, { title: "Đọc sau khi ghi 2" }));
      const b1 = { ...db.readRouting };
      const after = await nationalDashboard(leader, {});
      expect(after.initiatives.total).toBe(total + 1);
      expect(db.readRouting.primary - b1.primary).toBe(1);
    } finally {
      await standby.query(`SELECT pg_wal_replay_resume()`);
    }
  });

  test("a stopped standby: lists and dashboards are answered by the primary, none fails", async () => {
    const { makeOrganisation, makeActor, initiativeBody } = await import("@/test/factories");
    const { createInitiative, listInitiatives } = await import("@/lib/server/initiatives");
    const { nationalDashboard } = await import("@/lib/server/dashboard");
    const org = await makeOrganisation("MINISTRY");
    const officer = await makeActor("OFFICER", org.id);
    const leader = await makeActor("LEADERSHIP");
    await standby.stop();
    try {
      const created = await createInitiative(officer, initiativeBody(org.id, { title: "Không có bản sao" }));
      const list = await listInitiatives(officer, { organisationId: org.id });
      expect(list.data.map((i) => i.id)).toEqual([created.id]);
      const d = await nationalDashboard(leader, {});
      expect(d.initiatives.total).toBeGreaterThan(0);
    } finally {
      await standby.start();
    }
  });

  test("npm run db:backup taken from the standby: the primary's rows, and nothing written to the standby (it could not be)", async () => {
    await waitReplayed();
    const { createBackup } = await import("../lib/backup");
    const { mkdtempSync, rmSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(os.tmpdir(), "ha-backup-"));
    try {
      const r = await createBackup(standby.url, { dir, format: "logical" });
      const { rows } = await primary.query<{ n: number }>(`SELECT count(*)::int AS n FROM initiatives`);
      expect(r.manifest.tables.find((t) => t.name === "initiatives")?.rows).toBe(rows[0].n);
      expect((await standby.query<{ r: boolean }>(`SELECT pg_is_in_recovery() AS r`)).rows[0].r).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("multi-host DATABASE_URL: the read-write host is found whatever the order, and the promoted standby after a failover", async () => {
    await db.closeDb();
    delete process.env.DATABASE_REPLICA_URL;
    process.env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${standby.port},127.0.0.1:${primary.port}/tracker?target_session_attrs=read-write`;
    const port = async () => (await db.pool().query<{ p: number }>(`SELECT inet_server_port() AS p`)).rows[0].p;
    expect(await port()).toBe(primary.port);
    await waitReplayed();

    await primary.kill();
    const { isDatabaseUnavailable } = await import("@/lib/server/errors");
    // no read-write host until the promotion: an "unavailable" error (503), not a hang and not the standby
    const err = await db.pool().query(`SELECT 1`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(isDatabaseUnavailable(err)).toBe(true);

    await promote(standby);
    let answered: number | null = null;
    for (let i = 0; i < 100 && answered === null; i++) {
      answered = await port().catch(() => null);
      if (answered === null) await new Promise((r) => setTimeout(r, 100));
    }
    expect(answered).toBe(standby.port);
    await db.closeDb();
  });
});
