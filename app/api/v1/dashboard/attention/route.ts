import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { attention } from "@/lib/server/attention";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => json(await attention(actor, Object.fromEntries(query))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
