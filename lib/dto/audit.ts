/** Entries of the audit log as the API answers them. */
import { z } from "zod";
import { Changes, id, ts } from "./common";

export const AuditEntryDto = z
  .object({
    id: z.string(),
    at: ts,
    actor: z.object({ id: id.nullable(), email: z.string().nullable() }).nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    organisationId: id.nullable(),
    changes: Changes,
  })
  .meta({ id: "AuditEntry" });
export type AuditEntryDto = z.infer<typeof AuditEntryDto>;
