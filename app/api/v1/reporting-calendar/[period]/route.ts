import { authed, otherMethods } from "@/lib/api/handler";
import { json, noContent } from "@/lib/api/respond";
import { deleteCalendarOverride, putCalendarOverride } from "@/lib/server/reporting-calendar";

export const dynamic = "force-dynamic";

export const PUT = authed<{ period: string }>(async (ctx) => json(await putCalendarOverride(ctx.actor, ctx.params.period, await ctx.body())));

export const DELETE = authed<{ period: string }>(async ({ actor, params }) => {
  await deleteCalendarOverride(actor, params.period);
  return noContent();
});

export const { GET, POST, PATCH } = otherMethods("PUT", "DELETE");
