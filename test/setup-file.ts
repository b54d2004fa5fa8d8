import { afterAll } from "vitest";

// each test file runs in its own worker: close its pool so the run can exit
afterAll(async () => {
  const { closeDb } = await import("@/lib/server/db");
  await closeDb();
});
