import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getReportingCalendar } from "@/lib/server/reporting-calendar";

export const dynamic = "force-dynamic";

export const GET = authed(async (ctx) => json(await getReportingCalendar(ctx.actor, Object.fromEntries(ctx.query))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
