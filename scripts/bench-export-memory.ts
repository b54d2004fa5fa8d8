/**
 * `tsx --conditions=react-server scripts/bench-export-memory.ts --format csv|xlsx [--status IN_PROGRESS]` with
 * DATABASE_URL set: runs one initiatives export in this process, exactly as GET /api/v1/initiatives/export.csv|.xlsx
 * does (lib/server/initiatives-csv.ts), reads the stream to the end without keeping it, and prints one JSON line:
 * rows, bytes, milliseconds, the RSS before the export and the process's peak RSS. Spawned by scripts/lib/bench-import.ts,
 * one process per export, so the peak belongs to that export alone. Not a test.
 * `--conditions=react-server` makes the `server-only` marker resolve to its empty module, as inside Next.js.
 */
import { parseArgs } from "node:util";
import { exportInitiativesCsv, exportInitiativesXlsx } from "../lib/server/initiatives-csv";
import { closeDb, pool } from "../lib/server/db";

const { values } = parseArgs({ options: { format: { type: "string", default: "csv" }, status: { type: "string" } }, strict: true });

async function main() {
  const actor = { id: "00000000-0000-0000-0000-000000000000", email: "bench@bench", name: "bench", role: "ADMIN" as const, organisationId: null, scope: [] };
  const query = values.status ? { status: values.status } : {};
  const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM initiatives WHERE archived_at IS NULL ${values.status ? "AND status = $1" : ""}`, values.status ? [values.status] : []);
  // warm: modules, the pool, the reference data
  await new Response(await (values.format === "xlsx" ? exportInitiativesXlsx : exportInitiativesCsv)(actor, { ...query, organisationId: "00000000-0000-4000-8000-000000000000" })).arrayBuffer();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const stream = await (values.format === "xlsx" ? exportInitiativesXlsx : exportInitiativesCsv)(actor, query);
  let bytes = 0;
  let sampledPeak = rssBefore;
  const timer = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 50);
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  clearInterval(timer);
  const ms = performance.now() - t0;
  const MiB = 1024 * 1024;
  console.log(
    JSON.stringify({
      format: values.format,
      rows: rows[0].n,
      bytes,
      ms: Math.round(ms),
      rssBeforeMiB: +(rssBefore / MiB).toFixed(1),
      // the kernel's high-water mark of this process (warm-up included), and the highest RSS sampled during the export
      maxRssMiB: +((process.resourceUsage().maxRSS * 1024) / MiB).toFixed(1),
      peakDuringMiB: +(sampledPeak / MiB).toFixed(1),
    }),
  );
  await closeDb();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
