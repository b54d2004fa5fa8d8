/**
 * Timing helpers for scripts/bench.ts: repeated requests and repeated SQL, as p50/p95, and 50 concurrent readers
 * through autocannon. Not tests: figures are printed and written to BENCHMARKS.md, nothing passes or fails.
 */
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";

export interface Timing {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  errors: number;
  /** what the last answer said (status, rows, bytes...) */
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(ms: number[], errors: number, note?: string): Timing {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), min: s[0] ?? NaN, max: s.at(-1) ?? NaN, errors, note };
}

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` times measured (sequentially); `before`, when given, runs before
 * each measured call, outside the timing (e.g. a write that makes the next read miss the cache).
 */
export async function measure(runs: number, fn: () => Promise<string | void>, warmup = 2, before?: () => Promise<unknown>): Promise<Timing> {
  let errors = 0;
  let note: string | undefined;
  for (let i = 0; i < warmup; i++) await fn().catch(() => {});
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    const t = performance.now();
    try {
      note = (await fn()) || note;
      ms.push(performance.now() - t);
    } catch (err) {
      errors++;
      note = (err as Error).message.slice(0, 200);
    }
  }
  return summarise(ms, errors, note);
}

/**
 * A pg_settings value in its unit: `setting` counts `unit`s, which for memory can be a multiple ("8kB": shared_buffers
 * and effective_cache_size are in 8 kB pages), so 40960 × 8kB is 320 MB, not 40960 kB.
 */
export function withUnit(setting: string, unit: string | null): string {
  const m = unit ? /^(\d*)(B|kB|MB|GB|TB)$/.exec(unit) : null;
  if (!m) return unit ? `${setting} ${unit}` : setting;
  const factor: Record<string, number> = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
  const bytes = Number(setting) * Number(m[1] || 1) * factor[m[2]];
  for (const [u, f] of [["GB", 1024 ** 3], ["MB", 1024 ** 2], ["kB", 1024]] as const) {
    if (bytes >= f && bytes % f === 0) return `${bytes / f} ${u}`;
  }
  return `${bytes} B`;
}

export interface Api {
  base: string;
  token: string;
}

/** GET that reads the whole body; a non-2xx answer counts as an error. */
export async function apiGet(api: Api, url: string): Promise<string> {
  const r = await fetch(api.base + url, { headers: { authorization: `Bearer ${api.token}` } });
  const body = await r.arrayBuffer();
  if (!r.ok) throw new Error(`${r.status} ${Buffer.from(body).toString("utf8").slice(0, 200)}`);
  return `${body.byteLength} bytes`;
}

export async function apiJson<T>(api: Api, url: string): Promise<T> {
  const r = await fetch(api.base + url, { headers: { authorization: `Bearer ${api.token}` } });
  if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

export async function sqlTiming(db: pg.Pool, runs: number, sql: string, params: unknown[] = []): Promise<Timing> {
  return measure(runs, async () => {
    const r = await db.query(sql, params);
    return `${r.rowCount} rows`;
  });
}

/** A set of SQL statements run together (concurrently, as the API runs them) per measured iteration. */
export async function sqlSetTiming(db: pg.Pool, runs: number, statements: { sql: string; params?: unknown[] }[]): Promise<Timing> {
  return measure(runs, async () => {
    const rs = await Promise.all(statements.map((s) => db.query(s.sql, s.params ?? [])));
    return `${rs.reduce((a, r) => a + (r.rowCount ?? 0), 0)} rows`;
  });
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  throughput: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  /** answers by HTTP status */
  statusCodes: Record<string, number>;
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p97_5: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
}

/** `connections` concurrent readers of one URL for `seconds`, through autocannon. */
export async function load(api: Api, url: string, connections: number, seconds: number): Promise<LoadResult> {
  const require = createRequire(import.meta.url);
  const autocannon = require("autocannon") as (opts: object) => Promise<AutocannonResult>;
  const r = await autocannon({
    url: api.base + url,
    connections,
    duration: seconds,
    timeout: 30,
    headers: { authorization: `Bearer ${api.token}` },
  });
  return {
    connections,
    seconds: r.duration,
    requests: r.requests.total,
    throughput: r.requests.total / r.duration,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}

export interface FirstLoad {
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
  source: string;
}

/**
 * First-load JS of an app route from a build: the root main files (build-manifest.json) plus the page's own client
 * entry files (its page_client-reference-manifest.js), each gzipped on its own as a server would send it.
 */
export function firstLoadJs(distDir: string, route: string): FirstLoad | null {
  const stats = path.join(distDir, "diagnostics/route-bundle-stats.json");
  let files: string[] | null = null;
  let source = "";
  if (existsSync(stats)) {
    const list = JSON.parse(readFileSync(stats, "utf8")) as { route: string; firstLoadChunkPaths: string[] }[];
    const hit = list.find((r) => r.route === route);
    if (hit) {
      files = hit.firstLoadChunkPaths.map((p) => path.join(distDir, p.replace(/^\.next[^/]*\//, "")));
      source = "diagnostics/route-bundle-stats.json";
    }
  }
  if (!files) {
    const manifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
    const appDir = path.join(distDir, "server/app/(app)", route.replace(/^\//, ""));
    const crm = path.join(appDir, "page_client-reference-manifest.js");
    if (!existsSync(crm)) return null;
    const text = readFileSync(crm, "utf8");
    const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
    const m = JSON.parse(json) as { entryJSFiles?: Record<string, string[]> };
    const entries = Object.entries(m.entryJSFiles ?? {}).flatMap(([, v]) => v);
    files = [...new Set([...manifest.rootMainFiles, ...entries])].map((f) => path.join(distDir, f.replace(/^\/?_next\//, "")));
    source = "build-manifest.json rootMainFiles + page_client-reference-manifest.js entryJSFiles";
  }
  let rawBytes = 0;
  let gzipBytes = 0;
  let count = 0;
  for (const f of new Set(files)) {
    if (!existsSync(f) || !f.endsWith(".js")) continue;
    const b = readFileSync(f);
    rawBytes += b.length;
    gzipBytes += gzipSync(b, { level: 9 }).length;
    count++;
  }
  return { route, files: count, rawBytes, gzipBytes, source };
}
