/**
 * The entry point's promises about set-up: production never falls back to the embedded database, problems a person
 * can fix are one sentence with the fix (no stack trace), and CI stops only what it started.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(mode: string, env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
  const e = { ...process.env, NODE_ENV: undefined, ...env } as Record<string, string | undefined>;
  for (const [k, v] of Object.entries(e)) if (v === undefined) delete e[k];
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [tsx, "scripts/run.ts", mode], { cwd: root, env: e as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let out = "";
    p.stdout.on("data", (c) => (out += c));
    p.stderr.on("data", (c) => (out += c));
    // a run that went on to start something is stopped (its whole group) and reported as such
    const timer = setTimeout(() => {
      try {
        process.kill(-p.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 60_000);
    p.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const STACK = /^\s+at .+\(|^\s+at \//m;

describe("npm start", () => {
  test("without DATABASE_URL refuses to run, in one sentence, and starts no embedded database", async () => {
    const r = await run("start", { DATABASE_URL: undefined, PORT: "3199", PG_PORT: "54199" });
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/npm start .*needs DATABASE_URL/);
    expect(r.out).toContain("npm run demo");
    expect(r.out).not.toMatch(STACK);
    expect(r.out).not.toMatch(/\[postgres\]|initialising|applying/);
    expect(r.out.trim().split("\n")).toHaveLength(1);
  });
});

describe("the embedded database where it cannot run", () => {
  test("a data directory it cannot use: one sentence naming the fix, no stack trace", async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), "dgov-blocked-"));
    temp.push(base);
    chmodSync(base, 0o700);
    // as root: below a 0700 directory the `postgres` user cannot enter; otherwise: a place nobody may create
    const dir = process.getuid?.() === 0 ? path.join(base, "clusters") : "/proc/dgov-tracker-cannot-be-here";
    const r = await run("migrate", { DATABASE_URL: undefined, EMBEDDED_DATA_DIR: dir, PG_PORT: "54198" });
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(/EMBEDDED_DATA_DIR/);
    expect(r.out).toMatch(/DATABASE_URL/);
    expect(r.out).not.toMatch(STACK);
    expect(r.out.trim().split("\n")).toHaveLength(1);
  });
});

describe("CI and the scripts", () => {
  const ci = readFileSync(path.join(root, ".ci", "run"), "utf8");
  const code = ci
    .split("\n")
    .filter((l) => !l.trim().startsWith("#"))
    .join("\n");

  test(".ci/run stops only what it started: by process group id, never by a process name", () => {
    expect(code).not.toMatch(/\bpkill\b|\bkillall\b/);
    expect(code).toMatch(/setsid npm run demo/);
    expect(code).toMatch(/kill -TERM -- "-\$demo_pid"/);
  });

  test("Prisma's update check is off in CI and in the scripts that run the Prisma CLI", () => {
    expect(code).toMatch(/^export CHECKPOINT_DISABLE=1$/m);
    const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const prismaCli = Object.entries(scripts).filter(([, cmd]) => /(^|&&\s*|\s)prisma\s/.test(cmd));
    expect(prismaCli.length).toBeGreaterThan(0);
    for (const [name, cmd] of prismaCli) expect(cmd, name).toMatch(/CHECKPOINT_DISABLE=1/);
  });
});
