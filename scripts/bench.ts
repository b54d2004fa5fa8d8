/**
 * `npm run bench -- [--sizes 10000,100000,1000000] [--runs 30] [--concurrency 50] [--duration 20]
 *                   [--app-dir .] [--dist-dir .next-bench] [--build] [--out BENCHMARKS.md]`
 *
 * Benchmarks the production build on national-scale data (scripts/bench-seed.ts; a missing size is generated first):
 * for each size it starts `next start` with DATABASE_URL on database bench_<size>, signs in an admin it creates by
 * SQL, and measures p50/p95 of repeated requests (national and organisation dashboards, trend, the initiatives list
 * with filters, searches, sorts and deep pages, a 50,000-row CSV export and import), the same dashboard and list
 * figures by SQL straight on the database (GROUP BY over the base tables, and the summary tables), 50 concurrent
 * readers of the national dashboard (autocannon), and the first-load JS of the dashboard and list pages. Prints
 * everything and writes BENCHMARKS.md (machine, data sizes, date) plus the raw figures as JSON under .data/bench-logs.
 *
 * BENCHMARKS.md below the line `<!-- Sections below are written by hand; scripts/bench.ts keeps them. -->` is kept
 * as it is. Ports of one's own on a shared machine: BENCH_APP_PORT (the app), BENCH_PG_PORT (the embedded PostgreSQL).
 * `--only dashboard,list,load,csv,import` runs some parts. The imports and export memory come from scripts/lib/bench-import.ts.
 *
 * Not a test: nothing passes or fails, and it never runs in CI (a smoke run of the generator does: bench-seed.test.ts).
 * Keep the machine otherwise idle while it runs; two cores are shared by the app, PostgreSQL and the load generator.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { killGroup } from "./lib/process-group";
import { startBenchApp, stopBenchApp } from "./lib/bench-app";
import { benchDatabaseName, BENCH_SETTINGS, databaseExists, openBenchServer, type BenchServer } from "./lib/bench-db";
import { recreateDatabase, seedBench } from "./lib/bench-data";
import { applyMigrations } from "./lib/migrate";
import { apiGet, apiJson, firstLoadJs, load, measure, sqlSetTiming, summarise, withUnit, type Api, type FirstLoad, type LoadResult, type Timing } from "./lib/bench-measure";
import { LIST_CASES, listSql, DASHBOARD_SQL, wordsSelective } from "./lib/bench-queries";
import { wordQuery } from "../lib/domain/search";
import { keepHandWritten, renderMarkdown, type BenchRun, type SizeResult } from "./lib/bench-report";
import { benchImports, exportMemory, importCsvText, type ExportMemory } from "./lib/bench-import";
import { hashPassword } from "../lib/auth/password";
import { addQuarters } from "../lib/domain/periods";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000000" },
    runs: { type: "string", default: "30" },
    "heavy-runs": { type: "string", default: "3" },
    concurrency: { type: "string", default: "50" },
    duration: { type: "string", default: "20" },
    "app-dir": { type: "string", default: "." },
    "dist-dir": { type: "string", default: ".next-bench" },
    build: { type: "boolean", default: false },
    out: { type: "string", default: "BENCHMARKS.md" },
    label: { type: "string", default: "" },
    only: { type: "string", default: "" },
    "import-ab": { type: "boolean", default: false },
    /** a build to read first-load JS from when the benchmarked one lacks the pages (default: the benchmarked build) */
    "first-load-dist": { type: "string", default: "" },
    help: { type: "boolean", short: "h", default: false },
  },
  strict: true,
});

const log = (s: string) => console.log(`[bench] ${s}`);
const RUNS = Number(args.runs);
const HEAVY_RUNS = Number(args["heavy-runs"]);
const appDir = path.resolve(String(args["app-dir"]));
const distDir = String(args["dist-dir"]);
const only = new Set(String(args.only).split(",").filter(Boolean));
const wants = (part: string) => only.size === 0 || only.has(part);

let server: BenchServer | null = null;
let app: ChildProcess | null = null;


async function shutdown(code: number): Promise<never> {
  if (app) {
    killGroup(app, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
    killGroup(app, "SIGKILL");
  }
  if (server) await server.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(130));
process.on("SIGTERM", () => void shutdown(143));

function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { stdio: "inherit", env, cwd });
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(" ")} exited with ${code}`))));
  });
}

async function ensureBuild() {
  const stamp = path.join(appDir, distDir, "BUILD_ID");
  if (existsSync(stamp) && !args.build) {
    log(`using the production build in ${path.join(appDir, distDir)} (pass --build to rebuild)`);
    return;
  }
  log(`building for production into ${distDir} (next build)…`);
  await run("npx", ["next", "build"], { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" }, appDir);
}

async function startApp(databaseUrl: string): Promise<string> {
  const started = await startBenchApp({ databaseUrl, distDir, cwd: appDir });
  app = started.proc;
  return started.base;
}

async function stopApp() {
  if (!app) return;
  const p = app;
  app = null;
  await stopBenchApp(p);
}

interface CoreResult {
  statements: Record<"national" | "organisation", { sql: string; params: unknown[] }[]>;
  core: Record<"national" | "organisation", Timing>;
  sqlAllAtOnce: Record<"national" | "organisation", Timing>;
  sqlSequential: Record<"national" | "organisation", Timing>;
}

/** scripts/bench-core.ts in a process of its own (the core is server-only: `--conditions=react-server`). */
async function coreFigures(databaseUrl: string, period: string, rootId: string): Promise<CoreResult> {
  const out: Buffer[] = [];
  const script = path.resolve("scripts/bench-core.ts");
  const p = spawn("npx", ["tsx", "--conditions=react-server", script, "--url", databaseUrl, "--period", period, "--root", rootId, "--runs", String(RUNS), "--app-dir", appDir], {
    stdio: ["ignore", "pipe", "inherit"],
    // the benchmarked tree's tsconfig (its "@/" paths) and node_modules
    cwd: appDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", NODE_ENV: "production", AUTH_SECRET: randomBytes(32).toString("base64url") },
  });
  p.stdout!.on("data", (b: Buffer) => out.push(b));
  const code = await new Promise<number | null>((r) => p.on("exit", r));
  if (code !== 0) throw new Error(`scripts/bench-core.ts exited with ${code}`);
  const r = JSON.parse(Buffer.concat(out).toString("utf8").trim().split("\n").at(-1)!) as CoreResult;
  mkdirSync(".data/bench-logs", { recursive: true });
  writeFileSync(`.data/bench-logs/core-statements-${period}.json`, JSON.stringify(r.statements, null, 2));
  return r;
}

/** An ADMIN with a fresh random password, written by SQL (INITIAL_ADMIN_* only works on an empty user table). */
async function benchAdmin(db: pg.Pool): Promise<{ email: string; password: string }> {
  const email = "bench-admin@bench.example.vn";
  const password = randomBytes(18).toString("base64url");
  await db.query(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Benchmark admin', 'ADMIN', $2)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true, role = 'ADMIN'`,
    [email, await hashPassword(password)],
  );
  // its sign-in lock-out count (lib/server/login-limits.ts keys emails by their SHA-256)
  await db.query(`DELETE FROM rate_limits WHERE key = 'login_email:' || encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [email]);
  return { email, password };
}

async function signIn(base: string, who: { email: string; password: string }): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(who),
  });
  if (r.status !== 201) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

interface Context {
  period: string;
  largestRoot: { id: string; code: string; n: number };
  largestOrg: { id: string; code: string; n: number };
  typicalRoot: { id: string; code: string; n: number };
  exportFilter: { query: string; rows: number; label: string };
  orgCodes: string[];
}

async function context(db: pg.Pool, size: number): Promise<Context> {
  const period = (await db.query<{ p: string }>(`SELECT max(period) AS p FROM metric_reports`)).rows[0].p;
  const roots = (
    await db.query<{ id: string; code: string; n: number }>(
      `SELECT COALESCE(o.parent_id, o.id) AS id, max(r.code) AS code, sum(s.count)::int AS n
         FROM initiative_stats_by_org_status_stage s JOIN organisations o ON o.id = s.organisation_id
         JOIN organisations r ON r.id = COALESCE(o.parent_id, o.id)
        GROUP BY 1 ORDER BY 3 DESC`,
    )
  ).rows;
  const orgs = (
    await db.query<{ id: string; code: string; n: number }>(
      `SELECT s.organisation_id AS id, o.code, sum(s.count)::int AS n FROM initiative_stats_by_org_status_stage s
         JOIN organisations o ON o.id = s.organisation_id GROUP BY 1, 2 ORDER BY 3 DESC`,
    )
  ).rows;
  // the export: the filter whose match count is nearest 50,000 (everything, when there are fewer)
  const target = Math.min(50_000, size);
  const candidates: { query: string; rows: number; label: string }[] = [];
  const total = orgs.reduce((a, o) => a + o.n, 0);
  candidates.push({ query: "", rows: total, label: "no filter" });
  for (const o of orgs.slice(0, 5)) candidates.push({ query: `organisationId=${o.id}`, rows: o.n, label: `organisation ${o.code}` });
  const statuses = (await db.query<{ status: string; n: number }>(`SELECT status::text, sum(count)::int AS n FROM initiative_stats_by_org_status_stage GROUP BY 1`)).rows;
  for (const s of statuses) candidates.push({ query: `status=${s.status}`, rows: s.n, label: `status ${s.status}` });
  candidates.sort((a, b) => Math.abs(a.rows - target) - Math.abs(b.rows - target));
  const codes = (await db.query<{ code: string }>(`SELECT code FROM organisations WHERE kind <> 'AGENCY' AND starts_with(code, 'BM_') ORDER BY code`)).rows.map((r) => r.code);
  return {
    period,
    largestRoot: roots[0],
    typicalRoot: roots[Math.floor(roots.length / 2)],
    largestOrg: orgs[0],
    exportFilter: candidates[0],
    orgCodes: codes,
  };
}

async function measureSize(size: number): Promise<SizeResult> {
  const name = benchDatabaseName(size);
  if (!(await databaseExists(server!.serverUrl, name))) {
    log(`${name} is missing: generating it (npm run bench:seed -- --initiatives ${size})`);
    await seedBench(await recreateDatabase(server!.serverUrl, name), { initiatives: size, reports: 100_000, seed: 20261129, log });
  }
  const url = server!.urlFor(name);
  await applyMigrations(url, (s) => log(`migrations: ${s}`));
  const db = new pg.Pool({ connectionString: url, max: 4 });
  db.on("error", () => {});
  try {
    const counts = (
      await db.query<{ i: number; live: number; l: number; r: number }>(
        `SELECT (SELECT count(*) FROM initiatives)::int AS i, (SELECT count(*) FROM initiatives WHERE archived_at IS NULL)::int AS live,
                (SELECT count(*) FROM initiative_building_blocks)::int AS l, (SELECT count(*) FROM metric_reports)::int AS r`,
      )
    ).rows[0];
    log(`${name}: ${counts.i.toLocaleString("en")} initiatives, ${counts.l.toLocaleString("en")} links, ${counts.r.toLocaleString("en")} reports`);
    await db.query("VACUUM (ANALYZE) initiatives");
    const ctx = await context(db, size);
    const admin = await benchAdmin(db);
    const base = await startApp(url);
    const api: Api = { base, token: await signIn(base, admin) };
    log(`app up at ${base}`);

    const apiT: Record<string, Timing> = {};
    const sqlT: Record<string, Timing> = {};
    const t = async (label: string, url: string, runs = RUNS, before?: () => Promise<unknown>) => {
      apiT[label] = await measure(runs, () => apiGet(api, url), 2, before);
      log(`API ${label}: p50 ${apiT[label].p50.toFixed(1)} ms, p95 ${apiT[label].p95.toFixed(1)} ms, errors ${apiT[label].errors}`);
    };
    const s = async (label: string, statements: { sql: string; params?: unknown[] }[], runs = RUNS) => {
      sqlT[label] = await sqlSetTiming(db, runs, statements);
      log(`SQL ${label}: p50 ${sqlT[label].p50.toFixed(1)} ms, p95 ${sqlT[label].p95.toFixed(1)} ms`);
    };

    const period = ctx.period;
    // the framework's own floor, in the same run: a route that reads nothing but a `SELECT 1`
    await t("health", "/api/v1/health");
    let core: CoreResult | null = null;
    if (wants("dashboard")) {
      // a commit elsewhere: the data version moves, so the next dashboard read computes anew (the cache's miss path)
      const bump = () => db.query("UPDATE data_versions SET version = version + 1 WHERE id = 1");
      await t("dashboard.national", `/api/v1/dashboard/national?period=${period}`);
      await t("dashboard.national.miss", `/api/v1/dashboard/national?period=${period}`, RUNS, bump);
      await t("dashboard.national.submitted", `/api/v1/dashboard/national?period=${period}&includeSubmitted=true`);
      await t("dashboard.organisation", `/api/v1/dashboard/organisations/${ctx.largestRoot.id}?period=${period}`);
      await t("dashboard.organisation.miss", `/api/v1/dashboard/organisations/${ctx.largestRoot.id}?period=${period}`, RUNS, bump);
      await t("dashboard.organisation.reported", `/api/v1/dashboard/organisations/${ctx.largestRoot.id}?period=${period}&basis=reported`);
      await t("dashboard.organisation.typical", `/api/v1/dashboard/organisations/${ctx.typicalRoot.id}?period=${period}`);
      await t("dashboard.trend", `/api/v1/dashboard/trend?metric=SERVICES_ONLINE&from=${addQuarters(period, -15)}&to=${period}`);
      await t("dashboard.trend.organisation", `/api/v1/dashboard/trend?metric=SERVICES_ONLINE&from=${addQuarters(period, -15)}&to=${period}&organisationId=${ctx.largestRoot.id}`);
      const baseRuns = size >= 1_000_000 ? Math.min(RUNS, 10) : RUNS;
      // what the initiative roll-ups would cost without the summary tables (a reference, not what the app runs)
      await s("dashboard.national.base", DASHBOARD_SQL.base(null), baseRuns);
      await s("dashboard.organisation.base", DASHBOARD_SQL.base(ctx.largestRoot.id));
      // the core's own statements, captured from the core itself, and the core in-process without HTTP or cache
      // a failure of the in-process core figure (e.g. a module the core imports that does not load under tsx) leaves
      // the API and SQL figures of this run in place instead of losing them all
      const got = await coreFigures(url, period, ctx.largestRoot.id).catch((err: Error) => {
        log(`core figures skipped: ${err.message}`);
        return null;
      });
      core = got;
      for (const k of got ? (["national", "organisation"] as const) : []) {
        if (!got) break;
        sqlT[`dashboard.${k}.core`] = got.core[k];
        sqlT[`dashboard.${k}.summary`] = got.sqlAllAtOnce[k];
        sqlT[`dashboard.${k}.sequential`] = got.sqlSequential[k];
        log(`core ${k}: ${got.statements[k].length} statements; in-process p50 ${got.core[k].p50.toFixed(1)} ms, SQL all at once ${got.sqlAllAtOnce[k].p50.toFixed(1)} ms, one after another ${got.sqlSequential[k].p50.toFixed(1)} ms`);
      }
    }
    if (wants("list")) {
      for (const c of LIST_CASES) {
        const q = c.query(ctx);
        await t(`list.${c.key}`, `/api/v1/initiatives?${q}`);
        const f = c.filter(ctx);
        const candidate = f.q ? wordQuery(f.q.trim().replace(/\s+/g, " ")) : null;
        const selective = candidate ? await wordsSelective(db, candidate) : false;
        const sql = listSql(c, ctx, () => selective);
        await s(`list.${c.key}.page`, [sql.page]);
        await s(`list.${c.key}.count.exact`, [sql.exactCount], size >= 1_000_000 ? Math.min(RUNS, 10) : RUNS);
        await s(`list.${c.key}.count.new`, [sql.newCount]);
      }
      // page 500 by keyset: the cursor of page 499's last row (what a client walking nextCursor would hold). The
      // cursor is opaque to clients; the bench builds it as lib/server/initiatives.ts does, from that row.
      for (const [key, where, params, q] of [
        ["search.broad.cursor500", `i.search_text LIKE '%' || lower(f_unaccent($1)) || '%'`, ["chinh phu"], "q=chinh%20phu"],
        ["status.cursor500", `i.status = $1::"InitiativeStatus"`, ["IN_PROGRESS"], "status=IN_PROGRESS"],
      ] as const) {
        // page 500, or the last full page when fewer match (100k: "chinh phu" has ~300 pages)
        const matches = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM initiatives i WHERE i.archived_at IS NULL AND ${where}`, [...params])).rows[0].n;
        const pageNo = Math.min(500, Math.floor(matches / 50));
        if (pageNo < 2) continue;
        const row = (
          await db.query<{ id: string; k: string }>(
            `SELECT i.id::text AS id, i.updated_at::text AS k FROM initiatives i WHERE i.archived_at IS NULL AND ${where}
              ORDER BY i.updated_at DESC, i.id DESC OFFSET ${(pageNo - 1) * 50 - 1} LIMIT 1`,
            [...params],
          )
        ).rows[0];
        if (!row) continue;
        if (pageNo < 500) log(`list.${key}: ${matches} matches, so page ${pageNo} (the last full one) instead of 500`);
        const cursor = Buffer.from(JSON.stringify(["-updatedAt", row.k, row.id]), "utf8").toString("base64url");
        await t(`list.${key}`, `/api/v1/initiatives?${q}&after=${cursor}`);
        await s(`list.${key}.page`, [
          {
            sql: `SELECT i.id::text AS id FROM initiatives i WHERE i.archived_at IS NULL AND ${where}
                   AND (i.updated_at, i.id) < ($${params.length + 1}::timestamptz, $${params.length + 2}::uuid)
                   ORDER BY i.updated_at DESC, i.id DESC LIMIT 51`,
            params: [...params, row.k, row.id],
          },
        ]);
      }
      const sample = await apiJson<{ total: number; totalIsEstimate?: boolean }>(api, `/api/v1/initiatives?q=chinh%20phu`);
      log(`broad search answers total=${sample.total} totalIsEstimate=${sample.totalIsEstimate}`);
    }
    let loadResult: LoadResult | null = null;
    let loadHealth: LoadResult | null = null;
    if (wants("load")) {
      log(`${args.concurrency} concurrent readers of the national dashboard for ${args.duration} s (autocannon)`);
      loadResult = await load(api, `/api/v1/dashboard/national?period=${period}`, Number(args.concurrency), Number(args.duration));
      log(`load: ${loadResult.throughput.toFixed(1)} req/s, p50 ${loadResult.p50} ms, p99 ${loadResult.p99} ms, errors ${loadResult.errors}, non-2xx ${loadResult.non2xx}, timeouts ${loadResult.timeouts}`);
      // the floor: the same server, the same connections, GET /api/v1/health
      loadHealth = await load(api, "/api/v1/health", Number(args.concurrency), Number(args.duration));
      log(`load /health: ${loadHealth.throughput.toFixed(1)} req/s, p50 ${loadHealth.p50} ms`);
    }
    let exportRows = 0;
    let exportMem: ExportMemory[] | undefined;
    if (wants("csv")) {
      apiT["csv.export"] = await measure(
        HEAVY_RUNS,
        async () => {
          const r = await fetch(`${base}/api/v1/initiatives/export.csv?${ctx.exportFilter.query}`, { headers: { authorization: `Bearer ${api.token}` } });
          const text = await r.text();
          if (!r.ok) throw new Error(`${r.status} ${text.slice(0, 200)}`);
          exportRows = text.split("\n").length - 2;
          return `${exportRows} rows, ${text.length} chars`;
        },
        1,
      );
      log(`API csv.export (${ctx.exportFilter.label}, ${exportRows} rows): p50 ${apiT["csv.export"].p50.toFixed(0)} ms`);
      const importRows = Math.min(50_000, Math.max(1_000, size / 2));
      let runNo = 0;
      // one POST per run, timed alone; the imported rows are removed afterwards (untimed) so every run creates anew
      const timedImports = async (): Promise<Timing> => {
        const times: number[] = [];
        let errors = 0;
        let note = "";
        for (let i = 0; i < HEAVY_RUNS; i++) {
          const ref = `BENCH-IMP-${Date.now()}-${runNo++}`;
          const body = importCsvText(importRows, ref, ctx.orgCodes);
          const t0 = performance.now();
          try {
            const r = await fetch(`${base}/api/v1/initiatives/import`, {
              method: "POST",
              headers: { authorization: `Bearer ${api.token}`, "content-type": "text/csv; charset=utf-8" },
              body,
            });
            const text = await r.text();
            if (!r.ok) throw new Error(`${r.status} ${text.slice(0, 300)}`);
            times.push(performance.now() - t0);
            note = `${importRows} rows (${(Buffer.byteLength(body) / 1024 / 1024).toFixed(1)} MiB): ${text}`;
          } catch (err) {
            errors++;
            note = (err as Error).message.slice(0, 200);
          } finally {
            await db.query(`DELETE FROM initiative_building_blocks WHERE initiative_id IN (SELECT id FROM initiatives WHERE starts_with(external_ref, $1))`, [ref]);
            await db.query(`DELETE FROM initiatives WHERE starts_with(external_ref, $1)`, [ref]);
          }
        }
        return summarise(times, errors, note);
      };
      // CSV and .xlsx imports, and the peak memory of whole-table exports: scripts/lib/bench-import.ts
      Object.assign(apiT, await benchImports({ base, token: api.token, db, orgCodes: ctx.orgCodes, rows: importRows, runs: HEAVY_RUNS, log }));
      log(`API csv.import: p50 ${apiT["csv.import"].p50.toFixed(0)} ms, xlsx.import: p50 ${apiT["xlsx.import"].p50.toFixed(0)} ms (${apiT["csv.import"].note})`);
      exportMem = await exportMemory(url, appDir, log);
      if (args["import-ab"]) {
        // what the summary triggers cost the import: the same import with them switched off. The rows are removed with
        // the triggers still off, so the summaries never see them and stay exact.
        const triggers = [
          ["initiatives", "initiative_stats_insert"],
          ["initiatives", "initiative_stats_update"],
          ["initiatives", "initiative_stats_delete"],
          ["initiative_building_blocks", "initiative_stats_links_insert"],
          ["initiative_building_blocks", "initiative_stats_links_delete"],
        ];
        const toggle = async (on: boolean) => {
          for (const [tbl, trg] of triggers) await db.query(`ALTER TABLE ${tbl} ${on ? "ENABLE" : "DISABLE"} TRIGGER ${trg}`);
        };
        await toggle(false);
        try {
          apiT["csv.import.noSummaryTriggers"] = await timedImports();
        } finally {
          await toggle(true);
        }
        log(`API csv.import without summary triggers: p50 ${apiT["csv.import.noSummaryTriggers"].p50.toFixed(0)} ms`);
      }
    }
    const exact = await db.query(`SELECT count(*)::int AS n FROM initiatives`);
    await stopApp();
    return {
      size,
      counts: { initiatives: counts.i, live: counts.live, links: counts.l, reports: counts.r },
      context: {
        period,
        largestRoot: `${ctx.largestRoot.code} (${ctx.largestRoot.n.toLocaleString("en")} initiatives incl. agencies)`,
        typicalRoot: `${ctx.typicalRoot.code} (${ctx.typicalRoot.n.toLocaleString("en")})`,
        largestOrg: `${ctx.largestOrg.code} (${ctx.largestOrg.n.toLocaleString("en")})`,
        exportFilter: `${ctx.exportFilter.label} (${exportRows.toLocaleString("en")} rows)`,
        afterRun: exact.rows[0].n,
      },
      api: apiT,
      sql: sqlT,
      exportMemory: exportMem,
      load: loadResult,
      loadHealth,
      statements: core ? { national: core.statements.national.length, organisation: core.statements.organisation.length } : undefined,
    };
  } finally {
    await stopApp();
    await db.end().catch(() => {});
  }
}

async function machine(loadAtStart: number[]) {
  const cpus = os.cpus();
  let pgVersion = "";
  const c = new pg.Client({ connectionString: server!.serverUrl });
  await c.connect();
  try {
    // SHOW answers a column named after the setting
    pgVersion = (await c.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
    const settings = await c.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)`,
      [["shared_buffers", "work_mem", "effective_cache_size", "random_page_cost", "max_connections", "jit"]],
    );
    return {
      cpu: `${cpus[0]?.model ?? "?"} × ${cpus.length}`,
      memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: pgVersion,
      pgSettings: settings.rows
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => `${s.name}=${withUnit(s.setting, s.unit)}`)
        .join(", "),
      loadAverage: `at the start ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}; at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (1, 5, 15 min)`,
    };
  } finally {
    await c.end();
  }
}

async function main() {
  if (args.help) {
    console.log(readFileSync(new URL(import.meta.url), "utf8").split("*/")[0]);
    return shutdown(0);
  }
  const sizes = String(args.sizes)
    .split(",")
    .map((s) => Number(s.replace(/[_]/g, "")))
    .filter((n) => Number.isInteger(n) && n > 0);
  const loadAtStart = os.loadavg();
  await ensureBuild();
  server = await openBenchServer(log);
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await measureSize(size));
  const flDist = args["first-load-dist"] ? path.resolve(String(args["first-load-dist"])) : path.join(appDir, distDir);
  const firstLoad: FirstLoad[] = ["/dashboard", "/initiatives"]
    .map((r) => firstLoadJs(flDist, r))
    .filter((x): x is FirstLoad => !!x)
    .map((f) => ({ ...f, source: `${path.relative(process.cwd(), flDist)}/${f.source}` }));
  const benchRun: BenchRun = {
    date: new Date().toISOString(),
    label: String(args.label),
    machine: await machine(loadAtStart),
    benchSettings: BENCH_SETTINGS,
    runs: RUNS,
    heavyRuns: HEAVY_RUNS,
    concurrency: Number(args.concurrency),
    duration: Number(args.duration),
    appDir: path.relative(process.cwd(), appDir) || ".",
    results,
    firstLoad,
  };
  mkdirSync(".data/bench-logs", { recursive: true });
  const json = `.data/bench-logs/bench-${benchRun.date.replace(/[:.]/g, "-")}.json`;
  writeFileSync(json, JSON.stringify(benchRun, null, 2));
  // everything below the hand-written marker of the file being replaced is kept as it is
  const out = String(args.out);
  const md = keepHandWritten(renderMarkdown(benchRun), existsSync(out) ? readFileSync(out, "utf8") : null);
  writeFileSync(out, md);
  console.log(md);
  log(`wrote ${args.out} and ${json}`);
  return shutdown(0);
}

main().catch((err) => {
  console.error(err);
  void shutdown(1);
});
