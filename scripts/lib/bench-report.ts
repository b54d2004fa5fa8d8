/** BENCHMARKS.md from a run of scripts/bench.ts. */
import type { ExportMemory } from "./bench-import";
import type { FirstLoad, LoadResult, Timing } from "./bench-measure";
import { LIST_CASES } from "./bench-queries";

export interface SizeResult {
  size: number;
  counts: { initiatives: number; live: number; links: number; reports: number };
  context: Record<string, string | number>;
  api: Record<string, Timing>;
  sql: Record<string, Timing>;
  load: LoadResult | null;
  /** the same load on GET /api/v1/health: the framework's floor */
  loadHealth?: LoadResult | null;
  /** the peak RSS of whole-table exports, each in a process of its own (scripts/lib/bench-import.ts) */
  exportMemory?: ExportMemory[];
  /** how many statements the core ran per dashboard (captured) */
  statements?: Record<string, number>;
}

export interface BenchRun {
  date: string;
  label: string;
  machine: Record<string, string>;
  benchSettings: Record<string, string>;
  runs: number;
  heavyRuns: number;
  concurrency: number;
  duration: number;
  appDir: string;
  results: SizeResult[];
  firstLoad: FirstLoad[];
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "–" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? "–" : `${(a / b).toFixed(1)}×`);
const n = (v: number) => v.toLocaleString("en");
const kb = (v: number) => `${(v / 1024).toFixed(1)} kB`;

const API_LABELS: Record<string, string> = {
  health: "GET /api/v1/health (the framework's floor)",
  "dashboard.national": "national dashboard",
  "dashboard.national.miss": "national dashboard, computed anew (a commit just moved the data version)",
  "dashboard.national.submitted": "national dashboard, includeSubmitted=true",
  "dashboard.organisation.miss": "organisation dashboard (largest), computed anew",
  "dashboard.organisation.reported": "organisation dashboard (largest), basis=reported",
  "dashboard.organisation": "organisation dashboard (largest ministry/province, agencies included)",
  "dashboard.organisation.typical": "organisation dashboard (median-sized ministry/province)",
  "dashboard.trend": "trend, 16 quarters, national",
  "dashboard.trend.organisation": "trend, 16 quarters, one organisation",
  "csv.export": "CSV export",
  "csv.import": "CSV import (new rows, one transaction)",
  "xlsx.import": ".xlsx import (the same rows, one transaction)",
  "csv.import.noSummaryTriggers": "CSV import with the summary triggers switched off (A/B, --import-ab)",
  ...Object.fromEntries(LIST_CASES.map((c) => [`list.${c.key}`, `list: ${c.label}`])),
  "list.search.broad.cursor500": "list: broad search \"chinh phu\", page 500 by keyset cursor (after=)",
  "list.status.cursor500": "list: status IN_PROGRESS, page 500 by keyset cursor (after=)",
};

function timingRow(label: string, t: Timing | undefined, extra: string[] = []): string {
  if (!t) return `| ${label} | – | – | – |${extra.map(() => " – |").join("")}`;
  return `| ${label} | ${ms(t.p50)} | ${ms(t.p95)} | ${t.errors} |${extra.map((e) => ` ${e} |`).join("")}`;
}

interface Target {
  what: string;
  limit: string;
  measured: string;
  met: boolean | null;
}

function targets(run: BenchRun): Target[] {
  const big = run.results.reduce((a, b) => (b.size > a.size ? b : a));
  const small = run.results.reduce((a, b) => (b.size < a.size ? b : a));
  const a = big.api;
  const out: Target[] = [];
  const p50 = (k: string, limit: number, what: string) =>
    a[k] && out.push({ what, limit: `p50 ≤ ${limit} ms`, measured: `${ms(a[k].p50)} (p95 ${ms(a[k].p95)})`, met: a[k].p50 <= limit && a[k].errors === 0 });
  p50("dashboard.national", 10, "national dashboard API (served while its data version is current)");
  p50("dashboard.national.submitted", 10, "national dashboard API, includeSubmitted");
  p50("dashboard.organisation", 10, "organisation dashboard API (largest)");
  p50("dashboard.organisation.reported", 10, "organisation dashboard API (largest), basis=reported");
  p50("dashboard.organisation.typical", 10, "organisation dashboard API (median)");
  p50("dashboard.national.miss", 10, "national dashboard API right after a commit (computed anew)");
  for (const k of ["org", "org.progress", "status", "status.progress", "status.page500", "block", "search.selective", "search.rare.common"]) {
    p50(`list.${k}`, 100, API_LABELS[`list.${k}`]);
  }
  p50("list.search.broad.cursor500", 50, API_LABELS["list.search.broad.cursor500"]);
  p50("list.search.rare.common", 50, "list: \"bach dang\" (whole-word search target)");
  for (const k of ["search.broad", "search.broad.progress", "search.broad.page500", "search.org.common"]) {
    const t = a[`list.${k}`];
    if (t) out.push({ what: API_LABELS[`list.${k}`], limit: "p95 ≤ 500 ms", measured: `${ms(t.p95)} (p50 ${ms(t.p50)})`, met: t.p95 <= 500 && t.errors === 0 });
  }
  for (const [k, what] of [["csv.import", "CSV import of 50,000 rows"], ["xlsx.import", ".xlsx import of 50,000 rows"]]) {
    const imp = a[k];
    if (imp) out.push({ what, limit: "≤ 5 s", measured: `${ms(imp.p50)} (max ${ms(imp.max)})`, met: imp.max <= 5_000 && imp.errors === 0 });
  }
  if (big.load) {
    const errs = big.load.errors + big.load.non2xx + big.load.timeouts;
    out.push({ what: `${big.load.connections} concurrent readers of the national dashboard`, limit: "0 errors", measured: `${errs} errors, ${big.load.throughput.toFixed(0)} req/s`, met: errs === 0 });
    if (big.loadHealth) {
      const share = big.load.throughput / big.loadHealth.throughput;
      out.push({
        what: `throughput at ${big.load.connections} connections, national dashboard vs GET /health`,
        limit: "≥ 50 % of /health",
        measured: `${big.load.throughput.toFixed(0)} vs ${big.loadHealth.throughput.toFixed(0)} req/s (${(share * 100).toFixed(0)} %)`,
        met: share >= 0.5,
      });
    }
  }
  if (small !== big && a["dashboard.national"] && small.api["dashboard.national"]) {
    const r = a["dashboard.national"].p50 / small.api["dashboard.national"].p50;
    out.push({
      what: `national dashboard cost from ${n(small.size)} to ${n(big.size)} initiatives`,
      limit: "flat",
      measured: `${ms(small.api["dashboard.national"].p50)} → ${ms(a["dashboard.national"].p50)} (${r.toFixed(2)}×)`,
      met: r <= 1.5,
    });
  }
  return out;
}

export function renderMarkdown(run: BenchRun): string {
  const L: string[] = [];
  const sizes = run.results.map((r) => r.size);
  const big = run.results.reduce((a, b) => (b.size > a.size ? b : a));
  L.push("# Benchmarks at national scale");
  L.push("");
  L.push(`Generated by \`npm run bench -- --sizes ${sizes.join(",")}\` (scripts/bench.ts) on ${run.date.slice(0, 16).replace("T", " ")} UTC${run.label ? ` — ${run.label}` : ""}.`);
  L.push("Benchmarks are measurements, not tests: nothing here passes or fails in CI. Re-run them after changes to queries,");
  L.push("indexes or the roll-ups, and commit the new file with the change.");
  L.push("");
  L.push("## Machine and method");
  L.push("");
  for (const [k, v] of Object.entries(run.machine)) L.push(`- **${k}**: ${v}`);
  L.push(`- **app**: production build (\`next build\`, \`next start\`) from \`${run.appDir}\`, one Node process, database pool of 10 connections (DB_POOL_MAX default)`);
  L.push(`- **database**: embedded PostgreSQL cluster bench-postgres (or BENCH_DATABASE_URL), on the same two cores as the app and the load generator; warm cache`);
  L.push(`- **requests**: ${run.runs} sequential requests per figure after 2 warm-up requests (CSV: ${run.heavyRuns}), p50/p95 of wall time at the client, body read in full`);
  L.push(`- **SQL**: dashboards: the statements the core itself ran, captured by scripts/bench-core.ts; list: the list's statements as scripts/lib/bench-queries.ts writes them out`);
  L.push(`- **load**: autocannon, ${run.concurrency} connections for ${run.duration} s on the national dashboard`);
  L.push("");
  L.push("## Data");
  L.push("");
  L.push("`npm run bench:seed -- --initiatives N` (scripts/lib/bench-data.ts), seed 20261129: 700 organisations (30 ministries, 70 provinces,");
  L.push("600 agencies), initiatives skewed over organisations (the largest holds ~5%), statuses 18% PLANNED / 44% IN_PROGRESS / 20% COMPLETED /");
  L.push("10% ON_HOLD / 8% CANCELLED, 3% archived, 1–3 building blocks each (~1.5), Vietnamese titles and descriptions (~20% contain");
  L.push("\"Chính phủ\"; rare code names such as \"Bạch Đằng\" in ~1 in 100,000), 88% with a budget; 100,000 metric reports in every workflow");
  L.push("state. 700 organisations × 5 metrics allow at most 3,500 reports per quarter, so 100,000 reports need 32 quarters");
  L.push("(2019-Q1..2026-Q4), not 16; the trend figures read the last 16.");
  L.push("");
  L.push("| initiatives | not archived | block links | metric reports |");
  L.push("|---:|---:|---:|---:|");
  for (const r of run.results) L.push(`| ${n(r.counts.initiatives)} | ${n(r.counts.live)} | ${n(r.counts.links)} | ${n(r.counts.reports)} |`);
  L.push("");
  L.push(`## Targets (at ${n(big.size)} initiatives)`);
  L.push("");
  L.push("| target | limit | measured | met |");
  L.push("|---|---|---|:-:|");
  for (const t of targets(run)) L.push(`| ${t.what} | ${t.limit} | ${t.measured} | ${t.met === null ? "–" : t.met ? "yes" : "**no**"} |`);
  L.push("");

  for (const r of run.results) {
    L.push(`## ${n(r.size)} initiatives`);
    L.push("");
    for (const [k, v] of Object.entries(r.context)) L.push(`- ${k}: ${v}`);
    L.push("");
    L.push("### Dashboards: API, core and SQL");
    L.push("");
    L.push(`Floor of this run: \`GET /api/v1/health\` p50 ${ms(r.api.health?.p50)} (p95 ${ms(r.api.health?.p95)}).`);
    L.push("\"core\": the dashboard function in-process, computed anew (no HTTP, no sign-in, no cache). \"SQL\": exactly the statements the");
    L.push(`core ran (captured from it: ${r.statements ? `${r.statements.national} national, ${r.statements.organisation} organisation` : "–"}), replayed through \`pg\` all at once on 10 connections and one after another.`);
    L.push("");
    L.push("| figure | API p50 | API p95 | errors | core p50 | SQL p50, all at once | SQL p50, one after another | SQL p50, GROUP BY over base tables (reference) |");
    L.push("|---|---:|---:|---:|---:|---:|---:|---:|");
    const d = (k: string, coreK?: string, baseK?: string) =>
      L.push(
        timingRow(API_LABELS[k], r.api[k], [
          coreK ? ms(r.sql[`${coreK}.core`]?.p50) : "–",
          coreK ? ms(r.sql[`${coreK}.summary`]?.p50) : "–",
          coreK ? ms(r.sql[`${coreK}.sequential`]?.p50) : "–",
          baseK ? ms(r.sql[baseK]?.p50) : "–",
        ]),
      );
    d("health");
    d("dashboard.national", undefined, "dashboard.national.base");
    d("dashboard.national.miss", "dashboard.national");
    d("dashboard.national.submitted");
    d("dashboard.organisation", undefined, "dashboard.organisation.base");
    d("dashboard.organisation.miss", "dashboard.organisation");
    d("dashboard.organisation.reported");
    d("dashboard.organisation.typical");
    d("dashboard.trend");
    d("dashboard.trend.organisation");
    L.push("");
    L.push("### Initiatives list: API and SQL");
    L.push("");
    L.push("| query | API p50 | API p95 | errors | SQL page p50 | SQL exact count p50 | SQL new count p50 | API / (page + new count) |");
    L.push("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const c of LIST_CASES) {
      const k = `list.${c.key}`;
      const page = r.sql[`${k}.page`]?.p50;
      const cnt = r.sql[`${k}.count.new`]?.p50;
      L.push(timingRow(c.label, r.api[k], [ms(page), ms(r.sql[`${k}.count.exact`]?.p50), ms(cnt), ratio(r.api[k]?.p50, page !== undefined && cnt !== undefined ? Math.max(page, cnt) : undefined)]));
    }
    for (const k of ["list.status.cursor500", "list.search.broad.cursor500"]) {
      if (r.api[k]) L.push(timingRow(API_LABELS[k].replace(/^list: /, ""), r.api[k], [ms(r.sql[`${k}.page`]?.p50), "–", "–", ratio(r.api[k]?.p50, r.sql[`${k}.page`]?.p50)]));
    }
    L.push("");
    L.push("\"new count\": without a search term the total comes from the summary tables (exact); with one, rows are counted up to 10,001");
    L.push("and more than 10,000 answer `total: 10000, totalIsEstimate: true`. The API runs page and count concurrently, then loads the 50 rows.");
    L.push("");
    L.push("### CSV");
    L.push("");
    L.push("| operation | p50 | p95 | errors | answer |");
    L.push("|---|---:|---:|---:|---|");
    for (const k of ["csv.export", "csv.import", "xlsx.import", "csv.import.noSummaryTriggers"]) {
      const t = r.api[k];
      if (t) L.push(`| ${API_LABELS[k]} | ${ms(t.p50)} | ${ms(t.p95)} | ${t.errors} | ${(t.note ?? "").replace(/\|/g, "/").slice(0, 200)} |`);
    }
    if (r.exportMemory?.length) {
      L.push("");
      L.push("Whole-table exports, each in a process of its own (scripts/bench-export-memory.ts: the core's export, no HTTP): constant memory shows as the same peak at every size.");
      L.push("");
      L.push("| export | rows | size | time | RSS before | peak RSS |");
      L.push("|---|---:|---:|---:|---:|---:|");
      for (const m of r.exportMemory) L.push(`| ${m.format} | ${n(m.rows)} | ${(m.bytes / 1024 / 1024).toFixed(1)} MiB | ${ms(m.ms)} | ${m.rssBeforeMiB} MiB | ${m.maxRssMiB} MiB |`);
    }
    if (r.load) {
      L.push("");
      L.push("### Concurrent readers");
      L.push("");
      L.push("| connections | duration | requests | throughput | latency p50 | p97.5 | p99 | errors | non-2xx | timeouts | answers |");
      L.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
      const l = r.load;
      const codes = Object.entries(l.statusCodes ?? {}).map(([k, v]) => `${k}: ${v}`).join(", ");
      L.push(`| ${l.connections} | ${l.seconds} s | ${n(l.requests)} | ${l.throughput.toFixed(1)} req/s | ${l.p50} ms | ${l.p97_5} ms | ${l.p99} ms | ${l.errors} | ${l.non2xx} | ${l.timeouts} | ${codes} |`);
      const h = r.loadHealth;
      if (h) {
        const hc = Object.entries(h.statusCodes ?? {}).map(([k, v]) => `${k}: ${v}`).join(", ");
        L.push(`| ${h.connections} (GET /health, the floor) | ${h.seconds} s | ${n(h.requests)} | ${h.throughput.toFixed(1)} req/s | ${h.p50} ms | ${h.p97_5} ms | ${h.p99} ms | ${h.errors} | ${h.non2xx} | ${h.timeouts} | ${hc} |`);
      }
    }
    L.push("");
  }

  if (run.results.length > 1) {
    L.push("## Growth from the smallest to the largest data set (p50)");
    L.push("");
    L.push(`| figure | ${sizes.map(n).join(" | ")} |`);
    L.push(`|---|${sizes.map(() => "---:").join("|")}|`);
    const keys = [
      ...["health", "dashboard.national", "dashboard.national.miss", "dashboard.organisation", "dashboard.trend"].map((k) => ({ k, label: `API ${API_LABELS[k]}`, src: "api" as const })),
      { k: "dashboard.national.core", label: "core national dashboard, computed anew, in-process", src: "sql" as const },
      { k: "dashboard.national.summary", label: "SQL the core's national statements, all at once", src: "sql" as const },
      { k: "dashboard.national.base", label: "SQL national roll-up, base tables (reference)", src: "sql" as const },
      ...LIST_CASES.map((c) => ({ k: `list.${c.key}`, label: `API list: ${c.label}`, src: "api" as const })),
      { k: "csv.export", label: "API CSV export", src: "api" as const },
      { k: "csv.import", label: "API CSV import", src: "api" as const },
    ];
    for (const { k, label, src } of keys) L.push(`| ${label} | ${run.results.map((r) => ms(r[src][k]?.p50)).join(" | ")} |`);
    L.push(`| load: throughput at ${run.concurrency} connections | ${run.results.map((r) => (r.load ? `${r.load.throughput.toFixed(0)} req/s` : "–")).join(" | ")} |`);
    L.push(`| load: GET /health at ${run.concurrency} connections | ${run.results.map((r) => (r.loadHealth ? `${r.loadHealth.throughput.toFixed(0)} req/s` : "–")).join(" | ")} |`);
    L.push("");
  }

  L.push("## First-load JavaScript (gzip)");
  L.push("");
  L.push("| page | files | raw | gzip | from |");
  L.push("|---|---:|---:|---:|---|");
  for (const f of run.firstLoad) L.push(`| ${f.route} | ${f.files} | ${kb(f.rawBytes)} | ${kb(f.gzipBytes)} | ${f.source} |`);
  L.push("");
  L.push("## How the figures stay fast and exact");
  L.push("");
  L.push("- Initiative roll-ups read two summary tables, `initiative_stats_by_org_status_stage` and `initiative_stats_by_org_block_status`");
  L.push("  (prisma/migrations/*_summary_triggers): statement-level triggers with transition tables keep them exact in the same transaction");
  L.push("  as every write (`INSERT ... ON CONFLICT DO UPDATE SET count = count + delta`), never a cache. lib/server/initiative-stats.test.ts");
  L.push("  checks them against a GROUP BY over the base tables after random writes, concurrent writers included.");
  L.push("- The list's totals come from the same tables when there is no search term (exact, any mix of organisation, status and block);");
  L.push("  a search counts up to 10,001 matches and answers `totalIsEstimate: true` beyond 10,000.");
  L.push("- Partial indexes (archived rows left out) serve the list's filters and sorts and the attention queries.");
  L.push("");
  L.push(`Raw figures of this run: .data/bench-logs/ (JSON). Server settings for the run: ${Object.entries(run.benchSettings).map(([k, v]) => `${k}=${v}`).join(", ")}.`);
  L.push("");
  return L.join("\n");
}
