import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { importReportWorkbook, REPORT_IMPORT_MAX_BYTES } from "@/lib/server/report-workbook";

export const dynamic = "force-dynamic";

/** `?organisationId=&period=` with the filled workbook (.xlsx) as the body: saved as DRAFT reports, all or nothing. */
export const POST = authed(async (ctx) => {
  const bytes = await ctx.bytes(REPORT_IMPORT_MAX_BYTES, "1 MiB");
  return json(await importReportWorkbook(ctx.actor, Object.fromEntries(ctx.query), bytes));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
