/**
 * A production `next start` of one build on a benchmark database, for scripts/bench.ts and scripts/bench-lighthouse.ts:
 * its own process group (detached), so stopping it ends next-server too, not only npx. BENCH_APP_PORT gives a port of
 * one's own on a shared machine (else any free one).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freePort } from "./embedded-db";
import { killGroup } from "./process-group";

export async function waitForHealth(base: string, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("the app did not become healthy");
}

export async function startBenchApp(o: { databaseUrl: string; distDir: string; cwd?: string; timeoutMs?: number }): Promise<{ base: string; proc: ChildProcess }> {
  const port = process.env.BENCH_APP_PORT ? Number(process.env.BENCH_APP_PORT) : await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: o.databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXT_DIST_DIR: o.distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    INSECURE_HTTP: "true",
    LOG_LEVEL: "warn",
    PORT: String(port),
  };
  const proc = spawn("npx", ["next", "start", "-p", String(port)], { stdio: ["ignore", "ignore", "inherit"], env, cwd: o.cwd, detached: true });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, o.timeoutMs);
  } catch (err) {
    await stopBenchApp(proc);
    throw err;
  }
  return { base, proc };
}

export async function stopBenchApp(p: ChildProcess) {
  const exited = new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r(null) : p.once("exit", () => r(null))));
  killGroup(p, "SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  // npx may exit before its children: make sure nothing of the group is left (SIGKILL to a gone group is a no-op)
  await new Promise((r) => setTimeout(r, 500));
  killGroup(p, "SIGKILL");
}
