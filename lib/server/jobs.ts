import "server-only";
import { logger } from "./logger";
import { runReminders } from "./reminders";
import { deliverOutbox, dispatchNotificationMails, sendDigests } from "./mail";

/**
 * The background jobs (issue 18), in the app process (lib/server/startup.ts) or `npm run worker`: reminders, the mail
 * pass over new notifications, the daily digest (from 07:00 in Viet Nam) and SMTP delivery, every minute. Their state
 * is PostgreSQL's (dedupe keys, mailed_at, sent_at, rows claimed FOR UPDATE SKIP LOCKED), never memory: two instances
 * can run them side by side, a restart loses nothing, and a pass that fails during a database outage is simply the
 * next pass's work.
 */
export async function runJobsOnce(now: Date = new Date()): Promise<{ reminders: number; mails: number; digests: number; sent: number; failed: number }> {
  const reminders = await runReminders(now);
  const mails = await dispatchNotificationMails(now);
  const vnHour = (now.getUTCHours() + 7) % 24;
  const digests = vnHour >= 7 ? await sendDigests(now) : 0;
  const { sent, failed } = await deliverOutbox(now);
  return { reminders, mails, digests, sent, failed };
}

let timer: NodeJS.Timeout | undefined;

export function startJobs(intervalMs = 60_000): () => void {
  if (timer) return stopJobs;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runJobsOnce();
      if (r.reminders || r.mails || r.digests || r.sent || r.failed) logger.info(r, "jobs pass");
    } catch (err) {
      logger.warn({ err }, "jobs pass failed; the next one retries");
    } finally {
      running = false;
    }
  };
  timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  setTimeout(() => void tick(), 5_000).unref();
  return stopJobs;
}

export function stopJobs(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
