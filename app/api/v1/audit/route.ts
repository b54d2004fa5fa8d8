import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { listAuditEntries } from "@/lib/server/audit-log";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => json(await listAuditEntries(actor, Object.fromEntries(query))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
