import { authedWithVersion, otherMethods } from "@/lib/api/handler";
import { jsonText } from "@/lib/api/respond";
import { organisationDashboardJson } from "@/lib/server/dashboard";

export const dynamic = "force-dynamic";

// as the national dashboard's route: the data version read in the sign-in's statement, the cached JSON text sent as it is
export const GET = authedWithVersion<{ id: string }>(async ({ actor, params, query, early }) =>
  jsonText(await organisationDashboardJson(actor, params.id, Object.fromEntries(query), early)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
