/**
 * The import and export figures of `npm run bench` (issue 20 point 3, issue 17 point 5): 50,000-row imports as CSV
 * and .xlsx through the API at the data size of the run, and the peak memory of a whole-table export.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type pg from "pg";
import { summarise, type Timing } from "./bench-measure";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `rows` new initiatives as the import's CSV (the export's columns), under `ref` so they can be removed afterwards. */
export function importCsvText(rows: number, ref: string, orgCodes: string[]): string {
  const lines = [IMPORT_HEADER];
  for (let i = 0; i < rows; i++) lines.push(importRecord(i, ref, orgCodes).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const STATUSES = ["PLANNED", "IN_PROGRESS", "COMPLETED", "ON_HOLD", "CANCELLED"];
const BLOCKS = ["ONE_PORTAL", "SHARED_DATA", "SHARED_SERVICES", "SHARED_INFRASTRUCTURE", "SENSORS_ANALYTICS", "CYBERSECURITY_PRIVACY"];

function importRecord(i: number, ref: string, orgCodes: string[]): string[] {
  const status = STATUSES[i % 5];
  const progress = status === "COMPLETED" ? 100 : (i * 7) % 100;
  const stage = 1 + (i % 5);
  const b = BLOCKS[i % 6] + (i % 3 === 0 ? `|${BLOCKS[(i + 2) % 6]}` : "");
  return [
    "",
    `${ref}-${i}`,
    orgCodes[i % orgCodes.length],
    // short rows: 50,000 of them must stay under the import's 10 MiB limit
    `Số hóa hồ sơ ${i}`,
    i % 8 === 0 ? "Đồng bộ dữ liệu" : "",
    status,
    b,
    i % 2 ? "DIGITAL_BY_DEFAULT" : "",
    "",
    String(stage),
    "5",
    "2025-01-01",
    "2027-12-31",
    String(1_000_000 * (1 + (i % 900))),
    "",
    String(progress),
    "",
  ];
}

/** The same rows as an .xlsx workbook, typed cells as Excel writes them (numbers as numbers, dates as dates). */
export async function importXlsxBytes(rows: number, ref: string, orgCodes: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => (out.on("end", resolve), out.on("error", reject)));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet("initiatives");
  ws.addRow(IMPORT_HEADER.split(",")).commit();
  const numeric = new Set([9, 10, 13, 15]);
  for (let i = 0; i < rows; i++) {
    const r: (string | number | Date | null)[] = importRecord(i, ref, orgCodes).map((v, j) => (v === "" ? null : numeric.has(j) ? Number(v) : v));
    r[11] = new Date(Date.UTC(2025, 0, 1));
    r[12] = new Date(Date.UTC(2027, 11, 31));
    ws.addRow(r).commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

const IMPORT_HEADER = "id,externalRef,organisationCode,title,description,status,buildingBlocks,principles,enablers,currentStage,targetStage,startDate,endDate,budgetPlanned,budgetSpent,progress,updatedAt";

export interface ImportBenchOptions {
  base: string;
  token: string;
  /** a pool on the benchmark database: the imported rows are removed after each run (untimed) */
  db: pg.Pool;
  orgCodes: string[];
  rows: number;
  runs: number;
  log?: (s: string) => void;
}

const loadNow = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");

/**
 * POST /api/v1/initiatives/import of `rows` new initiatives, as CSV and as .xlsx, `runs` times each, one request at
 * a time, each timed alone (wall time at the client, the answer read in full) with the load average beside it. Every
 * run creates anew: its rows are deleted afterwards, outside the timing (their links cascade; the summary triggers
 * take them out again, so the summaries stay exact).
 */
export async function benchImports(o: ImportBenchOptions): Promise<Record<string, Timing>> {
  const out: Record<string, Timing> = {};
  let runNo = 0;
  for (const format of ["csv", "xlsx"] as const) {
    const times: number[] = [];
    let errors = 0;
    let note = "";
    for (let i = 0; i < o.runs; i++) {
      const ref = `BENCH-IMP-${Date.now()}-${runNo++}`;
      const body = format === "csv" ? Buffer.from(importCsvText(o.rows, ref, o.orgCodes)) : await importXlsxBytes(o.rows, ref, o.orgCodes);
      const before = loadNow();
      const t0 = performance.now();
      try {
        const r = await fetch(`${o.base}/api/v1/initiatives/import`, {
          method: "POST",
          headers: { authorization: `Bearer ${o.token}`, "content-type": format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE },
          body: new Uint8Array(body),
        });
        const text = await r.text();
        if (!r.ok) throw new Error(`${r.status} ${text.slice(0, 300)}`);
        const ms = performance.now() - t0;
        times.push(ms);
        note = `${o.rows} rows (${(body.byteLength / 1024 / 1024).toFixed(1)} MiB): ${text}; load ${before} → ${loadNow()}`;
        o.log?.(`${format} import run ${i + 1}: ${(ms / 1000).toFixed(2)} s (load ${before})`);
      } catch (err) {
        errors++;
        note = (err as Error).message.slice(0, 200);
        o.log?.(`${format} import run ${i + 1} failed: ${note}`);
      } finally {
        await o.db.query(`DELETE FROM initiatives WHERE starts_with(external_ref, $1)`, [ref]);
      }
    }
    out[`${format}.import`] = summarise(times, errors, note);
  }
  return out;
}

export interface ExportMemory {
  format: "csv" | "xlsx";
  rows: number;
  bytes: number;
  ms: number;
  rssBeforeMiB: number;
  maxRssMiB: number;
  peakDuringMiB: number;
}

/**
 * The peak RSS of one export in a process of its own (scripts/bench-export-memory.ts, the core's export functions
 * with no HTTP in between): the whole table, unfiltered, as CSV and as .xlsx. Constant memory shows as the same peak
 * at 10k, 100k and 1M rows.
 */
export async function exportMemory(databaseUrl: string, appDir: string, log?: (s: string) => void): Promise<ExportMemory[]> {
  const out: ExportMemory[] = [];
  for (const format of ["csv", "xlsx"] as const) {
    const line = await new Promise<string>((resolve, reject) => {
      const p = spawn("npx", ["tsx", "--conditions=react-server", "scripts/bench-export-memory.ts", "--format", format], {
        cwd: appDir,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let text = "";
      p.stdout.on("data", (c: Buffer) => (text += c.toString()));
      p.on("exit", (code) => (code === 0 ? resolve(text.trim().split("\n").at(-1) ?? "") : reject(new Error(`bench-export-memory exited with ${code}`))));
    });
    const m = JSON.parse(line) as ExportMemory;
    log?.(`${format} export of ${m.rows} rows: ${(m.ms / 1000).toFixed(1)} s, RSS ${m.rssBeforeMiB} MiB before, peak ${m.maxRssMiB} MiB`);
    out.push(m);
  }
  return out;
}
