import { authedWith, otherMethods } from "@/lib/api/handler";
import { jsonText } from "@/lib/api/respond";
import { nationalDashboardJson } from "@/lib/server/dashboard";
import { readVersionEarly } from "@/lib/server/dashboard-cache";

export const dynamic = "force-dynamic";

// the data version is read while the caller is signed in (one round trip instead of two), and a cached answer is
// sent as the JSON text it was stored as
export const GET = authedWith(readVersionEarly, async ({ actor, query, early }) => jsonText(await nationalDashboardJson(actor, Object.fromEntries(query), early)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
