/**
 * The processes of the fault suite (scripts/ha/ha.suite.ts) and the HA benchmark (scripts/ha/bench-ha.ts): the
 * production build (built only when missing or older than the sources), `next start` instances in process groups of
 * their own, and Debian's nginx in front of them, retrying idempotent requests on the other instance.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(p)) if (e !== "node_modules" && !e.startsWith(".")) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** `next build` into `distDir` unless its BUILD_ID is newer than every source. */
export function buildIfNeeded(distDir: string, log: (s: string) => void): void {
  const stamp = path.join(root, distDir, "BUILD_ID");
  const sources = Math.max(...["app", "components", "lib", "messages", "prisma", "proxy.ts", "next.config.ts", "package.json"].map((p) => newestMtime(path.join(root, p))));
  if (existsSync(stamp) && statSync(stamp).mtimeMs > sources) return log(`the production build in ${distDir} is up to date`);
  log(`building for production into ${distDir} (next build)…`);
  execFileSync("npx", ["next", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" } });
}

const nextBin = createRequire(path.join(root, "package.json")).resolve("next/dist/bin/next");

export async function waitHealthy(port: number, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(3000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(300);
  }
  throw new Error(`the app on port ${port} did not become healthy`);
}

/** `next start` on `port` in a process group of its own (killed as a whole, by its id); not yet healthy. */
export function spawnApp(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    detached: true,
    stdio: ["ignore", "ignore", process.env.HA_DEBUG ? "inherit" : "ignore"],
  });
}

export function killGroup(p: ChildProcess | null, signal: NodeJS.Signals): void {
  if (!p?.pid) return;
  try {
    process.kill(-p.pid, signal);
  } catch {
    /* gone */
  }
}

/** Signals the process group, waits for the exit (at most 15 s), then SIGKILLs what is left of it. */
export async function stopProcess(p: ChildProcess | null, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (!p || p.exitCode !== null) return;
  const exited = new Promise((r) => p.once("exit", r));
  killGroup(p, signal);
  await Promise.race([exited, sleep(15_000)]);
  killGroup(p, "SIGKILL");
}

export interface Nginx {
  proc: ChildProcess;
  dir: string;
}

/** Debian's nginx on `lbPort` in front of `appPorts`, with its files in a temporary directory; not yet healthy. */
export function spawnNginx(lbPort: number, appPorts: number[]): Nginx {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dgov-ha-nginx-"));
  const asRoot = process.getuid?.() === 0;
  const conf = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream app {
${appPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=3s;`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${lbPort};
    client_max_body_size 20m;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      # idempotent requests go to the other instance when one fails; a POST only when it never reached the first
      # (non_idempotent is NOT listed: a write is never sent twice). Not http_503: the app answers 503 when the
      # database is unreachable, which the other instance cannot change, and counted as failures they would mark
      # both instances down (nginx's 502 "no live upstreams")
      proxy_next_upstream error timeout http_502 http_504;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
`;
  writeFileSync(path.join(dir, "nginx.conf"), conf);
  // not root: a child process with its own files (as root it drops to nobody)
  const ids = asRoot ? { uid: 65534, gid: 65534 } : {};
  if (asRoot) chownSync(dir, 65534, 65534);
  const proc = spawn(process.env.NGINX ?? "/usr/sbin/nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    ...ids,
  });
  return { proc, dir };
}

/** A graceful stop (SIGQUIT, at most 5 s), then SIGKILL; its directory removed. */
export async function stopNginx(n: Nginx | null): Promise<void> {
  if (!n) return;
  if (n.proc.exitCode === null) {
    const exited = new Promise((r) => n.proc.once("exit", r));
    killGroup(n.proc, "SIGQUIT");
    await Promise.race([exited, sleep(5000)]);
    killGroup(n.proc, "SIGKILL");
  }
  rmSync(n.dir, { recursive: true, force: true });
}
