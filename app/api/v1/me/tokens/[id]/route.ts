import { authed, otherMethods } from "@/lib/api/handler";
import { noContent } from "@/lib/api/respond";
import { revokeMyToken } from "@/lib/server/users";

export const dynamic = "force-dynamic";

export const DELETE = authed<{ id: string }>(async (ctx) => {
  await revokeMyToken(ctx.actor, ctx.params.id);
  return noContent();
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
