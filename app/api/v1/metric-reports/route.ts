import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { createReport, listReports } from "@/lib/server/reports";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => json(await listReports(actor, Object.fromEntries(query))));

export const POST = authed(async (ctx) => json(await createReport(ctx.actor, await ctx.body()), 201));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
