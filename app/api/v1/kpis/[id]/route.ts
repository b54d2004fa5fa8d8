import { authed, otherMethods } from "@/lib/api/handler";
import { json, noContent } from "@/lib/api/respond";
import { deleteKpi, getKpi, updateKpi } from "@/lib/server/kpis";

export const dynamic = "force-dynamic";

export const GET = authed<{ id: string }>(async ({ actor, params }) => json(await getKpi(actor, params.id)));

export const PATCH = authed<{ id: string }>(async (ctx) => json(await updateKpi(ctx.actor, ctx.params.id, await ctx.body())));

export const DELETE = authed<{ id: string }>(async ({ actor, params, query }) => {
  await deleteKpi(actor, params.id, query.get("version"));
  return noContent();
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
