/**
 * Issue 13, point 7: `X-Forwarded-For` counts only when a trusted proxy wrote it; the connecting address comes from
 * the socket (stamped per request, unforgeable).
 */
import { describe, test, expect, afterAll } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { normaliseAddress, resolveClientAddress, trustedProxyMatcher } from "./client-address";
import { installPeerStamp, peerFromHeaders, PEER_HEADER } from "./peer-address";
import { isIpOrCidr } from "@/lib/env";

describe("which address is the client", () => {
  const none = trustedProxyMatcher([]);
  const proxies = trustedProxyMatcher(["10.0.0.0/8", "192.168.1.5", "fd00::/8"]);

  test("no trusted proxies: the connecting address, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", "1.2.3.4, 5.6.7.8", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", null, none)).toBe("203.0.113.7");
  });

  test("from a trusted proxy: the address it saw (the rightmost hop), never what the client wrote before it", () => {
    // the client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address 198.51.100.9
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.9", proxies)).toBe("198.51.100.9");
    expect(resolveClientAddress("192.168.1.5", "198.51.100.9", proxies)).toBe("198.51.100.9");
  });

  test("a chain of trusted proxies is walked to the first address that is not one", () => {
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.9, 10.1.1.1, 192.168.1.5", proxies)).toBe("198.51.100.9");
    expect(resolveClientAddress("fd00::1", "2001:db8::42", proxies)).toBe("2001:db8::42");
  });

  test("an untrusted peer's header is ignored even if it names a trusted proxy", () => {
    expect(resolveClientAddress("203.0.113.7", "10.0.0.2", proxies)).toBe("203.0.113.7");
    expect(resolveClientAddress("192.168.1.6", "198.51.100.9", proxies)).toBe("192.168.1.6");
  });

  test("garbage in the chain stops at the last address known; every hop trusted → the farthest proxy", () => {
    expect(resolveClientAddress("10.0.0.2", "evil, not-an-ip", proxies)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "10.0.0.3", proxies)).toBe("10.0.0.3");
    expect(resolveClientAddress("10.0.0.2", "", proxies)).toBe("10.0.0.2");
  });

  test("no peer known: no address (the per-address limit is then skipped, never keyed on a header)", () => {
    expect(resolveClientAddress(null, "1.2.3.4", proxies)).toBeNull();
    expect(resolveClientAddress("", "1.2.3.4", none)).toBeNull();
  });

  test("addresses are normalised (ports, brackets, IPv4-mapped IPv6, case)", () => {
    expect(normaliseAddress("198.51.100.9:51234")).toBe("198.51.100.9");
    expect(normaliseAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("::FFFF:10.0.0.2")).toBe("10.0.0.2");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normaliseAddress("unknown")).toBeNull();
    expect(normaliseAddress("1.2.3.4, 5.6.7.8")).toBeNull();
  });

  test("TRUSTED_PROXIES entries: addresses and CIDR ranges only", () => {
    for (const ok of ["10.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "::1", "fd00::/8", "2001:db8::/128"]) expect(isIpOrCidr(ok), ok).toBe(true);
    for (const bad of ["", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/8/1", "10.0.0.0/x", "1.2.3"]) expect(isIpOrCidr(bad), bad).toBe(false);
  });
});

describe("the peer stamp", () => {
  let server: http.Server | undefined;
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  test("every request carries the connecting address; a header the client sends itself is overwritten", async () => {
    await installPeerStamp();
    const seen: (string | null)[] = [];
    server = http.createServer((req, res) => {
      seen.push(peerFromHeaders((n) => req.headers[n] as string | undefined));
      res.end("ok");
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as AddressInfo).port;
    await fetch(`http://127.0.0.1:${port}/`);
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "forged 203.0.113.66", "x-forwarded-for": "203.0.113.66" } });
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1"].map((a) => expect.stringMatching(new RegExp(`^(::ffff:)?${a.replace(/\./g, "\\.")}$`))));
  });

  test("a header that did not come from the stamp is not believed", () => {
    expect(peerFromHeaders(() => "forged 203.0.113.66")).toBeNull();
    expect(peerFromHeaders(() => "203.0.113.66")).toBeNull();
    expect(peerFromHeaders(() => null)).toBeNull();
  });
});
