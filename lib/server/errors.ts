/**
 * The server side of the errors: which database failures mean "unavailable" (503), unique violations, retryable
 * transactions and the schema's own guards. AppError and the codes live in lib/errors.ts (shared); re-exported here so
 * the core keeps one import.
 */
import "server-only";
import { AppError, InvalidTransitionError } from "@/lib/errors";

export * from "@/lib/errors";

/** The code lib/server/db.ts gives requests it answers at once because a connection attempt just failed. */
export const DB_UNREACHABLE = "DB_UNREACHABLE";

const UNAVAILABLE_CODES = new Set([DB_UNREACHABLE, "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03", "53300"]);
// "timeout expired": pg's own error when opening a connection outlasts connectionTimeoutMillis (a loaded or stalled server)
const UNAVAILABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|connection timeout|\btimeout expired\b|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Can't reach database|DatabaseNotReachable|Client has encountered a connection error|Connection is closed|Server has closed the connection|too many clients/i;

/**
 * Prisma's own codes for "no usable connection": P1001 can't reach the server, P1002 it timed out, P1008 an operation
 * timed out, P1017 the server closed the connection (what a restart or pg_terminate_backend looks like through
 * @prisma/adapter-pg: the driver error is only in `meta.driverAdapterError`, not in the `cause` chain).
 */
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017"]);

/** True when an unexpected error means "the database cannot be reached" (answer 503, keep running). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 8 && !seen.has(cur); depth++) {
    seen.add(cur);
    const e = cur as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof e.code === "string" && PRISMA_UNAVAILABLE.has(e.code)) return true;
    const dae = e.meta?.driverAdapterError as { cause?: unknown } | undefined;
    if (dae && dae !== cur && isDatabaseUnavailable(dae.cause ?? dae)) return true;
    if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.originalCode === "string" && UNAVAILABLE_CODES.has(e.originalCode)) return true;
    if (e.kind === "DatabaseNotReachable" || e.kind === "ConnectionClosed" || e.kind === "SocketTimeout") return true;
    if (typeof e.message === "string" && UNAVAILABLE_TEXT.test(e.message)) return true;
    // Prisma could not get a connection for a transaction in time (P2028 "Unable to start a transaction")
    if (e.code === "P2028" && typeof e.message === "string" && /unable to start a transaction/i.test(e.message)) return true;
    if (Array.isArray((cur as { errors?: unknown[] }).errors)) {
      if ((cur as { errors: unknown[] }).errors.some((x) => isDatabaseUnavailable(x))) return true;
    }
    cur = e.cause;
  }
  return false;
}

/** The PostgreSQL SQLSTATE of a database error, looking through Prisma's wrappers. */
export function pgErrorCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 8; depth++) {
    const e = cur as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
    if (typeof e.originalCode === "string" && /^[0-9A-Z]{5}$/.test(e.originalCode)) return e.originalCode;
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && !e.code.startsWith("P")) return e.code;
    const dae = e.meta?.driverAdapterError?.cause?.originalCode;
    if (dae) return dae;
    cur = e.cause;
  }
  return undefined;
}

/** True for a unique-key violation (Prisma P2002 or SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === "P2002" || pgErrorCode(err) === "23505";
}

/** True for a serialisation failure or deadlock: the transaction may be retried. */
export function isRetryable(err: unknown): boolean {
  const c = pgErrorCode(err);
  return c === "40001" || c === "40P01" || (err as { code?: string })?.code === "P2034";
}

/**
 * The SQLSTATE of the database guard on archived initiatives (prisma/migrations/*_archived_initiative_guard): any
 * change to an archived initiative or its links other than restoring it. A state conflict, like editing an archived
 * initiative through PATCH, so the same 409 invalid_transition (not 400: the request itself is well-formed).
 */
export const ARCHIVED_GUARD_SQLSTATE = "IA001";

/** The AppError a database error stands for, when it is one the schema raises on purpose; else null. */
export function expectedDatabaseError(err: unknown): AppError | null {
  if (pgErrorCode(err) === ARCHIVED_GUARD_SQLSTATE)
    return new InvalidTransitionError("This initiative is archived; restore it before changing it");
  return null;
}
