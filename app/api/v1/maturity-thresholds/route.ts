import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getThresholds, putThresholds } from "@/lib/server/thresholds";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor }) => json(await getThresholds(actor)));

export const PUT = authed(async (ctx) => json(await putThresholds(ctx.actor, await ctx.body())));

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
