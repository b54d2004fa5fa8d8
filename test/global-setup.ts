/**
 * One real PostgreSQL for the Vitest run: TEST_DATABASE_URL's server when given, else a throw-away embedded one under
 * test-postgres-<pid> in the cluster root of scripts/lib/embedded-db.ts (fsync off: nothing here is kept). A template
 * database is created and migrated ONCE per run; test/setup-file.ts clones it for every test file (CREATE DATABASE …
 * TEMPLATE …), so no file reads another's writes. The clones are dropped by each file and, as a backstop for killed
 * workers, here at the end.
 */
import pg from "pg";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { clusterRoot, startEmbeddedDb, stopLeftoverPostmaster, type EmbeddedDb } from "../scripts/lib/embedded-db";
import { applyMigrations } from "../scripts/lib/migrate";
import { fileDatabasePrefix, templateDatabaseName } from "./databases";

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

async function withServer<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Drops this run's per-file clones a worker could not drop itself (killed, crashed). */
async function dropClones(c: pg.Client, runId: string) {
  const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${fileDatabasePrefix(runId)}%`]);
  for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => {});
}

export default async function setup() {
  await removeStaleClusters();
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    // one cluster per run: several runs at once (developers, CI) must not stop each other's server
    embedded = await startEmbeddedDb({ dataDir: `test-postgres-${process.pid}`, throwAway: true, database: "postgres", log: () => {} });
    serverUrl = embedded.url;
  }
  const runId = String(process.pid);
  const template = templateDatabaseName(runId);
  await withServer(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${template}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  await applyMigrations(url.toString(), () => {});
  // the workers inherit these: setup-file.ts clones the template; DATABASE_URL is set per file there, never here, so
  // a file that somehow skipped the clone fails to connect rather than writing into the template
  process.env.TEST_SERVER_URL = serverUrl;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_RUN_ID = runId;
  delete process.env.DATABASE_URL;
  return async () => {
    await withServer(serverUrl, async (c) => {
      await dropClones(c, runId);
      await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => {});
    }).catch(() => {});
    if (embedded) {
      await embedded.stop();
      rmSync(embedded.dataDir, { recursive: true, force: true });
    }
  };
}
