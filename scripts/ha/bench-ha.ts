/**
 * `npm run bench:ha -- [--connections 20] [--duration 10] [--initiatives 10000] [--reports 10000]`
 *
 * Throughput through Debian's nginx (issue 21) with the fault suite's servers (scripts/ha/servers.ts,
 * scripts/ha/replication.ts): a PostgreSQL 18 primary seeded with the benchmark generator, a synchronous
 * (remote_apply) hot standby made from it, and the production build (NEXT_DIST_DIR, default .next-ha, built only
 * when missing or older than the sources). Three shapes, one after the other:
 *   (a) one `next start` behind nginx;
 *   (b) two `next start` behind nginx, every read on the primary;
 *   (c) two `next start` with DATABASE_REPLICA_URL = the standby (dashboard misses and lists read on it).
 * For each: autocannon on GET /api/v1/health, the national dashboard and a page of the initiatives list (bearer token
 * of an ADMIN written by SQL), req/s, p50/p97.5 latency and the machine's load average before/after each run.
 * Prints the figures and writes them to .data/bench-logs/ha-<time>.json.
 *
 * Not a test: nothing is asserted on timings. Ports: HA_BENCH_PORT (nginx; the apps on +1, +2, default 3131),
 * HA_BENCH_PG_PORT (primary; standby on +1, default 54131). Everything it starts is stopped at the end.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import { buildIfNeeded, root, spawnApp, spawnNginx, stopNginx, stopProcess, waitHealthy, type Nginx } from "./servers";
import { makeStandby, setSynchronous, startPrimary, waitForStreaming, type PgNode } from "./replication";
import { seedBench } from "../lib/bench-data";
import { load, type LoadResult } from "../lib/bench-measure";
import { hashPassword } from "../../lib/auth/password";
import { hashToken, newToken } from "../../lib/auth/tokens";

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "20" },
    duration: { type: "string", default: "10" },
    initiatives: { type: "string", default: "10000" },
    reports: { type: "string", default: "10000" },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
const distDir = process.env.NEXT_DIST_DIR || ".next-ha";
const LB_PORT = Number(process.env.HA_BENCH_PORT ?? 3131);
const APP_PORTS = [LB_PORT + 1, LB_PORT + 2];
const PG_PORT = Number(process.env.HA_BENCH_PG_PORT ?? 54131);
const t0 = Date.now();
const log = (s: string) => console.log(`[bench:ha ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${s}`);
const loadavg = () => os.loadavg().map((x) => Number(x.toFixed(2))) as [number, number, number];

const ENDPOINTS = [
  { name: "health", url: "/api/v1/health" },
  { name: "national dashboard", url: "/api/v1/dashboard/national" },
  { name: "initiatives list (page 1 of 20)", url: "/api/v1/initiatives?pageSize=20" },
];

interface Row extends LoadResult {
  shape: string;
  endpoint: string;
  loadBefore: [number, number, number];
  loadAfter: [number, number, number];
}

let primary: PgNode | null = null;
let standby: PgNode | null = null;
let nginx: Nginx | null = null;
const apps: (ChildProcess | null)[] = [null, null];

async function stopApps() {
  await Promise.all(apps.map((p, i) => ((apps[i] = null), stopProcess(p, "SIGTERM"))));
  await stopNginx(nginx);
  nginx = null;
}

async function startShape(count: number, env: NodeJS.ProcessEnv) {
  for (let i = 0; i < count; i++) apps[i] = spawnApp(APP_PORTS[i], env);
  await Promise.all(APP_PORTS.slice(0, count).map((p) => waitHealthy(p)));
  nginx = spawnNginx(LB_PORT, APP_PORTS.slice(0, count));
  await waitHealthy(LB_PORT, 20_000);
}

async function main() {
  buildIfNeeded(distDir, log);
  primary = await startPrimary("bench-primary", PG_PORT);
  log(`seeding the primary :${primary.port} (${args.initiatives} initiatives, ${args.reports} reports)…`);
  const seeded = await seedBench(primary.url, { initiatives: Number(args.initiatives), reports: Number(args.reports), seed: 21 });
  log(`seeded: ${JSON.stringify(seeded)}`);
  await primary.query(`VACUUM ANALYZE`);
  standby = await makeStandby(primary, "bench-standby", PG_PORT + 1);
  await waitForStreaming(primary);
  await setSynchronous(primary, true);
  log(`standby :${standby.port} streaming (synchronous, remote_apply)`);

  // an ADMIN and its bearer token, by SQL on the primary (as the suite writes its tokens)
  const u = await primary.query<{ id: string }>(
    `INSERT INTO users (email, name, role, password_hash) VALUES ('ha-bench@bench.example.vn', 'HA benchmark', 'ADMIN', $1) RETURNING id`,
    [await hashPassword(randomBytes(18).toString("base64url"))],
  );
  const token = newToken();
  await primary.query(`INSERT INTO api_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '2 hours')`, [u.rows[0].id, hashToken(token)]);

  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: "ha-bench-secret-0123456789-0123456789-abcdef",
    DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/tracker?target_session_attrs=read-write`,
    DB_CONNECT_TIMEOUT_MS: "3000",
    JOBS: "1",
    LOG_LEVEL: "silent",
    TRUSTED_PROXIES: "127.0.0.1",
  };
  delete base.DATABASE_REPLICA_URL;
  const shapes = [
    { name: "(a) one instance", count: 1, env: base },
    { name: "(b) two instances", count: 2, env: base },
    { name: "(c) two instances, reads on the standby", count: 2, env: { ...base, DATABASE_REPLICA_URL: standby.url } },
  ];
  const rows: Row[] = [];
  const api = { base: `http://127.0.0.1:${LB_PORT}`, token };
  for (const shape of shapes) {
    await startShape(shape.count, shape.env);
    log(`${shape.name}: up`);
    const standbyBefore = await standby.query<{ n: string }>(`SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = 'tracker'`);
    for (const e of ENDPOINTS) {
      // warm-up: every instance answers a few first (compilation of the route, its cache entry)
      for (let i = 0; i < 4 * shape.count; i++) {
        const r = await fetch(api.base + e.url, { headers: { authorization: `Bearer ${token}` } });
        await r.arrayBuffer();
        if (!r.ok) throw new Error(`${e.url}: ${r.status}`);
      }
      await new Promise((r) => setTimeout(r, 3000));
      const loadBefore = loadavg();
      const res = await load(api, e.url, CONNECTIONS, DURATION);
      const row: Row = { shape: shape.name, endpoint: e.name, ...res, loadBefore, loadAfter: loadavg() };
      rows.push(row);
      log(`${shape.name} ${e.name}: ${row.throughput.toFixed(1)} req/s, p50 ${row.p50} ms, p97.5 ${row.p97_5} ms, errors ${row.errors}, non-2xx ${row.non2xx}, load ${loadBefore.join("/")} → ${row.loadAfter.join("/")}`);
    }
    const standbyAfter = await standby.query<{ n: string }>(`SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = 'tracker'`);
    log(`${shape.name}: the standby committed ${Number(standbyAfter.rows[0].n) - Number(standbyBefore.rows[0].n)} transactions meanwhile`);
    await stopApps();
  }

  console.log("\n| shape | endpoint | req/s | p50 ms | p97.5 ms | non-2xx | load 1-min before → after |\n|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.shape} | ${r.endpoint} | ${r.throughput.toFixed(1)} | ${r.p50} | ${r.p97_5} | ${r.non2xx + r.errors} | ${r.loadBefore[0]} → ${r.loadAfter[0]} |`);
  const out = path.join(root, ".data", "bench-logs");
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `ha-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, connections: CONNECTIONS, duration: DURATION, seeded, rows }, null, 2) + "\n");
  log(`written to ${path.relative(root, file)}`);
}

async function cleanup() {
  await stopApps().catch(() => {});
  await standby?.destroy().catch(() => {});
  await primary?.destroy().catch(() => {});
}

main()
  .then(cleanup, async (err) => {
    console.error(err);
    await cleanup();
    process.exitCode = 1;
  });
