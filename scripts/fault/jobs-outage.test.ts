/**
 * The jobs through a real database outage (issue 18): two pg-boss queue instances run against a PostgreSQL this file
 * owns; a mail and a notification become due while PostgreSQL is stopped (fast shutdown, as a service manager does),
 * it is started again on the same port, and then each goes out over SMTP exactly once — with the same process, whose
 * queue must survive the outage (an unhandled rejection from pg-boss would fail this file).
 */
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { startFaultCluster, type FaultCluster } from "./cluster";
import { testSmtp, until, type TestSmtp } from "@/test/smtp";
import type { JobQueue } from "@/lib/server/jobs";

let cluster: FaultCluster;
let smtp: TestSmtp;
const queues: JobQueue[] = [];
let closeDb: () => Promise<void> = async () => {};

beforeAll(async () => {
  cluster = await startFaultCluster("jobs-outage");
  process.env.DATABASE_URL = cluster.url;
  smtp = await testSmtp();
  await smtp.listen();
  process.env.SMTP_URL = smtp.url;
  closeDb = (await import("@/lib/server/db")).closeDb;
});

afterAll(async () => {
  for (const q of queues) await q.stop({ graceful: false }).catch(() => {});
  await closeDb();
  await smtp?.close().catch(() => {});
  await cluster?.destroy();
  delete process.env.SMTP_URL;
});

describe("jobs through a database outage", () => {
  test("a mail and a notification due while PostgreSQL is down go out after it, once each", async () => {
    const { createJobQueue, QUEUES } = await import("@/lib/server/jobs");
    const { queueMail, renderMail } = await import("@/lib/server/mail");
    const { transaction } = await import("@/lib/server/tx");
    const { prisma } = await import("@/lib/server/db");
    const factories = await import("@/test/factories");
    const fast = { schedule: false, pollingIntervalSeconds: 0.5, sendPollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, sendRetryDelaySeconds: 1, sendExpireInSeconds: 5 };
    queues.push(await createJobQueue(fast), await createJobQueue(fast));
    const [a, b] = queues;

    const org = await factories.makeOrganisation("MINISTRY");
    const officer = await factories.makeActor("OFFICER", org.id);
    const other = await factories.makeActor("OFFICER", org.id);
    const mailId = await transaction(async (tx) => {
      const mail = renderMail("vi", officer.name, "Thư đến hạn trong lúc mất kết nối", null, [{ title: "Tiêu đề", body: "Nội dung", link: "/" }]);
      return (await queueMail(tx, { ...mail, userId: officer.id, to: officer.email, kind: "TEST", dedupeKey: `outage:${officer.id}` }))!;
    });
    await prisma.notification.create({
      data: { userId: other.id, kind: "REPORT_OVERDUE", params: { period: "2026-Q2", dueDate: "2026-06-20", missing: 5, organisationVi: "Bộ Thử" }, link: "/reports" },
    });
    // both due in 6 s: the mail's job, and a mail-dispatch pass for the notification (from each instance)
    const due = new Date(Date.now() + 6_000);
    await a.boss.send(QUEUES.send, { mailId }, { id: mailId, startAfter: due });
    await a.boss.send(QUEUES.dispatch, {}, { startAfter: due });
    await b.boss.send(QUEUES.dispatch, {}, { startAfter: due });

    await cluster.stop();
    const stoppedAt = Date.now();
    expect(stoppedAt, "PostgreSQL stopped before the jobs were due").toBeLessThan(due.getTime());
    // down until well after they were due, while both queues keep polling a database that is not there
    await new Promise((r) => setTimeout(r, due.getTime() - Date.now() + 4_000));
    expect(smtp.received.length).toBe(0);
    const upAt = Date.now();
    await cluster.start();

    const both = await until(() => smtp.received.length >= 2, 90_000);
    expect(both, `received: ${smtp.received.map((r) => r.subject).join(" | ")}`).toBe(true);
    // passes that run again change nothing: every unsent mail's job id is its own id
    await a.boss.send(QUEUES.dispatch, {});
    await b.boss.send(QUEUES.dispatch, {});
    await new Promise((r) => setTimeout(r, 4_000));
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual([officer.email, other.email].sort());
    for (const r of smtp.received) expect(r.at).toBeGreaterThanOrEqual(upAt);
    expect(smtp.received.find((r) => r.to[0] === other.email)?.subject).toBe("Quá hạn báo cáo quý 2/2026");
    const rows = await cluster.query<{ to_address: string; sent: boolean }>(`SELECT to_address, sent_at IS NOT NULL AS sent FROM outbox_mails ORDER BY to_address`);
    expect(rows.rows).toEqual([officer.email, other.email].sort().map((to) => ({ to_address: to, sent: true })));
  });
});
