/**
 * `tsx scripts/bench-lighthouse.ts --lighthouse <path to lighthouse cli> [--size 100000] [--dist-dir .next-bench]
 *   [--out .data/lighthouse] [--runs 3]` — starts the benchmark's PostgreSQL (BENCH_PG_PORT) and `next start` of the
 *   production build in --dist-dir (BENCH_APP_PORT) on database bench_<size> itself, and stops both (by process group)
 *   at the end; or `--base http://127.0.0.1:3103 --database-url <url>` against a server already running.
 *
 * Lighthouse (mobile, its default: a Moto G-class device with simulated 4G throttling) on the pages of issue 20 against
 * a running production server on the benchmark data: the national dashboard, the largest organisation's page, the
 * initiatives list and an initiative page. Signs in an ADMIN it creates by SQL through next-auth's credentials flow
 * and hands Lighthouse the session cookie. Prints the performance score, TBT, LCP and DOM size per page and writes the
 * JSON reports under --out. A measurement, not a test; Lighthouse is not a project dependency (run it with a pinned
 * `npm install lighthouse@12.8.2` in a scratch directory, and Debian's /usr/bin/chromium via CHROME_PATH).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startBenchApp, stopBenchApp } from "./lib/bench-app";
import { hashPassword } from "../lib/auth/password";
import { benchDatabaseName, openBenchServer, type BenchServer } from "./lib/bench-db";

const { values: args } = parseArgs({
  options: {
    base: { type: "string" },
    "database-url": { type: "string" },
    lighthouse: { type: "string" },
    out: { type: "string", default: ".data/lighthouse" },
    runs: { type: "string", default: "3" },
    label: { type: "string", default: "" },
    size: { type: "string", default: "100000" },
    "dist-dir": { type: "string", default: ".next-bench" },
    /** some of dashboard,organisation,initiatives,initiative (default: all four) */
    pages: { type: "string", default: "" },
  },
  strict: true,
});

async function sessionCookie(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(";");
      const i = kv.indexOf("=");
      jar.set(kv.slice(0, i), kv.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/dashboard`, json: "true" }),
  });
  keep(r);
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in failed: ${r.status}`);
  return `${session}=${jar.get(session)}`;
}

function run(cmd: string, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" } });
    p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}`))));
  });
}

let server: BenchServer | null = null;
let app: ChildProcess | null = null;


async function stopAll() {
  if (app) {
    const p = app;
    app = null;
    await stopBenchApp(p);
  }
  if (server) await server.stop().catch(() => {});
  server = null;
}
process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));
process.on("SIGTERM", () => void stopAll().then(() => process.exit(143)));

/** the benchmark's own database and a production `next start` on it (its own process group, stopped by stopAll) */
async function startOwn(): Promise<{ base: string; databaseUrl: string }> {
  server = await openBenchServer((l) => console.log(`[lighthouse] ${l}`));
  const databaseUrl = server.urlFor(benchDatabaseName(Number(args.size)));
  const started = await startBenchApp({ databaseUrl, distDir: args["dist-dir"]!, timeoutMs: 120_000 });
  app = started.proc;
  return { base: started.base, databaseUrl };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const own = args.base ? { base: args.base, databaseUrl: args["database-url"]! } : await startOwn();
  const base = own.base;
  const db = new pg.Client({ connectionString: own.databaseUrl });
  await db.connect();
  const email = "bench-lighthouse@bench.example.vn";
  const password = randomBytes(18).toString("base64url");
  await db.query(
    `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Lighthouse', 'ADMIN', $2)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true, role = 'ADMIN', must_change_password = false`,
    [email, await hashPassword(password)],
  );
  const org = (
    await db.query<{ id: string }>(
      `SELECT COALESCE(o.parent_id, o.id) AS id FROM initiative_stats_by_org_status_stage s JOIN organisations o ON o.id = s.organisation_id
        GROUP BY 1 ORDER BY sum(s.count) DESC LIMIT 1`,
    )
  ).rows[0].id;
  const initiative = (await db.query<{ id: string }>(`SELECT id FROM initiatives WHERE archived_at IS NULL ORDER BY updated_at DESC LIMIT 1`)).rows[0].id;
  await db.end();
  const cookie = await sessionCookie(base, email, password);
  const pages: [string, string][] = [
    ["dashboard", "/dashboard"],
    ["organisation", `/organisations/${org}`],
    ["initiatives", "/initiatives"],
    ["initiative", `/initiatives/${initiative}`],
  ];
  mkdirSync(args.out!, { recursive: true });
  // for a screenshot of the same pages (a throw-away benchmark account's session; .data is never committed)
  writeFileSync(path.join(args.out!, "cookie.txt"), cookie);
  const summary: string[] = [];
  const wanted = new Set(String(args.pages).split(",").filter(Boolean));
  for (const [name, url] of pages.filter(([n]) => wanted.size === 0 || wanted.has(n))) {
    const seen = { score: [] as number[], tbt: [] as number[], lcp: [] as number[], dom: [] as number[], bench: [] as number[] };
    // one unmeasured load first: the server's first render of a page compiles nothing, but fills its caches
    await fetch(base + url, { headers: { cookie } }).catch(() => {});
    for (let i = 0; i < Number(args.runs); i++) {
      const file = path.join(args.out!, `${name}${args.label ? `-${args.label}` : ""}-${i}.json`);
      // Lighthouse now and then fails to record a trace (NO_NAVSTART): one more try before giving up
      const lighthouse = () => run("node", [
        args.lighthouse!,
        base + url,
        "--only-categories=performance",
        "--output=json",
        `--output-path=${file}`,
        `--extra-headers=${JSON.stringify({ cookie })}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--quiet",
      ]);
      await lighthouse().catch((err) => {
        console.error(`${name} run ${i + 1}: ${(err as Error).message}; once more`);
        return lighthouse();
      });
      const r = JSON.parse(readFileSync(file, "utf8")) as {
        categories: { performance: { score: number } };
        audits: Record<string, { numericValue?: number; displayValue?: string }>;
        environment?: { benchmarkIndex?: number };
      };
      const a = r.audits;
      seen.score.push(Math.round(r.categories.performance.score * 100));
      seen.tbt.push(Math.round(a["total-blocking-time"].numericValue ?? NaN));
      seen.lcp.push(Math.round(a["largest-contentful-paint"].numericValue ?? NaN));
      seen.dom.push(a["dom-size"]?.numericValue ?? NaN);
      seen.bench.push(Math.round(r.environment?.benchmarkIndex ?? NaN));
      console.log(
        [
          name.padEnd(13),
          `score ${Math.round(r.categories.performance.score * 100)}`,
          `TBT ${Math.round(a["total-blocking-time"].numericValue ?? NaN)} ms`,
          `LCP ${Math.round(a["largest-contentful-paint"].numericValue ?? NaN)} ms`,
          `FCP ${Math.round(a["first-contentful-paint"].numericValue ?? NaN)} ms`,
          `DOM ${a["dom-size"]?.numericValue ?? "?"}`,
          `JS ${a["total-byte-weight"]?.displayValue ?? ""}`,
          `CPU index ${r.environment?.benchmarkIndex ?? "?"}`,
        ].join("  "),
      );
    }
    summary.push(
      `| ${url.replace(/[0-9a-f-]{36}/, "[id]")} | ${median(seen.score)} (${seen.score.join(", ")}) | ${median(seen.tbt)} ms | ${(median(seen.lcp) / 1000).toFixed(1)} s | ${median(seen.dom)} | ${median(seen.bench)} |`,
    );
  }
  console.log("\n| page | score, median (runs) | TBT, median | LCP, median | DOM nodes | Lighthouse CPU index |\n|---|---:|---:|---:|---:|---:|");
  console.log(summary.join("\n"));
}

main().then(
  () => stopAll().then(() => process.exit(0)),
  (err) => {
    console.error(err);
    void stopAll().then(() => process.exit(1));
  },
);
