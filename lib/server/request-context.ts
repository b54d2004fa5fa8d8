import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";
// the header that carries the peer address to proxy.ts and the handlers: always overwritten from the socket
import { PEER_HEADER } from "@/lib/transport";

/**
 * What every log line and audit entry of one request carries: its id (also sent back as X-Request-Id and in error
 * answers), and the address of the peer that opened the connection (for TRUSTED_PROXIES decisions).
 */
export interface RequestContext {
  requestId: string;
  /** the socket's remote address (a proxy's, when one is in front) */
  peer?: string;
}

// One store and one counter per process, shared by every bundle that includes this module (instrumentation, route
// handlers, pages and server actions are bundled separately; a module-level instance would differ between them).
const shared = globalThis as typeof globalThis & {
  __dgovRequestContext?: AsyncLocalStorage<RequestContext>;
  __dgovInFlight?: { count: number; installed: boolean };
};
export const requestContext: AsyncLocalStorage<RequestContext> = (shared.__dgovRequestContext ??= new AsyncLocalStorage<RequestContext>());
const inFlight = (shared.__dgovInFlight ??= { count: 0, installed: false });


/** A request id from upstream is kept only when it looks like one (no header injection into logs). */
export function acceptableRequestId(given: string | null | undefined): string | undefined {
  return given && /^[A-Za-z0-9._:-]{8,64}$/.test(given) ? given : undefined;
}

/** Runs `fn` inside a request context (the outer one's peer is kept), counted as in flight until it settles. */
export async function withRequest<T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
  inFlight.count++;
  try {
    return await requestContext.run({ ...requestContext.getStore(), ...ctx }, fn);
  } finally {
    inFlight.count--;
  }
}

/** How many requests are being answered right now (pages, server actions and API calls). */
export function requestsInFlight(): number {
  return inFlight.count;
}

/** The current request's id, when running inside one. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** Waits until no request is in flight, at most `timeoutMs`; true when none is left. */
export async function waitForRequests(timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (inFlight.count > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
  return inFlight.count === 0;
}

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Every HTTP request the server receives — page renders, server actions, API calls — runs inside its own request
 * context from the moment Node hands it over until its response has finished, and is counted for the graceful
 * shutdown. Next.js offers no hook around a whole request, so this wraps the servers' `request` event (installed
 * once, from instrumentation.ts). The request id is normalised into the `x-request-id` header, which proxy.ts and
 * lib/api/handler.ts then use, so one request has one id everywhere.
 */
export function installRequestTracking(): void {
  if (inFlight.installed) return;
  inFlight.installed = true;
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit }[]) {
    const original = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event !== "request") return original.call(this, event, ...args);
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      const requestId = acceptableRequestId(req.headers["x-request-id"] as string | undefined) ?? randomUUID();
      req.headers["x-request-id"] = requestId;
      const peer = req.socket?.remoteAddress;
      if (peer) req.headers[PEER_HEADER] = peer;
      else delete req.headers[PEER_HEADER];
      inFlight.count++;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inFlight.count--;
      };
      res.once("finish", finish);
      res.once("close", finish);
      return requestContext.run({ requestId, peer }, () => original.call(this, event, ...args));
    };
  }
}
