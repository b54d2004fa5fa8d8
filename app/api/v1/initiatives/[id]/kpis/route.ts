import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { createKpi, listKpis } from "@/lib/server/kpis";

export const dynamic = "force-dynamic";

export const GET = authed<{ id: string }>(async ({ actor, params }) => json(await listKpis(actor, params.id)));

export const POST = authed<{ id: string }>(async (ctx) =>
  json(await createKpi(ctx.actor, ctx.params.id, await ctx.body()), 201),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
