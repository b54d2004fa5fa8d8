import { authed, otherMethods } from "@/lib/api/handler";
import { json, noContent } from "@/lib/api/respond";
import { deleteKpiValue, putKpiValue } from "@/lib/server/kpis";

export const dynamic = "force-dynamic";

export const PUT = authed<{ id: string; period: string }>(async (ctx) =>
  json(await putKpiValue(ctx.actor, ctx.params.id, ctx.params.period, await ctx.body())),
);

export const DELETE = authed<{ id: string; period: string }>(async ({ actor, params }) => {
  await deleteKpiValue(actor, params.id, params.period);
  return noContent();
});

export const { GET, POST, PATCH } = otherMethods("PUT", "DELETE");
