import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { getReference } from "@/lib/server/reference";

export const dynamic = "force-dynamic";

export const GET = authed(async () => json(await getReference()));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
