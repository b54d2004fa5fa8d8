import "server-only";
import { z } from "zod";
import { prisma } from "./db";
import { transaction } from "./tx";
import { ForbiddenError, isUniqueViolation, ValidationError } from "./errors";
import { currentRequestId } from "./request-context";
import { can, type Actor } from "@/lib/auth/permissions";
import { isId, pageQuery, parseOrThrow } from "@/lib/validation/common";
import { restructuringInput, runRestructuring } from "./restructuring-core";
import { lineage, type SuccessionEdge } from "@/lib/domain/restructuring";
import type { OrganisationHistoryDto, RestructuringDto, RestructuringPreviewDto } from "@/lib/dto/restructurings";
import type { OrgRef } from "@/lib/dto/organisations";

/**
 * POST /api/v1/restructurings (ADMIN): a dry run answers what would move and the conflicts, writing nothing; otherwise
 * everything is applied in one transaction (spec/restructuring.md). A deadlock with a concurrent edit is retried by
 * transaction(); what an edit changed first is what moves.
 */
export async function createRestructuring(
  actor: Actor,
  input: unknown,
): Promise<{ dryRun: true; preview: RestructuringPreviewDto } | { dryRun: false; restructuring: RestructuringDto }> {
  if (!can(actor, "organisation.manage")) throw new ForbiddenError();
  const data = parseOrThrow(restructuringInput, input);
  try {
    // a dry run takes the same locks and reads and writes nothing
    // every audit entry it writes carries the request's id, as lib/server/audit.ts does for the others
    return await transaction((tx) => runRestructuring(tx, { id: actor.id, email: actor.email, requestId: currentRequestId() ?? null }, data));
  } catch (err) {
    // two restructurings racing for one body: the unique from_id decides, the loser is told as the rules would
    if (isUniqueViolation(err)) throw new ValidationError([{ path: "successions", message: "an organisation of this request was dissolved meanwhile", code: "dissolved_meanwhile" }]);
    throw err;
  }
}

const listQuery = z.strictObject(pageQuery);

/** Restructurings (any signed-in user), newest effective date first, then newest recorded first. */
export async function listRestructurings(_actor: Actor, query: unknown = {}) {
  const q = parseOrThrow(listQuery, query);
  const [rows, total] = await Promise.all([
    prisma.restructuring.findMany({
      orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      include: { successions: { include: { successors: { orderBy: { position: "asc" } } }, orderBy: { id: "asc" } } },
    }),
    prisma.restructuring.count(),
  ]);
  const data: RestructuringDto[] = rows.map((r) => ({
    id: r.id,
    effectiveDate: r.effectiveDate.toISOString().slice(0, 10),
    legalBasis: r.legalBasis,
    note: r.note,
    successions: r.successions.map((s) => ({ fromId: s.fromId, toIds: s.successors.map((x) => x.organisationId), historyTo: s.historyToId })),
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdById,
  }));
  return { data, page: q.page, pageSize: q.pageSize, total };
}

/** Every recorded succession (for lineage and comparable figures: lib/domain/restructuring lineage()). */
export async function successionEdges(): Promise<SuccessionEdge[]> {
  const rows = await prisma.$queryRaw<{ from_id: string; history_to_id: string | null; to_ids: string[] }[]>`
    SELECT s.from_id::text AS from_id, s.history_to_id::text AS history_to_id,
           array_agg(r.organisation_id::text ORDER BY r.position) AS to_ids
      FROM restructuring_successions s JOIN restructuring_successors r ON r.succession_id = s.id GROUP BY s.id`;
  return rows.map((e) => ({ fromId: e.from_id, toIds: e.to_ids, historyToId: e.history_to_id }));
}

/** Restructurings effective between two dates (inclusive), oldest first: the markers of trend charts. */
export async function restructuringsBetween(from: string, to: string): Promise<{ id: string; effectiveDate: string; legalBasis: string }[]> {
  const rows = await prisma.restructuring.findMany({
    where: { effectiveDate: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
    orderBy: [{ effectiveDate: "asc" }, { createdAt: "asc" }],
    select: { id: true, effectiveDate: true, legalBasis: true },
  });
  return rows.map((r) => ({ id: r.id, effectiveDate: r.effectiveDate.toISOString().slice(0, 10), legalBasis: r.legalBasis }));
}

/** The date and legal basis of the given restructurings, for histories that name the one that moved a record. */
export async function restructuringSummaries(ids: string[]): Promise<Record<string, { effectiveDate: string; legalBasis: string }>> {
  const wanted = [...new Set(ids)].filter(isId);
  if (wanted.length === 0) return {};
  const rows = await prisma.restructuring.findMany({ where: { id: { in: wanted } }, select: { id: true, effectiveDate: true, legalBasis: true } });
  return Object.fromEntries(rows.map((r) => [r.id, { effectiveDate: r.effectiveDate.toISOString().slice(0, 10), legalBasis: r.legalBasis }]));
}

/** An organisation's place in the restructurings: who it came from, who it went to, whose past it carries. */
export async function organisationHistory(_actor: Actor, id: string): Promise<OrganisationHistoryDto> {
  const org = await prisma.organisation.findUnique({ where: { id }, select: { validFrom: true } });
  if (!org) return { formed: [], dissolved: null, lineage: [] };
  const validFrom = org.validFrom?.toISOString().slice(0, 10) ?? null;
  const [incoming, outgoing, edges] = await Promise.all([
    prisma.restructuringSuccessor.findMany({
      where: { organisationId: id },
      include: { succession: { include: { restructuring: true, from: true, successors: { select: { organisationId: true } } } } },
    }),
    prisma.restructuringSuccession.findUnique({
      where: { fromId: id },
      include: { restructuring: true, historyTo: true, successors: { orderBy: { position: "asc" }, include: { organisation: true } } },
    }),
    successionEdges(),
  ]);
  const ref = (o: { id: string; code: string; nameVi: string; nameEn: string }): OrgRef => ({ id: o.id, code: o.code, nameVi: o.nameVi, nameEn: o.nameEn });
  const byR = new Map<string, OrganisationHistoryDto["formed"][number]>();
  for (const s of incoming) {
    const r = s.succession.restructuring;
    const date = r.effectiveDate.toISOString().slice(0, 10);
    const entry = byR.get(r.id) ?? { restructuringId: r.id, effectiveDate: date, legalBasis: r.legalBasis, created: validFrom === date, predecessors: [] };
    entry.predecessors.push({ ...ref(s.succession.from), historyHere: s.succession.historyToId === id, shared: s.succession.successors.length > 1 });
    byR.set(r.id, entry);
  }
  const formed = [...byR.values()].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const dissolved = outgoing
    ? {
        restructuringId: outgoing.restructuringId,
        effectiveDate: outgoing.restructuring.effectiveDate.toISOString().slice(0, 10),
        legalBasis: outgoing.restructuring.legalBasis,
        successors: outgoing.successors.map((x) => ref(x.organisation)),
        historyTo: outgoing.historyTo ? ref(outgoing.historyTo) : null,
      }
    : null;
  const ids = lineage(id, edges);
  const orgs = ids.length ? await prisma.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, nameVi: true, nameEn: true } }) : [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return { formed, dissolved, lineage: ids.map((x) => byId.get(x)).filter((o): o is NonNullable<typeof o> => !!o).map(ref) };
}
