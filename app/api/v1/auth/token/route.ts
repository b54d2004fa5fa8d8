import { authed, clientIp, open, otherMethods } from "@/lib/api/handler";
import { json, noContent } from "@/lib/api/respond";
import { createSessionToken, revokeToken } from "@/lib/server/auth";
import { UnauthenticatedError } from "@/lib/server/errors";
import { parseOrThrow } from "@/lib/validation/common";
import { loginInput } from "@/lib/validation/users";

export const dynamic = "force-dynamic";

export const POST = open(async (ctx) => {
  const { email, password } = parseOrThrow(loginInput, await ctx.body());
  return json(await createSessionToken(email, password, { ip: clientIp(ctx.req) }), 201);
});

export const DELETE = authed(async (ctx) => {
  if (!ctx.token) throw new UnauthenticatedError("Send the token to revoke as a bearer token");
  await revokeToken(ctx.token);
  return noContent();
});

export const { GET, PUT, PATCH } = otherMethods("POST", "DELETE");
