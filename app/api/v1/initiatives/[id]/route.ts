import { authed, otherMethods } from "@/lib/api/handler";
import { json, noContent } from "@/lib/api/respond";
import { archiveInitiative, getInitiative, updateInitiative } from "@/lib/server/initiatives";

export const dynamic = "force-dynamic";

export const GET = authed<{ id: string }>(async (ctx) => json(await getInitiative(ctx.actor, ctx.params.id)));

export const PATCH = authed<{ id: string }>(async (ctx) =>
  json(await updateInitiative(ctx.actor, ctx.params.id, await ctx.body())),
);

export const DELETE = authed<{ id: string }>(async (ctx) => {
  await archiveInitiative(ctx.actor, ctx.params.id, ctx.query.get("version"));
  return noContent();
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
