import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { actorFromSession, actorFromToken, sessionClaimsOf } from "@/lib/server/auth";
import { ForbiddenError, PayloadTooLargeError, UnauthenticatedError, ValidationError } from "@/lib/server/errors";
import type { Actor } from "@/lib/auth/permissions";
import { errorResponse } from "./respond";
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

async function readLimited(req: NextRequest, limit: number, label: string): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(label);
  if (!req.body) return "";
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
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
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
    async body() {
      const raw = await text(JSON_LIMIT_BYTES, "1 MiB");
      if (!raw.trim()) return {};
      try {
        return JSON.parse(raw);
      } catch {
        throw new ValidationError([{ path: "(body)", message: "the body is not valid JSON" }], "Malformed JSON");
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
    if (origin && host && new URL(origin).host !== host) throw new ForbiddenError("Cross-site request refused");
  }
  return actor;
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
        return withRequestId(await fn({ ...makeCtx(req, params, requestId, token), actor }), requestId);
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
