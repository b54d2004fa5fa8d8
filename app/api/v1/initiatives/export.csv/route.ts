import { authed, otherMethods } from "@/lib/api/handler";
import { NO_STORE } from "@/lib/api/respond";
import { exportInitiativesCsv } from "@/lib/server/initiatives-csv";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => {
  const stream = await exportInitiativesCsv(actor, Object.fromEntries(query));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="initiatives-${day}.csv"`,
      ...NO_STORE,
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
