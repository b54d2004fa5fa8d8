/**
 * Runs in every test file's own worker (pool "forks", isolated) before the file is imported: the file gets a
 * database of its own, cloned from the migrated template of test/global-setup.ts, and DATABASE_URL points at it.
 * lib/env.ts and lib/server/db.ts read DATABASE_URL on first use, which is after this. Dropped when the file ends.
 */
import { afterAll } from "vitest";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { fileDatabasePrefix } from "./databases";

const serverUrl = process.env.TEST_SERVER_URL;
const template = process.env.TEST_TEMPLATE_DATABASE;
const runId = process.env.TEST_RUN_ID;
if (!serverUrl || !template || !runId) throw new Error("test/global-setup.ts did not run (TEST_SERVER_URL, TEST_TEMPLATE_DATABASE, TEST_RUN_ID unset)");

const name = `${fileDatabasePrefix(runId)}${process.pid}_${randomBytes(4).toString("hex")}`;

async function onServer(sql: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

// "source database is being accessed by other users" (55006) only while something is connected to the template;
// retried briefly rather than failing the file
for (let attempt = 1; ; attempt++) {
  try {
    await onServer(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    break;
  } catch (err) {
    if ((err as { code?: string }).code !== "55006" || attempt >= 20) throw err;
    await new Promise((r) => setTimeout(r, 250 * attempt));
  }
}
const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
/** this file's database, for tests that need its name (e.g. to open a second connection) */
process.env.TEST_FILE_DATABASE = name;

// hooks run in reverse order ("stack"): this one, registered first, runs after the file's own afterAll
afterAll(async () => {
  const { closeDb } = await import("@/lib/server/db");
  await closeDb();
  await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});
