import "server-only";
import { z } from "zod";
import { prisma } from "./db";
import { transaction } from "./tx";
import { ForbiddenError, isUniqueViolation, ValidationError } from "./errors";
import { can, type Actor } from "@/lib/auth/permissions";
import { pageQuery, parseOrThrow } from "@/lib/validation/common";
import { restructuringInput, runRestructuring, type RestructuringDto, type RestructuringPreview } from "./restructuring-core";
import type { SuccessionEdge } from "@/lib/domain/restructuring";

export type { RestructuringDto, RestructuringPreview } from "./restructuring-core";

/**
 * POST /api/v1/restructurings (ADMIN): a dry run answers what would move and the conflicts, writing nothing; otherwise
 * everything is applied in one transaction (spec/restructuring.md). A deadlock with a concurrent edit is retried by
 * transaction(); what an edit changed first is what moves.
 */
export async function createRestructuring(
  actor: Actor,
  input: unknown,
): Promise<{ dryRun: true; preview: RestructuringPreview } | { dryRun: false; restructuring: RestructuringDto }> {
  if (!can(actor, "organisation.manage")) throw new ForbiddenError();
  const data = parseOrThrow(restructuringInput, input);
  try {
    // a dry run takes the same locks and reads and writes nothing
    return await transaction((tx) => runRestructuring(tx, actor, data));
  } catch (err) {
    // two restructurings racing for one body: the unique from_id decides, the loser is told as the rules would
    if (isUniqueViolation(err)) throw new ValidationError([{ path: "successions", message: "an organisation of this request was dissolved meanwhile" }]);
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
