import "server-only";
import { AppError, expectedDatabaseError, isDatabaseUnavailable, RateLimitedError, UnavailableError } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";

export const NO_STORE = { "cache-control": "no-store" } as const;

/** A JSON answer that is never cached. */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE, ...headers },
  });
}

/** A JSON answer from text that is JSON already (a cached dashboard): sent as it is, never re-serialised. */
export function jsonText(text: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE, ...headers },
  });
}

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers: { ...NO_STORE, ...headers } });
}

/**
 * The one mapping from errors to the API's error answers. Expected errors keep their message; a database outage is
 * 503 `unavailable`; anything else is logged with the request id and answered with a generic message (no stack, no SQL).
 */
export function errorResponse(err: unknown, requestId: string): Response {
  const headers: Record<string, string> = { "x-request-id": requestId };
  let e: AppError;
  const expected = err instanceof AppError ? err : expectedDatabaseError(err);
  if (expected) e = expected;
  else if (isDatabaseUnavailable(err)) {
    logger.warn({ requestId, err: { message: (err as Error)?.message } }, "database unavailable");
    e = new UnavailableError();
    headers["retry-after"] = "5";
  } else {
    logger.error({ requestId, err }, "unexpected error");
    return json({ error: { code: "internal_error", message: "Something went wrong on our side", requestId } }, 500, headers);
  }
  if (e instanceof RateLimitedError) headers["retry-after"] = String(e.retryAfterSeconds);
  const body: Record<string, unknown> = { code: e.code, message: e.message, requestId };
  // every detail carries a machine code (spec/api.md); one built without is a plain "not valid"
  if (e.details) body.details = e.details.map((d) => (d.code ? d : { ...d, code: "invalid" }));
  if (e.extra) Object.assign(body, e.extra);
  return json({ error: body }, e.status, headers);
}
