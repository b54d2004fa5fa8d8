import "server-only";
import { pool } from "./db";
import { lineageTree, quarterLineage, type Basis, type LineageTree, type QuarterLineage, type SuccessionEdge } from "@/lib/domain/lineage";
import type { Validity } from "@/lib/domain/validity";
import { periodIndex, periodOf, periodRange } from "@/lib/domain/periods";
import type { MetricCode } from "@/lib/domain/codes";
import { byPeriod, statusesFor, unitSums } from "./dashboard-sql";
import type { RestructuringMarkDto } from "@/lib/dto/restructurings";

/*
 * Reads what lib/domain/lineage.ts decides on: the successions (a few hundred rows at most: one per dissolved body)
 * and the validity of the organisations in one organisation's tree.
 */

interface EdgeRow extends SuccessionEdge {
  restructuringId: string;
  effectiveDate: string;
  legalBasis: string;
}

async function successionEdges(): Promise<EdgeRow[]> {
  const { rows } = await pool().query<{ rid: string; eff: string; basis: string; from_id: string; history_to_id: string | null; to_ids: string[] }>(
    `SELECT s.restructuring_id AS rid, r.effective_date::text AS eff, r.legal_basis AS basis, s.from_id, s.history_to_id,
            COALESCE(array_agg(x.organisation_id ORDER BY x.position) FILTER (WHERE x.organisation_id IS NOT NULL), '{}') AS to_ids
       FROM restructuring_successions s
       JOIN restructurings r ON r.id = s.restructuring_id
       LEFT JOIN restructuring_successors x ON x.succession_id = s.id
      GROUP BY s.id, r.id`,
  );
  return rows.map((r) => ({
    restructuringId: r.rid,
    effectiveDate: r.eff,
    legalBasis: r.basis,
    fromId: r.from_id,
    historyToId: r.history_to_id,
    toIds: r.to_ids,
  }));
}

export interface OrganisationLineage {
  tree: LineageTree;
  validity: Map<string, Validity>;
  /** the restructurings that touched the tree (the organisation, its predecessors or those left out) */
  restructurings: RestructuringMarkDto[];
  /** the lineage of one quarter on a basis */
  at(period: string, basis: Basis): QuarterLineage;
}

/** One organisation's lineage: its predecessors through historyTo, those left out, and their validity. */
export async function organisationLineage(id: string): Promise<OrganisationLineage> {
  const edges = await successionEdges();
  const tree = lineageTree(id, edges);
  const ids = [tree.id, ...tree.predecessors, ...tree.leftOut];
  const { rows } = await pool().query<{ id: string; valid_from: string | null; valid_to: string | null }>(
    `SELECT id, valid_from::text, valid_to::text FROM organisations WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const validity = new Map(rows.map((r) => [r.id, { validFrom: r.valid_from, validTo: r.valid_to }]));
  const touched = new Set(ids);
  const restructurings = marksOf(edges.filter((e) => touched.has(e.fromId) || e.toIds.some((t) => touched.has(t))));
  return { tree, validity, restructurings, at: (period, basis) => quarterLineage(tree, period, basis, (x) => validity.get(x)) };
}

function marksOf(edges: EdgeRow[]): RestructuringMarkDto[] {
  const byId = new Map<string, RestructuringMarkDto>();
  for (const e of edges) {
    if (!byId.has(e.restructuringId)) {
      byId.set(e.restructuringId, { date: e.effectiveDate, period: periodOf(new Date(`${e.effectiveDate}T00:00:00Z`)), legalBasis: e.legalBasis });
    }
  }
  return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Every restructuring whose effective date falls in the quarters from `from` to `to` (trend charts mark them). */
export async function restructuringMarks(from: string, to: string): Promise<RestructuringMarkDto[]> {
  const { rows } = await pool().query<{ date: string; basis: string }>(
    `SELECT effective_date::text AS date, legal_basis AS basis FROM restructurings ORDER BY effective_date, created_at`,
  );
  const a = periodIndex(from)!;
  const b = periodIndex(to)!;
  return rows
    .map((r) => ({ date: r.date, period: periodOf(new Date(`${r.date}T00:00:00Z`)), legalBasis: r.basis }))
    .filter((m) => {
      const i = periodIndex(m.period)!;
      return i >= a && i <= b;
    });
}

/** Marks within a range, from an organisation's own list. */
export function marksWithin(marks: RestructuringMarkDto[], from: string, to: string): RestructuringMarkDto[] {
  const a = periodIndex(from)!;
  const b = periodIndex(to)!;
  return marks.filter((m) => {
    const i = periodIndex(m.period)!;
    return i >= a && i <= b;
  });
}

/**
 * One organisation's figures per quarter on a basis (internal: no actor): per quarter its lineage, whether it is
 * partial, and the five metrics' sums over the units of that lineage (one GROUP BY for the whole range).
 */
export async function organisationSeries(id: string, from: string, to: string, basis: Basis, includeSubmitted: boolean, metric?: MetricCode) {
  const periods = periodRange(from, to);
  const lineage = await organisationLineage(id);
  const perPeriod = new Map(periods.map((p) => [p, lineage.at(p, basis)]));
  const rows = await unitSums(new Map([...perPeriod].map(([p, l]) => [p, l.lineage])), statusesFor(includeSubmitted), metric);
  const sums = byPeriod(rows, periods);
  return { periods, perPeriod, sums, restructurings: lineage.restructurings };
}

/** Names of organisations by id, dissolved ones included (for "the figures of 2025-Q2 include …"). */
export async function organisationNames(ids: readonly string[]): Promise<{ id: string; nameVi: string; nameEn: string }[]> {
  if (ids.length === 0) return [];
  const { rows } = await pool().query<{ id: string; name_vi: string; name_en: string }>(
    `SELECT id, name_vi, name_en FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY code`,
    [ids],
  );
  return rows.map((r) => ({ id: r.id, nameVi: r.name_vi, nameEn: r.name_en }));
}
