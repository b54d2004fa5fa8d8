import { clientIp, open, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { requestPasswordReset } from "@/lib/server/password-reset";

export const dynamic = "force-dynamic";

export const POST = open(async (ctx) => json(await requestPasswordReset(await ctx.body(), { ip: clientIp(ctx.req) }), 202));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
