import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { createMyToken, listMyTokens } from "@/lib/server/users";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor }) => json(await listMyTokens(actor)));

export const POST = authed(async (ctx) => json(await createMyToken(ctx.actor, await ctx.body()), 201));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
