import { open, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { databaseIsUp } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export const GET = open(async () => ((await databaseIsUp()) ? json({ status: "ok" }) : json({ status: "unavailable" }, 503)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
