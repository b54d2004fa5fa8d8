/**
 * `npm run test:ha` — beyond one machine (issue 21), with real servers on the loopback:
 *   PostgreSQL primary ── streaming, synchronous (remote_apply) ──> hot standby      (scripts/ha/replication.ts)
 *   two `next start` of one production build, DATABASE_URL = both servers with target_session_attrs=read-write,
 *   DATABASE_REPLICA_URL = the standby; nginx (Debian's) in front, retrying idempotent requests on the other one.
 *
 * Bounded load through nginx: writers create initiatives (each counts its 2xx answers and reads its own write back),
 * a reader lists the organisation's initiatives (served by the standby once it has replayed), a leader reads the
 * national dashboard. Then, one after the other:
 *   (a) one app instance is killed (SIGKILL), later started again;
 *   (b) the standby is stopped: commits wait for it until the operator's watchdog (here: the suite) switches the
 *       primary to asynchronous commit; the standby is started again, catches up, synchronous commit is back on;
 *   (c) the primary is killed (SIGKILL) and the standby promoted; the apps find it by themselves.
 * After each step: every 2xx write exists (once), every read after a write saw it and no reader's figures went
 * backwards, idempotent reads never failed while an instance died, and each mail the two instances' jobs had to send
 * was sent exactly once. Recovery times are printed and written to .data/ha-last-run.json, never asserted.
 *
 * The build: NEXT_DIST_DIR (default .next-ha), built once when missing or older than the sources.
 */
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { freePort } from "../lib/embedded-db";
import { applyMigrations } from "../lib/migrate";
import { buildIfNeeded, root, spawnApp, spawnNginx, stopNginx, stopProcess, waitHealthy, type Nginx } from "./servers";
import { makeStandby, promote, setSynchronous, startPrimary, waitForStreaming, STANDBY_NAME, type PgNode } from "./replication";

const distDir = process.env.NEXT_DIST_DIR || ".next-ha";
const BASE_PORT = Number(process.env.HA_PORT ?? 3111);
const LB_PORT = BASE_PORT;
const APP_PORTS = [BASE_PORT + 1, BASE_PORT + 2];
const WRITERS = 4;
const MAILS = 12;
const log = (s: string) => console.log(`[ha ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${s}`);
const t0 = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let primary: PgNode;
let standby: PgNode;
let nginx: Nginx | null = null;
const apps: (ChildProcess | null)[] = [null, null];
let smtp: SMTPServer;
const mailsTo = new Map<string, number>();
let orgId = "";
const tokens = { writers: [] as string[], reader: "", leader: "" };
const recipients: string[] = [];
let appEnv: NodeJS.ProcessEnv = { ...process.env };

/* ------------------------------------------------------------------------------------------------------------ */
/* processes                                                                                                     */

async function startApp(i: number) {
  apps[i] = spawnApp(APP_PORTS[i], appEnv);
  await waitHealthy(APP_PORTS[i]);
}

async function killApp(i: number, signal: NodeJS.Signals = "SIGKILL") {
  const p = apps[i];
  apps[i] = null;
  await stopProcess(p, signal);
}

async function startNginx() {
  nginx = spawnNginx(LB_PORT, APP_PORTS);
  await waitHealthy(LB_PORT, 20_000);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* the load                                                                                                      */

type Phase = "warm-up" | "a: app killed" | "b: standby stopped" | "c: primary killed";
let phase: Phase = "warm-up";

interface Ack {
  id: string;
  title: string;
  /** when the request was sent, and when its 2xx arrived */
  started: number;
  at: number;
}
const acked: Ack[] = [];
/** acknowledged writes, counted the moment each 2xx arrived */
let ackCount = 0;
/** a failed request: `sent` when it was sent, `at` when its failure arrived */
const failures: { phase: Phase; kind: string; status: number | string; sent: number; at: number }[] = [];
const violations: string[] = [];
let attempts = 0;
let stopLoad = false;
const lastWriteOk = { at: 0 };
const readsOk = { list: 0, dashboard: 0, own: 0 };
const listOnStandby = { before: 0 };

async function call(method: string, url: string, token: string, body?: unknown): Promise<{ status: number | string; json: unknown; sent: number }> {
  const sent = Date.now();
  try {
    const r = await fetch(`http://127.0.0.1:${LB_PORT}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await r.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON (nginx's own error page) */
    }
    return { status: r.status, json, sent };
  } catch (err) {
    return { status: (err as Error).name === "TimeoutError" ? "timeout" : "network", json: null, sent };
  }
}

async function writer(w: number) {
  let n = 0;
  while (!stopLoad) {
    const title = `HA w${w} #${++n}`;
    attempts++;
    const started = Date.now();
    const r = await call("POST", "/api/v1/initiatives", tokens.writers[w], {
      organisationId: orgId,
      title,
      description: "Thử chuyển đổi dự phòng",
      buildingBlocks: ["ONE_PORTAL"],
      principles: ["DIGITAL_BY_DEFAULT"],
      enablers: [],
      status: "IN_PROGRESS",
      currentStage: 1,
      targetStage: 3,
      startDate: "2025-01-01",
      endDate: "2026-12-31",
      budgetPlanned: 1_000_000,
      budgetSpent: 0,
      progress: 10,
    });
    if (r.status === 201) {
      const id = (r.json as { id: string }).id;
      acked.push({ id, title, started, at: Date.now() });
      ackCount++;
      if (started > lastWriteOk.at) lastWriteOk.at = started;
      // my own write, read back at once through the balancer (whichever instance answers)
      const back = await call("GET", `/api/v1/initiatives/${id}`, tokens.writers[w]);
      if (back.status === 200) readsOk.own++;
      else if (back.status === 404) violations.push(`${phase}: ${title} answered 201, then its read answered 404`);
      else failures.push({ phase, kind: "own read", status: back.status, sent: back.sent, at: Date.now() });
    } else {
      failures.push({ phase, kind: "write", status: r.status, sent: r.sent, at: Date.now() });
      await sleep(200);
    }
    await sleep(40);
  }
}

/** Lists the organisation's initiatives: the total must include every write acknowledged before the read began. */
async function listReader() {
  let last = -1;
  while (!stopLoad) {
    const before = ackCount;
    const r = await call("GET", `/api/v1/initiatives?organisationId=${orgId}&pageSize=1`, tokens.reader);
    if (r.status === 200) {
      const total = (r.json as { total: number }).total;
      readsOk.list++;
      if (total < before) violations.push(`${phase}: the list showed ${total} initiatives after ${before} were acknowledged`);
      if (total < last) violations.push(`${phase}: the list went backwards from ${last} to ${total}`);
      last = Math.max(last, total);
    } else failures.push({ phase, kind: "list", status: r.status, sent: r.sent, at: Date.now() });
    await sleep(100);
  }
}

async function dashboardReader() {
  let last = -1;
  while (!stopLoad) {
    const before = ackCount;
    const r = await call("GET", `/api/v1/dashboard/national`, tokens.leader);
    if (r.status === 200) {
      const total = (r.json as { initiatives: { total: number } }).initiatives.total;
      readsOk.dashboard++;
      if (total < before) violations.push(`${phase}: the dashboard counted ${total} initiatives after ${before} were acknowledged`);
      if (total < last) violations.push(`${phase}: the dashboard went backwards from ${last} to ${total}`);
      last = Math.max(last, total);
    } else failures.push({ phase, kind: "dashboard", status: r.status, sent: r.sent, at: Date.now() });
    await sleep(150);
  }
}

/** The operator's watchdog: a lost synchronous standby would stall every commit; switch to asynchronous commit. */
let watching = true;
let syncOn = true;
let degradedAt = 0;
async function watchdog(db: () => PgNode) {
  while (watching) {
    if (syncOn) {
      try {
        const { rows } = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_replication WHERE application_name = $1 AND state = 'streaming'`, [STANDBY_NAME]);
        if (rows[0].n === 0) {
          await setSynchronous(db(), false);
          syncOn = false;
          degradedAt = Date.now();
          log("watchdog: the synchronous standby is gone; the primary commits asynchronously");
        }
      } catch {
        /* the primary itself is down: failover is the operator's other task */
      }
    }
    await sleep(250);
  }
}

/* ------------------------------------------------------------------------------------------------------------ */

async function checkWrites(db: PgNode, step: string) {
  const ids = acked.map((a) => a.id);
  const { rows } = await db.query<{ n: number; distinct_titles: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT title)::int AS distinct_titles FROM initiatives WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  expect(rows[0].n, `${step}: every acknowledged write is present`).toBe(ids.length);
  // no write was applied twice (a retried POST would make a second row with the same title)
  const dup = await db.query<{ title: string; n: number }>(`SELECT title, count(*)::int AS n FROM initiatives WHERE organisation_id = $1 GROUP BY title HAVING count(*) > 1`, [orgId]);
  expect(dup.rows, `${step}: no write stored twice`).toEqual([]);
  expect(violations, `${step}: reads after writes`).toEqual([]);
  return ids.length;
}

/** ms from `t` to the first 2xx of a write SENT after `t` (writes in flight at `t` don't count) */
function firstWriteOkAfter(t: number): number | null {
  const a = acked.filter((x) => x.started >= t).sort((x, y) => x.at - y.at)[0];
  return a ? a.at - t : null;
}

const report: Record<string, unknown> = {};

describe("two app instances, a balancer, a primary and a synchronous standby", () => {
  beforeAll(async () => {
    buildIfNeeded(distDir, log);
    primary = await startPrimary("primary");
    await applyMigrations(primary.url);
    standby = await makeStandby(primary, "standby");
    await waitForStreaming(primary);
    await setSynchronous(primary, true);
    log(`primary :${primary.port}, standby :${standby.port} (synchronous, remote_apply)`);

    // the accounts, through the core's own factories, on the primary
    process.env.DATABASE_URL = primary.url;
    const f = await import("@/test/factories");
    const { newToken, hashToken } = await import("@/lib/auth/tokens");
    const { closeDb } = await import("@/lib/server/db");
    const org = await f.makeOrganisation("MINISTRY");
    orgId = org.id;
    const token = async (role: "OFFICER" | "LEADERSHIP", org: string | null) => {
      const a = await f.makeActor(role, org);
      const t = newToken();
      await primary.query(`INSERT INTO api_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [a.id, hashToken(t)]);
      return t;
    };
    for (let w = 0; w < WRITERS; w++) tokens.writers.push(await token("OFFICER", orgId));
    tokens.reader = await token("OFFICER", orgId);
    tokens.leader = await token("LEADERSHIP", null);
    // mails the jobs of both instances will race for: one notification each, mailed at once (IMMEDIATE)
    for (let i = 0; i < MAILS; i++) {
      const a = await f.makeActor("OFFICER", orgId);
      recipients.push(a.email);
      await primary.query(`UPDATE users SET mail_preference = 'IMMEDIATE' WHERE id = $1`, [a.id]);
      await primary.query(`INSERT INTO notifications (user_id, kind, params, link) VALUES ($1, 'PASSWORD_RESET', $2, '/profile')`, [a.id, { at: new Date().toISOString() }]);
    }
    await closeDb();

    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, done) {
        stream.on("data", () => {});
        stream.on("end", () => {
          for (const r of session.envelope.rcptTo) mailsTo.set(r.address, (mailsTo.get(r.address) ?? 0) + 1);
          done();
        });
      },
    });
    const smtpPort = await freePort();
    await new Promise<void>((r) => smtp.listen(smtpPort, "127.0.0.1", () => r()));

    appEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: "ha-suite-secret-0123456789-0123456789-abcdef",
      DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/tracker?target_session_attrs=read-write`,
      DATABASE_REPLICA_URL: standby.url,
      DB_CONNECT_TIMEOUT_MS: "3000",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      JOBS: "1",
      LOG_LEVEL: process.env.HA_DEBUG ? "warn" : "silent",
      TRUSTED_PROXIES: "127.0.0.1",
    };
    await Promise.all([startApp(0), startApp(1)]);
    await startNginx();
    log(`apps :${APP_PORTS.join(", :")} behind nginx :${LB_PORT}`);
  });

  afterAll(async () => {
    stopLoad = true;
    watching = false;
    await Promise.all([killApp(0, "SIGTERM"), killApp(1, "SIGTERM")]);
    await stopNginx(nginx);
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    await standby?.destroy();
    await primary?.destroy();
    mkdirSync(path.join(root, ".data"), { recursive: true });
    writeFileSync(path.join(root, ".data", "ha-last-run.json"), JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2) + "\n");
    console.log(JSON.stringify(report, null, 2));
  });

  test("no acknowledged write lost, reads after writes see them, one mail per job, through (a) (b) (c)", async () => {
    let current = primary;
    const load = [...Array.from({ length: WRITERS }, (_, w) => writer(w)), listReader(), dashboardReader()];
    const dog = watchdog(() => current);
    await sleep(6_000);
    expect(ackCount, "the load runs").toBeGreaterThan(0);
    // a 503 on this loaded machine is a connection that took longer than DB_CONNECT_TIMEOUT_MS: load, recorded, and
    // not what the steps below judge (a 502/504 or a network error would be an instance that died or hung)
    report.warmUp = { failed: failures.length, statuses: [...new Set(failures.map((f) => f.status))] };
    // the standby serves the list: its database has answered transactions of the app
    listOnStandby.before = Number((await standby.query<{ n: string }>(`SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = 'tracker'`)).rows[0].n);

    // (a) one app instance dies under load
    phase = "a: app killed";
    const tA = Date.now();
    await killApp(0);
    const tKilled = Date.now();
    log("(a) app instance 1 killed");
    await sleep(6_000);
    // A read whose answer the killed instance had begun to send when it died is cut mid-body: nginx cannot send it
    // elsewhere once the client has the status line (proxy_next_upstream covers failures before the response header
    // only). At most one such read per reader that was in flight; every read sent after the kill must succeed.
    const cutA = failures.filter((f) => f.phase === phase && f.kind !== "write" && f.status === "network" && f.sent < tKilled);
    const readFailuresA = failures.filter((f) => f.phase === phase && f.kind !== "write" && f.status !== 503 && !cutA.includes(f));
    const writeFailuresA = failures.filter((f) => f.phase === phase && f.kind === "write");
    report.a = {
      firstWriteAfterMs: firstWriteOkAfter(tA),
      failedWrites: writeFailuresA.length,
      failedReads: readFailuresA.length,
      readsCutInFlight: cutA.length,
      acknowledgedSoFar: await checkWrites(current, "(a)"),
    };
    // idempotent reads sent after the kill (or reaching the dead instance before its answer began) were retried on the
    // other instance by nginx: none failed
    expect(readFailuresA).toEqual([]);
    expect(cutA.length, "reads cut by the kill: at most one per reader in flight").toBeLessThanOrEqual(WRITERS + 2);
    log(`(a) ${JSON.stringify(report.a)}`);
    const tA2 = Date.now();
    await startApp(0);
    log(`(a) app instance 1 back after ${Date.now() - tA2} ms`);

    // (b) the standby stops: commits wait for it until the watchdog switches to asynchronous commit
    phase = "b: standby stopped";
    const standbyCommits = Number((await standby.query<{ n: string }>(`SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = 'tracker'`)).rows[0].n);
    const tB = Date.now();
    await standby.stop();
    log("(b) standby stopped");
    await sleep(5_000);
    const stall = firstWriteOkAfter(tB);
    const readFailuresB = failures.filter((f) => f.phase === phase && f.kind !== "write" && f.status !== 503);
    expect(readFailuresB, "(b) the primary answers every read").toEqual([]);
    await standby.start();
    await waitForStreaming(current);
    // caught up, then synchronous again
    for (let i = 0; i < 200; i++) {
      const { rows } = await current.query<{ lag: string | null }>(`SELECT (pg_current_wal_lsn() - replay_lsn)::text AS lag FROM pg_stat_replication WHERE application_name = $1`, [STANDBY_NAME]);
      if (rows[0] && Number(rows[0].lag) <= 0) break;
      await sleep(100);
    }
    await setSynchronous(current, true);
    syncOn = true;
    report.b = {
      writesWaitedMs: degradedAt ? degradedAt - tB : null,
      firstWriteAfterMs: stall,
      failedWrites: failures.filter((f) => f.phase === phase && f.kind === "write").length,
      failedReads: readFailuresB.length,
      standbyBackAfterMs: Date.now() - tB,
      acknowledgedSoFar: await checkWrites(current, "(b)"),
    };
    log(`(b) ${JSON.stringify(report.b)}`);
    await sleep(3_000);

    // (c) the primary dies; the operator promotes the standby; the apps find it by themselves
    phase = "c: primary killed";
    const ackedBeforeKill = ackCount;
    const tC = Date.now();
    await primary.kill();
    log("(c) primary killed");
    await sleep(1_000); // the operator notices
    current = standby;
    await promote(standby);
    const promotedAfter = Date.now() - tC;
    log(`(c) standby promoted after ${promotedAfter} ms`);
    for (let i = 0; i < 300 && firstWriteOkAfter(tC + promotedAfter) === null; i++) await sleep(100);
    await sleep(5_000);
    stopLoad = true;
    await Promise.all(load);
    watching = false;
    await dog;
    const statuses = [...new Set(failures.filter((f) => f.phase === phase).map((f) => f.status))];
    report.c = {
      promotedAfterMs: promotedAfter,
      firstWriteAfterKillMs: firstWriteOkAfter(tC),
      firstWriteAfterPromotionMs: firstWriteOkAfter(tC + promotedAfter),
      failedRequests: failures.filter((f) => f.phase === phase).length,
      failedStatuses: statuses,
      acknowledgedBeforeKill: ackedBeforeKill,
      acknowledged: await checkWrites(standby, "(c)"),
    };
    log(`(c) ${JSON.stringify(report.c)}`);
    // during the switch the apps answer 503 (nginx's 502/504 would mean an instance hung or died)
    expect(statuses.every((s) => s === 503), `(c) failures during the switch are 503: ${statuses.join(", ")}`).toBe(true);
    expect(firstWriteOkAfter(tC + promotedAfter), "(c) writes are served again").not.toBeNull();

    // the standby answered reads while it was one (lists and dashboard misses)
    report.standbyTransactions = standbyCommits - listOnStandby.before;
    expect(standbyCommits).toBeGreaterThan(listOnStandby.before);

    // the jobs of two instances: each mail went out exactly once
    for (let i = 0; i < 900 && recipients.some((r) => !mailsTo.has(r)); i++) await sleep(100);
    report.mails = { expected: recipients.length, delivered: [...mailsTo.values()].reduce((s, n) => s + n, 0) };
    expect(recipients.map((r) => mailsTo.get(r) ?? 0)).toEqual(recipients.map(() => 1));
    report.load = { attempts, acknowledged: acked.length, reads: readsOk };
  });
});
