import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, env } from "@/lib/env";
import { logger } from "./logger";

type Db = { pool: pg.Pool; prisma: PrismaClient };
const g = globalThis as unknown as { __trackerDb?: Db };

function create(): Db {
  const e = env();
  const pool = new pg.Pool({
    connectionString: databaseUrl(),
    max: e.DB_POOL_MAX,
    // the default 0 waits forever: an outage must answer 503 within seconds
    connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: e.DB_STATEMENT_TIMEOUT_MS,
    query_timeout: e.DB_STATEMENT_TIMEOUT_MS + 2_000,
    application_name: "dgov-tracker",
  });
  // an idle connection dropped by the server (restart, outage) must never crash the process
  pool.on("error", (err) => logger.warn({ err: { message: err.message } }, "idle database connection lost"));
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
