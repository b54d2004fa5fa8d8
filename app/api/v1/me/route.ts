import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getMe } from "@/lib/server/users";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor }) => json(await getMe(actor)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
