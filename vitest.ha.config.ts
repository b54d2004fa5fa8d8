import { defineConfig } from "vitest/config";
import path from "node:path";

const root = path.dirname(new URL(import.meta.url).pathname);

/** `npm run test:ha`: the fault suite with real servers (scripts/ha/ha.suite.ts); it owns its databases. */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/test/empty.ts` },
    ],
  },
  test: {
    include: ["scripts/ha/*.suite.ts"],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    pool: "forks",
    env: { NODE_ENV: "test", LOG_LEVEL: "silent" },
  },
});
