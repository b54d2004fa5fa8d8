import { authed, otherMethods } from "@/lib/api/handler";
import { NO_STORE } from "@/lib/api/respond";
import { completenessXlsx } from "@/lib/server/dashboard-xlsx";
import { xlsxHeaders } from "@/lib/server/spreadsheet";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => {
  const q = Object.fromEntries(query);
  return new Response(await completenessXlsx(actor, q), { headers: { ...xlsxHeaders(`completeness-${q.period ?? "current"}.xlsx`), ...NO_STORE } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
