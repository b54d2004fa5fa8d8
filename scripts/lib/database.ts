/**
 * The database for scripts: DATABASE_URL when set, else the embedded PostgreSQL (its demo cluster, see
 * scripts/lib/embedded-db.ts for where it lives).
 */
import { demoClusterDir, startEmbeddedDb, type EmbeddedDb } from "./embedded-db";

export interface DatabaseHandle {
  url: string;
  embedded: EmbeddedDb | null;
  stop(): Promise<void>;
}

export async function openDatabase(opts: { dataDir?: string; port?: number; throwAway?: boolean; database?: string } = {}): Promise<DatabaseHandle> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, embedded: null, stop: async () => {} };
  const embedded = await startEmbeddedDb({
    dataDir: opts.dataDir ?? demoClusterDir(),
    port: opts.port ?? (process.env.PG_PORT ? Number(process.env.PG_PORT) : 54329),
    throwAway: opts.throwAway,
    database: opts.database,
  });
  return { url: embedded.url, embedded, stop: () => embedded.stop() };
}
