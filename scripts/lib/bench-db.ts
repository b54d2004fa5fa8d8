/**
 * Where the benchmark data lives: BENCH_DATABASE_URL's server when set, else an embedded PostgreSQL under
 * the cluster `bench-postgres` (never the development database). Each data size is a database of its own on that server,
 * `bench_<initiatives>` (bench_1000000...), so the sizes of a scaling run sit side by side.
 */
import pg from "pg";
import { startEmbeddedDb, freePort, type EmbeddedDb } from "./embedded-db";

export interface BenchServer {
  /** a URL to the server's maintenance database (postgres) */
  serverUrl: string;
  embedded: EmbeddedDb | null;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export const benchDatabaseName = (initiatives: number) => `bench_${Math.trunc(initiatives)}`;

/** Server settings for the benchmark (superuser only; the embedded server is ours). Reported in BENCHMARKS.md. */
export const BENCH_SETTINGS: Record<string, string> = {
  work_mem: "32MB",
  maintenance_work_mem: "256MB",
  effective_cache_size: "4GB",
  max_wal_size: "4GB",
  random_page_cost: "1.1",
};

export async function openBenchServer(log: (s: string) => void = () => {}): Promise<BenchServer> {
  const given = process.env.BENCH_DATABASE_URL;
  let embedded: EmbeddedDb | null = null;
  let serverUrl: string;
  if (given) {
    const u = new URL(given);
    u.pathname = "/postgres";
    serverUrl = u.toString();
  } else {
    embedded = await startEmbeddedDb({
      dataDir: "bench-postgres",
      port: process.env.BENCH_PG_PORT ? Number(process.env.BENCH_PG_PORT) : await freePort(),
      database: "postgres",
      log: (l) => log(`[postgres] ${l}`),
    });
    serverUrl = embedded.url;
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      for (const [k, v] of Object.entries(BENCH_SETTINGS)) await c.query(`ALTER SYSTEM SET ${k} = '${v}'`);
      await c.query("SELECT pg_reload_conf()");
    } finally {
      await c.end();
    }
  }
  return {
    serverUrl,
    embedded,
    urlFor(database: string) {
      const u = new URL(serverUrl);
      u.pathname = `/${database}`;
      return u.toString();
    },
    stop: async () => {
      if (embedded) await embedded.stop();
    },
  };
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}
