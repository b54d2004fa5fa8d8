import "server-only";
import { env } from "@/lib/env";
import { ensureInitialAdmin } from "./auth";
import { closeDb } from "./db";
import { logger } from "./logger";
import { installRequestTracking, requestsInFlight, waitForRequests } from "./request-context";

let started = false;

/** Validates the environment (fails clearly without AUTH_SECRET in production), creates the first admin, and closes the pool on shutdown. */
export async function onServerStart(): Promise<void> {
  if (started) return;
  started = true;
  env();
  // every request (pages, server actions, API) in its own context, counted for the shutdown below
  installRequestTracking();
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
  // reminders, digests and mail delivery (issue 18); JOBS=0 leaves them to `npm run worker`
  if (env().JOBS === "1" && env().NODE_ENV !== "test") {
    const { startJobs } = await import("./jobs");
    void startJobs();
  }
  // Next's own handler stops accepting connections and lets the requests in flight finish before it exits;
  // the pool is closed once every request (page renders and server actions included) is done (bounded, so a stuck
  // request cannot hold the shutdown forever).
  const stop = async (signal: string) => {
    logger.info({ signal, inFlight: requestsInFlight() }, "shutting down: finishing requests in flight");
    if (!(await waitForRequests(10_000))) logger.warn({ inFlight: requestsInFlight() }, "requests still running after 10 s: closing the pool anyway");
    // the job queue runs on this pool: its jobs in hand finish (or are given back) first
    await (await import("./jobs")).stopJobs().catch((err: unknown) => logger.warn({ err }, "job queue did not stop cleanly"));
    await closeDb();
    logger.info("database pool closed");
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
