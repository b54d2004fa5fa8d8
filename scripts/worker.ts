/**
 * `npm run worker`: the background jobs of issue 18 (reminders, mail, digests, SMTP delivery, on pg-boss) in a process
 * of their own, e.g. beside app instances started with JOBS=0. Needs DATABASE_URL. Runs under
 * `--conditions=react-server`, so the `server-only` modules of lib/server load as they do in the app.
 * For tests: JOBS_POLL_SECONDS, JOBS_MAINTENANCE_SECONDS, JOBS_SEND_EXPIRE_SECONDS and JOBS_SEND_RETRY_DELAY_SECONDS
 * shorten the polling, the maintenance, the mail job's expiry and first retry; JOBS_CRON=0 schedules nothing.
 */
import "dotenv/config";
import { startJobs, stopJobs } from "../lib/server/jobs";
import { closeDb } from "../lib/server/db";
import { logger } from "../lib/server/logger";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set: the worker runs against the app's database");
  process.exit(1);
}
const num = (v: string | undefined) => (v ? Number(v) : undefined);
void startJobs({
  pollingIntervalSeconds: num(process.env.JOBS_POLL_SECONDS),
  sendPollingIntervalSeconds: num(process.env.JOBS_POLL_SECONDS),
  maintenanceIntervalSeconds: num(process.env.JOBS_MAINTENANCE_SECONDS),
  sendExpireInSeconds: num(process.env.JOBS_SEND_EXPIRE_SECONDS),
  sendRetryDelaySeconds: num(process.env.JOBS_SEND_RETRY_DELAY_SECONDS),
  schedule: process.env.JOBS_CRON !== "0",
}).then((q) => q && logger.info("worker started"));
// pg-boss's timers keep the process alive; this makes sure of it while the first start is retried
const keepAlive = setInterval(() => {}, 1 << 30);
const stop = async () => {
  await stopJobs();
  clearInterval(keepAlive);
  await closeDb();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
