import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { trend } from "@/lib/server/dashboard";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => json(await trend(actor, Object.fromEntries(query))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
