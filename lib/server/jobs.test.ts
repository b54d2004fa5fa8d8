import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { prisma, closeDb } from "./db";
import { makeActor, makeOrganisation } from "@/test/factories";
import { part, testSmtp, until, type TestSmtp } from "@/test/smtp";
import { createJobQueue, QUEUES, type JobQueue } from "./jobs";
import { queueMail, renderMail } from "./mail";
import { transaction } from "./tx";
import { requestPasswordReset } from "./password-reset";
import type { Actor } from "@/lib/auth/permissions";

// 2026-Q2 is due on 2026-06-20 (the default 20th); these instants are 10:00 in Viet Nam
const SEVEN_DAYS_BEFORE = "2026-06-13T03:00:00Z";
const DAY_AFTER = "2026-06-21T03:00:00Z";

let officer: Actor;
let leader: Actor;
let ministry: { id: string };
/** two queue instances on this file's database: two app processes as far as pg-boss knows */
let a: JobQueue;
let b: JobQueue;

const fast = { schedule: false, pollingIntervalSeconds: 0.5, sendPollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, sendRetryDelaySeconds: 1, sendExpireInSeconds: 5 };

beforeAll(async () => {
  ministry = await makeOrganisation("MINISTRY");
  officer = await makeActor("OFFICER", ministry.id);
  leader = await makeActor("LEADERSHIP");
  await prisma.user.update({ where: { id: officer.id }, data: { name: "Trần Thị Cán Bộ" } });
  a = await createJobQueue(fast);
  b = await createJobQueue(fast);
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await a?.stop({ graceful: false });
  await b?.stop({ graceful: false });
  await closeDb();
});

const kinds = async (userId: string) => (await prisma.notification.findMany({ where: { userId }, select: { kind: true }, orderBy: { kind: "asc" } })).map((n) => n.kind);

/** Sends `n` jobs of one pass, alternately from both instances, and waits until every one has completed. */
async function runPass(queue: string, at: string, n = 4): Promise<void> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await (i % 2 ? b : a).boss.send(queue, { at }))!);
  const done = await until(async () => {
    const states = await Promise.all(ids.map(async (id) => (await a.boss.getJobById(queue, id))?.state));
    if (states.includes("failed")) throw new Error(`a ${queue} job failed`);
    return states.every((s) => s === "completed");
  });
  expect(done, `${queue} jobs completed`).toBe(true);
}

describe("reminders and mail on pg-boss, exactly once with two queue instances", () => {
  test("four reminder and dispatch jobs for the same instant over two instances: one reminder and one mail per recipient", async () => {
    await runPass(QUEUES.reminders, SEVEN_DAYS_BEFORE);
    await runPass(QUEUES.dispatch, SEVEN_DAYS_BEFORE);
    await runPass(QUEUES.reminders, SEVEN_DAYS_BEFORE);
    await runPass(QUEUES.dispatch, SEVEN_DAYS_BEFORE);
    expect(await kinds(officer.id)).toEqual(["REPORT_DUE_SOON"]);
    expect(await kinds(leader.id)).toEqual([]);
    const mails = await prisma.outboxMail.findMany({ where: { toAddress: officer.email } });
    expect(mails.length).toBe(1);
    expect(mails[0].subject).toBe("Còn 7 ngày đến hạn báo cáo quý 2/2026");
    expect(mails[0].text).toContain("Kính gửi Trần Thị Cán Bộ,");
    expect(mails[0].text).toContain("còn 5 chỉ số chưa gửi báo cáo quý 2/2026");
    expect(mails[0].html).toContain('<html lang="vi">');
    // without SMTP_URL the mail stays in the outbox: no delivery job at all
    expect(await a.boss.getQueueSize(QUEUES.send, { before: "completed" })).toBe(0);
  });

  test("the day after: overdue for the officer, the digest for leadership, still once each", async () => {
    await runPass(QUEUES.reminders, DAY_AFTER, 6);
    await runPass(QUEUES.dispatch, DAY_AFTER, 6);
    expect(await kinds(officer.id)).toEqual(["REPORT_DUE_SOON", "REPORT_OVERDUE"]);
    expect(await kinds(leader.id)).toEqual(["OVERDUE_DIGEST"]);
    expect(await prisma.outboxMail.count({ where: { toAddress: officer.email } })).toBe(2);
    expect(await prisma.outboxMail.count({ where: { toAddress: leader.email } })).toBe(1);
  });

  test("preferences: OFF gets no mail, DIGEST one mail a day with everything", async () => {
    const off = await makeActor("OFFICER", ministry.id);
    const digest = await makeActor("OFFICER", ministry.id);
    await prisma.user.update({ where: { id: off.id }, data: { mailPreference: "OFF" } });
    await prisma.user.update({ where: { id: digest.id }, data: { mailPreference: "DIGEST" } });
    for (const u of [off, digest]) {
      for (const i of [1, 2]) await prisma.notification.create({ data: { userId: u.id, kind: "PASSWORD_RESET", params: { at: "2026-06-21T01:00:00Z" }, link: `/p${i}` } });
    }
    // 06:00 in Viet Nam: no digest yet
    await runPass(QUEUES.dispatch, "2026-06-21T23:00:00Z", 2);
    await runPass(QUEUES.digests, "2026-06-21T23:00:00Z", 2);
    expect(await prisma.outboxMail.count({ where: { toAddress: { in: [off.email, digest.email] } } })).toBe(4); // a reset is mailed whatever the choice
    expect(await prisma.outboxMail.count({ where: { toAddress: digest.email, kind: "DIGEST" } })).toBe(0);
    await prisma.notification.create({ data: { userId: digest.id, kind: "REPORT_OVERDUE", params: { period: "2026-Q2", dueDate: "2026-06-20", missing: 5, organisationVi: "Bộ X" }, link: "/reports" } });
    await prisma.notification.create({ data: { userId: off.id, kind: "REPORT_OVERDUE", params: { period: "2026-Q2", dueDate: "2026-06-20", missing: 5 }, link: "/reports" } });
    const morning = "2026-06-22T01:00:00Z"; // 08:00
    await runPass(QUEUES.dispatch, morning);
    await runPass(QUEUES.digests, morning);
    await runPass(QUEUES.digests, "2026-06-22T05:00:00Z"); // later the same day: no second digest
    const digests = await prisma.outboxMail.findMany({ where: { toAddress: digest.email, kind: "DIGEST" } });
    expect(digests.map((m) => m.subject)).toEqual(["Tổng hợp thông báo ngày 22/06/2026"]);
    expect(digests[0].text).toContain("Quá hạn báo cáo quý 2/2026");
    expect(await prisma.outboxMail.count({ where: { toAddress: off.email } })).toBe(2);
  });
});

describe("delivery over SMTP, to a real server, on pg-boss", () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await testSmtp();
    // everything in the outbox so far is someone else's business: sent already
    await prisma.outboxMail.updateMany({ where: { sentAt: null }, data: { sentAt: new Date() } });
  });
  afterAll(async () => {
    await smtp.close().catch(() => {});
  });

  test("the server down first: the job fails, pg-boss retries it with back-off, the mail goes out once; both parts", async () => {
    process.env.SMTP_URL = smtp.url;
    const forgetful = await makeActor("LEADERSHIP");
    await prisma.user.update({ where: { id: forgetful.id }, data: { name: "Lê Văn Quên" } });
    await requestPasswordReset({ email: forgetful.email }, { ip: "203.0.113.9" });
    const row = await prisma.outboxMail.findFirstOrThrow({ where: { toAddress: forgetful.email } });
    // the mail-dispatch pass gives it its job (the job id is the mail's id), twice from each instance: one job
    await runPass(QUEUES.dispatch, new Date().toISOString());
    const failedOnce = await until(async () => (await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } })).attempts >= 1, 30_000);
    expect(failedOnce).toBe(true);
    const job = await a.boss.getJobById(QUEUES.send, row.id);
    // failed once: retried by pg-boss (waiting for its back-off, or running again already)
    expect(["retry", "active"]).toContain(job?.state);
    expect(job?.retryBackoff).toBe(true);
    const after = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.sentAt).toBeNull();
    expect(after.lastError).toMatch(/ECONNREFUSED/);
    expect(smtp.received.length).toBe(0);

    const upAt = Date.now();
    await smtp.listen();
    expect(await until(() => smtp.received.length >= 1, 60_000)).toBe(true);
    // a few more passes (each enqueues every unsent mail) and duplicate jobs change nothing
    await runPass(QUEUES.dispatch, new Date().toISOString());
    await until(async () => (await a.boss.getJobById(QUEUES.send, row.id))?.state === "completed", 30_000);
    expect(smtp.received.length).toBe(1);
    const m = smtp.received[0];
    expect(m.at).toBeGreaterThanOrEqual(upAt);
    expect(m.to).toEqual([forgetful.email]);
    expect(m.subject).toBe("Đặt lại mật khẩu");
    expect(m.raw).toContain("multipart/alternative");
    const text = part(m.raw, "text/plain");
    const html = part(m.raw, "text/html");
    expect(text).toContain("Kính gửi Lê Văn Quên,");
    expect(text).toMatch(/Đặt mật khẩu mới: http:\/\/localhost:\d+\/reset-password\?token=rst_[A-Za-z0-9_-]{43}/);
    expect(html).toContain("Kính gửi Lê Văn Quên,");
    expect(html).toMatch(/<a href="http:\/\/localhost:\d+\/reset-password\?token=rst_[A-Za-z0-9_-]{43}"/);
    const sent = await prisma.outboxMail.findUniqueOrThrow({ where: { id: row.id } });
    expect(sent.sentAt).not.toBeNull();
    expect(sent.attempts).toBeGreaterThanOrEqual(2); // the failures and the one that went out
    expect(sent.lastError).toBeNull();
  });

  test("a job that runs twice sends once: duplicate mail-send jobs for the same mails, on both instances at once", async () => {
    process.env.SMTP_URL = smtp.url;
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => makeActor("OFFICER", ministry.id)));
    const ids = await transaction(async (tx) => {
      const out: string[] = [];
      for (const p of people) {
        const mail = renderMail("en", p.name, `Test mail for ${p.email}`, null, [{ title: "Hello", body: "Body", link: "/" }]);
        out.push((await queueMail(tx, { ...mail, userId: p.id, to: p.email, kind: "TEST", dedupeKey: `test:${p.id}` }))!);
      }
      return out;
    });
    const before = smtp.received.length;
    // three jobs per mail, each with its own id (so pg-boss keeps all three), sent from both instances
    const jobs: string[] = [];
    for (const id of ids) for (const q of [a, b, a]) jobs.push((await q.boss.send(QUEUES.send, { mailId: id }, { id: randomUUID() }))!);
    const all = await until(async () => (await Promise.all(jobs.map(async (j) => (await a.boss.getJobById(QUEUES.send, j))?.state))).every((s) => s === "completed"), 60_000);
    expect(all).toBe(true);
    const got = smtp.received.slice(before);
    expect(got.map((r) => r.to[0]).sort()).toEqual(people.map((p) => p.email).sort());
    const rows = await prisma.outboxMail.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.sentAt && r.attempts === 1)).toBe(true);
  });
});

describe("a worker killed mid-way (npm run worker, two processes)", () => {
  let smtp: TestSmtp;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    smtp = await testSmtp();
    await smtp.listen();
    await a.stop({ graceful: false });
    await b.stop({ graceful: false });
    await prisma.outboxMail.updateMany({ where: { sentAt: null }, data: { sentAt: new Date() } });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await smtp.close().catch(() => {});
  });

  function worker(label: string): ChildProcess {
    const root = path.resolve(__dirname, "../..");
    // node itself (what `npm run worker` ends up running), not the tsx wrapper: SIGKILL must kill the worker
    const c = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
      cwd: root,
      env: {
        ...process.env,
        LOG_LEVEL: process.env.JOBS_DEBUG ? "info" : "warn",
        SMTP_URL: smtp.url,
        JOBS_POLL_SECONDS: "0.5",
        JOBS_CRON: "0",
        JOBS_MAINTENANCE_SECONDS: "1",
        JOBS_SEND_EXPIRE_SECONDS: "4",
        JOBS_SEND_RETRY_DELAY_SECONDS: "1",
        AUTH_SECRET: "worker-test-secret-worker-test-secret",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    c.on("exit", (code, signal) => process.env.JOBS_DEBUG && console.log(`worker ${label} exited`, code, signal));
    children.push(c);
    return c;
  }

  test("killed while sending the 3rd of 6 mails: the next worker sends the rest, each mail accepted once", async () => {
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map(() => makeActor("OFFICER", ministry.id)));
    const ids = await transaction(async (tx) => {
      const out: string[] = [];
      for (const [i, p] of people.entries()) {
        const mail = renderMail("vi", p.name, `Thư thử ${i + 1}`, null, [{ title: "Tiêu đề", body: "Nội dung", link: "/" }]);
        out.push((await queueMail(tx, { ...mail, userId: p.id, to: p.email, kind: "TEST", dedupeKey: `restart:${p.id}` }))!);
      }
      return out;
    });
    // the 3rd mail to arrive is held by the server (never answered): worker 1 is in the middle of sending it when it dies
    const heldSubjects: string[] = [];
    smtp.hold = (s) => {
      if (smtp.received.length < 2 || heldSubjects.length) return false;
      heldSubjects.push(s);
      return true;
    };
    const first = worker("1");
    // the jobs: one per mail, as mail-dispatch gives them (job id = mail id); sent by a queue that does not work them
    const PgBoss = (await import("pg-boss")).default;
    const sender = new PgBoss({ connectionString: process.env.DATABASE_URL!, schedule: false, supervise: false, max: 2 });
    sender.on("error", () => {});
    await sender.start();
    for (const id of ids.slice(0, 3)) await sender.send(QUEUES.send, { mailId: id }, { id });
    expect(await until(() => heldSubjects.length === 1, 90_000)).toBe(true);
    if (process.env.JOBS_DEBUG) console.log("held", heldSubjects, "received", smtp.received.map((r) => r.subject));
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    smtp.hold = null;
    expect([...smtp.received.map((r) => r.subject), ...heldSubjects].sort()).toEqual(["Thư thử 1", "Thư thử 2", "Thư thử 3"]);
    expect(smtp.received.length).toBe(2);
    for (const id of ids.slice(3)) await sender.send(QUEUES.send, { mailId: id }, { id });

    // a fresh worker, and a second one beside it: every mail once, the held one after its job expired
    worker("2");
    worker("3");
    const all = await until(() => smtp.received.length >= 6, 120_000);
    if (process.env.JOBS_DEBUG) console.log("received", smtp.received.map((r) => r.subject), await prisma.$queryRawUnsafe(`SELECT j.state, j.retry_count, j.output, m.last_error, m.attempts FROM pgboss.job j JOIN outbox_mails m ON m.id = j.id WHERE j.name = 'mail-send' AND j.state <> 'completed'`));
    expect(all).toBe(true);
    await until(async () => (await prisma.outboxMail.count({ where: { id: { in: ids }, sentAt: null } })) === 0, 30_000);
    await new Promise((r) => setTimeout(r, 3_000)); // a duplicate would arrive now
    await sender.stop({ graceful: false });
    expect(smtp.received.map((r) => r.subject).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Thư thử ${i}`));
    const rows = await prisma.outboxMail.findMany({ where: { id: { in: ids } }, select: { sentAt: true, attempts: true } });
    // the killed attempt's transaction was rolled back with its connection: one counted attempt each
    expect(rows.map((r) => [r.sentAt !== null, r.attempts])).toEqual(ids.map(() => [true, 1]));
  }, 300_000);
});
