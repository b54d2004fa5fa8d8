import { authed, otherMethods } from "@/lib/api/handler";
import { NO_STORE } from "@/lib/api/respond";
import { heatmapCsv } from "@/lib/server/dashboard-csv";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => {
  const csv = await heatmapCsv(actor, Object.fromEntries(query));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="coverage-${day}.csv"`,
      ...NO_STORE,
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
