/**
 * `tsx scripts/bench-lighthouse.ts --base http://127.0.0.1:3103 --database-url <bench_100000 url> --lighthouse <path to lighthouse cli>
 *   [--out .data/lighthouse] [--runs 1]`
 *
 * Lighthouse (mobile, its default: a Moto G-class device with simulated 4G throttling) on the pages of issue 20 against
 * a running production server on the benchmark data: the national dashboard, the largest organisation's page, the
 * initiatives list and an initiative page. Signs in an ADMIN it creates by SQL through next-auth's credentials flow
 * and hands Lighthouse the session cookie. Prints the performance score, TBT, LCP and DOM size per page and writes the
 * JSON reports under --out. A measurement, not a test; Lighthouse is not a project dependency (run it with a pinned
 * `npm install lighthouse@12.8.2` in a scratch directory, and Debian's /usr/bin/chromium via CHROME_PATH).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";

const { values: args } = parseArgs({
  options: {
    base: { type: "string" },
    "database-url": { type: "string" },
    lighthouse: { type: "string" },
    out: { type: "string", default: ".data/lighthouse" },
    runs: { type: "string", default: "1" },
    label: { type: "string", default: "" },
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

async function main() {
  const base = args.base!;
  const db = new pg.Client({ connectionString: args["database-url"] });
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
  for (const [name, url] of pages) {
    for (let i = 0; i < Number(args.runs); i++) {
      const file = path.join(args.out!, `${name}${args.label ? `-${args.label}` : ""}-${i}.json`);
      await run("node", [
        args.lighthouse!,
        base + url,
        "--only-categories=performance",
        "--output=json",
        `--output-path=${file}`,
        `--extra-headers=${JSON.stringify({ cookie })}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--quiet",
      ]);
      const r = JSON.parse(readFileSync(file, "utf8")) as {
        categories: { performance: { score: number } };
        audits: Record<string, { numericValue?: number; displayValue?: string }>;
      };
      const a = r.audits;
      console.log(
        [
          name.padEnd(13),
          `score ${Math.round(r.categories.performance.score * 100)}`,
          `TBT ${Math.round(a["total-blocking-time"].numericValue ?? NaN)} ms`,
          `LCP ${Math.round(a["largest-contentful-paint"].numericValue ?? NaN)} ms`,
          `FCP ${Math.round(a["first-contentful-paint"].numericValue ?? NaN)} ms`,
          `DOM ${a["dom-size"]?.numericValue ?? "?"}`,
          `JS ${a["total-byte-weight"]?.displayValue ?? ""}`,
        ].join("  "),
      );
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
