/**
 * `npm run db:diff` — development-time migration tool that works without Prisma's downloadable native engine.
 *
 *   npm run db:diff                    print the SQL that would bring the migrations up to prisma/schema.prisma
 *   npm run db:diff -- --name <name>   write it to prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql
 *   npm run db:diff -- --check         exit 1 (and print the SQL) if the migrations drift from the schema
 *   add --verbose to see the engine's log
 *
 * The committed migrations are replayed on a shadow database: a throw-away embedded PostgreSQL, or, when
 * SHADOW_DATABASE_URL is set, a temporary database created (and dropped) on that server (the role needs CREATEDB).
 * The generated SQL covers only what schema.prisma models; CHECK constraints, triggers, functions and reference data
 * go into a separate hand-written migration (see prisma/migrations/*_rules). Review the SQL before committing it.
 */
import "dotenv/config";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { MIGRATIONS_DIR } from "./lib/migrate";
import { diffMigrationsToSchema, lastEnginePanic, MIGRATION_LOCK } from "./lib/schema-diff";

/** UTC, like `prisma migrate dev`: 20261129153000 */
function timestamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/**
 * The directory name for a new migration. Migrations apply in name order, so a new one must sort after every
 * committed one even if this machine's clock is behind the author of the last migration.
 */
function nextMigrationName(name: string): string {
  const existing = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory() && /^\d{14}_/.test(d.name))
        .map((d) => d.name)
        .sort()
    : [];
  let ts = timestamp(new Date());
  const last = existing.at(-1)?.slice(0, 14);
  if (last && ts <= last) {
    const t = last.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, "$1-$2-$3T$4:$5:$6Z");
    ts = timestamp(new Date(Date.parse(t) + 1000));
  }
  return `${ts}_${name}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: "string" },
      check: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log("usage: npm run db:diff -- [--name <name> | --check] [--verbose]");
    return 0;
  }
  if (values.name !== undefined && values.check) throw new Error("use either --name or --check");
  if (values.name !== undefined && !/^[a-z0-9_]{1,60}$/.test(values.name)) {
    throw new Error("--name: lower-case letters, digits and _ only (e.g. add_kpi_notes)");
  }

  const log = values.verbose ? (s: string) => console.error(s.trimEnd()) : () => {};
  const sql = await diffMigrationsToSchema({ log });

  if (sql === "") {
    console.log(values.check ? "no drift: the migrations match prisma/schema.prisma" : "no difference");
    return 0;
  }
  if (values.check) {
    console.error("drift: prisma/schema.prisma differs from the committed migrations. Missing SQL:\n");
    console.log(sql);
    console.error("create a migration with: npm run db:diff -- --name <name>");
    return 1;
  }
  if (values.name === undefined) {
    console.log(sql);
    console.error("(dry run: pass --name <name> to write a migration)");
    return 0;
  }

  const dirName = nextMigrationName(values.name);
  const dir = path.join(MIGRATIONS_DIR, dirName);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  // the stock Prisma CLI (and the engine) expect the lock file next to the migrations
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!existsSync(lock)) writeFileSync(lock, MIGRATION_LOCK);
  console.log(`wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}`);
  return 0;
}

// an engine panic traps inside a Wasm callback and arrives here rather than as a rejection: say what panicked
process.on("uncaughtException", (err) => {
  const panic = lastEnginePanic();
  console.error(panic ? `the schema engine panicked: ${panic}` : err);
  process.exit(2);
});

main().then(
  (code) => process.exit(code), // explicit: an idle pg pool would otherwise keep the process alive for a while
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
