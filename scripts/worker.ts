/**
 * `npm run worker`: the background jobs of issue 18 (reminders, mail, digests, SMTP delivery) in a process of their
 * own, e.g. beside app instances started with JOBS=0. Needs DATABASE_URL. Runs under `--conditions=react-server`, so
 * the `server-only` modules of lib/server load as they do in the app.
 */
import "dotenv/config";
import { startJobs, stopJobs } from "../lib/server/jobs";
import { closeDb } from "../lib/server/db";
import { logger } from "../lib/server/logger";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set: the worker runs against the app's database");
  process.exit(1);
}
startJobs(Number(process.env.JOBS_INTERVAL_MS ?? 60_000));
// the interval is unref'd (it must not keep the app alive); the worker is kept alive by this
const keepAlive = setInterval(() => {}, 1 << 30);
logger.info("worker started");
const stop = async () => {
  stopJobs();
  clearInterval(keepAlive);
  await closeDb();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
