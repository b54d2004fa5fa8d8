import { authed, otherMethods } from "@/lib/api/handler";
import { NO_STORE } from "@/lib/api/respond";
import { reportTemplateXlsx } from "@/lib/server/report-workbook";
import { xlsxHeaders } from "@/lib/server/spreadsheet";

export const dynamic = "force-dynamic";

/** `?organisationId=&period=`: the quarterly report workbook, pre-filled. */
export const GET = authed(async ({ actor, query }) => {
  const { stream, filename } = await reportTemplateXlsx(actor, Object.fromEntries(query));
  return new Response(stream, { headers: { ...xlsxHeaders(filename), ...NO_STORE } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
