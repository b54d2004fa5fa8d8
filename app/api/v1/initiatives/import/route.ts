import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { IMPORT_MAX_BYTES, importInitiatives } from "@/lib/server/initiatives-csv";
import { parseOrThrow } from "@/lib/validation/common";
import { initiativeImportQuery } from "@/lib/validation/initiatives";

export const dynamic = "force-dynamic";

/**
 * A CSV (`text/csv`) or .xlsx body. `?dryRun=true` validates and lists what would happen without writing (the
 * preview of the import page); `?encoding=windows-1258` reads a CSV saved in that code page (UTF-8 otherwise).
 */
export const POST = authed(async (ctx) => {
  const q = parseOrThrow(initiativeImportQuery, Object.fromEntries(ctx.query));
  const bytes = await ctx.bytes(IMPORT_MAX_BYTES, "10 MiB");
  return json(await importInitiatives(ctx.actor, { bytes, contentType: ctx.req.headers.get("content-type"), encoding: q.encoding }, { dryRun: q.dryRun }));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
