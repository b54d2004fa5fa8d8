import "dotenv/config";
import { defineConfig } from "prisma/config";

// The schema has no url: the app connects through @prisma/adapter-pg (lib/server/db.ts), and
// migrations are applied by scripts/lib/migrate.ts without Prisma's native engine (see README "Design").
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
