import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { markAllNotificationsRead } from "@/lib/server/notifications";

export const dynamic = "force-dynamic";

export const POST = authed(async (ctx) => json(await markAllNotificationsRead(ctx.actor)));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
