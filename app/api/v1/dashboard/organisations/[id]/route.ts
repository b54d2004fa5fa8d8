import { authedWith, otherMethods } from "@/lib/api/handler";
import { jsonText } from "@/lib/api/respond";
import { organisationDashboardJson } from "@/lib/server/dashboard";
import { readVersionEarly, type VersionRead } from "@/lib/server/dashboard-cache";

export const dynamic = "force-dynamic";

// as the national dashboard's route: the data version read alongside the sign-in, the cached JSON text sent as it is
export const GET = authedWith<VersionRead, { id: string }>(readVersionEarly, async ({ actor, params, query, early }) =>
  jsonText(await organisationDashboardJson(actor, params.id, Object.fromEntries(query), early)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
