/**
 * The SQL that scripts/bench.ts times straight on the database, beside the API: the dashboards' initiative roll-ups
 * over the base tables (a reference: what the summary tables save; the dashboards' own statements are captured from
 * the core by scripts/bench-core.ts, not copied here), and the initiatives list's page and count queries
 * (lib/server/initiatives.ts), written out here because that module is server-only. Keep them in step with it.
 */
import { wordQuery } from "../../lib/domain/search";

interface Stmt {
  sql: string;
  params?: unknown[];
}

const rootFilter = "($1::uuid IS NULL OR o.id = $1 OR o.parent_id = $1)";

export const DASHBOARD_SQL = {
  /** initiativeSums + blockSums of dashboard.ts: GROUP BY over initiatives and their links */
  base(rootId: string | null): Stmt[] {
    return [
      {
        sql: `SELECT NULL::uuid AS root_id, i.status::text AS status, i.current_stage::int AS stage, COUNT(*)::int AS count,
                     COALESCE(SUM(i.progress), 0)::float8 AS sp,
                     COALESCE(SUM(i.progress::numeric * i.budget_planned) FILTER (WHERE i.budget_planned > 0), 0)::float8 AS spb,
                     COALESCE(SUM(i.budget_planned) FILTER (WHERE i.budget_planned > 0), 0)::float8 AS swb,
                     COALESCE(SUM(i.budget_planned), 0)::float8 AS bp, COALESCE(SUM(i.budget_spent), 0)::float8 AS bs
                FROM initiatives i JOIN organisations o ON o.id = i.organisation_id
               WHERE i.archived_at IS NULL AND ${rootFilter}
               GROUP BY 1, 2, 3`,
        params: [rootId],
      },
      {
        sql: `SELECT NULL::uuid AS root_id, b.block_code AS block, i.status::text AS status, COUNT(*)::int AS count,
                     COALESCE(SUM(i.progress), 0)::float8 AS sp
                FROM initiative_building_blocks b JOIN initiatives i ON i.id = b.initiative_id
                JOIN organisations o ON o.id = i.organisation_id
               WHERE i.archived_at IS NULL AND ${rootFilter}
               GROUP BY 1, 2, 3`,
        params: [rootId],
      },
    ];
  },
};

export interface ListFilter {
  organisationId?: string;
  status?: string;
  buildingBlock?: string;
  q?: string;
  sort?: string;
  page?: number;
}

interface CtxLike {
  largestOrg: { id: string };
}

export interface ListCase {
  key: string;
  label: string;
  filter(ctx: CtxLike): ListFilter;
  query(ctx: CtxLike): string;
}

function listCase(key: string, label: string, filter: (ctx: CtxLike) => ListFilter): ListCase {
  return {
    key,
    label,
    filter,
    query: (ctx) =>
      Object.entries(filter(ctx))
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
        .join("&"),
  };
}

export const LIST_CASES: ListCase[] = [
  listCase("all", "no filter, page 1 (default sort -updatedAt)", () => ({})),
  listCase("org", "organisation filter (largest organisation), page 1", (c) => ({ organisationId: c.largestOrg.id })),
  listCase("org.progress", "organisation filter, sort -progress", (c) => ({ organisationId: c.largestOrg.id, sort: "-progress" })),
  listCase("status", "status IN_PROGRESS, page 1", () => ({ status: "IN_PROGRESS" })),
  listCase("status.progress", "status IN_PROGRESS, sort progress", () => ({ status: "IN_PROGRESS", sort: "progress" })),
  listCase("status.page500", "status IN_PROGRESS, page 500", () => ({ status: "IN_PROGRESS", page: 500 })),
  listCase("block", "building block SHARED_DATA, page 1", () => ({ buildingBlock: "SHARED_DATA" })),
  listCase("search.selective", "selective search \"sao khue\" (accent-free, ~11 hits)", () => ({ q: "sao khue" })),
  listCase("search.rare.common", "rare phrase of common trigrams \"bach dang\" (~14 hits)", () => ({ q: "bach dang" })),
  listCase("search.org.common", "largest organisation + common phrase \"cong dich vu\" (~2,000 hits)", (c) => ({ organisationId: c.largestOrg.id, q: "cong dich vu" })),
  listCase("search.broad", "broad search \"chinh phu\", page 1", () => ({ q: "chinh phu" })),
  listCase("search.broad.progress", "broad search \"chinh phu\", sort -progress", () => ({ q: "chinh phu", sort: "-progress" })),
  listCase("search.broad.page500", "broad search \"chinh phu\", page 500", () => ({ q: "chinh phu", page: 500 })),
];

const SORT: Record<string, { sql: string; nullable: boolean }> = {
  title: { sql: "i.title", nullable: false },
  status: { sql: "i.status", nullable: false },
  progress: { sql: "i.progress", nullable: false },
  startDate: { sql: "i.start_date", nullable: true },
  endDate: { sql: "i.end_date", nullable: true },
  budgetPlanned: { sql: "i.budget_planned", nullable: true },
  updatedAt: { sql: "i.updated_at", nullable: false },
};

/** The list's page query, its old exact count, and its new count (summary tables, or counted up to 10,001). */
/** searchWords() of lib/server/initiatives.ts: does the planner estimate the word condition selective? */
export async function wordsSelective(db: { query: (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }, words: string): Promise<boolean> {
  const r = await db.query(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM initiatives i WHERE to_tsvector('simple'::regconfig, i.search_text) @@ to_tsquery('simple'::regconfig, $1)`,
    [words],
  );
  const plan = r.rows[0]?.["QUERY PLAN"] as [{ Plan: { "Plan Rows": number } }] | undefined;
  return (plan?.[0]?.Plan?.["Plan Rows"] ?? Infinity) <= 5_000;
}

export function listSql(c: ListCase, ctx: CtxLike, wordsWanted: (words: string) => boolean = () => true): { page: Stmt; exactCount: Stmt; newCount: Stmt } {
  const f = c.filter(ctx);
  const conds = ["i.archived_at IS NULL"];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.organisationId) conds.push(`i.organisation_id = ${p(f.organisationId)}::uuid`);
  if (f.status) conds.push(`i.status = ${p(f.status)}::"InitiativeStatus"`);
  if (f.buildingBlock) conds.push(`EXISTS (SELECT 1 FROM initiative_building_blocks b WHERE b.initiative_id = i.id AND b.block_code = ${p(f.buildingBlock)})`);
  const term = f.q ? f.q.trim().replace(/\s+/g, " ").replace(/[\\%_]/g, (x) => `\\${x}`) : "";
  // as lib/server/initiatives.ts: the word index for a phrase of whole words, the LIKE as the exact check
  // (only when the app would: its planner estimate, searchWords(), is the caller's wordsWanted)
  const candidate = term ? wordQuery(term) : null;
  const words = candidate && wordsWanted(candidate) ? candidate : null;
  if (words) {
    conds.push(`to_tsvector('simple'::regconfig, i.search_text) @@ to_tsquery('simple'::regconfig, ${p(words)})`);
    conds.push(`(i.search_text || '') LIKE '%' || lower(f_unaccent(${p(term)})) || '%'`);
  } else if (term) conds.push(`i.search_text LIKE '%' || lower(f_unaccent(${p(term)})) || '%'`);
  const where = conds.join(" AND ");
  const sort = f.sort ?? "-updatedAt";
  const col = SORT[sort.replace(/^-/, "")];
  const dir = sort.startsWith("-") ? "DESC" : "ASC";
  const order = `${col.sql} ${dir}${col.nullable ? " NULLS LAST" : ""}, i.id ${dir}`;
  const offset = ((f.page ?? 1) - 1) * 50;
  const page = { sql: `SELECT i.id::text AS id FROM initiatives i WHERE ${where} ORDER BY ${order} LIMIT 50 OFFSET ${offset}`, params: [...params] };
  const exactCount = { sql: `SELECT count(*)::int AS n FROM initiatives i WHERE ${where}`, params: [...params] };
  let newCount: Stmt;
  if (term) newCount = { sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM initiatives i WHERE ${where} LIMIT 10001) t`, params: [...params] };
  else {
    const table = f.buildingBlock ? "initiative_stats_by_org_block_status" : "initiative_stats_by_org_status_stage";
    const c: string[] = [];
    const ps: unknown[] = [];
    if (f.organisationId) c.push(`s.organisation_id = $${ps.push(f.organisationId)}::uuid`);
    if (f.buildingBlock) c.push(`s.block_code = $${ps.push(f.buildingBlock)}`);
    if (f.status) c.push(`s.status = $${ps.push(f.status)}::"InitiativeStatus"`);
    newCount = { sql: `SELECT COALESCE(SUM(s.count), 0)::int AS n FROM ${table} s ${c.length ? `WHERE ${c.join(" AND ")}` : ""}`, params: ps };
  }
  return { page, exactCount, newCount };
}
