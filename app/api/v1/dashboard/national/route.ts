import { authedWithVersion, otherMethods } from "@/lib/api/handler";
import { jsonText } from "@/lib/api/respond";
import { nationalDashboardJson } from "@/lib/server/dashboard";

export const dynamic = "force-dynamic";

// the data version is read in the sign-in's own statement (one round trip for a cached answer), and a cached answer
// is sent as the JSON text it was stored as
export const GET = authedWithVersion(async ({ actor, query, early }) => jsonText(await nationalDashboardJson(actor, Object.fromEntries(query), early)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
