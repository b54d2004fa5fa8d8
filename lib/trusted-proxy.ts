/**
 * TRUSTED_PROXIES: the addresses (or CIDR ranges) of the reverse proxies in front of the app. Only a request whose
 * TCP peer is one of them may tell us the client's address (X-Forwarded-For) or that the client used https
 * (X-Forwarded-Proto). Parsed once in lib/env.ts; no `server-only` here, proxy.ts uses it too.
 */
import net from "node:net";

export interface ProxyRange {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) → "10.0.0.1"; surrounding brackets removed. */
export function normaliseAddress(addr: string): string {
  const a = addr.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return mapped ? mapped[1] : a;
}

/** Parses "10.0.0.1, 192.168.0.0/16, ::1" into ranges; every entry that is not an address or CIDR is an error. */
export function parseTrustedProxies(raw: string | undefined): { ranges: ProxyRange[]; errors: string[] } {
  const ranges: ProxyRange[] = [];
  const errors: string[] = [];
  for (const entry of (raw ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [addrPart, prefixPart, ...rest] = entry.split("/");
    const address = normaliseAddress(addrPart);
    const version = net.isIP(address);
    const max = version === 4 ? 32 : 128;
    const prefix = prefixPart === undefined ? max : /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : NaN;
    if (!version || rest.length || !(prefix >= 0 && prefix <= max)) {
      errors.push(`"${entry}" is not an IP address or CIDR range`);
      continue;
    }
    ranges.push({ address, prefix, family: version === 4 ? "ipv4" : "ipv6" });
  }
  return { ranges, errors };
}

const lists = new WeakMap<readonly ProxyRange[], net.BlockList>();

/** True when `addr` (a socket's remote address) is one of `ranges`. */
export function addressInRanges(addr: string | null | undefined, ranges: readonly ProxyRange[]): boolean {
  if (!addr || ranges.length === 0) return false;
  const a = normaliseAddress(addr);
  const version = net.isIP(a);
  if (!version) return false;
  let list = lists.get(ranges);
  if (!list) {
    list = new net.BlockList();
    for (const r of ranges) list.addSubnet(r.address, r.prefix, r.family);
    lists.set(ranges, list);
  }
  return list.check(a, version === 4 ? "ipv4" : "ipv6");
}
