import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getMailPreference, setMailPreference } from "@/lib/server/notifications";

export const dynamic = "force-dynamic";

export const GET = authed(async (ctx) => json(await getMailPreference(ctx.actor)));
export const PUT = authed(async (ctx) => json(await setMailPreference(ctx.actor, await ctx.body())));

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
