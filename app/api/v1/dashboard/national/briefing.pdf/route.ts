import { authed, otherMethods } from "@/lib/api/handler";
import { NO_STORE } from "@/lib/api/respond";
import { briefingFileName, briefingPdf, nationalBriefingData } from "@/lib/server/briefing";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = authed(async ({ actor, query }) => {
  const data = await nationalBriefingData(actor, Object.fromEntries(query));
  const pdf = await briefingPdf(data);
  return new Response(new Uint8Array(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${briefingFileName(data)}"`, ...NO_STORE },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
