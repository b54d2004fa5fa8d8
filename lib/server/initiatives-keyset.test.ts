import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { prisma, closeDb } from "./db";
import { AppError } from "./errors";
import { listInitiatives } from "./initiatives";
import { makeActor, makeOrganisation } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import type { InitiativeStatus } from "@/lib/domain/codes";

/*
 * Keyset pagination of the initiatives list (`after` = the previous page's nextCursor): walking every page by cursor
 * gives exactly the rows of one big page, in the same order, for every sort (NULLs last both ways, ties broken by
 * id), and `page` keeps working beside it.
 */

let leader: Actor;
let orgId: string;
const SORTS = ["title", "-title", "status", "-status", "progress", "-progress", "startDate", "-startDate", "endDate", "-endDate", "budgetPlanned", "-budgetPlanned", "updatedAt", "-updatedAt"];
const STATUSES: InitiativeStatus[] = ["PLANNED", "IN_PROGRESS", "COMPLETED", "ON_HOLD", "CANCELLED"];

beforeAll(async () => {
  const org = await makeOrganisation();
  orgId = org.id;
  leader = await makeActor("LEADERSHIP");
  // 23 rows with many ties (4 titles, 3 progress values, one updatedAt for several) and NULLs in the nullable columns
  const same = new Date("2026-06-01T10:00:00.123Z");
  for (let i = 0; i < 23; i++) {
    await prisma.initiative.create({
      data: {
        organisationId: orgId,
        title: `Đề án ${"ABCD"[i % 4]}`,
        status: STATUSES[i % 5],
        currentStage: 1,
        targetStage: 5,
        progress: STATUSES[i % 5] === "COMPLETED" ? 100 : (i % 3) * 10,
        startDate: i % 4 === 0 ? null : new Date(Date.UTC(2025, i % 6, 1)),
        endDate: i % 3 === 0 ? null : new Date(Date.UTC(2027, i % 2, 1)),
        budgetPlanned: i % 5 === 1 ? null : BigInt(1_000_000 * (i % 4)),
        updatedAt: i % 2 ? same : new Date(same.getTime() + i * 1000),
        createdById: leader.id,
        updatedById: leader.id,
      },
    });
  }
});

afterAll(async () => {
  await closeDb();
});

describe("keyset pagination", () => {
  test.each(SORTS)("sort %s: every page by cursor, in order, no row twice or missing", async (sort) => {
    const all = await listInitiatives(leader, { organisationId: orgId, sort, pageSize: "200" });
    expect(all.data.length).toBe(23);
    expect(all.nextCursor).toBeNull();
    const walked: string[] = [];
    let after: string | null = null;
    for (let n = 0; n < 10; n++) {
      const page: Awaited<ReturnType<typeof listInitiatives>> = await listInitiatives(leader, { organisationId: orgId, sort, pageSize: "5", ...(after ? { after } : {}) });
      walked.push(...page.data.map((d) => d.id));
      expect(page.total).toBe(23);
      after = page.nextCursor;
      if (!after) break;
    }
    expect(walked).toEqual(all.data.map((d) => d.id));
    // page 3 by offset is the third page by cursor
    const third = await listInitiatives(leader, { organisationId: orgId, sort, pageSize: "5", page: "3" });
    expect(third.data.map((d) => d.id)).toEqual(walked.slice(10, 15));
    expect(third.nextCursor).not.toBeNull();
  });

  test("a cursor of another sort, or not a cursor at all, is a 400 naming `after`", async () => {
    const p = await listInitiatives(leader, { organisationId: orgId, sort: "title", pageSize: "5" });
    for (const q of [
      { sort: "-title", after: p.nextCursor! },
      { after: "bm90LWEtY3Vyc29y" },
      { after: Buffer.from(JSON.stringify(["-updatedAt", null, "x"])).toString("base64url") },
      { after: "has spaces" },
    ]) {
      const err = await listInitiatives(leader, { organisationId: orgId, ...q }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("validation_failed");
      expect(((err as AppError).details ?? []).map((d) => d.path)).toEqual(["after"]);
    }
  });
});
