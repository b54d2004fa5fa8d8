/**
 * `npx tsx --conditions=react-server scripts/bench-import-core.ts [--initiatives 1000000] [--rows 50000] [--runs 1] [--format csv|xlsx|both]`
 *
 * The import of scripts/lib/bench-import.ts without the HTTP server: lib/server/initiatives-import.ts's
 * importInitiatives called in this process on the benchmark database (bench_<initiatives>, which must exist), each
 * run timed alone with the load average beside it, its rows removed afterwards (untimed). For profiling the import's
 * statements without a production build; `npm run bench -- --only import` is the figure through the API.
 */
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchDatabaseName, databaseExists, openBenchServer } from "./lib/bench-db";
import { importCsvText, importXlsxBytes } from "./lib/bench-import";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const loadNow = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");

async function main() {
  const { values } = parseArgs({
    options: {
      initiatives: { type: "string", default: "1000000" },
      rows: { type: "string", default: "50000" },
      runs: { type: "string", default: "1" },
      format: { type: "string", default: "both" },
    },
    strict: true,
  });
  const log = (s: string) => console.log(`[bench:import-core] ${s}`);
  const server = await openBenchServer(log);
  try {
    const name = benchDatabaseName(Number(values.initiatives));
    if (!(await databaseExists(server.serverUrl, name))) throw new Error(`${name} does not exist: run npm run bench:seed first`);
    const url = server.urlFor(name);
    process.env.DATABASE_URL = url;
    const db = new pg.Pool({ connectionString: url, max: 2 });
    const appDir = process.cwd();
    const core = (await import(pathToFileURL(path.join(appDir, "lib/server/initiatives-import.ts")).href)) as typeof import("../lib/server/initiatives-import");
    const { closeDb } = (await import(pathToFileURL(path.join(appDir, "lib/server/db.ts")).href)) as typeof import("../lib/server/db");
    const orgCodes = (await db.query<{ code: string }>(`SELECT code FROM organisations WHERE valid_to IS NULL ORDER BY code`)).rows.map((r) => r.code);
    const [admin] = (await db.query<{ id: string; email: string }>(`SELECT id, email FROM users WHERE role = 'ADMIN' ORDER BY email LIMIT 1`)).rows;
    if (!admin) throw new Error("no ADMIN user in the benchmark data");
    const actor = { id: admin.id, email: admin.email, name: "bench", role: "ADMIN" as const, organisationId: null, scope: [] };
    const rows = Number(values.rows);
    const formats = values.format === "both" ? (["csv", "xlsx"] as const) : ([values.format] as ("csv" | "xlsx")[]);
    let runNo = 0;
    for (const format of formats) {
      for (let i = 0; i < Number(values.runs); i++) {
        const ref = `BENCH-IMPC-${Date.now()}-${runNo++}`;
        const bytes = format === "csv" ? Buffer.from(importCsvText(rows, ref, orgCodes)) : await importXlsxBytes(rows, ref, orgCodes);
        const before = loadNow();
        const t0 = performance.now();
        try {
          const r = await core.importInitiatives(actor, { bytes, contentType: format === "csv" ? "text/csv" : XLSX_TYPE });
          log(`${format} run ${i + 1}: ${((performance.now() - t0) / 1000).toFixed(2)} s (load ${before} → ${loadNow()}): ${JSON.stringify(r)}`);
        } finally {
          await db.query(`DELETE FROM initiatives WHERE starts_with(external_ref, $1)`, [ref]);
        }
      }
    }
    await db.end();
    await closeDb();
  } finally {
    await server.stop().catch(() => {});
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
