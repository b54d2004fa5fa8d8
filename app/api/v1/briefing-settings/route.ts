import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getBriefingSettings, putBriefingSettings } from "@/lib/server/briefing-settings";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor }) => json(await getBriefingSettings(actor)));

export const PUT = authed(async (ctx) => json(await putBriefingSettings(ctx.actor, await ctx.body())));

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
