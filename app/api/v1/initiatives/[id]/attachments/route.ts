import { authed, otherMethods } from "@/lib/api/handler";
import { json } from "@/lib/api/respond";
import { uploadedFile } from "@/lib/api/upload";
import { addAttachment, listAttachments } from "@/lib/server/attachments";

export const dynamic = "force-dynamic";

export const GET = authed<{ id: string }>(async ({ actor, params }) => json(await listAttachments(actor, "initiative", params.id)));

export const POST = authed<{ id: string }>(async ({ actor, params, req }) => {
  return json(await addAttachment(actor, "initiative", params.id, await uploadedFile(req)), 201);
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
