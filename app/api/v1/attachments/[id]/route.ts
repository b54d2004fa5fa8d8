import { authed, otherMethods } from "@/lib/api/handler";
import { NO_STORE, noContent } from "@/lib/api/respond";
import { deleteAttachment, dispositionOf, openAttachment } from "@/lib/server/attachments";

export const dynamic = "force-dynamic";

export const GET = authed<{ id: string }>(async ({ actor, params }) => {
  const { attachment, stream } = await openAttachment(actor, params.id);
  return new Response(stream, {
    headers: {
      "content-type": attachment.contentType,
      "content-length": String(attachment.size),
      "content-disposition": dispositionOf(attachment),
      "x-content-type-options": "nosniff",
      // the hash lets a reader check the copy against the one a briefing cites
      "x-content-sha256": attachment.sha256,
      ...NO_STORE,
    },
  });
});

export const DELETE = authed<{ id: string }>(async ({ actor, params }) => {
  await deleteAttachment(actor, params.id);
  return noContent();
});

export const { POST, PUT, PATCH } = otherMethods("GET", "DELETE");
