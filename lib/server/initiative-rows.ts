import "server-only";
import type pg from "pg";
import { canonical, moneyOut } from "./initiatives";
import { BUILDING_BLOCKS, ENABLERS, PRINCIPLES } from "@/lib/domain/codes";
import { Prisma } from "@/lib/generated/prisma/client";

/*
 * Initiatives read set-wise with pg for the spreadsheet paths: the export (initiatives-csv.ts) and the import's
 * matching (initiatives-import.ts) read the same columns and turn them into the same fields, so an unchanged export
 * re-imports as unchanged by construction.
 */

/** One initiative as INITIATIVE_ROW_COLUMNS selects it (`i` = initiatives, `o` = its organisation). */
export type InitiativeRow = {
  id: string;
  organisation_id: string;
  organisation_code: string;
  external_ref: string | null;
  archived: boolean;
  title: string;
  description: string;
  status: string;
  building_blocks: string[];
  principles: string[];
  enablers: string[];
  current_stage: number;
  target_stage: number;
  start_date: string | null;
  end_date: string | null;
  budget_planned: string | null;
  budget_spent: string | null;
  progress: number;
  updated_at: Date;
};

export const INITIATIVE_ROW_COLUMNS = Prisma.sql`i.id::text AS id, i.organisation_id::text AS organisation_id, o.code AS organisation_code, i.external_ref,
  i.archived_at IS NOT NULL AS archived, i.title, i.description, i.status::text AS status,
  ARRAY(SELECT b.block_code::text FROM initiative_building_blocks b WHERE b.initiative_id = i.id) AS building_blocks,
  ARRAY(SELECT p.principle_code::text FROM initiative_principles p WHERE p.initiative_id = i.id) AS principles,
  ARRAY(SELECT e.enabler_code::text FROM initiative_enablers e WHERE e.initiative_id = i.id) AS enablers,
  i.current_stage::int AS current_stage, i.target_stage::int AS target_stage,
  to_char(i.start_date, 'YYYY-MM-DD') AS start_date, to_char(i.end_date, 'YYYY-MM-DD') AS end_date,
  i.budget_planned, i.budget_spent, i.progress::int AS progress, i.updated_at`;

/** A Prisma.sql statement run on a pg pool or client. */
export async function queryRows<T>(db: pg.Pool | pg.PoolClient, q: Prisma.Sql): Promise<T[]> {
  return (await db.query(q.text, q.values)).rows as T[];
}

const money = (v: string | null) => moneyOut(v === null ? null : Number(v));

/** The editable fields of a row, lists in canonical order, money as numbers: the import schema's shape. */
export function initiativeFields(r: InitiativeRow) {
  return {
    title: r.title,
    description: r.description,
    buildingBlocks: canonical(r.building_blocks, BUILDING_BLOCKS),
    principles: canonical(r.principles, PRINCIPLES),
    enablers: canonical(r.enablers, ENABLERS),
    status: r.status,
    currentStage: r.current_stage,
    targetStage: r.target_stage,
    startDate: r.start_date,
    endDate: r.end_date,
    budgetPlanned: money(r.budget_planned),
    budgetSpent: money(r.budget_spent),
    progress: r.progress,
    externalRef: r.external_ref,
  };
}
