import "server-only";
import { prisma } from "./db";
import { expectedDatabaseError, isRetryable } from "./errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export type Tx = Prisma.TransactionClient;

/**
 * Runs `fn` in one transaction. Serializable sections (rules that span rows) are retried on
 * serialisation failures and deadlocks, a few times with jitter.
 */
export async function transaction<T>(
  fn: (tx: Tx) => Promise<T>,
  opts: {
    serializable?: boolean;
    /** 1 for work that cannot be repeated (it reads a request body as it goes) */
    attempts?: number;
    /** how long the transaction may stay open; 60 s unless told */
    timeoutMs?: number;
  } = {},
): Promise<T> {
  const attempts = opts.attempts ?? (opts.serializable ? 5 : 3);
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(fn, {
        isolationLevel: opts.serializable ? "Serializable" : "ReadCommitted",
        // waiting for a pool connection is bounded by lib/server/db.ts (a 503 within DB_CONNECT_TIMEOUT_MS when the
        // database is down, in turn under load): 5 s here turned a burst of 200 writers into P2028 errors (answered 500)
        maxWait: 35_000,
        timeout: opts.timeoutMs ?? 60_000,
      });
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw expectedDatabaseError(err) ?? err;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 40));
    }
  }
}
