import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getInitiativeHistory } from "@/lib/server/initiatives";

export const dynamic = "force-dynamic";

export const GET = authed<{ id: string }>(async (ctx) => json(await getInitiativeHistory(ctx.actor, ctx.params.id)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
