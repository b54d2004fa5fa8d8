/**
 * Development-time schema diffing with Prisma's schema engine compiled to WebAssembly
 * (`@prisma/schema-engine-wasm`), driven through `@prisma/adapter-pg`.
 *
 * Why: the Prisma 7 CLI runs a native `schema-engine` binary that it downloads from Prisma's servers, which these
 * machines (and many closed networks) cannot reach. The very same engine ships on npm as Wasm; the 7.10 CLI bundles a
 * copy but no longer wires it up (the `migrate.adapter` option of Prisma 6 is gone), so we do it here.
 *
 * What: `diffMigrationsToSchema()` replays prisma/migrations/* on a throw-away shadow database and returns the SQL
 * that takes that state to prisma/schema.prisma ("" when there is no drift). Only what Prisma models is compared:
 * CHECK constraints, functions, triggers and (without the `postgresqlExtensions` preview feature) extensions added by
 * hand-written migrations are invisible to it, so they never show up as drift.
 *
 * Never used at run time: applying migrations is scripts/lib/migrate.ts, which needs no engine.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { clusterDir, clusterRoot, startEmbeddedDb, stopLeftoverPostmaster } from "./embedded-db";
import { MIGRATIONS_DIR, readMigrations } from "./migrate";

type PrismaPgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");

let engineClass: typeof SchemaEngine | undefined;

let panicListener: ((message: string) => void) | undefined;
let panicHookInstalled = false;

/**
 * A Rust panic inside the engine hands its message to `globalThis.PRISMA_WASM_PANIC_REGISTRY` and then traps
 * ("RuntimeError: unreachable"), often in a callback where it surfaces as an uncaught exception rather than as a
 * rejection of the pending call. Without the registry the glue code fails with a TypeError instead and the message is
 * lost. We keep any registry already installed (Prisma's own) and also reject the pending call with the message.
 */
function installPanicHook(): void {
  if (panicHookInstalled) return;
  panicHookInstalled = true;
  type Registry = { message: string; get(): string; set_message(m: string): void };
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: Registry };
  const previous = g.PRISMA_WASM_PANIC_REGISTRY;
  g.PRISMA_WASM_PANIC_REGISTRY = {
    message: "",
    get() {
      return this.message;
    },
    set_message(m: string) {
      this.message = `RuntimeError: ${m}`;
      previous?.set_message(m);
      engineClass = undefined; // a panicked instance is unusable: compile a fresh one next time
      panicListener?.(m);
    },
  };
}

/** The last panic message of the engine, for a CLI's uncaughtException handler. */
export function lastEnginePanic(): string | undefined {
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string } };
  return g.PRISMA_WASM_PANIC_REGISTRY?.message || undefined;
}

/** Runs one engine call, turning a panic into a rejection that carries the panic message. */
function guardPanics<T>(call: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    panicListener = (m) => reject(new Error(`the schema engine panicked: ${m}`));
    call()
      .then(resolve, reject)
      .finally(() => (panicListener = undefined));
  });
}

/**
 * Instantiates the Wasm module once. The package's own entry point does `import * as wasm from "./x.wasm"`
 * (ES module integration for Wasm), which Node only supports behind `--experimental-wasm-modules`; so we compile the
 * .wasm ourselves and hand its exports to the wasm-bindgen glue, the way Prisma's own loaders do.
 */
function loadEngine(): typeof SchemaEngine {
  if (engineClass) return engineClass;
  installPanicHook();
  const require = createRequire(import.meta.url);
  const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = readFileSync(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
  });
  engineBindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  engineClass = engineBindings.SchemaEngine as unknown as typeof SchemaEngine;
  return engineClass;
}

/**
 * adapter-pg 7.10 refuses result columns of Postgres' internal `"char"` type (OID 18: pg_class.relkind,
 * pg_constraint.contype...) with "Column type 'char' could not be deserialized"; the engine's catalogue queries
 * return such columns and read them as a Rust `char`, so reporting them as text is not enough (the engine panics).
 * `pg` already decodes the values as one-character strings: let the adapter see text, then declare the column
 * `Character` in its result. The pg result's `rows` array is passed through as is, which ties the two steps together.
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
type PgQueryable = {
  performIO(query: unknown): Promise<pg.QueryResult>;
  queryRaw(query: unknown): Promise<{ columnTypes: number[]; rows: unknown[] }>;
};
function readCharAsCharacter<T extends object>(queryable: T): T {
  const q = queryable as unknown as PgQueryable;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const idx: number[] = [];
    result.fields?.forEach((f, i) => {
      if (f.dataTypeID === PG_CHAR_OID) {
        f.dataTypeID = PG_TEXT_OID;
        idx.push(i);
      }
    });
    if (idx.length > 0 && result.rows) charColumns.set(result.rows, idx);
    return result;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const rs = await queryRaw(query);
    for (const i of charColumns.get(rs.rows) ?? []) rs.columnTypes[i] = ColumnTypeEnum.Character;
    return rs;
  };
  return queryable;
}

/**
 * A migration-aware adapter factory for one PostgreSQL server.
 *
 * We do not use PrismaPg's own `connectToShadowDb()`: it builds the shadow pool as `{ ...config, database }`, and
 * when the config is a connection string `pg` lets the string's database win, so the "shadow" work lands in the main
 * database; its dispose also drops the database before closing the pool (which then fails, the database being in
 * use), and that pool has no `error` handler. Here the shadow database is created on the same server, connected with
 * explicit fields, and dropped after its pool has ended.
 */
function adapterFactoryFor(
  serverUrl: string,
  log: (s: string) => void,
): { factory: SqlMigrationAwareDriverAdapterFactory; closeAll(): Promise<void> } {
  const u = new URL(serverUrl);
  const base: pg.PoolConfig = {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
    connectionTimeoutMillis: 10_000, // the default (0) waits forever
    max: 4,
  };
  const onPoolError = (err: Error) => log(`schema-diff: idle connection error: ${err.message}`);
  const adminQuery = async (sql: string) => {
    const c = new pg.Client(base);
    c.on("error", onPoolError);
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };

  // The engine does not dispose what it connects when it is freed: keep track, so no pool outlives the run
  // (and none is cut off by the server stopping, which `pg` reports as an error).
  const open = new Set<() => Promise<void>>();
  async function track(adapter: PrismaPgAdapter, after?: () => Promise<void>): Promise<SqlDriverAdapter> {
    readCharAsCharacter(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => readCharAsCharacter(await startTransaction(isolationLevel));
    // adapter-pg 7.10's executeScript splits the script on every ";" (inside function bodies, string literals and
    // comments too), so a migration with a PL/pgSQL function fails to replay. Send the script whole instead: the
    // simple-query protocol runs several statements, as the native engine does.
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (e) {
        (adapter as unknown as { onError(e: unknown): never }).onError(e); // maps it to a DriverAdapterError
      }
    };
    const dispose = adapter.dispose.bind(adapter);
    let done: Promise<void> | undefined;
    const once = () =>
      (done ??= (async () => {
        open.delete(once);
        await dispose();
        await after?.();
      })());
    adapter.dispose = once;
    open.add(once);
    return adapter;
  }

  const main = new PrismaPg(base, { onPoolError });
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => track(await main.connect()),
    async connectToShadowDb() {
      const database = `prisma_shadow_${randomSuffix()}`;
      await adminQuery(`CREATE DATABASE "${database}"`);
      const adapter = await new PrismaPg({ ...base, database }, { onPoolError }).connect();
      // the pool ends first, then the database goes (FORCE: in case the engine left a session open)
      return track(adapter, () => adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    },
  };
  return {
    factory,
    async closeAll() {
      await Promise.allSettled([...open].map((dispose) => dispose()));
    },
  };
}

function randomSuffix(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, "");
}

/** What `prisma migrate` writes to prisma/migrations/migration_lock.toml; the engine refuses to diff without it. */
export const MIGRATION_LOCK = `# Please do not edit this file manually
# It should be added in your version-control system (e.g., Git)
provider = "postgresql"
`;

/** The committed migrations in the shape the engine wants (it does not read the directory itself in Wasm). */
function migrationList(dir: string): MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    // the engine takes the connector from the lock file ("Could not determine the connector" without it)
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : MIGRATION_LOCK,
    },
    shadowDbInitScript: "",
    migrationDirectories: readMigrations(dir).map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
    })),
  };
}

/** The engine's script for an empty diff is a comment ("-- This is an empty migration."): treat it as "". */
function normalise(script: string | null): string {
  const s = (script ?? "").trim();
  const meaningful = s.split("\n").some((l) => l.trim() !== "" && !l.trim().startsWith("--"));
  return meaningful ? s + "\n" : "";
}

export interface DiffOptions {
  /** a PostgreSQL server the engine may create (and drop) a shadow database on; default SHADOW_DATABASE_URL,
   * else a throw-away embedded PostgreSQL */
  shadowServerUrl?: string;
  migrationsDir?: string;
  schemaPath?: string;
  log?: (s: string) => void;
}

/**
 * A run killed before its cleanup leaves `shadow-<pid>-<id>` in the cluster root behind (and maybe its postmaster running):
 * remove those whose process is gone.
 */
async function removeStaleShadowServers(log: (s: string) => void): Promise<void> {
  const dataRoot = clusterRoot();
  if (!existsSync(dataRoot)) return;
  for (const name of readdirSync(dataRoot)) {
    const pid = Number(/^shadow-(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const dir = path.join(dataRoot, name);
    log(`removing ${dir}, left by an earlier run`);
    await stopLeftoverPostmaster(dir, log);
    rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The SQL that takes "all committed migrations applied to an empty database" to prisma/schema.prisma;
 * "" when they agree (no drift).
 */
export async function diffMigrationsToSchema(opts: DiffOptions = {}): Promise<string> {
  const log = opts.log ?? (() => {});
  const migrationsDir = opts.migrationsDir ?? MIGRATIONS_DIR;
  const schemaPath = opts.schemaPath ?? SCHEMA_PATH;
  const schema = { path: schemaPath, content: readFileSync(schemaPath, "utf8") };

  let serverUrl = opts.shadowServerUrl ?? process.env.SHADOW_DATABASE_URL;
  let stopServer: (() => Promise<void>) | undefined;
  if (!serverUrl) {
    await removeStaleShadowServers(log);
    const dataDir = clusterDir(`shadow-${process.pid}-${randomSuffix().slice(0, 8)}`);
    const db = await startEmbeddedDb({ dataDir, throwAway: true, database: "postgres", log });
    serverUrl = db.url;
    stopServer = async () => {
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }

  const SchemaEngineClass = loadEngine();
  const { factory, closeAll } = adapterFactoryFor(serverUrl, log);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  try {
    const engine = await guardPanics(() =>
      SchemaEngineClass.new(
        { datamodels: [[schema.path, schema.content]] },
        (line: string) => log(`engine: ${line}`),
        adapter,
      ),
    ).catch((e: unknown) => {
      throw explainEngineError(e, adapter.errorRegistry);
    });
    try {
      const result = await guardPanics(() =>
        engine.diff({
          from: { tag: "migrations", ...migrationList(migrationsDir) },
          to: { tag: "schemaDatamodel", files: [schema] },
          script: true,
          exitCode: null,
          filters: { externalTables: [], externalEnums: [] },
        }),
      ).catch((e: unknown) => {
        throw explainEngineError(e, adapter.errorRegistry);
      });
      return normalise(result.stdout);
    } finally {
      try {
        engine.free();
      } catch {
        /* already unusable after a panic */
      }
    }
  } finally {
    await closeAll();
    await stopServer?.();
  }
}

/**
 * Errors thrown in our JS adapter code (not database errors, which the engine formats itself) reach the caller only
 * as "External error id#N": the original is kept in the adapter's error registry under that id.
 */
function explainEngineError(e: unknown, registry: ErrorRegistry): unknown {
  const message = e instanceof Error ? e.message : String(e);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (original === undefined) return e;
  const what = message.split("\n")[0];
  return new Error(`${what}: ${original instanceof Error ? original.message : String(original)}`, { cause: original });
}
