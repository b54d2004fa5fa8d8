/**
 * `npm run db:restore -- FILE [--replace]`
 *
 * Restores a backup of `npm run db:backup` into the application's database (DATABASE_URL, else the embedded one):
 * a missing database is created and an empty one used; one that holds data is only replaced with --replace, which
 * restores into a fresh database beside it, checks every table, then swaps it in and keeps the old one renamed.
 * Stop the application first, or expect it to answer 503 for a moment while the databases are swapped.
 */
import { appDatabase, readManifest, restoreBackup } from "./lib/backup";

const log = (s: string) => console.log(`[restore] ${s}`);

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) throw new Error("usage: npm run db:restore -- FILE [--replace]");
  const manifest = await readManifest(file);
  if (manifest) {
    const rows = manifest.tables.reduce((s, t) => s + t.rows, 0);
    log(`${file}: ${manifest.kind} backup of ${manifest.source.database} (PostgreSQL ${manifest.source.serverVersion}) made ${manifest.createdAt}, ${rows} rows`);
  }
  const db = await appDatabase({ createIfMissing: true, log });
  try {
    log(`restoring into ${db.description}`);
    const r = await restoreBackup(file, db.url, { replace: args.includes("--replace"), log });
    log(`restored ${r.tables.reduce((s, t) => s + t.rows, 0)} rows into ${r.database}; every table's row count and contents checked`);
    if (r.migratedForward.length) log(`then applied newer migrations: ${r.migratedForward.join(", ")}`);
    if (r.previousDatabase) log(`the previous database is kept as ${r.previousDatabase}`);
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`[restore] failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
