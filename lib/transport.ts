/**
 * How the client reached us: over https or plain http, and from which address. Plain http from any address must
 * work (a trial on `http://<server-ip>:3000`), so https-only measures — the CSP's `upgrade-insecure-requests`, HSTS,
 * `Secure` cookies — apply only when the site is served over https: NEXTAUTH_URL is https, or the request came
 * through a trusted proxy (TRUSTED_PROXIES) that says X-Forwarded-Proto: https. No `server-only`: proxy.ts uses it.
 */
import { env } from "./env";
import { addressInRanges, normaliseAddress } from "./trusted-proxy";

/** The header lib/server/request-context.ts sets on every request from the socket (never the client's value). */
export const PEER_HEADER = "x-dgov-peer";

/** True when `addr` (a TCP peer's address) is one of TRUSTED_PROXIES. */
export function isTrustedProxy(addr: string | null | undefined): boolean {
  return addressInRanges(addr, env().trustedProxies);
}

interface HeaderSource {
  get(name: string): string | null;
}

/** Whether this request reached the site over https (see the top of this file). */
export function isHttpsRequest(headers: HeaderSource): boolean {
  if (env().httpsSite) return true;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" && isTrustedProxy(headers.get(PEER_HEADER));
}

/**
 * The client's address: the TCP peer, or — when the peer is a trusted proxy — the nearest address in
 * X-Forwarded-For that is not itself a trusted proxy (entries left of it could be anything the client wrote).
 */
export function clientAddress(headers: HeaderSource): string | undefined {
  const peer = headers.get(PEER_HEADER);
  if (!peer) return undefined;
  if (!isTrustedProxy(peer)) return normaliseAddress(peer);
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrustedProxy(hops[i])) return normaliseAddress(hops[i]);
  return normaliseAddress(hops[0] ?? peer);
}
