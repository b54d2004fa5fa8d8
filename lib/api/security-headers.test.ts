import { describe, test, expect, vi, afterEach } from "vitest";
import { contentSecurityPolicy, HSTS, securityHeaders } from "./security-headers";
import { addressInRanges, parseTrustedProxies } from "@/lib/trusted-proxy";

const names = (h: { key: string }[]) => h.map((x) => x.key);

describe("security headers", () => {
  test("every answer: nosniff, a referrer policy, no framing — and never HSTS, which is per request", () => {
    const h = securityHeaders();
    expect(h).toContainEqual({ key: "X-Content-Type-Options", value: "nosniff" });
    expect(names(h)).toContain("Referrer-Policy");
    expect(h).toContainEqual({ key: "X-Frame-Options", value: "DENY" });
    expect(names(h)).not.toContain("Strict-Transport-Security");
    expect(Number(/max-age=(\d+)/.exec(HSTS.value)![1])).toBeGreaterThanOrEqual(31536000);
  });

  test("the CSP upgrades insecure requests only over https (on plain http it blocks every script and stylesheet)", () => {
    expect(contentSecurityPolicy("n0nce", { dev: false, https: false })).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n0nce", { dev: false, https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n0nce", { dev: true, https: true })).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n0nce", { dev: false, https: false })).toContain("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(contentSecurityPolicy("n0nce", { dev: false, https: false })).toContain("frame-ancestors 'none'");
  });
});

describe("TRUSTED_PROXIES", () => {
  test("addresses and CIDR ranges, IPv4 and IPv6; anything else is named as an error", () => {
    const { ranges, errors } = parseTrustedProxies("10.0.0.1, 192.168.0.0/16 ::1,fd00::/8");
    expect(errors).toEqual([]);
    expect(ranges).toEqual([
      { address: "10.0.0.1", prefix: 32, family: "ipv4" },
      { address: "192.168.0.0", prefix: 16, family: "ipv4" },
      { address: "::1", prefix: 128, family: "ipv6" },
      { address: "fd00::", prefix: 8, family: "ipv6" },
    ]);
    expect(parseTrustedProxies("10.0.0.1/33, proxy.local, 1.2.3/8").errors).toHaveLength(3);
    expect(parseTrustedProxies(undefined)).toEqual({ ranges: [], errors: [] });
  });

  test("membership: exact address, inside a range, an IPv4 client on a dual-stack socket", () => {
    const { ranges } = parseTrustedProxies("10.0.0.1, 192.168.0.0/16, fd00::/8");
    expect(addressInRanges("10.0.0.1", ranges)).toBe(true);
    expect(addressInRanges("10.0.0.2", ranges)).toBe(false);
    expect(addressInRanges("192.168.44.7", ranges)).toBe(true);
    expect(addressInRanges("192.169.0.1", ranges)).toBe(false);
    expect(addressInRanges("::ffff:192.168.1.1", ranges)).toBe(true);
    expect(addressInRanges("fd12::1", ranges)).toBe(true);
    expect(addressInRanges("fe80::1", ranges)).toBe(false);
    expect(addressInRanges("not an address", ranges)).toBe(false);
    expect(addressInRanges(undefined, ranges)).toBe(false);
    expect(addressInRanges("10.0.0.1", [])).toBe(false);
  });
});

describe("https is decided per request", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.resetModules();
  });

  async function withEnv(env: Record<string, string | undefined>) {
    vi.resetModules();
    process.env = { ...saved, AUTH_SECRET: "x".repeat(40), NEXTAUTH_URL: undefined, TRUSTED_PROXIES: undefined, ...env } as NodeJS.ProcessEnv;
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    if (!("NEXTAUTH_URL" in env)) delete process.env.NEXTAUTH_URL;
    if (!("TRUSTED_PROXIES" in env)) delete process.env.TRUSTED_PROXIES;
    return { transport: await import("@/lib/transport"), options: await import("@/lib/auth/options") };
  }
  const headers = (h: Record<string, string>) => new Headers(h);

  test("plain http (no NEXTAUTH_URL, no proxy): never https, even when the client claims X-Forwarded-Proto: https", async () => {
    const { transport } = await withEnv({ NODE_ENV: "production" });
    expect(transport.isHttpsRequest(headers({ "x-dgov-peer": "10.1.2.3" }))).toBe(false);
    expect(transport.isHttpsRequest(headers({ "x-dgov-peer": "10.1.2.3", "x-forwarded-proto": "https" }))).toBe(false);
  });

  test("X-Forwarded-Proto: https counts only from a trusted proxy", async () => {
    const { transport } = await withEnv({ NODE_ENV: "production", TRUSTED_PROXIES: "10.9.0.0/16" });
    expect(transport.isHttpsRequest(headers({ "x-dgov-peer": "10.9.3.4", "x-forwarded-proto": "https" }))).toBe(true);
    expect(transport.isHttpsRequest(headers({ "x-dgov-peer": "::ffff:10.9.3.4", "x-forwarded-proto": "https, http" }))).toBe(true);
    expect(transport.isHttpsRequest(headers({ "x-dgov-peer": "10.9.3.4", "x-forwarded-proto": "http" }))).toBe(false);
    expect(transport.isHttpsRequest(headers({ "x-dgov-peer": "10.8.3.4", "x-forwarded-proto": "https" }))).toBe(false);
    // without the socket's address (no tracking installed) nothing is trusted
    expect(transport.isHttpsRequest(headers({ "x-forwarded-proto": "https" }))).toBe(false);
    expect(transport.isTrustedProxy("10.9.255.255")).toBe(true);
    expect(transport.isTrustedProxy("10.10.0.1")).toBe(false);
  });

  test("an https NEXTAUTH_URL: every request is https", async () => {
    const { transport } = await withEnv({ NODE_ENV: "production", NEXTAUTH_URL: "https://tracker.gov.vn" });
    expect(transport.isHttpsRequest(headers({ "x-dgov-peer": "10.1.2.3" }))).toBe(true);
  });

  test("the client address: the peer, or behind a trusted proxy the nearest untrusted X-Forwarded-For hop", async () => {
    const { transport } = await withEnv({ NODE_ENV: "production", TRUSTED_PROXIES: "10.9.0.1, 10.9.0.2" });
    expect(transport.clientAddress(headers({ "x-dgov-peer": "203.0.113.5", "x-forwarded-for": "1.1.1.1" }))).toBe("203.0.113.5");
    expect(transport.clientAddress(headers({ "x-dgov-peer": "10.9.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.9.0.2" }))).toBe("203.0.113.5");
    expect(transport.clientAddress(headers({ "x-dgov-peer": "::ffff:203.0.113.5" }))).toBe("203.0.113.5");
    expect(transport.clientAddress(headers({}))).toBeUndefined();
  });

  test("cookies: plain names; Secure only for a request over https; __Secure- names with an https NEXTAUTH_URL", async () => {
    const plain = await withEnv({ NODE_ENV: "production" });
    const http = plain.options.authOptionsFor(false).cookies!;
    expect(http.sessionToken!.name).toBe("next-auth.session-token");
    expect(http.sessionToken!.options.secure).toBe(false);
    expect(http.sessionToken!.options.httpOnly).toBe(true);
    expect(http.sessionToken!.options.sameSite).toBe("lax");
    expect(plain.options.authOptionsFor(true).cookies!.sessionToken!.options.secure).toBe(true);
    expect(plain.options.authOptionsFor(true).cookies!.sessionToken!.name).toBe("next-auth.session-token");
    expect(plain.options.authOptions.session?.maxAge).toBeLessThanOrEqual(12 * 3600);
    expect(process.env.AUTH_TRUST_HOST).toBeTruthy(); // redirects follow the request's host

    const site = await withEnv({ NODE_ENV: "production", NEXTAUTH_URL: "https://tracker.gov.vn" });
    const c = site.options.authOptionsFor(false).cookies!;
    expect(c.sessionToken!.name).toBe("__Secure-next-auth.session-token");
    expect(c.sessionToken!.options.secure).toBe(true);
    expect(c.csrfToken!.name).toBe("__Host-next-auth.csrf-token");
    expect(site.options.authOptions.useSecureCookies).toBe(true);
  });
});
