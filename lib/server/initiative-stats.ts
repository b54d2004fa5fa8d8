import "server-only";
import type pg from "pg";
import { pool } from "./db";
import type { BuildingBlockCode, InitiativeStatus } from "@/lib/domain/codes";
import type { BlockSums, InitiativeSums } from "@/lib/domain/rollup";

/*
 * The initiative part of the dashboards read from the exact summary tables (prisma/migrations/*_summary_triggers):
 * initiative_stats_by_org_status_stage and initiative_stats_by_org_block_status, kept by triggers in the same
 * transaction as every write. Drop-in replacements for initiativeSums() and blockSums() of lib/server/dashboard.ts:
 * same signatures, same rows (count > 0 groups only, as a GROUP BY over the base tables answers), the same float8
 * sums (numeric sums summed exactly in SQL, converted once). A dashboard then reads ~20,000 rows at most instead of
 * a million initiatives and 1.5 million links, whatever the data size.
 * The summaries are keyed by the initiative's own organisation; agencies roll into their MINISTRY/PROVINCE here, at
 * read time, so moving an agency to another parent needs no maintenance.
 */

export interface InitiativeFilter {
  /** one organisation and its agencies */
  rootId?: string | null;
  /** group per MINISTRY/PROVINCE (agencies rolled in) */
  byRoot?: boolean;
  /** blockSums only: one building block */
  block?: BuildingBlockCode;
}
export interface InitiativeSumRow extends InitiativeSums {
  rootId: string | null;
  stage: number;
}
export interface BlockSumRow extends BlockSums {
  rootId: string | null;
  block: BuildingBlockCode;
}

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/**
 * The FROM clause for a filter, built from fixed fragments only. Nationally the summary rows are summed without a
 * join (17,500 rows, a few ms); one organisation reads its own and its agencies' rows through the primary key; per
 * root joins every organisation. `rootId`, when given, is parameter $1.
 */
function from(f: InitiativeFilter, table: string): string {
  if (f.rootId) return `organisations o JOIN ${table} s ON s.organisation_id = o.id AND (o.id = $1::uuid OR o.parent_id = $1::uuid)`;
  if (f.byRoot) return `${table} s JOIN organisations o ON o.id = s.organisation_id`;
  return `${table} s`;
}

/** Initiatives not archived, summed per (root, status, current stage). */
export async function initiativeSums(f: InitiativeFilter, db: Queryable = pool()): Promise<InitiativeSumRow[]> {
  // the grouping key is chosen from two fixed fragments, never from input
  const root = f.byRoot ? "COALESCE(o.parent_id, o.id)" : "NULL::uuid";
  const { rows } = await db.query<{
    root_id: string | null;
    status: InitiativeStatus;
    stage: number;
    count: number;
    sp: number;
    spb: number;
    swb: number;
    bp: number;
    bs: number;
  }>(
    `SELECT ${root} AS root_id, s.status::text AS status, s.current_stage::int AS stage, SUM(s.count)::int AS count,
            SUM(s.sum_progress)::float8 AS sp,
            SUM(s.sum_progress_x_budget)::float8 AS spb,
            SUM(s.sum_budget_planned)::float8 AS swb,
            SUM(s.sum_budget_planned)::float8 AS bp,
            SUM(s.sum_budget_spent)::float8 AS bs
       FROM ${from(f, "initiative_stats_by_org_status_stage")}
      WHERE s.count > 0
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`,
    f.rootId ? [f.rootId] : [],
  );
  return rows.map((r) => ({
    rootId: r.root_id,
    status: r.status,
    stage: r.stage,
    count: r.count,
    sumProgress: r.sp,
    // budgets are >= 0 (CHECK), so sum(budget_planned) over those > 0 is sum(budget_planned)
    sumProgressBudget: r.spb,
    sumWeightingBudget: r.swb,
    budgetPlanned: r.bp,
    budgetSpent: r.bs,
  }));
}

/** Initiative-block links of initiatives not archived, summed per (root, block, status). */
export async function blockSums(f: InitiativeFilter, db: Queryable = pool()): Promise<BlockSumRow[]> {
  const root = f.byRoot ? "COALESCE(o.parent_id, o.id)" : "NULL::uuid";
  const { rows } = await db.query<{ root_id: string | null; block: string; status: InitiativeStatus; count: number; sp: number }>(
    `SELECT ${root} AS root_id, s.block_code AS block, s.status::text AS status, SUM(s.count)::int AS count,
            SUM(s.sum_progress)::float8 AS sp
       FROM ${from(f, "initiative_stats_by_org_block_status")}
      WHERE s.count > 0 ${f.block ? `AND s.block_code = $${f.rootId ? 2 : 1}` : ""}
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`,
    [...(f.rootId ? [f.rootId] : []), ...(f.block ? [f.block] : [])],
  );
  return rows.map((r) => ({ rootId: r.root_id, block: r.block as BuildingBlockCode, status: r.status, count: r.count, sumProgress: r.sp }));
}

/**
 * Exact counts for the initiatives list when it has no text search: organisation (that organisation only, as the list
 * filter means), status and building block, in any combination, from the summary tables. Null when the filter needs
 * the base table (a search term).
 */
export async function countInitiativesFromStats(
  q: { organisationId?: string; status?: InitiativeStatus; buildingBlock?: string; q?: string },
  db: Queryable = pool(),
): Promise<number | null> {
  if (q.q && q.q.trim()) return null;
  // the block table when a block is asked for; only the conditions given, so the primary key serves an organisation
  const table = q.buildingBlock ? "initiative_stats_by_org_block_status" : "initiative_stats_by_org_status_stage";
  const conds: string[] = [];
  const params: unknown[] = [];
  if (q.organisationId) conds.push(`s.organisation_id = $${params.push(q.organisationId)}::uuid`);
  if (q.buildingBlock) conds.push(`s.block_code = $${params.push(q.buildingBlock)}`);
  if (q.status) conds.push(`s.status = $${params.push(q.status)}::"InitiativeStatus"`);
  const { rows } = await db.query<{ n: number }>(
    `SELECT COALESCE(SUM(s.count), 0)::int AS n FROM ${table} s ${conds.length ? `WHERE ${conds.join(" AND ")}` : ""}`,
    params,
  );
  return rows[0]?.n ?? 0;
}

export interface StatsMismatch {
  table: "initiative_stats_by_org_status_stage" | "initiative_stats_by_org_block_status";
  key: string;
  summary: string | null;
  base: string | null;
}

/**
 * Where the summary tables differ from a GROUP BY over the base tables (empty = exact). Reads both in one snapshot
 * when `db` is a client inside a REPEATABLE READ transaction; for tests, the bench and a support check.
 */
export async function checkInitiativeStats(db: Queryable = pool()): Promise<StatsMismatch[]> {
  const { rows } = await db.query<StatsMismatch>(`
    WITH base_a AS (
      SELECT i.organisation_id, i.status, i.current_stage, count(*)::int AS count, sum(i.progress)::bigint AS sum_progress,
             coalesce(sum(i.budget_planned), 0)::numeric AS bp, coalesce(sum(i.budget_spent), 0)::numeric AS bs,
             coalesce(sum(i.progress::numeric * i.budget_planned) FILTER (WHERE i.budget_planned > 0), 0)::numeric AS pxb,
             (count(*) FILTER (WHERE i.budget_planned > 0))::int AS cb
        FROM initiatives i WHERE i.archived_at IS NULL GROUP BY 1, 2, 3),
    sum_a AS (
      SELECT organisation_id, status, current_stage, count, sum_progress, sum_budget_planned AS bp, sum_budget_spent AS bs,
             sum_progress_x_budget AS pxb, count_with_budget AS cb
        FROM initiative_stats_by_org_status_stage WHERE (count, sum_progress, sum_budget_planned, sum_budget_spent,
             sum_progress_x_budget, count_with_budget) IS DISTINCT FROM (0, 0::bigint, 0::numeric, 0::numeric, 0::numeric, 0)),
    base_b AS (
      SELECT i.organisation_id, l.block_code, i.status, count(*)::int AS count, sum(i.progress)::bigint AS sum_progress
        FROM initiative_building_blocks l JOIN initiatives i ON i.id = l.initiative_id
       WHERE i.archived_at IS NULL GROUP BY 1, 2, 3),
    sum_b AS (
      SELECT organisation_id, block_code, status, count, sum_progress FROM initiative_stats_by_org_block_status
       WHERE (count, sum_progress) IS DISTINCT FROM (0, 0::bigint))
    SELECT 'initiative_stats_by_org_status_stage' AS table,
           concat_ws('/', coalesce(s.organisation_id, b.organisation_id), coalesce(s.status, b.status), coalesce(s.current_stage, b.current_stage)) AS key,
           CASE WHEN s.organisation_id IS NULL THEN NULL ELSE concat_ws(' ', s.count, s.sum_progress, s.bp, s.bs, s.pxb, s.cb) END AS summary,
           CASE WHEN b.organisation_id IS NULL THEN NULL ELSE concat_ws(' ', b.count, b.sum_progress, b.bp, b.bs, b.pxb, b.cb) END AS base
      FROM sum_a s FULL JOIN base_a b
        ON b.organisation_id = s.organisation_id AND b.status = s.status AND b.current_stage = s.current_stage
     WHERE (s.count, s.sum_progress, s.bp, s.bs, s.pxb, s.cb) IS DISTINCT FROM (b.count, b.sum_progress, b.bp, b.bs, b.pxb, b.cb)
    UNION ALL
    SELECT 'initiative_stats_by_org_block_status',
           concat_ws('/', coalesce(s.organisation_id, b.organisation_id), coalesce(s.block_code, b.block_code), coalesce(s.status, b.status)),
           CASE WHEN s.organisation_id IS NULL THEN NULL ELSE concat_ws(' ', s.count, s.sum_progress) END,
           CASE WHEN b.organisation_id IS NULL THEN NULL ELSE concat_ws(' ', b.count, b.sum_progress) END
      FROM sum_b s FULL JOIN base_b b
        ON b.organisation_id = s.organisation_id AND b.block_code = s.block_code AND b.status = s.status
     WHERE (s.count, s.sum_progress) IS DISTINCT FROM (b.count, b.sum_progress)`);
  return rows;
}
