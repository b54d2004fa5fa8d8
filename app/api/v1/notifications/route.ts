import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { listNotifications } from "@/lib/server/notifications";

export const dynamic = "force-dynamic";

export const GET = authed(async (ctx) => json(await listNotifications(ctx.actor, Object.fromEntries(ctx.query))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
