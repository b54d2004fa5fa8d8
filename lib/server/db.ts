import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, env } from "@/lib/env";
import { parseHostList, type HostList } from "@/lib/db-url";
import { logger } from "./logger";
import { DB_UNREACHABLE, isDatabaseUnavailable, pgErrorCode } from "./errors";

interface Replica {
  pool: pg.Pool;
  prisma: PrismaClient;
  /** after a failed check the standby is left alone until then (ms since the epoch): reads go to the primary */
  downUntil: number;
}
type Db = { pool: pg.Pool; prisma: PrismaClient; replica: Replica | null };
const g = globalThis as unknown as { __trackerDb?: Db };

/** Inside onStandbyAtLeast(): the standby's pool and client, which pool() and prisma then answer with. */
const route = new AsyncLocalStorage<{ pool: pg.Pool; prisma: PrismaClient }>();

/**
 * How long a request may queue for a free pool connection while the database is healthy. A burst of writers larger
 * than the pool (200 creates at once against 10 connections) queues for seconds: that is load, not an outage, and
 * must not be answered 503. While the database is unreachable the short DB_CONNECT_TIMEOUT_MS bound applies instead.
 */
const QUEUE_TIMEOUT_MS = 30_000;
/** pg-pool's own message when a waiter times out; isDatabaseUnavailable() maps it to 503 */
const ACQUIRE_TIMEOUT_MESSAGE = "timeout exceeded when trying to connect";
/** pg.Client's message when opening a connection outlasts connectionTimeoutMillis; also 503 (lib/server/errors.ts) */
const CONNECT_TIMEOUT_MESSAGE = "timeout expired";

/**
 * Hands out pool connections with two different bounds (pg-pool has one timeout for both):
 * - opening a connection to PostgreSQL: DB_CONNECT_TIMEOUT_MS (set on each pg.Client), so an unreachable server is
 *   noticed within seconds;
 * - waiting in the pool's queue: QUEUE_TIMEOUT_MS while the server answers; once a connection attempt has failed
 *   (server down, refusing, unreachable) every waiter is answered at once and new ones wait at most
 *   DB_CONNECT_TIMEOUT_MS, until a connection succeeds again. So an outage is a 503 within the connect timeout, a
 *   burst is served in turn, and the pool recovers by itself when the server is back.
 */
function guardAcquire(pool: pg.Pool, connectTimeoutMs: number) {
  const acquire = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  let down = false;
  const waiting = new Set<(err: Error) => void>();
  const markDown = (cause: unknown) => {
    if (down) return;
    down = true;
    // isDatabaseUnavailable() knows this code: the waiters are answered 503
    const err = Object.assign(new Error("the database is not reachable", { cause }), { code: DB_UNREACHABLE });
    for (const fail of [...waiting]) fail(err);
  };
  pool.on("connect", (client) => {
    down = false;
    // pg-pool removes its own error listener while a connection is checked out: a connection that dies then (the
    // server stops, the backend is terminated) would emit 'error' with no listener and crash the process. The query
    // in flight fails with that error anyway, and the pool discards the dead connection when it is released.
    client.on("error", (err) => {
      logger.warn({ err: { message: err.message } }, "database connection lost while in use");
    });
  });
  // an idle connection the server closed (restart, outage): the next requests should not queue long
  pool.on("error", (err) => {
    if (isDatabaseUnavailable(err)) markDown(err);
  });

  function connect(): Promise<pg.PoolClient> {
    return new Promise<pg.PoolClient>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        waiting.delete(fail);
        reject(err);
      };
      const timer = setTimeout(() => fail(new Error(ACQUIRE_TIMEOUT_MESSAGE)), down ? connectTimeoutMs : QUEUE_TIMEOUT_MS);
      waiting.add(fail);
      acquire().then(
        (client) => {
          if (settled) {
            // answered already (timed out, or the outage was noticed): give the connection back unused
            client.release();
            return;
          }
          settled = true;
          clearTimeout(timer);
          waiting.delete(fail);
          resolve(client);
        },
        (err: Error) => {
          // the failed attempt to open a connection is the outage signal (not a waiter's own queue timeout). A connect
          // that timed out (pg's "timeout expired") is a slow server, often just load: that request is answered 503,
          // the others keep their place in the queue rather than all failing at once.
          if (err?.message !== ACQUIRE_TIMEOUT_MESSAGE && err?.message !== CONNECT_TIMEOUT_MESSAGE && isDatabaseUnavailable(err)) markDown(err);
          fail(err);
        },
      );
    });
  }

  // pg-pool's own pool.query() calls this.connect(callback): keep both call styles
  (pool as unknown as { connect: unknown }).connect = (cb?: (err: Error | undefined, client?: pg.PoolClient, done?: () => void) => void) => {
    const p = connect();
    if (!cb) return p;
    p.then(
      (client) => cb(undefined, client, () => client.release()),
      (err: Error) => cb(err),
    );
    return undefined;
  };
}

export { parseHostList, type HostList } from "@/lib/db-url";

/**
 * Which host of a multi-host DATABASE_URL new connections go to: the one found last while it answers, else the first
 * in the list that accepts connections (and, with read-write, is not in recovery), probed all at once. During a
 * failover no host qualifies: connections fail (503) until the standby is promoted, then the next connection finds
 * it. The last host found stays chosen while it is read-write, so a restarted old primary cannot take connections
 * back (the runbook rebuilds it as a standby before it is started).
 */
function hostPicker(list: HostList, connectTimeoutMs: number) {
  let current: number | null = null;
  let probing: Promise<number> | null = null;
  let failedAt = 0;
  let failure: Error | null = null;
  const probe = async (i: number): Promise<boolean> => {
    const c = new pg.Client({ connectionString: list.urlFor(list.hosts[i]), connectionTimeoutMillis: connectTimeoutMs, application_name: "dgov-tracker-probe" });
    c.on("error", () => {});
    try {
      await c.connect();
      if (!list.readWrite) return true;
      const { rows } = await c.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r");
      return rows[0]?.r === false;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => {});
    }
  };
  const discover = async (): Promise<number> => {
    const ok = await Promise.all(list.hosts.map((_, i) => probe(i)));
    const i = ok.indexOf(true);
    if (i === -1) {
      const err = Object.assign(new Error(`no ${list.readWrite ? "read-write " : ""}database server among ${list.hosts.map((h) => `${h.host}:${h.port}`).join(", ")}`), { code: DB_UNREACHABLE });
      failure = err;
      failedAt = Date.now();
      throw err;
    }
    if (current !== i) logger.warn({ host: `${list.hosts[i].host}:${list.hosts[i].port}` }, "database server chosen");
    current = i;
    return i;
  };
  return {
    readWrite: list.readWrite,
    async pick(): Promise<number> {
      if (current !== null) return current;
      // a probe that just failed is not repeated by every request of the burst
      if (failure && Date.now() - failedAt < 250) throw failure;
      probing ??= discover().finally(() => (probing = null));
      return probing;
    },
    forget(i: number) {
      if (current === i) current = null;
    },
    host: (i: number) => list.hosts[i],
  };
}

function makePool(url: string, connectTimeoutMs: number, applicationName: string, max: number): pg.Pool {
  const e = env();
  const list = parseHostList(url);
  const picker = list ? hostPicker(list, connectTimeoutMs) : null;
  // every new connection gives up after DB_CONNECT_TIMEOUT_MS (the pool's own option below bounds queueing)
  class Client extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super({ ...(typeof config === "string" ? { connectionString: config } : config), connectionTimeoutMillis: connectTimeoutMs });
    }
  }
  if (picker) {
    // every connect (callback or promise style) goes through pg.Client's _connect: the host is chosen just before it
    const base = (pg.Client.prototype as unknown as { _connect: (this: pg.Client, cb: (err: Error | null, c?: pg.Client) => void) => void })._connect;
    (Client.prototype as unknown as { _connect: unknown })._connect = function (this: pg.Client, cb: (err: Error | null, c?: pg.Client) => void) {
      picker.pick().then(
        (i) => {
          const h = picker.host(i);
          this.host = h.host;
          this.port = h.port;
          const params = (this as unknown as { connectionParameters: { host: string; port: number } }).connectionParameters;
          params.host = h.host;
          params.port = h.port;
          base.call(this, (err) => {
            if (err) {
              picker.forget(i);
              cb(err);
              return;
            }
            if (!picker.readWrite) return cb(null, this);
            // on the next tick: pg marks the connection ready for queries only after this callback returns
            new Promise<void>((r) => process.nextTick(r)).then(() => this.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r")).then(
              ({ rows }) => {
                if (rows[0]?.r === false) return cb(null, this);
                // the server we knew as primary is a standby now (or again): find the new one
                picker.forget(i);
                void this.end().catch(() => {});
                cb(Object.assign(new Error("the database server is in recovery mode (a standby)"), { code: "57P03" }));
              },
              (qerr: Error) => {
                picker.forget(i);
                cb(qerr);
              },
            );
          });
        },
        (err: Error) => cb(err),
      );
    };
  }
  const pool = new pg.Pool({
    Client,
    connectionString: list ? list.urlFor(list.hosts[0]) : url,
    max,
    // a backstop: guardAcquire() answers sooner (DB_CONNECT_TIMEOUT_MS) when the database is down
    connectionTimeoutMillis: QUEUE_TIMEOUT_MS + 1_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: e.DB_STATEMENT_TIMEOUT_MS,
    query_timeout: e.DB_STATEMENT_TIMEOUT_MS + 2_000,
    application_name: applicationName,
  });
  // an idle connection dropped by the server (restart, outage) must never crash the process
  pool.on("error", (err) => logger.warn({ err: { message: err.message } }, "idle database connection lost"));
  guardAcquire(pool, connectTimeoutMs);
  return pool;
}

function create(): Db {
  const e = env();
  const pool = makePool(databaseUrl(), e.DB_CONNECT_TIMEOUT_MS, "dgov-tracker", e.DB_POOL_MAX);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const replicaUrl = process.env.DATABASE_REPLICA_URL?.trim();
  let replica: Replica | null = null;
  if (replicaUrl) {
    // a lost standby must cost a read little: its connections give up sooner than the primary's
    const rpool = makePool(replicaUrl, Math.min(e.DB_CONNECT_TIMEOUT_MS, 1_000), "dgov-tracker-replica", e.DB_POOL_MAX);
    replica = { pool: rpool, prisma: new PrismaClient({ adapter: new PrismaPg(rpool) }), downUntil: 0 };
  }
  return { pool, prisma, replica };
}

function db(): Db {
  g.__trackerDb ??= create();
  return g.__trackerDb;
}

/** The Prisma client (created on first use, one per process). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const target = route.getStore()?.prisma ?? db().prisma;
    const client = target as unknown as Record<string | symbol, unknown>;
    const v = client[prop];
    return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
  },
});

/** The pg pool under Prisma, for the roll-up SQL (the standby's inside onStandbyAtLeast()). */
export function pool(): pg.Pool {
  return route.getStore()?.pool ?? db().pool;
}

/** The primary's pool, whatever the context (reads that must see the last write, LSNs). */
export function primaryPool(): pg.Pool {
  return db().pool;
}

/** True when DATABASE_REPLICA_URL names a standby that reads may be routed to. */
export function hasReplica(): boolean {
  return db().replica !== null;
}

/**
 * Runs the read-only `fn` on the standby when it has replayed everything committed on the primary by now (one
 * pg_current_wal_lsn() on the primary, then onStandbyAtLeast), else on the primary. For lists and exports: the
 * primary's share is two tiny statements instead of the read itself.
 */
export async function onFreshStandby<T>(fn: () => Promise<T>): Promise<T> {
  if (!db().replica || route.getStore()) return fn();
  const { rows } = await db().pool.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
  return onStandbyAtLeast(rows[0]?.lsn, fn);
}

/** Where onStandbyAtLeast() sent its reads, since the process started (tests, logs). */
export const readRouting = { standby: 0, primary: 0 };

/** How long a standby that failed a check is left alone. */
const STANDBY_RETRY_MS = 5_000;

/**
 * Runs the read-only `fn` with pool() and prisma answering from the standby (DATABASE_REPLICA_URL), but only when the
 * standby has replayed the primary's WAL up to `lsn` — an LSN the caller read from the primary AFTER every write it
 * must see had committed (pg_current_wal_lsn(): every acknowledged commit's record lies before it). The check is one
 * statement on the standby, and every statement of `fn` starts after it, so each sees at least what the primary had
 * committed at `lsn`: a read after any committed write sees it. A standby that lags, is unreachable or is no longer
 * in recovery (promoted, diverged) is skipped: `fn` runs on the primary, never stale and never failed. Without a
 * replica, or without an LSN, `fn` simply runs on the primary.
 */
export async function onStandbyAtLeast<T>(lsn: string | null | undefined, fn: () => Promise<T>): Promise<T> {
  const r = db().replica;
  if (!r || !lsn || route.getStore() || Date.now() < r.downUntil) {
    readRouting.primary++;
    return fn();
  }
  let ready = false;
  try {
    const { rows } = await r.pool.query<{ ok: boolean | null }>(`SELECT pg_is_in_recovery() AND pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [lsn]);
    ready = rows[0]?.ok === true;
  } catch (err) {
    r.downUntil = Date.now() + STANDBY_RETRY_MS;
    logger.warn({ err: { message: (err as Error).message } }, "the standby cannot be read: reads go to the primary");
  }
  if (!ready) {
    readRouting.primary++;
    return fn();
  }
  try {
    const v = await route.run({ pool: r.pool, prisma: r.prisma }, fn);
    readRouting.standby++;
    return v;
  } catch (err) {
    // the standby went away while reading, or cancelled the read for a conflict with replay (40001): the primary answers
    if (!isDatabaseUnavailable(err) && pgErrorCode(err) !== "40001") throw err;
    r.downUntil = Date.now() + STANDBY_RETRY_MS;
    logger.warn({ err: { message: (err as Error).message } }, "the standby failed during a read: reads go to the primary");
    readRouting.primary++;
    return fn();
  }
}

/** Closes the pool (graceful shutdown, tests). */
export async function closeDb(): Promise<void> {
  const d = g.__trackerDb;
  g.__trackerDb = undefined;
  if (d) {
    await d.prisma.$disconnect().catch(() => {});
    await d.pool.end().catch(() => {});
    if (d.replica) {
      await d.replica.prisma.$disconnect().catch(() => {});
      await d.replica.pool.end().catch(() => {});
    }
  }
}
