import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getOrganisation, updateOrganisation } from "@/lib/server/organisations";

export const dynamic = "force-dynamic";

export const GET = authed<{ id: string }>(async ({ actor, params }) => json(await getOrganisation(actor, params.id)));

export const PATCH = authed<{ id: string }>(async (ctx) => json(await updateOrganisation(ctx.actor, ctx.params.id, await ctx.body())));

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
