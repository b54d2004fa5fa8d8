import "server-only";
import type { Tx } from "./tx";
import type { Actor } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import { currentRequestId } from "./request-context";

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields whose value differs, as { field: { from, to } } (arrays compared as sets when `sets` lists them). */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: string[]): Changes {
  const out: Changes = {};
  for (const f of fields) {
    const a = before[f];
    const b = after[f];
    if (JSON.stringify(norm(a)) !== JSON.stringify(norm(b))) out[f] = { from: a ?? null, to: b ?? null };
  }
  return out;
}

function norm(v: unknown): unknown {
  if (Array.isArray(v)) return [...v].map(String).sort();
  if (v === undefined) return null;
  return v;
}

/** The changes of a new record: every given field from null. */
export function createdFields(after: Record<string, unknown>, fields: string[]): Changes {
  const out: Changes = {};
  for (const f of fields) if (after[f] !== undefined && after[f] !== null) out[f] = { from: null, to: after[f] };
  return out;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  organisationId?: string | null;
  changes?: Changes;
}

/**
 * Writes one audit entry inside the caller's transaction (never updated or deleted afterwards), with the id of the
 * request it was written for (API call, server action or page), so the entry and the request's log lines meet.
 */
export async function audit(tx: Tx, actor: Pick<Actor, "id" | "email"> | null, input: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      organisationId: input.organisationId ?? null,
      changes: (input.changes ?? {}) as Prisma.InputJsonValue,
      requestId: currentRequestId() ?? null,
    },
  });
}
