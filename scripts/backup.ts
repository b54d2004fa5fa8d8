/**
 * `npm run db:backup [-- [--out FILE] [--dir DIR] [--format auto|logical|pg_dump]]`
 *
 * Backs up the application's database (DATABASE_URL, else the embedded one of `npm run demo`, running or not) into
 * one file, by default backups/<database>-<UTC time>.backup.gz. See scripts/lib/backup.ts for the formats.
 */
import { appDatabase, createBackup } from "./lib/backup";

const log = (s: string) => console.log(`[backup] ${s}`);

function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i !== -1) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main() {
  const format = (arg("format") ?? process.env.BACKUP_FORMAT ?? "auto") as "auto" | "logical" | "pg_dump";
  if (!["auto", "logical", "pg_dump"].includes(format)) throw new Error("--format must be auto, logical or pg_dump");
  const positional = process.argv.slice(2).find((a, i, all) => !a.startsWith("--") && !(i > 0 && all[i - 1].startsWith("--") && !all[i - 1].includes("=")));
  const db = await appDatabase({ log });
  try {
    log(`backing up ${db.description}`);
    const started = Date.now();
    const r = await createBackup(db.url, { file: arg("out") ?? positional, dir: arg("dir"), format, log });
    const rows = r.manifest.tables.reduce((s, t) => s + t.rows, 0);
    log(`${r.kind === "pg_dump" ? "pg_dump archive" : "logical backup"} written: ${r.file}`);
    log(`${r.manifest.tables.length} tables, ${rows} rows, ${r.manifest.migrations.length} migrations, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    log("the file holds password hashes and personal data: keep it as safe as the database");
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`[backup] failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
