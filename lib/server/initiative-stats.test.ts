import { describe, test, expect, beforeAll, afterAll } from "vitest";
import type pg from "pg";
import { prisma, pool, closeDb } from "./db";
import { makeActor, makeOrganisation, quietPeriod } from "@/test/factories";
import { archiveInitiative, createInitiative, restoreInitiative, updateInitiative } from "./initiatives";
import { organisationDashboard, coverageHeatmap } from "./dashboard";
import { importInitiativesCsv } from "./initiatives-import";
import { INITIATIVE_CSV_COLUMNS } from "@/lib/domain/csv";
import { blockSums, checkInitiativeStats, countInitiativesFromStats, initiativeSums, type InitiativeFilter } from "./initiative-stats";
import type { Actor } from "@/lib/auth/permissions";
import { BUILDING_BLOCKS, INITIATIVE_STATUSES, type BuildingBlockCode, type InitiativeStatus } from "@/lib/domain/codes";
import type { InitiativeDto } from "@/lib/dto/initiatives";

/** A small seeded generator (mulberry32): a failing sequence can be replayed from the printed seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

function randomBlocks(r: Rng): BuildingBlockCode[] {
  const n = r.int(1, 3);
  return [...new Set(Array.from({ length: n }, () => r.pick(BUILDING_BLOCKS)))];
}
function randomBudget(r: Rng): number | null {
  if (r.chance(0.2)) return null;
  if (r.chance(0.1)) return 0;
  return r.int(1, 5_000) * 1_000_000;
}
function randomState(r: Rng): { status: InitiativeStatus; progress: number } {
  const status = r.pick(INITIATIVE_STATUSES);
  return { status, progress: status === "COMPLETED" ? 100 : r.int(0, 100) };
}

/** The GROUP BYs of lib/server/dashboard.ts over the base tables, verbatim: what the summary tables must equal. */
async function baseInitiativeSums(db: pg.PoolClient, f: InitiativeFilter) {
  const root = f.byRoot ? "COALESCE(o.parent_id, o.id)" : "NULL::uuid";
  const { rows } = await db.query(
    `SELECT ${root} AS root_id, i.status::text AS status, i.current_stage::int AS stage, COUNT(*)::int AS count,
            COALESCE(SUM(i.progress), 0)::float8 AS sp,
            COALESCE(SUM(i.progress::numeric * i.budget_planned) FILTER (WHERE i.budget_planned > 0), 0)::float8 AS spb,
            COALESCE(SUM(i.budget_planned) FILTER (WHERE i.budget_planned > 0), 0)::float8 AS swb,
            COALESCE(SUM(i.budget_planned), 0)::float8 AS bp,
            COALESCE(SUM(i.budget_spent), 0)::float8 AS bs
       FROM initiatives i JOIN organisations o ON o.id = i.organisation_id
      WHERE i.archived_at IS NULL AND ($1::uuid IS NULL OR o.id = $1 OR o.parent_id = $1)
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [f.rootId ?? null],
  );
  return rows.map((r) => ({
    rootId: r.root_id,
    status: r.status,
    stage: r.stage,
    count: r.count,
    sumProgress: r.sp,
    sumProgressBudget: r.spb,
    sumWeightingBudget: r.swb,
    budgetPlanned: r.bp,
    budgetSpent: r.bs,
  }));
}
async function baseBlockSums(db: pg.PoolClient, f: InitiativeFilter) {
  const root = f.byRoot ? "COALESCE(o.parent_id, o.id)" : "NULL::uuid";
  const { rows } = await db.query(
    `SELECT ${root} AS root_id, b.block_code AS block, i.status::text AS status, COUNT(*)::int AS count, COALESCE(SUM(i.progress), 0)::float8 AS sp
       FROM initiative_building_blocks b
       JOIN initiatives i ON i.id = b.initiative_id
       JOIN organisations o ON o.id = i.organisation_id
      WHERE i.archived_at IS NULL AND ($1::uuid IS NULL OR o.id = $1 OR o.parent_id = $1)
        AND ($2::text IS NULL OR b.block_code = $2)
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [f.rootId ?? null, f.block ?? null],
  );
  return rows.map((r) => ({ rootId: r.root_id, block: r.block, status: r.status, count: r.count, sumProgress: r.sp }));
}

/** Both readings in one snapshot, so the file's concurrent writers (below) cannot make them differ. */
async function inSnapshot<T>(fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } finally {
    client.release();
  }
}

async function expectExact(filters: InitiativeFilter[]) {
  await inSnapshot(async (db) => {
    expect(await checkInitiativeStats(db)).toEqual([]);
    for (const f of filters) {
      const [mine, base] = [await initiativeSums(f, db), await baseInitiativeSums(db, f)];
      expect(mine).toEqual(base);
      const [mb, bb] = [await blockSums(f, db), await baseBlockSums(db, f)];
      expect(mb).toEqual(bb);
    }
  });
}

interface PlainInitiative {
  status: InitiativeStatus;
  progress: number;
  stage: number;
  budgetPlanned: number | null;
  budgetSpent: number | null;
  blocks: string[];
}

/** The live (not archived) initiatives of an organisation and its agencies, row by row. */
async function plainInitiatives(rootId: string): Promise<PlainInitiative[]> {
  const { rows } = await pool().query(
    `SELECT i.status::text AS status, i.progress::int AS progress, i.current_stage::int AS stage,
            i.budget_planned::float8 AS bp, i.budget_spent::float8 AS bs,
            COALESCE((SELECT array_agg(b.block_code::text) FROM initiative_building_blocks b WHERE b.initiative_id = i.id), '{}') AS blocks
       FROM initiatives i JOIN organisations o ON o.id = i.organisation_id
      WHERE i.archived_at IS NULL AND (o.id = $1 OR o.parent_id = $1)`,
    [rootId],
  );
  return rows.map((r) => ({ status: r.status, progress: r.progress, stage: r.stage, budgetPlanned: r.bp, budgetSpent: r.bs, blocks: r.blocks }));
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** spec/domain.md "Roll-ups", naively: count all; means over those not CANCELLED; weights over budgetPlanned > 0. */
function naiveFigures(list: PlainInitiative[]) {
  const live = list.filter((i) => i.status !== "CANCELLED");
  const weighted = live.filter((i) => (i.budgetPlanned ?? 0) > 0);
  const weight = weighted.reduce((a, i) => a + i.budgetPlanned!, 0);
  const byStatus = Object.fromEntries(INITIATIVE_STATUSES.map((st) => [st, list.filter((i) => i.status === st).length]));
  const byBuildingBlock = Object.fromEntries(
    BUILDING_BLOCKS.map((b) => {
      const inBlock = list.filter((i) => i.blocks.includes(b));
      return [b, { count: inBlock.length, averageProgress: mean(inBlock.filter((i) => i.status !== "CANCELLED").map((i) => i.progress)) }];
    }),
  );
  return {
    total: list.length,
    byStatus,
    averageProgress: mean(live.map((i) => i.progress)),
    budgetWeightedProgress: weight > 0 ? weighted.reduce((a, i) => a + i.progress * i.budgetPlanned!, 0) / weight : null,
    budgetPlanned: list.reduce((a, i) => a + (i.budgetPlanned ?? 0), 0),
    budgetSpent: list.reduce((a, i) => a + (i.budgetSpent ?? 0), 0),
    byBuildingBlock,
  };
}

/** The stages initiatives claim, CANCELLED ones left out. */
function naiveClaimedStages(list: PlainInitiative[]) {
  return Object.fromEntries(["1", "2", "3", "4", "5"].map((k) => [k, list.filter((i) => i.status !== "CANCELLED" && String(i.stage) === k).length]));
}

let admin: Actor;
let ministry: { id: string };
let province: { id: string };
let agencyA: { id: string };
let agencyB: { id: string };
let orgIds: string[];

beforeAll(async () => {
  admin = await makeActor("ADMIN");
  ministry = await makeOrganisation("MINISTRY");
  province = await makeOrganisation("PROVINCE");
  agencyA = await makeOrganisation("AGENCY", ministry.id);
  agencyB = await makeOrganisation("AGENCY", ministry.id);
  orgIds = [ministry.id, province.id, agencyA.id, agencyB.id];
});

afterAll(async () => {
  await closeDb();
});

describe("initiative summary tables", () => {
  test("stay equal to a GROUP BY over the base tables through a random series of writes", async () => {
    const seed = Number(process.env.STATS_SEED ?? Date.now() % 1_000_000);
    const r = rng(seed);
    console.log(`initiative-stats random series, seed ${seed} (replay with STATS_SEED=${seed})`);
    const live: InitiativeDto[] = [];
    const filters: InitiativeFilter[] = [
      {},
      { byRoot: true },
      { byRoot: true, block: "SHARED_DATA" },
      ...orgIds.map((id) => ({ rootId: id })),
      { rootId: ministry.id, block: "ONE_PORTAL" },
    ];

    // through the application's own functions
    for (let k = 0; k < 30; k++) {
      const { status, progress } = randomState(r);
      const stage = r.int(1, 5);
      const budgetPlanned = randomBudget(r);
      live.push(
        await createInitiative(admin, {
          organisationId: r.pick(orgIds),
          title: `Sáng kiến thử nghiệm ${k} – chuyển đổi số`,
          buildingBlocks: randomBlocks(r),
          status,
          progress,
          currentStage: stage,
          targetStage: r.int(stage, 5),
          budgetPlanned,
          budgetSpent: budgetPlanned === null ? null : r.int(0, 1000) * 1_000_000,
        }),
      );
    }
    await expectExact(filters);

    for (let k = 0; k < 60; k++) {
      const i = r.int(0, live.length - 1);
      const cur = live[i];
      const patch: Record<string, unknown> = { version: cur.version };
      const what = r.int(0, 5);
      if (what === 0) Object.assign(patch, randomState(r));
      else if (what === 1) patch.buildingBlocks = randomBlocks(r);
      else if (what === 2) patch.organisationId = r.pick(orgIds);
      else if (what === 3) {
        const stage = r.int(1, 5);
        Object.assign(patch, { currentStage: stage, targetStage: r.int(stage, 5) });
      } else if (what === 4) Object.assign(patch, { budgetPlanned: randomBudget(r), budgetSpent: randomBudget(r) });
      else patch.title = `Đổi tên ${k}: nâng cấp cổng dịch vụ công`;
      if (cur.status === "COMPLETED" && patch.progress === undefined && patch.status === undefined) patch.progress = 100;
      live[i] = await updateInitiative(admin, cur.id, patch);
    }
    const archived: InitiativeDto[] = [];
    for (let k = 0; k < 5; k++) {
      const i = r.int(0, live.length - 1);
      await archiveInitiative(admin, live[i].id, String(live[i].version));
      archived.push({ ...live[i], version: live[i].version + 1 });
      live.splice(i, 1);
    }
    await expectExact(filters);
    // restored ones count again, in their groups as they were
    for (const a of archived.slice(0, 2)) live.push(await restoreInitiative(admin, a.id, { version: a.version }));
    await expectExact(filters);

    // an import (set-wise statements, links of initiatives the same transaction writes): new rows, and rows matched by
    // id whose status, progress, organisation-free figures and building blocks change
    const codes = new Map((await prisma.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, code: true } })).map((o) => [o.id, o.code]));
    const csvLine = (cells: (string | number | null)[]) => cells.map((c) => (c === null ? "" : String(c))).join(",");
    const lines = [INITIATIVE_CSV_COLUMNS.join(",")];
    for (let k = 0; k < 25; k++) {
      const { status, progress } = randomState(r);
      const stage = r.int(1, 5);
      const bp = randomBudget(r);
      lines.push(csvLine(["", `IMP-${seed}-${k}`, codes.get(r.pick(orgIds))!, `Nhập từ tệp ${k}`, "", status, randomBlocks(r).join("|"), "", "", stage, 5, "", "", bp, null, progress, ""]));
    }
    for (const cur of live.slice(0, 12)) {
      const { status, progress } = randomState(r);
      lines.push(csvLine([cur.id, cur.externalRef, codes.get(cur.organisationId)!, cur.title, cur.description, status, randomBlocks(r).join("|"), "", "", cur.currentStage, cur.targetStage, cur.startDate, cur.endDate, randomBudget(r), cur.budgetSpent, progress, ""]));
    }
    const imported = await importInitiativesCsv(admin, lines.join("\n"));
    expect(imported.created).toBe(25);
    await expectExact(filters);

    // and behind the application's back: multi-row statements of every kind
    const db = pool();
    await db.query(
      `INSERT INTO initiatives (organisation_id, title, status, current_stage, target_stage, progress, budget_planned, budget_spent, created_by, updated_by)
       SELECT ($1::uuid[])[1 + g % 4], 'Nhập hàng loạt ' || g, (ARRAY['PLANNED','IN_PROGRESS','ON_HOLD','CANCELLED']::"InitiativeStatus"[])[1 + g % 4],
              1 + g % 5, 5, g % 101, CASE WHEN g % 3 = 0 THEN NULL ELSE g * 1000000 END, g * 10000, $2, $2
         FROM generate_series(1, 40) g`,
      [orgIds, admin.id],
    );
    const bulk = (await db.query<{ id: string }>(`SELECT id FROM initiatives WHERE title LIKE 'Nhập hàng loạt %' AND organisation_id = ANY($1)`, [orgIds])).rows.map((x) => x.id);
    await db.query(
      `INSERT INTO initiative_building_blocks (initiative_id, block_code)
       SELECT id, b FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n), unnest(ARRAY['ONE_PORTAL', 'SHARED_DATA', 'SENSORS_ANALYTICS']) AS b
        WHERE (n + length(b)) % 2 = 0 OR b = 'ONE_PORTAL'`,
      [bulk],
    );
    await expectExact(filters);
    await db.query(`UPDATE initiatives SET status = 'IN_PROGRESS', progress = least(progress + 7, 99) WHERE id = ANY($1) AND status = 'PLANNED'`, [bulk]);
    await db.query(`UPDATE initiatives SET organisation_id = $2 WHERE id = ANY($1) AND progress % 2 = 0`, [bulk, agencyB.id]);
    await db.query(`UPDATE initiatives SET archived_at = now() WHERE id = ANY($1) AND progress % 5 = 0`, [bulk]);
    // un-archive: the one change the guard of *_archived_initiative_guard lets through on an archived row
    await db.query(`UPDATE initiatives SET archived_at = NULL, version = version + 1 WHERE id = ANY($1) AND progress % 10 = 0 AND archived_at IS NOT NULL`, [bulk]);
    // the rest touches live initiatives only (the guard refuses any other change to an archived one or its links)
    const liveIds = `SELECT id FROM initiatives WHERE id = ANY($1) AND archived_at IS NULL`;
    await db.query(`UPDATE initiative_building_blocks SET block_code = 'CYBERSECURITY_PRIVACY' WHERE initiative_id IN (${liveIds}) AND block_code = 'SHARED_DATA'`, [bulk]);
    await db.query(`DELETE FROM initiative_building_blocks WHERE initiative_id IN (${liveIds}) AND block_code = 'SENSORS_ANALYTICS'`, [bulk]);
    await db.query(`DELETE FROM initiatives WHERE id = ANY($1) AND progress % 3 = 0`, [bulk]); // hard delete (archived too): links cascade
    await db.query(`UPDATE initiatives SET title = title || ' (sửa)' WHERE id IN (${liveIds})`, [bulk]); // no figure moves
    await expectExact(filters);

    // an agency moving to another parent: roll-ups follow at read time, nothing to maintain
    await prisma.organisation.update({ where: { id: agencyB.id }, data: { parentId: province.id } });
    await expectExact(filters);

    // a statement that fails leaves nothing behind in the summaries either
    await expect(db.query(`UPDATE initiatives SET progress = 50, status = 'COMPLETED' WHERE id IN (${liveIds})`, [bulk])).rejects.toThrow();
    await expectExact(filters);
  });

  test("concurrent writers to the same groups lose no increment", async () => {
    const org = await makeOrganisation("PROVINCE");
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let k = 0; k < 5; k++) {
          const d = await createInitiative(admin, {
            organisationId: org.id,
            title: `Song song ${w}-${k}`,
            buildingBlocks: ["ONE_PORTAL", "SHARED_DATA"],
            status: "PLANNED",
            progress: 10,
            currentStage: 1,
            targetStage: 2,
            budgetPlanned: 1_000_000,
          });
          await updateInitiative(admin, d.id, { version: d.version, status: "IN_PROGRESS", progress: 20 + w, buildingBlocks: ["ONE_PORTAL"] });
        }
      })(),
    );
    await Promise.all(writers);
    await expectExact([{ rootId: org.id }]);
    const sums = await initiativeSums({ rootId: org.id });
    const count = (rows: { count: number }[]) => rows.reduce((a, r) => a + r.count, 0);
    expect(count(sums.filter((r) => r.status === "IN_PROGRESS"))).toBe(40);
    expect(count(sums)).toBe(40);
    expect(count((await blockSums({ rootId: org.id })).filter((b) => b.block === "ONE_PORTAL"))).toBe(40);
  });

  test("give the organisation dashboard and the heatmap exactly their current figures", async () => {
    // the oracle: every initiative row read plainly and the spec's rules applied in a few lines of JS, independent of
    // lib/domain/rollup.ts and of the summary tables
    for (const id of orgIds) {
      const d = await organisationDashboard(admin, id, { period: quietPeriod() });
      const rows = await plainInitiatives(id);
      expect(d.initiatives).toEqual(naiveFigures(rows));
      expect(d.claimedStages).toEqual(naiveClaimedStages(rows));
    }
    const heat = (await coverageHeatmap(admin)).find((h) => h.organisationId === ministry.id)!;
    const blocks = naiveFigures(await plainInitiatives(ministry.id)).byBuildingBlock;
    for (const b of BUILDING_BLOCKS) expect(heat.blocks[b]).toEqual(blocks[b]);
  });

  test("count the list's filters exactly without a search term", async () => {
    await inSnapshot(async (db) => {
      for (const organisationId of [ministry.id, agencyA.id]) {
        for (const status of [undefined, "IN_PROGRESS" as const]) {
          for (const buildingBlock of [undefined, "ONE_PORTAL"]) {
            const exact = await db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM initiatives i WHERE i.archived_at IS NULL AND i.organisation_id = $1
                 AND ($2::text IS NULL OR i.status = $2::"InitiativeStatus")
                 AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM initiative_building_blocks b WHERE b.initiative_id = i.id AND b.block_code = $3))`,
              [organisationId, status ?? null, buildingBlock ?? null],
            );
            expect(await countInitiativesFromStats({ organisationId, status, buildingBlock }, db)).toBe(exact.rows[0].n);
          }
        }
      }
    });
    expect(await countInitiativesFromStats({ q: "chinh phu" })).toBeNull();
  });
});
