import { describe, test, expect, vi, afterEach } from "vitest";
import { securityHeaderOptionsFromEnv, securityHeaders } from "./security-headers";

const names = (h: { key: string }[]) => h.map((x) => x.key);

describe("security headers", () => {
  test("every answer: nosniff, a referrer policy, no framing", () => {
    for (const production of [true, false]) {
      const h = securityHeaders({ production, insecureHttp: false });
      expect(h).toContainEqual({ key: "X-Content-Type-Options", value: "nosniff" });
      expect(names(h)).toContain("Referrer-Policy");
      expect(h).toContainEqual({ key: "X-Frame-Options", value: "DENY" });
    }
  });

  test("HSTS in production over https only", () => {
    expect(names(securityHeaders(securityHeaderOptionsFromEnv({ NODE_ENV: "production" })))).toContain("Strict-Transport-Security");
    expect(names(securityHeaders(securityHeaderOptionsFromEnv({ NODE_ENV: "production", INSECURE_HTTP: "true" })))).not.toContain("Strict-Transport-Security");
    expect(names(securityHeaders(securityHeaderOptionsFromEnv({ NODE_ENV: "development" })))).not.toContain("Strict-Transport-Security");
    const hsts = securityHeaders({ production: true, insecureHttp: false }).find((x) => x.key === "Strict-Transport-Security")!;
    expect(Number(/max-age=(\d+)/.exec(hsts.value)![1])).toBeGreaterThanOrEqual(31536000);
  });
});

describe("session cookie", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.resetModules();
  });

  async function optionsWith(env: Record<string, string | undefined>) {
    vi.resetModules();
    process.env = { ...saved, AUTH_SECRET: "x".repeat(40), ...env } as NodeJS.ProcessEnv;
    const { authOptions } = await import("@/lib/auth/options");
    return authOptions;
  }

  test("Secure cookies in production unless INSECURE_HTTP; JWT sessions of at most 12 hours", async () => {
    const prod = await optionsWith({ NODE_ENV: "production", INSECURE_HTTP: "" });
    expect(prod.useSecureCookies).toBe(true);
    expect(prod.session?.maxAge).toBeLessThanOrEqual(12 * 3600);
    expect((await optionsWith({ NODE_ENV: "production", INSECURE_HTTP: "true" })).useSecureCookies).toBe(false);
  });
  // HttpOnly and SameSite=Lax of the real cookie: e2e/security.spec.ts reads them from a signed-in browser
});
