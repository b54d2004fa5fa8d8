import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getNationalTargets, putNationalTargets } from "@/lib/server/targets";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor }) => json(await getNationalTargets(actor)));

export const PUT = authed(async (ctx) => json(await putNationalTargets(ctx.actor, await ctx.body())));

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
