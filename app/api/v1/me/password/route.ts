import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { changeOwnPassword } from "@/lib/server/users";

export const dynamic = "force-dynamic";

export const POST = authed(async (ctx) => json(await changeOwnPassword(ctx.actor, await ctx.body())));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
