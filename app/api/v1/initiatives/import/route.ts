import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { IMPORT_MAX_BYTES, importInitiativesCsv } from "@/lib/server/initiatives-csv";
import { parseOrThrow, queryBool } from "@/lib/validation/common";
import { z } from "zod";

export const dynamic = "force-dynamic";

const importQuery = z.object({ dryRun: queryBool });

/** `?dryRun=true` validates and counts without writing (the preview of the import page). */
export const POST = authed(async (ctx) => {
  const { dryRun } = parseOrThrow(importQuery, { dryRun: ctx.query.get("dryRun") ?? undefined });
  return json(await importInitiativesCsv(ctx.actor, await ctx.text(IMPORT_MAX_BYTES, "10 MiB"), { dryRun }));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
