import "server-only";
import { env } from "@/lib/env";
import { ensureInitialAdmin } from "./auth";
import { closeDb } from "./db";
import { logger } from "./logger";

let started = false;

/** Validates the environment (fails clearly without AUTH_SECRET in production), creates the first admin, and closes the pool on shutdown. */
export async function onServerStart(): Promise<void> {
  if (started) return;
  started = true;
  env();
  const first = async (attempt: number): Promise<void> => {
    try {
      await ensureInitialAdmin();
    } catch (err) {
      // the database may still be starting: try again a few times without blocking the server
      if (attempt < 10) setTimeout(() => void first(attempt + 1), 2000);
      else logger.error({ err }, "initial admin bootstrap failed");
    }
  };
  await first(1);
  const stop = async (signal: string) => {
    logger.info({ signal }, "shutting down: closing the database pool");
    await closeDb();
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
