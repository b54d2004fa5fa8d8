import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { organisationDashboard } from "@/lib/server/dashboard";

export const dynamic = "force-dynamic";

export const GET = authed<{ id: string }>(async ({ actor, params, query }) => json(await organisationDashboard(actor, params.id, Object.fromEntries(query))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
