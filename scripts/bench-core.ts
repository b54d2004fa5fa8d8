/**
 * `tsx --conditions=react-server scripts/bench-core.ts --url <database url> --period 2026-Q4 --root <uuid> [--runs 30] [--app-dir .]`
 *
 * Run by scripts/bench.ts (a child process of its own, with DATABASE_URL set): calls the dashboard core
 * (lib/server/dashboard.ts) directly — no HTTP, no sign-in — and records every statement it sends to PostgreSQL
 * (pg.Client#query patched), so the "summary SQL" figure of BENCHMARKS.md is exactly the statements the core runs,
 * with their parameters, not a hand-written copy. Prints one JSON object on stdout:
 * - statements[label]: the SQL text and parameters of one computation (cache bypassed);
 * - core[label]: p50/p95 of the computation in-process (Node + SQL, cache bypassed);
 * - sqlAllAtOnce[label] / sqlSequential[label]: the captured statements replayed through `pg`, all at once on a pool
 *   of 10 connections (the SQL floor when everything runs concurrently) and one after another (PostgreSQL's total).
 * `--conditions=react-server` makes the `server-only` marker resolve to its empty module, as inside Next.js.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { measure, type Timing } from "./lib/bench-measure";

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    period: { type: "string" },
    root: { type: "string" },
    /** the tree whose core is measured (the benchmarked app's; run with that directory as the working directory) */
    "app-dir": { type: "string", default: "." },
    runs: { type: "string", default: "30" },
  },
  strict: true,
});

interface Stmt {
  sql: string;
  params: unknown[];
}

let recording: Stmt[] | null = null;
type QueryFn = (this: pg.Client, ...a: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as QueryFn;
(pg.Client.prototype as unknown as { query: QueryFn }).query = function (this: pg.Client, ...a: unknown[]) {
  if (recording) {
    const first = a[0] as string | { text: string; values?: unknown[] };
    const sql = typeof first === "string" ? first : first.text;
    const params = (typeof first === "string" ? (Array.isArray(a[1]) ? a[1] : []) : (first.values ?? [])) as unknown[];
    // Prisma's own transaction bookkeeping and the pool's session set-up are not the dashboard's SQL
    if (!/^\s*(BEGIN|COMMIT|ROLLBACK|SET |DEALLOCATE)/i.test(sql)) recording.push({ sql, params });
  }
  return original.apply(this, a);
};

async function main() {
  process.env.DATABASE_URL = args.url;
  process.env.LOG_LEVEL ??= "warn";
  // a loaded machine can take seconds to open a connection; this is a measurement, not a service
  process.env.DB_CONNECT_TIMEOUT_MS ??= "30000";
  const runs = Number(args.runs);
  const appDir = path.resolve(String(args["app-dir"]));
  type Core = typeof import("../lib/server/dashboard");
  const dashboard = (await import(pathToFileURL(path.join(appDir, "lib/server/dashboard.ts")).href)) as Partial<Core> & Pick<Core, "nationalDashboard" | "organisationDashboard">;
  const { closeDb } = (await import(pathToFileURL(path.join(appDir, "lib/server/db.ts")).href)) as typeof import("../lib/server/db");
  // a tree from before the cache has no compute* functions: its plain functions compute anew every time
  const national = dashboard.computeNationalDashboard ?? dashboard.nationalDashboard;
  const organisation = dashboard.computeOrganisationDashboard ?? dashboard.organisationDashboard;
  const actor = { id: "00000000-0000-0000-0000-000000000000", email: "bench@bench", name: "bench", role: "ADMIN" as const, organisationId: null, scope: [] };
  const cases: Record<string, () => Promise<unknown>> = {
    national: () => national(actor, { period: args.period }),
    organisation: () => organisation(actor, args.root!, { period: args.period }),
  };
  const statements: Record<string, Stmt[]> = {};
  const core: Record<string, Timing> = {};
  const sqlAllAtOnce: Record<string, Timing> = {};
  const sqlSequential: Record<string, Timing> = {};
  const db = new pg.Pool({ connectionString: args.url, max: 10 });
  try {
    for (const [label, fn] of Object.entries(cases)) {
      await fn(); // warm: prepared plans, the pool's connections
      recording = [];
      await fn();
      statements[label] = recording;
      recording = null;
      core[label] = await measure(runs, async () => void (await fn()));
      const stmts = statements[label];
      for (let i = 0; i < 10; i++) await db.query("SELECT 1").catch(() => {});
      sqlAllAtOnce[label] = await measure(runs, async () => {
        const rs = await Promise.all(stmts.map((s) => db.query(s.sql, s.params)));
        return `${stmts.length} statements, ${rs.reduce((a, r) => a + (r.rowCount ?? 0), 0)} rows`;
      });
      sqlSequential[label] = await measure(runs, async () => {
        let rows = 0;
        for (const s of stmts) rows += (await db.query(s.sql, s.params)).rowCount ?? 0;
        return `${stmts.length} statements, ${rows} rows`;
      });
    }
  } finally {
    await db.end();
    await closeDb();
  }
  process.stdout.write(`${JSON.stringify({ statements, core, sqlAllAtOnce, sqlSequential })}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
