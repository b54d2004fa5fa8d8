import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { createOrganisation, listOrganisationsPage } from "@/lib/server/organisations";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => json(await listOrganisationsPage(actor, Object.fromEntries(query))));

export const POST = authed(async (ctx) => json(await createOrganisation(ctx.actor, await ctx.body()), 201));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
