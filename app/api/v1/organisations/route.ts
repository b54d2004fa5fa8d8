import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { createOrganisation, listOrganisations } from "@/lib/server/organisations";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => {
  const data = await listOrganisations(actor, Object.fromEntries(query));
  return json({ data, page: 1, pageSize: data.length, total: data.length });
});

export const POST = authed(async (ctx) => json(await createOrganisation(ctx.actor, await ctx.body()), 201));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
