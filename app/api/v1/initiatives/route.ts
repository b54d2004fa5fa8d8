import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { createInitiative, listInitiatives } from "@/lib/server/initiatives";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => json(await listInitiatives(actor, Object.fromEntries(query))));

export const POST = authed(async (ctx) => json(await createInitiative(ctx.actor, await ctx.body()), 201));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
