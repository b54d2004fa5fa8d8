import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { restoreInitiative } from "@/lib/server/initiatives";

export const dynamic = "force-dynamic";

export const POST = authed<{ id: string }>(async (ctx) =>
  json(await restoreInitiative(ctx.actor, ctx.params.id, await ctx.body())),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
