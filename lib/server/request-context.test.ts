import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, test } from "vitest";
import { prisma } from "@/lib/server/db";
import { makeActor, uid } from "@/test/factories";
import { createOrganisation } from "./organisations";
import { importInitiativesCsv } from "./initiatives-import";
import { createInitiative } from "./initiatives";
import { createRestructuring } from "./restructurings";
import { currentRequestId, installRequestTracking, requestContext, requestsInFlight, waitForRequests } from "./request-context";

const servers: http.Server[] = [];
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

describe("request tracking at the HTTP server (pages, server actions and API calls alike)", () => {
  test("each request runs in its own context from arrival to response, and a shutdown waits for it", async () => {
    installRequestTracking();
    installRequestTracking(); // idempotent: one count per request
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: Record<string, (string | undefined)[]> = {};
    const url = await serve(async (req, res) => {
      const key = String(req.headers["x-test"]);
      (seen[key] ??= []).push(currentRequestId());
      await gate;
      await new Promise((r) => setTimeout(r, 5));
      seen[key].push(currentRequestId(), String(req.headers["x-request-id"]));
      res.end(requestContext.getStore()?.peer ?? "no peer");
    });
    const base = requestsInFlight();
    const given = fetch(url, { headers: { "x-test": "given", "x-request-id": "upstream-id-0001" } });
    const junk = fetch(url, { headers: { "x-test": "junk", "x-request-id": "bad id" } });
    await until(() => requestsInFlight() === base + 2);

    // the shutdown's wait: not done while the two are in flight, done once they have answered
    expect(await waitForRequests(50)).toBe(false);
    const waiting = waitForRequests(10_000);
    release();
    expect(await waiting).toBe(true);
    expect(requestsInFlight()).toBe(base);

    expect(await (await given).text()).toBe("127.0.0.1");
    await (await junk).text();
    expect(seen.given).toEqual(["upstream-id-0001", "upstream-id-0001", "upstream-id-0001"]);
    // an unusable upstream id is replaced by a fresh one, the same everywhere in that request
    expect(seen.junk[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.junk).toEqual([seen.junk[0], seen.junk[0], seen.junk[0]]);
    expect(currentRequestId()).toBeUndefined();
  });
});

describe("audit entries", () => {
  test("carry the id of the request they were written for", async () => {
    const admin = await makeActor("ADMIN");
    const code = `T_${uid(10)}`;
    const org = await requestContext.run({ requestId: "req-audit-test-0001" }, () =>
      createOrganisation(admin, { code, nameVi: "Bộ Thử nghiệm", nameEn: "Test Ministry", kind: "MINISTRY" }),
    );
    const rows = await prisma.auditEntry.findMany({ where: { entityId: org.id }, select: { requestId: true, action: true } });
    expect(rows).toEqual([{ requestId: "req-audit-test-0001", action: "create" }]);
  });

  test("also those a bulk CSV import writes with its own SQL", async () => {
    const admin = await makeActor("ADMIN");
    const code = `T_${uid(10)}`;
    await createOrganisation(admin, { code, nameVi: "Bộ Nhập tệp", nameEn: "Import Ministry", kind: "MINISTRY" });
    const csv = `organisationCode,title,status,buildingBlocks,currentStage,targetStage,progress,externalRef\n${code},Sáng kiến nhập từ tệp,PLANNED,ONE_PORTAL,1,2,0,REQ-1\n`;
    const result = await requestContext.run({ requestId: "req-import-test-0001" }, () => importInitiativesCsv(admin, csv));
    expect(result).toMatchObject({ created: 1 });
    const rows = await prisma.auditEntry.findMany({ where: { entityType: "Initiative", actorId: admin.id }, select: { requestId: true } });
    expect(rows).toEqual([{ requestId: "req-import-test-0001" }]);
  });

  test("and every entry of a restructuring: its own, and each body, initiative and user it moves", async () => {
    const admin = await makeActor("ADMIN");
    const mk = (validFrom?: string) => createOrganisation(admin, { code: `T_${uid(10)}`, nameVi: "Tỉnh Thử nghiệm", nameEn: "Test Province", kind: "PROVINCE", ...(validFrom ? { validFrom } : {}) });
    const from = await mk();
    const to = await mk("2021-07-01");
    const ini = await createInitiative(admin, {
      organisationId: from.id, title: "Sáng kiến chuyển sang", description: "", buildingBlocks: ["ONE_PORTAL"], principles: [], enablers: [], status: "IN_PROGRESS",
      currentStage: 1, targetStage: 2, startDate: null, endDate: null, budgetPlanned: null, budgetSpent: null, progress: 10,
    });
    await makeActor("OFFICER", from.id);
    const r = await requestContext.run({ requestId: "req-restructure-0001" }, () =>
      createRestructuring(admin, { effectiveDate: "2021-07-01", legalBasis: "Nghị quyết thử", successions: [{ fromId: from.id, toIds: [to.id] }] }),
    );
    if (r.dryRun) throw new Error("expected a restructuring");
    const rows = await prisma.auditEntry.findMany({ where: { OR: [{ action: "restructure" }, { entityType: "Restructuring" }] }, select: { entityType: true, entityId: true, requestId: true } });
    const mine = rows.filter((x) => [r.restructuring.id, from.id, ini.id].includes(x.entityId ?? "") || x.entityType === "User");
    expect(mine.map((x) => x.entityType).sort()).toEqual(["Initiative", "Organisation", "Restructuring", "User"]);
    expect(new Set(mine.map((x) => x.requestId))).toEqual(new Set(["req-restructure-0001"]));
  });
});
