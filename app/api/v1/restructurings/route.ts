import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { createRestructuring, listRestructurings } from "@/lib/server/restructurings";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => json(await listRestructurings(actor, Object.fromEntries(query))));

export const POST = authed(async (ctx) => {
  const r = await createRestructuring(ctx.actor, await ctx.body());
  return r.dryRun ? json(r.preview, 200) : json(r.restructuring, 201);
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
