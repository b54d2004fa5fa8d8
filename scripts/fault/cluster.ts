/**
 * A PostgreSQL that one fault test owns: its own embedded cluster (own data directory in the cluster root of scripts/lib/embedded-db.ts, own free port),
 * migrated, which the test may stop and start again on the same port while the code under test keeps its URL.
 */
import path from "node:path";
import { existsSync, readdirSync, rmSync } from "node:fs";
import pg from "pg";
import { clusterDir, clusterRoot, freePort, startEmbeddedDb, stopLeftoverPostmaster, type EmbeddedDb } from "../lib/embedded-db";
import { applyMigrations } from "../lib/migrate";

export interface FaultCluster {
  url: string;
  port: number;
  /** fast shutdown (what a service manager's stop does): open transactions are aborted, connections closed */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** stops and deletes the cluster */
  destroy(): Promise<void>;
  /** a superuser connection of its own, for the test's own checks */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Clusters of earlier runs that were killed (their process is gone): stop and remove them. */
async function removeStale() {
  const root = clusterRoot();
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const m = /^fault-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue;
    } catch {
      await stopLeftoverPostmaster(path.join(root, name));
      rmSync(path.join(root, name), { recursive: true, force: true });
    }
  }
}

/**
 * `durable`: fsync and synchronous commit on, as in production, for tests that count acknowledged writes across a
 * stop; else the throw-away settings (faster).
 */
export async function startFaultCluster(label: string, opts: { durable?: boolean } = {}): Promise<FaultCluster> {
  await removeStale();
  const dataDir = clusterDir(`fault-${process.pid}-${label}`);
  rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const open = () => startEmbeddedDb({ dataDir, port, database: "tracker", throwAway: !opts.durable, log: () => {} });
  let db: EmbeddedDb | null = await open();
  const url = db.url;
  await applyMigrations(url);
  return {
    url,
    port,
    async stop() {
      const d = db;
      db = null;
      await d?.stop();
    },
    async start() {
      if (!db) db = await open();
    },
    async destroy() {
      const d = db;
      db = null;
      await d?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) {
      const c = new pg.Client({ connectionString: url });
      c.on("error", () => {});
      await c.connect();
      try {
        return await c.query<R>(sql, params);
      } finally {
        await c.end().catch(() => {});
      }
    },
  };
}
