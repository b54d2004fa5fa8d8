import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { markNotificationRead } from "@/lib/server/notifications";

export const dynamic = "force-dynamic";

export const POST = authed<{ id: string }>(async (ctx) => json(await markNotificationRead(ctx.actor, ctx.params.id)));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
