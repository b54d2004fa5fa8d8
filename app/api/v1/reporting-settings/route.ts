import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getReportingSettings, putReportingSettings } from "@/lib/server/reporting-calendar";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor }) => json(await getReportingSettings(actor)));

export const PUT = authed(async (ctx) => json(await putReportingSettings(ctx.actor, await ctx.body())));

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
