import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { submitReport } from "@/lib/server/reports";

export const dynamic = "force-dynamic";

export const POST = authed<{ id: string }>(async (ctx) => json(await submitReport(ctx.actor, ctx.params.id, await ctx.body())));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
