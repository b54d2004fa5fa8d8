import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { createUser, listUsers } from "@/lib/server/users";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => json(await listUsers(actor, Object.fromEntries(query))));

export const POST = authed(async (ctx) => json(await createUser(ctx.actor, await ctx.body()), 201));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
