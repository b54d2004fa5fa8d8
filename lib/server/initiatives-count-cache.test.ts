import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { randomBytes } from "node:crypto";
import { prisma, closeDb } from "./db";
import { archiveInitiative, listInitiatives, restoreInitiative } from "./initiatives";
import { makeActor, makeOrganisation } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import type { InitiativeStatus } from "@/lib/domain/codes";

/*
 * A search's match count is kept per data version and filter (lib/server/initiatives.ts countMatches, through
 * cachedCountByVersion): the next pages, by cursor or by number, reuse it. It must never outlive a committed write
 * that changes it — including the writes that leave every summary table as it was (an edit of a title; a statement
 * that swaps two initiatives' statuses: the summary triggers apply net deltas only, so only migration
 * *_list_count_version's triggers move the version for them).
 */

let leader: Actor;
let orgId: string;
const word = `zq${randomBytes(4).toString("hex")}`;
const ids: string[] = [];

async function make(title: string, status: InitiativeStatus) {
  const i = await prisma.initiative.create({
    data: { organisationId: orgId, title, status, currentStage: 1, targetStage: 5, progress: 10, createdById: leader.id, updatedById: leader.id },
  });
  ids.push(i.id);
  return i.id;
}

const total = async (q: Record<string, string>) => {
  const p = await listInitiatives(leader, { q: word, ...q });
  return { total: p.total, estimate: p.totalIsEstimate, next: p.nextCursor, rows: p.data.length };
};

beforeAll(async () => {
  orgId = (await makeOrganisation()).id;
  leader = await makeActor("LEADERSHIP");
  for (let n = 0; n < 5; n++) await make(`Đề án ${word} số ${n}`, "PLANNED");
  await make("Đề án khác", "PLANNED");
});

afterAll(async () => {
  await closeDb();
});

describe("a search's count, kept per data version", () => {
  test("a deep page by cursor answers the same total as the first page", async () => {
    const first = await total({ pageSize: "2" });
    expect(first).toMatchObject({ total: 5, estimate: false, rows: 2 });
    const second = await total({ pageSize: "2", after: first.next! });
    expect(second).toMatchObject({ total: 5, rows: 2 });
    const third = await total({ pageSize: "2", after: second.next! });
    expect(third).toMatchObject({ total: 5, rows: 1, next: null });
  });

  test("an edit of a title (no summary row changes) is counted by the next read", async () => {
    expect((await total({})).total).toBe(5);
    const other = ids[5];
    await prisma.initiative.update({ where: { id: other }, data: { title: `Đề án ${word} mới` } });
    expect((await total({})).total).toBe(6);
    await prisma.initiative.update({ where: { id: other }, data: { title: "Đề án khác" } });
    expect((await total({})).total).toBe(5);
  });

  test("a statement that swaps two initiatives' statuses (net zero in the summaries) is counted by the next read", async () => {
    const [matching, other] = [ids[0], ids[5]];
    await prisma.initiative.update({ where: { id: other }, data: { status: "IN_PROGRESS" } });
    expect((await total({ status: "PLANNED" })).total).toBe(5);
    expect((await total({ status: "IN_PROGRESS" })).total).toBe(0);
    const before = await prisma.$queryRaw<{ v: bigint }[]>`SELECT version AS v FROM data_versions WHERE id = 1`;
    // one statement: PLANNED ↔ IN_PROGRESS between a matching and a non-matching initiative of one organisation,
    // stage and progress: every summary row's net delta is zero
    await prisma.$executeRaw`UPDATE initiatives SET status = CASE WHEN id = ${matching}::uuid THEN 'IN_PROGRESS'::"InitiativeStatus" ELSE 'PLANNED'::"InitiativeStatus" END
      WHERE id IN (${matching}::uuid, ${other}::uuid)`;
    const after = await prisma.$queryRaw<{ v: bigint }[]>`SELECT version AS v FROM data_versions WHERE id = 1`;
    expect(after[0].v).toBeGreaterThan(before[0].v);
    expect((await total({ status: "PLANNED" })).total).toBe(4);
    expect((await total({ status: "IN_PROGRESS" })).total).toBe(1);
  });

  test("archiving and restoring move the count; archived lists are counted too", async () => {
    const before = (await total({})).total;
    const admin = await makeActor("ADMIN");
    const v = async () => (await prisma.initiative.findUniqueOrThrow({ where: { id: ids[1] } })).version;
    await archiveInitiative(admin, ids[1], String(await v()));
    expect((await total({})).total).toBe(before - 1);
    expect((await total({ archived: "true" })).total).toBe(1);
    await restoreInitiative(admin, ids[1], { version: await v() });
    expect((await total({})).total).toBe(before);
    expect((await total({ archived: "true" })).total).toBe(0);
  });
});
