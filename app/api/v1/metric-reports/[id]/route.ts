import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getReport, updateReport } from "@/lib/server/reports";

export const dynamic = "force-dynamic";

export const GET = authed<{ id: string }>(async ({ actor, params }) => json(await getReport(actor, params.id)));

export const PATCH = authed<{ id: string }>(async (ctx) => json(await updateReport(ctx.actor, ctx.params.id, await ctx.body())));

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
