/**
 * One real PostgreSQL for the Vitest run: TEST_DATABASE_URL when given, else a throw-away embedded one under
 * test-postgres-<pid> in the cluster root of scripts/lib/embedded-db.ts (fsync off: nothing here is kept). A fresh database is created and migrated for every run.
 */
import pg from "pg";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { clusterRoot, startEmbeddedDb, stopLeftoverPostmaster, type EmbeddedDb } from "../scripts/lib/embedded-db";
import { applyMigrations } from "../scripts/lib/migrate";

let embedded: EmbeddedDb | undefined;

/** Clusters of earlier runs that were killed (their process is gone): stop and remove them. */
async function removeStaleClusters() {
  const root = clusterRoot();
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const m = /^test-postgres-(\d+)$/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue; // that run is still going
    } catch {
      await stopLeftoverPostmaster(path.join(root, name));
      rmSync(path.join(root, name), { recursive: true, force: true });
    }
  }
}

export default async function setup() {
  await removeStaleClusters();
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    // one cluster per run: several runs at once (developers, CI) must not stop each other's server
    embedded = await startEmbeddedDb({ dataDir: `test-postgres-${process.pid}`, throwAway: true, database: "postgres", log: () => {} });
    serverUrl = embedded.url;
  }
  const dbName = `tracker_test_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  process.env.TEST_SERVER_URL = serverUrl;
  await applyMigrations(url.toString(), () => {});
  return async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await c.end();
    if (embedded) {
      await embedded.stop();
      rmSync(embedded.dataDir, { recursive: true, force: true });
    }
  };
}
