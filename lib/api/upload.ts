import "server-only";
import type { NextRequest } from "next/server";
import { PayloadTooLargeError, ValidationError } from "@/lib/server/errors";
import { MAX_ATTACHMENT_BYTES } from "@/lib/server/attachments";

/** Room for the multipart boundaries and headers around a file of the largest size. */
const ENVELOPE_BYTES = 64 * 1024;

/** The `file` field of a multipart/form-data upload; a body declared larger than 20 MiB is refused unread. */
export async function uploadedFile(req: NextRequest): Promise<{ file: Blob | null; name: string | null }> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_ATTACHMENT_BYTES + ENVELOPE_BYTES) throw new PayloadTooLargeError("20 MiB");
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    throw new ValidationError([{ path: "file", message: "send the file as multipart/form-data in the field `file`" }]);
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new ValidationError([{ path: "file", message: "the multipart body could not be read" }]);
  }
  const f = form.get("file");
  if (f === null || typeof f === "string") return { file: null, name: null };
  return { file: f, name: f.name || null };
}
