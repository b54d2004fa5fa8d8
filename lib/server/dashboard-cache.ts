import "server-only";
import { hasReplica, onStandbyAtLeast, primaryPool } from "./db";

/*
 * An exact cache for computed dashboards. The database keeps one data version (data_versions, migration
 * *_data_version_triggers): deferred constraint triggers on every table a dashboard reads bump it once per writing
 * transaction, at its commit, in the same transaction as the write. A request reads the version FIRST (one
 * primary-key read), then either serves the answer computed at that same version or computes anew:
 * - an answer stored under version v was computed from data at least as new as v (the version was read before any
 *   of its statements), and it is served only while the current version is still v, i.e. no write committed since;
 * - a write and its bump become visible together (one transaction), so a read that starts after a write committed
 *   reads the new version and can never be given an answer from before it.
 * So a served figure is never older than the last commit, across any number of app instances (the version lives in
 * the database). The version is global, not per period or organisation: any write to those tables invalidates every
 * cached dashboard. That costs hit rate while writes are frequent, never exactness.
 *
 * With a standby (DATABASE_REPLICA_URL) the version is still read on the primary, together with the primary's WAL
 * position; a miss is computed on the standby only once it has replayed up to that position (onStandbyAtLeast in
 * ./db.ts), else on the primary. Either way the answer is computed from data at least as new as the version read, so
 * the argument above holds unchanged on the standby.
 */

const MAX_ENTRIES = 500;

interface Entry {
  version: string;
  value: Promise<unknown>;
}

const g = globalThis as unknown as { __dashboardCache?: Map<string, Entry> };
const entries = (g.__dashboardCache ??= new Map());

/** The current data version (a decimal string: bigint). */
export async function dataVersion(): Promise<string> {
  return (await versionAndLsn()).version;
}

/** The data version and, with a standby configured, the primary's WAL position read in the same statement. */
async function versionAndLsn(): Promise<{ version: string; lsn: string | null }> {
  const sql = hasReplica()
    ? `SELECT version::text AS v, pg_current_wal_lsn()::text AS lsn FROM data_versions WHERE id = 1`
    : `SELECT version::text AS v, NULL::text AS lsn FROM data_versions WHERE id = 1`;
  const { rows } = await primaryPool().query<{ v: string; lsn: string | null }>(sql);
  // a database without the row (never, after the migration) is never cached
  return { version: rows[0]?.v ?? "", lsn: rows[0]?.lsn ?? null };
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * `compute()`'s answer for `key`, computed once per data version; concurrent requests for the same key and version
 * share one computation. The answer is frozen: callers share it and must not change it. A failure is never cached.
 */
export async function cachedByVersion<T>(key: string, computeHere: () => Promise<T>): Promise<T> {
  const { version, lsn } = await versionAndLsn();
  const compute = () => onStandbyAtLeast(lsn, computeHere);
  if (!version) return compute();
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    // most recently used last: Map keeps insertion order, so the first key is the one to evict
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  // a slow request that read an older version computes for itself, and leaves a newer entry in place
  if (hit && BigInt(hit.version) > BigInt(version)) return compute();
  const value = compute().then(deepFreeze);
  const entry: Entry = { version, value };
  entries.delete(key);
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}

/** Empties the cache (tests). */
export function clearDashboardCache(): void {
  entries.clear();
}
