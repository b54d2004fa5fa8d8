import "server-only";
import PgBoss from "pg-boss";
import { pool } from "./db";
import { logger } from "./logger";
import { runReminders } from "./reminders";
import { deliverMail, dispatchNotificationMails, sendDigests, unsentMailIds } from "./mail";
import { mailSettings } from "@/lib/env";

/**
 * The background jobs of issue 18 on pg-boss (a PostgreSQL-backed queue; its tables live in the schema `pgboss` of
 * the app's own database, created by pg-boss at start). Every app process with JOBS=1, or `npm run worker`, starts
 * one JobQueue; any number of them share the work:
 *
 * - `reminders` (cron every 10 minutes): today's reminders (lib/server/reminders.ts);
 * - `mail-dispatch` (cron every minute): new notifications → outbox mails (IMMEDIATE), then one `mail-send` job per
 *   unsent mail (job id = the mail's id, so enqueuing twice makes one job);
 * - `mail-digests` (cron every 10 minutes from 07:00 to 23:50 in Viet Nam): the day's digest of DIGEST users;
 * - `mail-send`: one mail over SMTP, retried by pg-boss with exponential back-off.
 *
 * pg-boss's cron sends each scheduled job once a minute across all instances; retries, back-off, expiry of a job
 * whose worker died and the hand-over between instances are pg-boss's. Exactly once per (event, recipient) stays
 * our tables' (unique dedupe keys, ON CONFLICT DO NOTHING, mailed_at/sent_at under row locks), so a job that runs
 * twice — a retry, a duplicate, two instances — writes and sends once.
 *
 * pg-boss runs on the app's own pool (lib/server/db.ts: bounded connect timeout, survives an outage) through its `db`
 * option. One thing is patched around: pg-boss v10 completes or fails a finished job without awaiting it, so a
 * database outage at that moment would be an unhandled rejection (a crash). Those two statements are answered
 * "nothing done" when they fail: the job stays active, expires and is retried — harmless, since every job is
 * idempotent.
 */
export const QUEUES = { reminders: "reminders", dispatch: "mail-dispatch", digests: "mail-digests", send: "mail-send" } as const;

export interface JobQueueOptions {
  /** how often the pass queues are polled (s); they get a job a minute at most */
  pollingIntervalSeconds?: number;
  /** how often mail-send is polled (s); new mails also wake it */
  sendPollingIntervalSeconds?: number;
  /** a mail-send job that ran this long (its worker died) is retried (s) */
  sendExpireInSeconds?: number;
  /** first retry delay of mail-send (s): then about 2×, 4×, … with jitter */
  sendRetryDelaySeconds?: number;
  sendRetryLimit?: number;
  /** how often pg-boss expires, archives and purges jobs (s) */
  maintenanceIntervalSeconds?: number;
  /** false: no cron (tests send the jobs they want) */
  schedule?: boolean;
}

export interface PassData {
  /** ISO instant the pass runs "at" (tests); absent: now */
  at?: string;
}

export interface JobQueue {
  boss: PgBoss;
  /** gives each mail its mail-send job (idempotent: the job id is the mail id) */
  enqueueMails(ids: string[]): Promise<void>;
  stop(opts?: { graceful?: boolean }): Promise<void>;
}

const COMPLETE = /^\s*WITH results AS \(\s*UPDATE \w+\.job\s+SET completed_on = now\(\),\s+state = 'completed'/;
const FAIL = /^\s*WITH deleted_jobs AS \(\s*DELETE FROM \w+\.job\s+WHERE name = \$1 AND id IN \(SELECT UNNEST\(\$2::uuid\[\]\)\)/;

function bossDb(): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      try {
        return await pool().query(text, values);
      } catch (err) {
        if (COMPLETE.test(text) || FAIL.test(text)) {
          logger.warn({ err: { message: (err as Error).message } }, "job outcome not recorded (database unreachable); the job expires and is retried");
          return { rows: [{ count: "0" }] };
        }
        throw err;
      }
    },
  };
}

/** pg-boss reports each failed poll; during an outage that is several a second: one line per message and 30 s */
function throttledWarn() {
  const last = new Map<string, number>();
  return (err: Error) => {
    const key = String(err?.message ?? err).replace(/\(Queue: .*\)$/, "");
    const now = Date.now();
    if ((last.get(key) ?? 0) > now - 30_000) return;
    last.set(key, now);
    logger.warn({ err: { message: err?.message } }, "job queue: database call failed; retrying");
  };
}

const at = (data: PassData | undefined) => (data?.at ? new Date(data.at) : new Date());

export async function createJobQueue(opts: JobQueueOptions = {}): Promise<JobQueue> {
  const poll = opts.pollingIntervalSeconds ?? 10;
  const boss = new PgBoss({
    db: bossDb(),
    schedule: opts.schedule ?? true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
    // finished jobs are kept a day for inspection, then archived; the archive a week
    archiveCompletedAfterSeconds: 24 * 3600,
  });
  boss.on("error", throttledWarn());
  await boss.start();
  const pass = { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 };
  await boss.createQueue(QUEUES.reminders, { name: QUEUES.reminders, ...pass });
  await boss.createQueue(QUEUES.dispatch, { name: QUEUES.dispatch, ...pass });
  await boss.createQueue(QUEUES.digests, { name: QUEUES.digests, ...pass });
  await boss.createQueue(QUEUES.send, {
    name: QUEUES.send,
    retryLimit: opts.sendRetryLimit ?? 12,
    retryDelay: opts.sendRetryDelaySeconds ?? 60,
    retryBackoff: true,
    expireInSeconds: opts.sendExpireInSeconds ?? 120,
  });
  // createQueue keeps a queue's first options: later deployments' settings win
  await boss.updateQueue(QUEUES.send, {
    name: QUEUES.send,
    retryLimit: opts.sendRetryLimit ?? 12,
    retryDelay: opts.sendRetryDelaySeconds ?? 60,
    retryBackoff: true,
    expireInSeconds: opts.sendExpireInSeconds ?? 120,
  });

  const sendWorkers: string[] = [];
  const enqueueMails = async (ids: string[]) => {
    if (!ids.length) return;
    await boss.insert(ids.map((id) => ({ id, name: QUEUES.send, data: { mailId: id } })));
    for (const w of sendWorkers) boss.notifyWorker(w);
  };

  await boss.work<PassData>(QUEUES.reminders, { pollingIntervalSeconds: poll }, async ([job]) => {
    const written = await runReminders(at(job.data));
    if (written) logger.info({ written }, "reminders written");
    return { written };
  });
  await boss.work<PassData>(QUEUES.digests, { pollingIntervalSeconds: poll }, async ([job]) => {
    const now = at(job.data);
    // the digest goes from 07:00 in Viet Nam (the cron's hours; a test's `at` may be earlier)
    const digests = (now.getUTCHours() + 7) % 24 >= 7 ? await sendDigests(now) : 0;
    return { digests };
  });
  await boss.work<PassData>(QUEUES.dispatch, { pollingIntervalSeconds: poll }, async ([job]) => {
    const mails = await dispatchNotificationMails(at(job.data));
    // every unsent mail gets its job: these, a password-reset link, mails kept while SMTP_URL was unset, mails whose
    // retries ran out before their job was archived
    const ids = mailSettings().smtpUrl ? await unsentMailIds() : [];
    await enqueueMails(ids);
    return { mails, enqueued: ids.length };
  });
  for (let i = 0; i < 2; i++) {
    sendWorkers.push(
      await boss.work<{ mailId: string }>(QUEUES.send, { pollingIntervalSeconds: opts.sendPollingIntervalSeconds ?? 2 }, async ([job]) => ({
        result: await deliverMail(job.data.mailId),
      })),
    );
  }
  if (opts.schedule ?? true) {
    await boss.schedule(QUEUES.reminders, "*/10 * * * *", {}, { tz: "Asia/Ho_Chi_Minh" });
    await boss.schedule(QUEUES.dispatch, "* * * * *", {}, { tz: "Asia/Ho_Chi_Minh" });
    await boss.schedule(QUEUES.digests, "*/10 7-23 * * *", {}, { tz: "Asia/Ho_Chi_Minh" });
  }
  return {
    boss,
    enqueueMails,
    async stop({ graceful = true } = {}) {
      await boss.stop({ graceful, timeout: 10_000, close: false });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The process's own queue: the app (lib/server/startup.ts, JOBS=1) or `npm run worker`.

let starting: Promise<JobQueue | null> | undefined;
let current: JobQueue | null = null;
let stopped = false;

/** Starts this process's queue, retrying while the database is not reachable yet. */
export function startJobs(opts: JobQueueOptions = {}): Promise<JobQueue | null> {
  stopped = false;
  starting ??= (async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        const q = await createJobQueue(opts);
        if (stopped) {
          await q.stop();
          return null;
        }
        logger.info("job queue started (pg-boss)");
        current = q;
        return q;
      } catch (err) {
        logger.warn({ err: { message: (err as Error).message }, attempt }, "job queue could not start; trying again");
        await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5))));
      }
    }
    return null;
  })();
  return starting;
}

/** Stops this process's queue, letting the jobs in hand finish (at most 10 s). */
export async function stopJobs(): Promise<void> {
  stopped = true;
  const q = current;
  current = null;
  starting = undefined;
  await q?.stop();
}

/** A mail was written outside the jobs (a forgotten-password link): send it now if this process runs the queue. */
export async function wakeMailDelivery(ids: string[]): Promise<void> {
  if (!current || !mailSettings().smtpUrl) return;
  try {
    await current.enqueueMails(ids);
  } catch (err) {
    // the next mail-dispatch pass gives it its job
    logger.warn({ err: { message: (err as Error).message } }, "mail not handed to the queue yet");
  }
}
