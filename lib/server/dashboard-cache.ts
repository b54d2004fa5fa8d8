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
  /** the answer as JSON text, made once on the first read that wants it (the API sends it as it is) */
  json?: Promise<string>;
}

const g = globalThis as unknown as { __dashboardCache?: Map<string, Entry>; __listCountCache?: Map<string, Entry> };
const entries: Map<string, Entry> = (g.__dashboardCache ??= new Map());
/**
 * The initiatives list's match counts (lib/server/initiatives.ts), apart from the dashboards so that many distinct
 * search terms never evict a dashboard. Same version gate; the version also moves on every update that changes what
 * a list filter matches (migration *_list_count_version).
 */
const countEntries: Map<string, Entry> = (g.__listCountCache ??= new Map());
const MAX_COUNT_ENTRIES = 2_000;

/** The current data version (a decimal string: bigint). */
export async function dataVersion(): Promise<string> {
  return (await versionAndLsn()).version;
}

/** The data version and, with a standby configured, the primary's WAL position read in the same statement. */
export interface VersionRead {
  version: string;
  lsn: string | null;
}

async function versionAndLsn(): Promise<VersionRead> {
  const { rows } = await primaryPool().query<VersionColumns>(`SELECT ${versionColumnsSql()}`);
  return versionReadOf(rows[0]);
}

/** The columns of a version read (dv_version, dv_lsn), for a statement on the primary that reads it alongside. */
export interface VersionColumns {
  dv_version: string | null;
  dv_lsn: string | null;
}

/**
 * The select list of a version read, to put into another statement run on the primary at the start of a request
 * (the sign-in lookup of a bearer token: lib/server/auth.ts actorAndVersionFromToken), so a cache hit costs one round
 * trip. Read within that one statement's snapshot, as early as readVersionEarly would read it.
 */
export function versionColumnsSql(): string {
  const v = `(SELECT version::text FROM data_versions WHERE id = 1) AS dv_version`;
  return hasReplica() ? `${v}, pg_current_wal_lsn()::text AS dv_lsn` : `${v}, NULL::text AS dv_lsn`;
}

export function versionReadOf(row: VersionColumns | undefined): VersionRead {
  // a database without the row (never, after the migration) is never cached
  return { version: row?.dv_version ?? "", lsn: row?.dv_lsn ?? null };
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
 * `version`: the data version read at the start of the request (see readVersionEarly), else read here.
 */
export async function cachedByVersion<T>(key: string, computeHere: () => Promise<T>, version?: Promise<VersionRead>): Promise<T> {
  const read = await (version ?? versionAndLsn());
  const compute = () => onStandbyAtLeast(read.lsn, computeHere);
  const entry = entryFor(entries, MAX_ENTRIES, key, compute, read.version);
  return (entry ? entry.value : compute()) as Promise<T>;
}

/**
 * A list's match count for `key` (its filters) at the data version `read` (read, with the primary's WAL position,
 * before any statement of the list ran: see listInitiatives), computed once per version: a deep page by cursor costs
 * its page, not a count of up to 10,001 rows again. Exact by the same argument as cachedByVersion.
 */
export async function cachedCountByVersion<T>(key: string, compute: () => Promise<T>, read: VersionRead): Promise<T> {
  const entry = entryFor(countEntries, MAX_COUNT_ENTRIES, key, () => onStandbyAtLeast(read.lsn, compute), read.version);
  return (entry ? entry.value : onStandbyAtLeast(read.lsn, compute)) as Promise<T>;
}

/**
 * cachedByVersion's answer as JSON text: serialised once per entry and then sent as it is, so a hit costs no
 * JSON.stringify of the whole dashboard.
 */
export async function cachedJsonByVersion<T>(key: string, computeHere: () => Promise<T>, version?: Promise<VersionRead>): Promise<string> {
  const read = await (version ?? versionAndLsn());
  const compute = () => onStandbyAtLeast(read.lsn, computeHere);
  const entry = entryFor(entries, MAX_ENTRIES, key, compute, read.version);
  if (!entry) return JSON.stringify(await compute());
  return (entry.json ??= entry.value.then((v) => JSON.stringify(v)));
}

/**
 * The data version for a request (with the primary's WAL position when a standby is configured), read as soon as
 * the request arrives (concurrently with the sign-in lookup, which does not depend on it). Exact: an answer is served
 * only while this version is current, and a write that commits after this read belongs to a request that ended after
 * this one began. Never rejects: a failed read answers version "" (not cached: the dashboard is computed, and its own
 * statements report the outage) and no position (computed on the primary).
 */
export function readVersionEarly(): Promise<VersionRead> {
  return versionAndLsn().catch(() => ({ version: "", lsn: null }));
}

/** The entry to answer from for `key` at `version` (created, and its computation started, when missing); null: do not cache. */
function entryFor(entries: Map<string, Entry>, maxEntries: number, key: string, compute: () => Promise<unknown>, version: string): Entry | null {
  if (!version) return null;
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    // most recently used last: Map keeps insertion order, so the first key is the one to evict
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  // a slow request that read an older version computes for itself, and leaves a newer entry in place
  if (hit && BigInt(hit.version) > BigInt(version)) return null;
  const value = compute().then(deepFreeze);
  const entry: Entry = { version, value };
  entries.delete(key);
  entries.set(key, entry);
  while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return entry;
}

/** Empties the cache (tests). */
export function clearDashboardCache(): void {
  entries.clear();
  countEntries.clear();
}
