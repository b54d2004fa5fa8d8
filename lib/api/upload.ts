import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import type { NextRequest } from "next/server";
import busboy from "busboy";
import { PayloadTooLargeError, ValidationError } from "@/lib/server/errors";
import { MAX_ATTACHMENT_BYTES, type IncomingFile } from "@/lib/server/attachments";

/** Room for the multipart boundaries and headers around a file of the largest size. */
const ENVELOPE_BYTES = 64 * 1024;

const unreadable = () => new ValidationError([{ path: "file", message: "the multipart body could not be read" }]);

/**
 * The `file` field of a multipart/form-data upload, as a stream: the body is parsed as it arrives (busboy), never
 * held whole. Resolves once the file's part has begun (or the body ended without one: null); the core reads the
 * bytes, counts them and stops at the limit. A body declared larger than 20 MiB is refused unread.
 */
export async function uploadedFile(req: NextRequest): Promise<IncomingFile | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_ATTACHMENT_BYTES + ENVELOPE_BYTES) throw new PayloadTooLargeError("20 MiB");
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new ValidationError([{ path: "file", message: "send the file as multipart/form-data in the field `file`" }]);
  }
  if (!req.body) return null;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      // no fileSize limit here: busboy would truncate the file and then wait for the part's end, which an endless
      // body never sends; the core counts the bytes and stops reading at MAX_ATTACHMENT_BYTES
      limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30 },
    });
  } catch {
    throw unreadable(); // no boundary
  }
  const body = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
  return new Promise<IncomingFile | null>((resolve, reject) => {
    let found = false;
    const stop = () => {
      body.unpipe(parser);
      body.destroy();
    };
    parser.on("file", (field, stream, info) => {
      if (field !== "file" || found) {
        stream.resume(); // another field's file: skipped
        return;
      }
      found = true;
      stream.on("error", () => {});
      resolve({
        name: info.filename || null,
        stream: stream as AsyncIterable<Uint8Array>,
        // the core stopped reading (a refusal): the rest of the body is not read
        cancel: stop,
      });
    });
    // after the file began, busboy fails the file's stream too, so the core's read fails
    parser.on("error", () => {
      stop();
      if (!found) reject(unreadable());
    });
    parser.on("close", () => {
      if (!found) resolve(null);
    });
    body.on("error", () => {
      if (!found) reject(unreadable());
    });
    body.pipe(parser);
  });
}
