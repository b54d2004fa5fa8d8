import "server-only";
import { env } from "@/lib/env";
import { ensureInitialAdmin } from "./auth";
import { closeDb } from "./db";
import { logger } from "./logger";
import { requestsInFlight } from "./request-context";

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
  // Next's own handler stops accepting connections and lets the requests in flight finish before it exits;
  // the pool is closed once they are done (bounded, so a stuck request cannot hold the shutdown forever).
  const stop = async (signal: string) => {
    logger.info({ signal, inFlight: requestsInFlight() }, "shutting down: finishing requests in flight");
    const until = Date.now() + 10_000;
    while (requestsInFlight() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await closeDb();
    logger.info("database pool closed");
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
