/**
 * The headers every answer carries (pages, API, static files), used by next.config.ts. Pages get their
 * Content-Security-Policy with a per-request nonce, `Cache-Control: no-store` and — over https only — HSTS from
 * proxy.ts; API answers get `no-store` from lib/api/respond.ts and from next.config.ts.
 * No `server-only` here: next.config.ts imports it at build time.
 */
export function securityHeaders(): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

/**
 * Sent only on answers that went out over https (lib/transport.ts decides per request): on plain http it would be
 * ignored by browsers anyway, and a site first tried over http must not be pinned to https.
 */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** The page CSP; `upgrade-insecure-requests` only over https (on plain http it blocks every script and stylesheet). */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // React and the chart library set style attributes; styles cannot run code
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https && !opts.dev ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
