/**
 * Route handlers in Next.js never see the socket a request came in on, so the connecting address is written into a
 * request header as the request arrives, before Next reads it: `X-Peer-Address: <secret> <address>`. The secret is
 * random per process and lives on globalThis (instrumentation and route bundles share the process, not modules),
 * so a client that sends the header itself is overwritten, and a header that did not come from here is ignored.
 * No `server-only`: installed from instrumentation.ts.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const PEER_HEADER = "x-peer-address";

const SECRET = Symbol.for("dgov-tracker.peer-address-secret");
type WithSecret = { [SECRET]?: string };

function secret(): string {
  const g = globalThis as WithSecret;
  g[SECRET] ??= randomBytes(16).toString("hex");
  return g[SECRET];
}

/** Writes (or overwrites) the stamp on an incoming request. */
export function stampPeer(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = `${secret()} ${req.socket?.remoteAddress ?? ""}`;
}

/** The connecting address from a stamped request's headers; null when the stamp is missing or forged. */
export function peerFromHeaders(get: (name: string) => string | null | undefined): string | null {
  const raw = get(PEER_HEADER);
  const g = globalThis as WithSecret;
  if (!raw || !g[SECRET]) return null;
  const space = raw.indexOf(" ");
  if (space < 0 || raw.slice(0, space) !== g[SECRET]) return null;
  return raw.slice(space + 1) || null;
}

const INSTALLED = Symbol.for("dgov-tracker.peer-address-installed");

/**
 * Stamps every request of every HTTP(S) server in this process (`next start`, `next dev`, the standalone server):
 * the 'request' event is where Node hands the parsed request to the server's handler.
 */
export async function installPeerStamp(): Promise<void> {
  const g = globalThis as { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  secret();
  const [http, https] = await Promise.all([import("node:http"), import("node:https")]);
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request" && args[0]) stampPeer(args[0] as IncomingMessage);
      return emit.call(this, event, ...args);
    };
  }
}
