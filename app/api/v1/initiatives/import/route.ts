import { authed } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { IMPORT_MAX_BYTES, importInitiativesCsv } from "@/lib/server/initiatives-csv";

export const dynamic = "force-dynamic";

export const POST = authed(async (ctx) => json(await importInitiativesCsv(ctx.actor, await ctx.text(IMPORT_MAX_BYTES, "10 MiB"))));
