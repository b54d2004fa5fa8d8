import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { updateUser } from "@/lib/server/users";

export const dynamic = "force-dynamic";

export const PATCH = authed<{ id: string }>(async (ctx) => json(await updateUser(ctx.actor, ctx.params.id, await ctx.body())));

export const { GET, POST, PUT, DELETE } = otherMethods("PATCH");
