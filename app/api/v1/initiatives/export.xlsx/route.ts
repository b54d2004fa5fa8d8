import { authed, otherMethods } from "@/lib/api/handler";
import { NO_STORE } from "@/lib/api/respond";
import { exportInitiativesXlsx } from "@/lib/server/initiatives-csv";
import { xlsxHeaders } from "@/lib/server/spreadsheet";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ actor, query }) => {
  const stream = await exportInitiativesXlsx(actor, Object.fromEntries(query));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, { status: 200, headers: { ...xlsxHeaders(`initiatives-${day}.xlsx`), ...NO_STORE } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
