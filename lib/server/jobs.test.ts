import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { SMTPServer } from "smtp-server";
import { createServer, type AddressInfo } from "node:net";
import { prisma, closeDb } from "./db";
import { makeActor, makeOrganisation } from "@/test/factories";
import { runJobsOnce } from "./jobs";
import { deliverOutbox, dispatchNotificationMails } from "./mail";
import { requestPasswordReset } from "./password-reset";
import type { Actor } from "@/lib/auth/permissions";

// 2026-Q2 is due on 2026-06-20 (the default 20th); these instants are 10:00 in Viet Nam
const SEVEN_DAYS_BEFORE = new Date("2026-06-13T03:00:00Z");
const DAY_AFTER = new Date("2026-06-21T03:00:00Z");

let officer: Actor;
let leader: Actor;
let ministry: { id: string };

beforeAll(async () => {
  ministry = await makeOrganisation("MINISTRY");
  officer = await makeActor("OFFICER", ministry.id);
  leader = await makeActor("LEADERSHIP");
  await prisma.user.update({ where: { id: officer.id }, data: { name: "Trần Thị Cán Bộ" } });
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await closeDb();
});

const kinds = async (userId: string) => (await prisma.notification.findMany({ where: { userId }, select: { kind: true }, orderBy: { kind: "asc" } })).map((n) => n.kind);

describe("reminders and mail, exactly once with two workers", () => {
  test("two workers running the same passes at once: one reminder and one mail per recipient", async () => {
    await Promise.all([runJobsOnce(SEVEN_DAYS_BEFORE), runJobsOnce(SEVEN_DAYS_BEFORE)]);
    await Promise.all([runJobsOnce(SEVEN_DAYS_BEFORE), runJobsOnce(SEVEN_DAYS_BEFORE)]);
    expect(await kinds(officer.id)).toEqual(["REPORT_DUE_SOON"]);
    expect(await kinds(leader.id)).toEqual([]);
    const mails = await prisma.outboxMail.findMany({ where: { toAddress: officer.email } });
    expect(mails.length).toBe(1);
    expect(mails[0].subject).toBe("Còn 7 ngày đến hạn báo cáo quý 2/2026");
    expect(mails[0].text).toContain("Kính gửi Trần Thị Cán Bộ,");
    expect(mails[0].text).toContain("còn 5 chỉ số chưa gửi báo cáo quý 2/2026");
    expect(mails[0].html).toContain('<html lang="vi">');
  });

  test("the day after: overdue for the officer, the digest for leadership, still once each", async () => {
    await Promise.all([runJobsOnce(DAY_AFTER), runJobsOnce(DAY_AFTER), runJobsOnce(DAY_AFTER)]);
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
    await dispatchNotificationMails(new Date("2026-06-21T23:00:00Z"));
    expect(await prisma.outboxMail.count({ where: { toAddress: { in: [off.email, digest.email] } } })).toBe(4); // a reset is mailed whatever the choice
    await prisma.notification.create({ data: { userId: digest.id, kind: "REPORT_OVERDUE", params: { period: "2026-Q2", dueDate: "2026-06-20", missing: 5, organisationVi: "Bộ X" }, link: "/reports" } });
    await prisma.notification.create({ data: { userId: off.id, kind: "REPORT_OVERDUE", params: { period: "2026-Q2", dueDate: "2026-06-20", missing: 5 }, link: "/reports" } });
    const morning = new Date("2026-06-22T01:00:00Z"); // 08:00
    await Promise.all([runJobsOnce(morning), runJobsOnce(morning)]);
    const digests = await prisma.outboxMail.findMany({ where: { toAddress: digest.email, kind: "DIGEST" } });
    expect(digests.map((m) => m.subject)).toEqual(["Tổng hợp thông báo ngày 22/06/2026"]);
    expect(digests[0].text).toContain("Quá hạn báo cáo quý 2/2026");
    expect(await prisma.outboxMail.count({ where: { toAddress: off.email } })).toBe(2);
  });
});

/** Decodes what nodemailer writes: quoted-printable bodies and RFC 2047 encoded-word headers. */
function qp(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}
function words(s: string): string {
  return s.replace(/\r?\n[ \t]+/g, " ").replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) => (enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : qp(text.replace(/_/g, " "))));
}
function part(raw: string, type: string): string {
  const i = raw.indexOf(`Content-Type: ${type}`);
  const start = raw.indexOf("\r\n\r\n", i) + 4;
  const end = raw.indexOf("\r\n--", start);
  const headers = raw.slice(i, start);
  const body = raw.slice(start, end);
  return /base64/i.test(headers) ? Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8") : qp(body);
}

describe("delivery over SMTP, to a real server", () => {
  test("recipients, subject and both parts; a mail due while the server is down goes out after it", async () => {
    const received: { to: string[]; raw: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
          done();
        });
      },
    });
    // a free port, then the mail is written while nothing listens there
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    const forgetful = await makeActor("LEADERSHIP");
    await prisma.user.update({ where: { id: forgetful.id }, data: { name: "Lê Văn Quên" } });
    // everything else in the outbox is someone else's business: sent already
    await prisma.outboxMail.updateMany({ where: { sentAt: null }, data: { sentAt: new Date() } });
    const t0 = new Date();
    await requestPasswordReset({ email: forgetful.email }, { ip: "203.0.113.9" }, t0);

    // the outbox row's time is the database's, a moment after t0
    const t1 = new Date(t0.getTime() + 5_000);
    const down = await deliverOutbox(t1);
    expect(down).toEqual({ sent: 0, failed: 1 });
    const row = await prisma.outboxMail.findFirstOrThrow({ where: { toAddress: forgetful.email } });
    expect([row.attempts, row.sentAt, row.nextAttemptAt.getTime() - t1.getTime()]).toEqual([1, null, 60_000]);
    // not before its back-off
    expect(await deliverOutbox(new Date(t1.getTime() + 30_000))).toEqual({ sent: 0, failed: 0 });

    await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
    try {
      expect(await deliverOutbox(new Date(t1.getTime() + 61_000))).toEqual({ sent: 1, failed: 0 });
      expect(await deliverOutbox(new Date(t1.getTime() + 120_000))).toEqual({ sent: 0, failed: 0 });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(received.length).toBe(1);
    expect(received[0].to).toEqual([forgetful.email]);
    const raw = received[0].raw;
    const subject = words(/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)![1]);
    expect(subject).toBe("Đặt lại mật khẩu");
    expect(raw).toContain("multipart/alternative");
    const text = part(raw, "text/plain");
    const html = part(raw, "text/html");
    expect(text).toContain("Kính gửi Lê Văn Quên,");
    expect(text).toMatch(/Đặt mật khẩu mới: http:\/\/localhost:\d+\/reset-password\?token=rst_[A-Za-z0-9_-]{43}/);
    expect(html).toContain("Kính gửi Lê Văn Quên,");
    expect(html).toMatch(/<a href="http:\/\/localhost:\d+\/reset-password\?token=rst_[A-Za-z0-9_-]{43}"/);
    expect((await prisma.outboxMail.findFirstOrThrow({ where: { toAddress: forgetful.email } })).sentAt).not.toBeNull();
  });
});
