/**
 * The headers every answer carries (pages, API, static files), used by next.config.ts. Pages get their
 * Content-Security-Policy with a per-request nonce and `Cache-Control: no-store` from proxy.ts; API answers get
 * `no-store` from lib/api/respond.ts and from next.config.ts.
 * No `server-only` here: next.config.ts imports it at build time.
 */
export interface SecurityHeaderOptions {
  production: boolean;
  /** a plain-http deployment (local trial): no HSTS */
  insecureHttp: boolean;
}

export function securityHeaders({ production, insecureHttp }: SecurityHeaderOptions): { key: string; value: string }[] {
  const headers = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
  // HSTS only where the site is served over https; browsers ignore it on plain http anyway
  if (production && !insecureHttp) headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  return headers;
}

const truthy = (v: string | undefined) => v === "true" || v === "1";

/** The options from the environment next.config.ts is evaluated in. */
export function securityHeaderOptionsFromEnv(e: Record<string, string | undefined> = process.env): SecurityHeaderOptions {
  return { production: e.NODE_ENV === "production", insecureHttp: truthy(e.INSECURE_HTTP) };
}
