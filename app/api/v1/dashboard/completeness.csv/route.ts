import { authed, otherMethods } from "@/lib/api/handler";
import { NO_STORE } from "@/lib/api/respond";
import { completenessCsv } from "@/lib/server/dashboard-csv";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => {
  const q = Object.fromEntries(query);
  const csv = await completenessCsv(actor, q);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="completeness-${q.period ?? "current"}.csv"`,
      ...NO_STORE,
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
