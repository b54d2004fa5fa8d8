import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { targetsDashboard } from "@/lib/server/targets";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => json(await targetsDashboard(actor, Object.fromEntries(query))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
