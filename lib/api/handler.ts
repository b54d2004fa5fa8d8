import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { actorAndVersionFromToken, actorFromSession, actorFromToken, sessionClaimsOf } from "@/lib/server/auth";
import { readVersionEarly, type VersionRead } from "@/lib/server/dashboard-cache";
import { ForbiddenError, MethodNotAllowedError, NotFoundError, PayloadTooLargeError, UnauthenticatedError, ValidationError } from "@/lib/server/errors";
import type { Actor } from "@/lib/auth/permissions";
import { errorResponse } from "./respond";
import { nulIssues } from "@/lib/validation/common";
import { acceptableRequestId, withRequest } from "@/lib/server/request-context";
import { logger } from "@/lib/server/logger";
import { clientAddress } from "@/lib/transport";

export const JSON_LIMIT_BYTES = 1024 * 1024;

export interface Ctx<P> {
  req: NextRequest;
  params: P;
  requestId: string;
  query: URLSearchParams;
  /** the bearer token, when the caller used one */
  token: string | null;
  /** the parsed JSON body (1 MiB at most); malformed JSON is a 400 */
  body(): Promise<unknown>;
  /** the raw body as text, with a byte limit */
  text(limitBytes: number, limitLabel: string): Promise<string>;
  /** the raw body as bytes, with a byte limit (uploads whose encoding the core decides: CSV, .xlsx) */
  bytes(limitBytes: number, limitLabel: string): Promise<Buffer>;
}

export interface AuthedCtx<P> extends Ctx<P> {
  actor: Actor;
}

type RouteCtx = { params: Promise<Record<string, string | string[]>> };

function bearer(req: NextRequest): string | null {
  const h = req.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1].trim() : "";
}

async function readLimitedBytes(req: NextRequest, limit: number, label: string): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(label);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(label);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function readLimited(req: NextRequest, limit: number, label: string): Promise<string> {
  return new TextDecoder("utf-8").decode(await readLimitedBytes(req, limit, label));
}

function makeCtx<P>(req: NextRequest, params: P, requestId: string, token: string | null): Ctx<P> {
  let cached: Promise<string> | undefined;
  const text = (limit: number, label: string) => (cached ??= readLimited(req, limit, label));
  return {
    req,
    params,
    requestId,
    token,
    query: req.nextUrl.searchParams,
    text,
    bytes: (limit: number, label: string) => readLimitedBytes(req, limit, label),
    async body() {
      const raw = await text(JSON_LIMIT_BYTES, "1 MiB");
      if (!raw.trim()) return {};
      try {
        return JSON.parse(raw);
      } catch {
        throw new ValidationError([{ path: "(body)", message: "the body is not valid JSON", code: "malformed_json" }], "Malformed JSON");
      }
    },
  };
}

/** Resolves the caller: a bearer token for API clients, else the browser session (re-checked in the database). */
async function resolveActor(req: NextRequest, token: string | null): Promise<Actor> {
  if (token !== null) {
    if (!token) throw new UnauthenticatedError();
    return actorFromToken(token);
  }
  const claims = sessionClaimsOf(await getServerSession(authOptions));
  if (!claims) throw new UnauthenticatedError();
  const actor = await actorFromSession(claims);
  if (!actor) throw new UnauthenticatedError("Your session has ended; sign in again");
  // a cookie-authenticated write must come from our own pages
  if (!["GET", "HEAD", "OPTIONS"].includes(req.method)) {
    const origin = req.headers.get("origin");
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    if (origin !== null && host && originHost(origin) !== host) throw new ForbiddenError("Cross-site request refused");
  }
  return actor;
}

/** The host of an Origin header; null for `Origin: null` (sandboxed frames, file: pages, some redirects) or garbage. */
function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** A NUL character in a query parameter (name or value) is refused up front: PostgreSQL cannot take it in text. */
function checkQuery(query: URLSearchParams): void {
  const details = nulIssues(Object.fromEntries([...query.keys()].map((k) => [k, query.getAll(k)])));
  // one value per name is the usual case: name the parameter, not "name.0"
  if (details.length) throw new ValidationError(details.map((d) => ({ ...d, path: d.path.replace(/\.\d+$/, "") })));
}

function withRequestId(res: Response, requestId: string): Response {
  if (!res.headers.has("x-request-id")) res.headers.set("x-request-id", requestId);
  return res;
}

/** A request id from upstream is kept only when it looks like one (no header injection into logs). */
function requestIdOf(req: NextRequest): string {
  return acceptableRequestId(req.headers.get("x-request-id")) ?? randomUUID();
}

/** Runs a handler inside its request context and writes one access line (method, path — never the query or body). */
async function serve(req: NextRequest, requestId: string, fn: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  return withRequest({ requestId }, async () => {
    const res = await fn();
    logger.info({ method: req.method, path: req.nextUrl.pathname, status: res.status, ms: Math.round(performance.now() - started) }, "api request");
    return res;
  });
}

/** An API route for signed-in callers: resolves the actor, then maps any error to the API's error format. */
export function authed<P extends Record<string, string> = Record<string, string>>(fn: (ctx: AuthedCtx<P>) => Promise<Response>) {
  return async (req: NextRequest, route: RouteCtx): Promise<Response> => {
    const requestId = requestIdOf(req);
    return serve(req, requestId, async () => {
      try {
        const params = (await route.params) as P;
        const token = bearer(req);
        const actor = await resolveActor(req, token);
        checkQuery(req.nextUrl.searchParams);
        return withRequestId(await fn({ ...makeCtx(req, params, requestId, token), actor }), requestId);
      } catch (err) {
        return errorResponse(err, requestId);
      }
    });
  };
}

/**
 * authed, with `early()` started as the request arrives, concurrently with the sign-in lookup, and handed to the
 * handler as `early` (a dashboard's data-version read: independent of who asks). `early()` must never reject.
 */
export function authedWith<T, P extends Record<string, string> = Record<string, string>>(
  early: () => Promise<T>,
  fn: (ctx: AuthedCtx<P> & { early: Promise<T> }) => Promise<Response>,
) {
  return async (req: NextRequest, route: RouteCtx): Promise<Response> => {
    const requestId = requestIdOf(req);
    return serve(req, requestId, async () => {
      try {
        const started = early();
        const params = (await route.params) as P;
        const token = bearer(req);
        const actor = await resolveActor(req, token);
        checkQuery(req.nextUrl.searchParams);
        return withRequestId(await fn({ ...makeCtx(req, params, requestId, token), actor, early: started }), requestId);
      } catch (err) {
        return errorResponse(err, requestId);
      }
    });
  };
}

/**
 * authedWith(readVersionEarly, …) in one round trip for a bearer token: the dashboards' data version is read in the
 * token lookup's own statement (lib/server/auth.ts actorAndVersionFromToken), so a cached dashboard costs that one
 * primary-key read. A browser session reads the version beside its lookup, as authedWith does.
 */
export function authedWithVersion<P extends Record<string, string> = Record<string, string>>(
  fn: (ctx: AuthedCtx<P> & { early: Promise<VersionRead> }) => Promise<Response>,
) {
  return async (req: NextRequest, route: RouteCtx): Promise<Response> => {
    const requestId = requestIdOf(req);
    return serve(req, requestId, async () => {
      try {
        const token = bearer(req);
        if (token) {
          const [params, r] = await Promise.all([route.params, actorAndVersionFromToken(token)]);
          checkQuery(req.nextUrl.searchParams);
          return withRequestId(await fn({ ...makeCtx(req, params as P, requestId, token), actor: r.actor, early: Promise.resolve(r.version) }), requestId);
        }
        const early = readVersionEarly();
        const params = (await route.params) as P;
        const actor = await resolveActor(req, token);
        checkQuery(req.nextUrl.searchParams);
        return withRequestId(await fn({ ...makeCtx(req, params, requestId, token), actor, early }), requestId);
      } catch (err) {
        return errorResponse(err, requestId);
      }
    });
  };
}

/** An API route open to anyone (health, sign-in). */
export function open<P extends Record<string, string> = Record<string, string>>(fn: (ctx: Ctx<P>) => Promise<Response>) {
  return async (req: NextRequest, route: RouteCtx): Promise<Response> => {
    const requestId = requestIdOf(req);
    return serve(req, requestId, async () => {
      try {
        const params = (await route.params) as P;
        checkQuery(req.nextUrl.searchParams);
        return withRequestId(await fn(makeCtx(req, params, requestId, bearer(req))), requestId);
      } catch (err) {
        return errorResponse(err, requestId);
      }
    });
  };
}

/** The client address, for the per-address sign-in limit: `X-Forwarded-For` counts only from TRUSTED_PROXIES. */
export function clientIp(req: NextRequest): string | null {
  return clientAddress(req.headers) ?? null;
}

/** The methods a route file answers itself; Next answers HEAD (from GET) and OPTIONS on its own. */
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];
type RouteHandler = (req: NextRequest, route: RouteCtx) => Promise<Response>;

/** Marks the handlers that only refuse, so a test can tell them from real ones. */
export const REFUSES = Symbol.for("dgov.refuses");

/**
 * The other methods of a route file, answering 405 `method_not_allowed` in the API's error format with an `Allow`
 * header (Next's own 405 has no body). Every route file ends with
 *   export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
 * and TypeScript refuses a name that the file also exports (a duplicate) or one it listed as allowed.
 */
export function otherMethods<const A extends readonly RouteMethod[]>(...allowed: A): Record<Exclude<RouteMethod, A[number]>, RouteHandler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
  const refuse: RouteHandler = async (req) => {
    const requestId = requestIdOf(req);
    return serve(req, requestId, async () => {
      const res = errorResponse(new MethodNotAllowedError(req.method, allow), requestId);
      res.headers.set("allow", allow.join(", "));
      return res;
    });
  };
  Object.defineProperty(refuse, REFUSES, { value: true });
  const out: Partial<Record<RouteMethod, RouteHandler>> = {};
  for (const m of ROUTE_METHODS) if (!allowed.includes(m)) out[m] = refuse;
  return out as Record<Exclude<RouteMethod, A[number]>, RouteHandler>;
}

/** Every method of the catch-all route `app/api/v1/[...path]`: an unknown API path is a JSON 404. */
export function unknownPath(): Record<RouteMethod | "OPTIONS", RouteHandler> {
  const handler: RouteHandler = async (req) => {
    const requestId = requestIdOf(req);
    return serve(req, requestId, async () => errorResponse(new NotFoundError("API endpoint"), requestId));
  };
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}
