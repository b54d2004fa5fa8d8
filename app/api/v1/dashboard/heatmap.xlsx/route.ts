import { authed, otherMethods } from "@/lib/api/handler";
import { NO_STORE } from "@/lib/api/respond";
import { heatmapXlsx } from "@/lib/server/dashboard-xlsx";
import { xlsxHeaders } from "@/lib/server/spreadsheet";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(await heatmapXlsx(actor, Object.fromEntries(query)), { headers: { ...xlsxHeaders(`coverage-${day}.xlsx`), ...NO_STORE } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
