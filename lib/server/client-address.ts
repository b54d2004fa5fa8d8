/**
 * Who is on the other end of a request, for the per-address sign-in limit.
 *
 * `X-Forwarded-For` is believed only as far as it was written by a proxy in TRUSTED_PROXIES: the chain is read from
 * the right (the address that connected, then what each trusted proxy says it saw) and the first address that is not
 * a trusted proxy is the client. Anything a client writes into the header itself sits to the left of that and is
 * never reached. Without trusted proxies the client is simply the address that connected.
 *
 * Next.js does not hand the connecting address to route handlers (it only copies it into `X-Forwarded-For` when the
 * client sent none, so a client can choose its own). lib/server/peer-address.ts stamps it into a header when the
 * request arrives; a stamp carries a per-process secret, so a client cannot forge one.
 * No `server-only`: the peer stamp is installed from instrumentation.ts.
 */
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import { peerFromHeaders } from "./peer-address";

/** `::ffff:1.2.3.4` → `1.2.3.4`; `[::1]:443` and `1.2.3.4:5678` lose the port; anything not an address → null. */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  const zone = a.indexOf("%");
  if (zone > 0) a = a.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1];
  const family = isIP(a);
  if (!family) return null;
  return family === 6 ? a.toLowerCase() : a;
}

/** A matcher for TRUSTED_PROXIES entries (addresses and CIDR ranges, already validated by lib/env.ts). */
export function trustedProxyMatcher(entries: readonly string[]): (address: string) => boolean {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, bits] = entry.split("/");
    const a = normaliseAddress(addr);
    if (!a) continue;
    const type = isIP(a) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(a, type);
    else list.addSubnet(a, Number(bits), type);
  }
  return (address) => {
    const a = normaliseAddress(address);
    if (!a) return false;
    return list.check(a, isIP(a) === 6 ? "ipv6" : "ipv4");
  };
}

/**
 * The client's address: the connecting peer, or — when the peer is a trusted proxy — the nearest address in
 * `X-Forwarded-For` that is not one. Null when the peer is unknown.
 */
export function resolveClientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, isTrusted: (address: string) => boolean): string | null {
  let client = normaliseAddress(peer);
  if (!client) return null;
  const hops = (forwardedFor ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  while (isTrusted(client) && hops.length > 0) {
    const next = normaliseAddress(hops.pop());
    // a malformed hop was written by whoever stood before the trusted proxy: the proxy is the last address we know
    if (!next) break;
    client = next;
  }
  return client;
}

let matcher: { entries: readonly string[]; isTrusted: (address: string) => boolean } | undefined;

/** The client address of a request (its headers, stamped by lib/server/peer-address.ts), by TRUSTED_PROXIES. */
export function clientAddressOf(get: (name: string) => string | null | undefined): string | null {
  const entries = env().TRUSTED_PROXIES;
  if (matcher?.entries !== entries) matcher = { entries, isTrusted: trustedProxyMatcher(entries) };
  return resolveClientAddress(peerFromHeaders(get), get("x-forwarded-for"), matcher.isTrusted);
}
