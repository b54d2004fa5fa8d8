import { open, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { resetPassword } from "@/lib/server/password-reset";

export const dynamic = "force-dynamic";

export const POST = open(async (ctx) => json(await resetPassword(await ctx.body())));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
