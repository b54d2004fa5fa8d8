/**
 * Applying a restructuring (spec/restructuring.md) inside the caller's transaction: the one code path of
 * POST /api/v1/restructurings (lib/server/restructurings.ts) and of the demo data (prisma/seed.ts), hence no
 * `server-only` and relative imports only.
 *
 * Everything is set-wise SQL: the 1 July 2025 merger moves thousands of initiatives in a handful of statements
 * (BENCHMARKS.md), each moved record getting its history entry from the same statement's RETURNING rows.
 * Concurrency: the named organisations are locked FOR UPDATE first (a new initiative, report, user or agency of one of
 * them takes a KEY SHARE lock through its foreign key, and lib/server/validity.ts a SHARE lock, so they wait for the
 * restructuring or it waits for them and then sees them); an initiative being edited is locked by its own UPDATE and
 * re-checked afterwards by PostgreSQL (READ COMMITTED), so it moves in the state the edit left it in, or the edit
 * answers 409 (its version was bumped by the move). Restructurings themselves take one advisory lock, one at a time.
 */
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { ValidationError, type ErrorDetail } from "../errors";
import { MOVABLE_REPORT_STATUSES, reportFate, resolveHistoryTo, restructuringProblems, type OrgFacts, type SuccessionEdge } from "../domain/restructuring";
import { todayInVietnam } from "../domain/validity";
import type { OrganisationKind } from "../domain/codes";
import type { ConflictDto, MovesDto, RestructuringDto, RestructuringPreviewDto } from "@/lib/dto/restructurings";

type Tx = Prisma.TransactionClient;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = z.string().regex(UUID_RE, "not a valid id").transform((s) => s.toLowerCase());
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: "not a real date", params: { code: "date_not_real" } })
  .refine((s) => s >= "1900-01-01" && s <= "2100-12-31", { message: "a year from 1900 to 2100", params: { code: "year_out_of_range", minimum: 1900, maximum: 2100 } });

export const restructuringInput = z.strictObject({
  effectiveDate: date,
  legalBasis: z.string().trim().min(1, "required").max(500),
  note: z
    .string()
    .trim()
    .max(4000)
    .nullish()
    .transform((v) => v || null),
  successions: z
    .array(
      z.strictObject({
        fromId: uuid,
        toIds: z.array(uuid).min(1, "at least one successor").max(20),
        historyTo: uuid.nullable().optional(),
      }),
    )
    .min(1, "at least one dissolved organisation")
    .max(500),
  dryRun: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});
export type RestructuringInput = z.infer<typeof restructuringInput>;

export interface CoreActor {
  id: string;
  email: string;
  /** the request the restructuring is written for (lib/server/request-context.ts), on every audit entry; none for the seed */
  requestId?: string | null;
}

const day = (d: Date | string | null): string | null => (d === null ? null : typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** The facts the rules need, with the named organisations locked. */
async function loadFacts(tx: Tx, ids: string[]): Promise<{ orgs: Map<string, OrgFacts & { code: string }>; edges: SuccessionEdge[] }> {
  const rows = await tx.$queryRaw<{ id: string; code: string; kind: OrganisationKind; valid_from: string | null; valid_to: string | null; dissolved: boolean }[]>`
    SELECT o.id::text AS id, o.code, o.kind::text AS kind, o.valid_from::text AS valid_from, o.valid_to::text AS valid_to,
           EXISTS (SELECT 1 FROM restructuring_successions s WHERE s.from_id = o.id) AS dissolved
      FROM organisations o WHERE o.id = ANY(${ids}::uuid[]) ORDER BY o.id FOR UPDATE OF o`;
  const orgs = new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, kind: r.kind, validFrom: day(r.valid_from), validTo: day(r.valid_to), dissolved: r.dissolved }]));
  const edgeRows = await tx.$queryRaw<{ from_id: string; history_to_id: string | null; to_ids: string[] }[]>`
    SELECT s.from_id::text AS from_id, s.history_to_id::text AS history_to_id,
           array_agg(r.organisation_id::text ORDER BY r.position) AS to_ids
      FROM restructuring_successions s JOIN restructuring_successors r ON r.succession_id = s.id GROUP BY s.id`;
  return { orgs, edges: edgeRows.map((e) => ({ fromId: e.from_id, toIds: e.to_ids, historyToId: e.history_to_id })) };
}

/** What would move to the primary successors, and what stands in the way. */
async function preview(tx: Tx, froms: string[], prims: string[], d: string, codeOf: (id: string) => string): Promise<RestructuringPreviewDto & { moving: { id: string; from: string; to: string }[] }> {
  const [counts] = await tx.$queryRaw<MovesDto[]>`
    WITH m(from_id, to_id) AS (SELECT * FROM unnest(${froms}::uuid[], ${prims}::uuid[])),
    ini AS (SELECT i.id FROM initiatives i JOIN m ON i.organisation_id = m.from_id
             WHERE i.archived_at IS NULL AND i.status NOT IN ('COMPLETED', 'CANCELLED'))
    SELECT (SELECT count(*)::int FROM ini) AS initiatives,
           (SELECT count(*)::int FROM kpis k JOIN ini ON ini.id = k.initiative_id) AS kpis,
           (SELECT count(*)::int FROM users u JOIN m ON u.organisation_id = m.from_id) AS users,
           (SELECT count(*)::int FROM organisations o JOIN m ON o.parent_id = m.from_id
             WHERE o.kind = 'AGENCY' AND o.id <> ALL(${froms}::uuid[]) AND (o.valid_to IS NULL OR o.valid_to > ${d}::date)) AS agencies,
           0 AS reports`;

  const reports = await tx.$queryRaw<{ id: string; organisation_id: string; period: string; metric: string; status: string; to_id: string; taken: boolean }[]>`
    WITH m(from_id, to_id) AS (SELECT * FROM unnest(${froms}::uuid[], ${prims}::uuid[]))
    SELECT r.id::text AS id, r.organisation_id::text AS organisation_id, r.period, r.metric_code AS metric, r.status::text AS status,
           m.to_id::text AS to_id,
           EXISTS (SELECT 1 FROM metric_reports x WHERE x.organisation_id = m.to_id AND x.period = r.period AND x.metric_code = r.metric_code) AS taken
      FROM metric_reports r JOIN m ON r.organisation_id = m.from_id
     WHERE r.status::text = ANY(${[...MOVABLE_REPORT_STATUSES]}::text[]) AND period_last_day(r.period) >= ${d}::date
     ORDER BY r.period, r.metric_code, r.id`;
  const conflicts: ConflictDto[] = [];
  const moving: { id: string; from: string; to: string }[] = [];
  // two predecessors' drafts for one (successor, quarter, metric) cannot both move there
  const target = new Map<string, number>();
  for (const r of reports) target.set(`${r.to_id}|${r.period}|${r.metric}`, (target.get(`${r.to_id}|${r.period}|${r.metric}`) ?? 0) + 1);
  for (const r of reports) {
    const shared = (target.get(`${r.to_id}|${r.period}|${r.metric}`) ?? 0) > 1;
    const fate = reportFate(r, d, r.taken || shared);
    if (fate === "move") moving.push({ id: r.id, from: r.organisation_id, to: r.to_id });
    else if (fate === "conflict") {
      conflicts.push({
        kind: "report",
        reportId: r.id,
        organisationId: r.organisation_id,
        period: r.period,
        metric: r.metric,
        ...(r.taken
          ? {
              message: `${codeOf(r.organisation_id)} has a ${r.status} ${r.metric} report for ${r.period}, and its successor ${codeOf(r.to_id)} already has one: resolve one of them first`,
              code: "report_conflict_taken" as const,
              params: { organisation: codeOf(r.organisation_id), status: r.status, metric: r.metric, period: r.period, successor: codeOf(r.to_id) },
            }
          : {
              message: `several predecessors of ${codeOf(r.to_id)} have a ${r.metric} report for ${r.period} that would move there: resolve all but one first`,
              code: "report_conflict_shared" as const,
              params: { successor: codeOf(r.to_id), metric: r.metric, period: r.period },
            }),
      });
    }
  }

  // (organisation, externalRef) is unique: a moving initiative must not take a reference its successor already uses
  const refs = await tx.$queryRaw<{ id: string; organisation_id: string; external_ref: string; to_id: string }[]>`
    WITH m(from_id, to_id) AS (SELECT * FROM unnest(${froms}::uuid[], ${prims}::uuid[])),
    mv AS (SELECT i.id, i.organisation_id, i.external_ref, m.to_id,
                  count(*) OVER (PARTITION BY m.to_id, i.external_ref) AS n
             FROM initiatives i JOIN m ON i.organisation_id = m.from_id
            WHERE i.archived_at IS NULL AND i.status NOT IN ('COMPLETED', 'CANCELLED') AND i.external_ref IS NOT NULL)
    SELECT mv.id::text AS id, mv.organisation_id::text AS organisation_id, mv.external_ref, mv.to_id::text AS to_id FROM mv
     WHERE mv.n > 1 OR EXISTS (SELECT 1 FROM initiatives j WHERE j.organisation_id = mv.to_id AND j.external_ref = mv.external_ref)
     ORDER BY mv.external_ref, mv.id`;
  for (const r of refs) {
    conflicts.push({
      kind: "initiative",
      initiativeId: r.id,
      organisationId: r.organisation_id,
      externalRef: r.external_ref,
      message: `initiative ${r.external_ref} of ${codeOf(r.organisation_id)} would take an external reference ${codeOf(r.to_id)} already uses: change one of them first`,
      code: "external_ref_conflict",
      params: { externalRef: r.external_ref, organisation: codeOf(r.organisation_id), successor: codeOf(r.to_id) },
    });
  }
  return { dissolve: froms, moves: { ...counts, reports: moving.length }, conflicts, moving };
}

const auditJson = (v: unknown) => JSON.stringify(v);

/**
 * Validates the request against the database (every problem at once, 400 when any), then either answers the dry
 * run's preview or applies it. Runs inside the caller's transaction; the caller commits (or rolls back on any error,
 * so nothing is ever half-applied).
 */
export async function runRestructuring(
  tx: Tx,
  actor: CoreActor,
  input: RestructuringInput,
  now: Date = new Date(),
): Promise<{ dryRun: true; preview: RestructuringPreviewDto } | { dryRun: false; restructuring: RestructuringDto }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('restructuring'))`;
  const requestId = actor.requestId ?? null;
  const d = input.effectiveDate;
  const ids = [...new Set(input.successions.flatMap((s) => [s.fromId, ...s.toIds]))];
  const { orgs, edges } = await loadFacts(tx, ids);
  const problems = restructuringProblems(input, orgs, edges, todayInVietnam(now));
  if (problems.length) throw new ValidationError(problems, "This restructuring cannot be recorded");

  const froms = input.successions.map((s) => s.fromId);
  const prims = input.successions.map((s) => s.toIds[0]);
  const codeOf = (id: string) => orgs.get(id)?.code ?? id;
  const p = await preview(tx, froms, prims, d, codeOf);
  const { moving, ...answer } = p;
  if (input.dryRun) return { dryRun: true, preview: answer };
  if (p.conflicts.length) {
    const details: ErrorDetail[] = p.conflicts.map((c, i) => ({ path: `conflicts.${i}`, message: c.message, code: c.code, params: c.params }));
    throw new ValidationError(details, "Resolve the conflicts listed first (a dry run lists them too)");
  }

  const r = await tx.restructuring.create({
    data: {
      effectiveDate: new Date(`${d}T00:00:00Z`),
      legalBasis: input.legalBasis,
      note: input.note,
      createdById: actor.id,
      createdAt: now,
      successions: {
        create: input.successions.map((s) => ({
          fromId: s.fromId,
          historyToId: resolveHistoryTo(s),
          successors: { create: s.toIds.map((organisationId, position) => ({ organisationId, position })) },
        })),
      },
    },
    select: { id: true, createdAt: true },
  });
  const rid = r.id;

  // the predecessors end on the effective date
  await tx.$executeRaw`
    WITH done AS (UPDATE organisations SET valid_to = ${d}::date, version = version + 1, updated_at = now()
                   WHERE id = ANY(${froms}::uuid[]) RETURNING id)
    INSERT INTO audit_entries (actor_id, actor_email, action, entity_type, entity_id, organisation_id, changes, request_id)
    SELECT ${actor.id}::uuid, ${actor.email}, 'restructure', 'Organisation', done.id::text, done.id,
           jsonb_build_object('validTo', jsonb_build_object('from', NULL, 'to', ${d}::text), 'restructuringId', jsonb_build_object('from', NULL, 'to', ${rid}::text)), ${requestId}::text
      FROM done`;

  // live initiatives (their KPIs, values and targets come along: they hang off the initiative)
  await tx.$executeRaw`
    WITH m(from_id, to_id) AS (SELECT * FROM unnest(${froms}::uuid[], ${prims}::uuid[])),
    moved AS (UPDATE initiatives i SET organisation_id = m.to_id, version = i.version + 1, updated_at = now(), updated_by = ${actor.id}::uuid
                FROM m
               WHERE i.organisation_id = m.from_id AND i.archived_at IS NULL AND i.status NOT IN ('COMPLETED', 'CANCELLED')
           RETURNING i.id, m.from_id, m.to_id)
    INSERT INTO audit_entries (actor_id, actor_email, action, entity_type, entity_id, organisation_id, changes, request_id)
    SELECT ${actor.id}::uuid, ${actor.email}, 'restructure', 'Initiative', moved.id::text, moved.to_id,
           jsonb_build_object('organisationId', jsonb_build_object('from', moved.from_id::text, 'to', moved.to_id::text),
                              'restructuringId', jsonb_build_object('from', NULL, 'to', ${rid}::text)), ${requestId}::text
      FROM moved`;

  // people: moved, and signed out everywhere (as on any change of organisation, lib/server/users.ts)
  await tx.$executeRaw`
    WITH m(from_id, to_id) AS (SELECT * FROM unnest(${froms}::uuid[], ${prims}::uuid[])),
    moved AS (UPDATE users u SET organisation_id = m.to_id, session_version = u.session_version + 1, version = u.version + 1, updated_at = now()
                FROM m WHERE u.organisation_id = m.from_id RETURNING u.id, m.from_id, m.to_id),
    revoked AS (UPDATE api_tokens t SET revoked_at = now() FROM moved WHERE t.user_id = moved.id AND t.revoked_at IS NULL RETURNING t.id),
    -- each moved person is told (issue 18), in this same transaction: rendered in their language when read
    notified AS (INSERT INTO notifications (user_id, kind, params, link)
                 SELECT moved.id, 'RESTRUCTURED',
                        jsonb_build_object('restructuringId', ${rid}::text, 'effectiveDate', ${d}::text, 'legalBasis', ${input.legalBasis}::text,
                                           'fromId', moved.from_id::text, 'toId', moved.to_id::text,
                                           'fromVi', f.name_vi, 'fromEn', f.name_en, 'toVi', t.name_vi, 'toEn', t.name_en),
                        '/organisations/' || moved.to_id::text
                   FROM moved JOIN organisations f ON f.id = moved.from_id JOIN organisations t ON t.id = moved.to_id
                 RETURNING 1)
    INSERT INTO audit_entries (actor_id, actor_email, action, entity_type, entity_id, organisation_id, changes, request_id)
    SELECT ${actor.id}::uuid, ${actor.email}, 'restructure', 'User', moved.id::text, moved.to_id,
           jsonb_build_object('organisationId', jsonb_build_object('from', moved.from_id::text, 'to', moved.to_id::text),
                              'sessions', jsonb_build_object('from', NULL, 'to', 'revoked'),
                              'restructuringId', jsonb_build_object('from', NULL, 'to', ${rid}::text)), ${requestId}::text
      FROM moved`;

  // agencies: the open parent link closes on the date and a new one opens, then parent_id follows (in that order: the
  // trigger of *_restructuring_rules then finds the open link in place and leaves the history alone)
  const agencies = await tx.$queryRaw<{ id: string; from_id: string; to_id: string }[]>`
    WITH m(from_id, to_id) AS (SELECT * FROM unnest(${froms}::uuid[], ${prims}::uuid[]))
    SELECT o.id::text AS id, m.from_id::text AS from_id, m.to_id::text AS to_id
      FROM organisations o JOIN m ON o.parent_id = m.from_id
     WHERE o.kind = 'AGENCY' AND o.id <> ALL(${froms}::uuid[]) AND (o.valid_to IS NULL OR o.valid_to > ${d}::date)
     ORDER BY o.id FOR UPDATE OF o`;
  if (agencies.length) {
    const aIds = agencies.map((a) => a.id);
    const aTo = agencies.map((a) => a.to_id);
    // a link that only starts on or after the date is re-pointed instead of closed (it would end before it began)
    await tx.$executeRaw`
      WITH a(id, to_id) AS (SELECT * FROM unnest(${aIds}::uuid[], ${aTo}::uuid[]))
      UPDATE organisation_parent_links l SET parent_id = a.to_id FROM a
       WHERE l.organisation_id = a.id AND l.valid_to IS NULL AND l.valid_from IS NOT NULL AND l.valid_from >= ${d}::date`;
    await tx.$executeRaw`
      WITH a(id, to_id) AS (SELECT * FROM unnest(${aIds}::uuid[], ${aTo}::uuid[])),
      closed AS (UPDATE organisation_parent_links l SET valid_to = ${d}::date FROM a
                  WHERE l.organisation_id = a.id AND l.valid_to IS NULL AND (l.valid_from IS NULL OR l.valid_from < ${d}::date)
              RETURNING l.organisation_id)
      INSERT INTO organisation_parent_links (organisation_id, parent_id, valid_from)
      SELECT a.id, a.to_id, ${d}::date FROM a JOIN closed ON closed.organisation_id = a.id`;
    await tx.$executeRaw`
      WITH a(id, from_id, to_id) AS (SELECT * FROM unnest(${aIds}::uuid[], ${agencies.map((x) => x.from_id)}::uuid[], ${aTo}::uuid[])),
      moved AS (UPDATE organisations o SET parent_id = a.to_id, version = o.version + 1, updated_at = now() FROM a WHERE o.id = a.id
             RETURNING o.id, a.from_id, a.to_id)
      INSERT INTO audit_entries (actor_id, actor_email, action, entity_type, entity_id, organisation_id, changes, request_id)
      SELECT ${actor.id}::uuid, ${actor.email}, 'restructure', 'Organisation', moved.id::text, moved.id,
             jsonb_build_object('parentId', jsonb_build_object('from', moved.from_id::text, 'to', moved.to_id::text, 'from_date', ${d}::text),
                            'restructuringId', jsonb_build_object('from', NULL, 'to', ${rid}::text)), ${requestId}::text
        FROM moved`;
  }

  // drafts and rejected reports of quarters the predecessor no longer reports for
  if (moving.length) {
    await tx.$executeRaw`
      WITH mv(id, from_id, to_id) AS (SELECT * FROM unnest(${moving.map((x) => x.id)}::uuid[], ${moving.map((x) => x.from)}::uuid[], ${moving.map((x) => x.to)}::uuid[])),
      moved AS (UPDATE metric_reports r SET organisation_id = mv.to_id, version = r.version + 1, updated_at = now(), updated_by = ${actor.id}::uuid
                  FROM mv WHERE r.id = mv.id AND r.organisation_id = mv.from_id AND r.status::text = ANY(${[...MOVABLE_REPORT_STATUSES]}::text[])
              RETURNING r.id, mv.from_id, mv.to_id)
      INSERT INTO audit_entries (actor_id, actor_email, action, entity_type, entity_id, organisation_id, changes, request_id)
      SELECT ${actor.id}::uuid, ${actor.email}, 'restructure', 'MetricReport', moved.id::text, moved.to_id,
             jsonb_build_object('organisationId', jsonb_build_object('from', moved.from_id::text, 'to', moved.to_id::text),
                              'restructuringId', jsonb_build_object('from', NULL, 'to', ${rid}::text)), ${requestId}::text
        FROM moved`;
  }

  const dto: RestructuringDto = {
    id: rid,
    effectiveDate: d,
    legalBasis: input.legalBasis,
    note: input.note,
    successions: input.successions.map((s) => ({ fromId: s.fromId, toIds: s.toIds, historyTo: resolveHistoryTo(s) })),
    createdAt: r.createdAt.toISOString(),
    createdBy: actor.id,
    moves: answer.moves,
  };
  await tx.auditEntry.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action: "create",
      entityType: "Restructuring",
      entityId: rid,
      requestId,
      changes: JSON.parse(
        auditJson({
          effectiveDate: { from: null, to: d },
          legalBasis: { from: null, to: input.legalBasis },
          ...(input.note ? { note: { from: null, to: input.note } } : {}),
          successions: { from: null, to: dto.successions },
          moves: { from: null, to: answer.moves },
        }),
      ),
    },
  });
  return { dryRun: false, restructuring: dto };
}
