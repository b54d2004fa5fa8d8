/**
 * Applies the committed migrations (prisma/migrations/<name>/migration.sql) without any Prisma engine.
 *
 * The Prisma 7 CLI needs a native schema-engine binary that is downloaded from Prisma's servers; closed networks
 * cannot reach them. Applying migrations needs no engine at all, so this does what `prisma migrate deploy` does,
 * and records every migration in Prisma's own `_prisma_migrations` table (same columns, same checksum), so that the
 * stock `prisma migrate deploy` / `migrate status` keep working on machines that do have the binary.
 *
 * Differences from the engine, on purpose:
 * - each migration's SQL runs in ONE transaction together with its `_prisma_migrations` row, so a failing migration
 *   leaves nothing behind (no half-applied schema, no "failed migration" row to resolve by hand). The price: a
 *   statement that cannot run inside a transaction (CREATE INDEX CONCURRENTLY, ...) cannot be used in a migration.
 *
 * No `server-only` here: used by scripts (tsx) and by Vitest.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { readWriteUrl } from "../../lib/db-url";

/** prisma/migrations of this project, resolved from this file so the cwd does not matter */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

/**
 * The key Prisma's schema engine uses for its own advisory lock (sql-schema-connector, postgres flavour):
 * taking the same one makes us mutually exclusive with a concurrent `prisma migrate deploy` as well.
 */
const ADVISORY_LOCK_KEY = 72707369;

/** Exactly the table the schema engine creates (prisma-engines, sql-schema-connector/src/flavour/postgres). */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 hex of the file's bytes: what the schema engine stores in `_prisma_migrations.checksum` */
  checksum: string;
}

/** The committed migrations, in name order (the order Prisma applies them in). */
export function readMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort() // plain code-unit order, like the engine's sort of directory names
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

/**
 * Applies every committed migration not yet recorded as finished, and returns the names applied (in order).
 * Safe to run from several processes at once: the second waits for the first and then finds nothing to do.
 */
export async function applyMigrations(
  databaseUrl: string,
  log: (s: string) => void = () => {},
  dir: string = MIGRATIONS_DIR,
): Promise<string[]> {
  const migrations = readMigrations(dir);
  // a multi-host DATABASE_URL (primary and standby): the migrations go to the server that accepts writes
  const client = new pg.Client({ connectionString: await readWriteUrl(databaseUrl), connectionTimeoutMillis: 10_000 });
  // an error on an idle connection (server restarted...) must not crash the process: the next query reports it
  client.on("error", (err) => log(`migration connection error: ${err.message}`));
  await client.connect();
  const applied: string[] = [];
  try {
    // session-level lock: held across the per-migration transactions below, released in `finally`
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);

    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`);
    const finished = new Map<string, string>(); // name -> checksum
    for (const r of rows) {
      if (r.rolled_back_at !== null) continue; // rolled back: as if absent, Prisma ignores it too
      if (r.finished_at === null) {
        // left by the stock engine (it runs migrations outside a transaction); same refusal as Prisma's P3009
        throw new Error(
          `migration ${r.migration_name} failed earlier and was not resolved: fix the database, then run ` +
            `\`prisma migrate resolve --rolled-back ${r.migration_name}\` (or mark the row rolled back)`,
        );
      }
      finished.set(r.migration_name, r.checksum);
    }

    for (const m of migrations) {
      const recorded = finished.get(m.name);
      if (recorded !== undefined) {
        // Prisma only warns about an edited migration too (in `migrate dev`); editing an applied one is a mistake
        if (recorded !== m.checksum) log(`warning: ${m.name} was edited after it was applied (checksum differs)`);
        continue;
      }
      log(`applying ${m.name}`);
      try {
        await client.query("BEGIN");
        const id = randomUUID();
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 0)`,
          [id, m.checksum, m.name],
        );
        // no parameters: the simple-query protocol runs a multi-statement script
        await client.query(m.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw new Error(`migration ${m.name} failed and was rolled back: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    if (applied.length === 0) log("database is up to date");
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}
