/**
 * `node migrate.mjs` in the production image (bundled by esbuild in the Dockerfile): applies the committed
 * migrations to DATABASE_URL before the server starts. No Prisma engine, no tsx needed at run time.
 */
import path from "node:path";
import { applyMigrations } from "./lib/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required");
  process.exit(2);
}
const dir = process.env.MIGRATIONS_DIR ?? path.resolve(process.cwd(), "prisma/migrations");
applyMigrations(url, (s) => console.log(`[migrate] ${s}`), dir)
  .then((names) => {
    console.log(`[migrate] ${names.length ? `applied ${names.join(", ")}` : "up to date"}`);
    process.exit(0);
  })
  .catch((err) => {
    console.error("[migrate] failed:", err);
    process.exit(1);
  });
