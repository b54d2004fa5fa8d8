import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, env } from "@/lib/env";
import { logger } from "./logger";
import { DB_UNREACHABLE, isDatabaseUnavailable } from "./errors";

type Db = { pool: pg.Pool; prisma: PrismaClient };
const g = globalThis as unknown as { __trackerDb?: Db };

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

function create(): Db {
  const e = env();
  const connectTimeoutMs = e.DB_CONNECT_TIMEOUT_MS;
  // every new connection gives up after DB_CONNECT_TIMEOUT_MS (the pool's own option below bounds queueing)
  class Client extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super({ ...(typeof config === "string" ? { connectionString: config } : config), connectionTimeoutMillis: connectTimeoutMs });
    }
  }
  const pool = new pg.Pool({
    Client,
    connectionString: databaseUrl(),
    max: e.DB_POOL_MAX,
    // a backstop: guardAcquire() answers sooner (DB_CONNECT_TIMEOUT_MS) when the database is down
    connectionTimeoutMillis: QUEUE_TIMEOUT_MS + 1_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: e.DB_STATEMENT_TIMEOUT_MS,
    query_timeout: e.DB_STATEMENT_TIMEOUT_MS + 2_000,
    application_name: "dgov-tracker",
  });
  // an idle connection dropped by the server (restart, outage) must never crash the process
  pool.on("error", (err) => logger.warn({ err: { message: err.message } }, "idle database connection lost"));
  guardAcquire(pool, connectTimeoutMs);
  const adapter = new PrismaPg(pool);
  const prisma = new PrismaClient({ adapter });
  return { pool, prisma };
}

function db(): Db {
  g.__trackerDb ??= create();
  return g.__trackerDb;
}

/** The Prisma client (created on first use, one per process). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = db().prisma as unknown as Record<string | symbol, unknown>;
    const v = client[prop];
    return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(db().prisma) : v;
  },
});

/** The pg pool under Prisma, for the roll-up SQL. */
export function pool(): pg.Pool {
  return db().pool;
}

/** Closes the pool (graceful shutdown, tests). */
export async function closeDb(): Promise<void> {
  const d = g.__trackerDb;
  g.__trackerDb = undefined;
  if (d) {
    await d.prisma.$disconnect().catch(() => {});
    await d.pool.end().catch(() => {});
  }
}
