import { defineConfig } from "vitest/config";
import path from "node:path";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside React Server Components; the core is plain server code under test
      { find: /^server-only$/, replacement: `${root}/test/empty.ts` },
    ],
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts", "components/**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".data/**", ".next/**"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-file.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    env: { NODE_ENV: "test", LOG_LEVEL: "silent" },
  },
});
