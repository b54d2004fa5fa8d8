/**
 * The S3-compatible bucket that holds evidence files when S3_BUCKET is set (issue 19). No `server-only`: used by the
 * app (lib/server/attachments.ts) and by the backup scripts. Only object operations are used (PutObject through a
 * multipart Upload, GetObject, HeadObject, DeleteObject): the bucket itself is created and configured by whoever
 * runs the service (versioning, lifecycle, encryption are theirs).
 */
import { DeleteObjectCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Readable } from "node:stream";
import { s3Settings, type S3Settings } from "../env";

/** 5 MiB, S3's smallest part: a 20 MiB file is four parts, and at most two are held in memory at once. */
const PART_BYTES = 5 * 1024 * 1024;

let cached: { key: string; client: S3Client } | undefined;

function clientFor(s: S3Settings): S3Client {
  const key = JSON.stringify([s.region, s.endpoint, s.forcePathStyle, s.credentials?.accessKeyId, s.credentials?.secretAccessKey]);
  if (cached?.key === key) return cached.client;
  cached?.client.destroy();
  const client = new S3Client({
    region: s.region,
    endpoint: s.endpoint,
    forcePathStyle: s.forcePathStyle,
    credentials: s.credentials,
    // the SDK's default CRC32 trailers are not understood by every S3-compatible service; the app keeps its own SHA-256
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  cached = { key, client };
  return client;
}

export interface Bucket {
  settings: S3Settings;
  client: S3Client;
}

/** The configured bucket, or null when files are kept in PostgreSQL. */
export function bucket(): Bucket | null {
  const settings = s3Settings();
  return settings ? { settings, client: clientFor(settings) } : null;
}

/** A streamed multipart upload of bytes as they come; `abort()` leaves nothing behind. */
export function startUpload(b: Bucket, key: string, contentType: string, source: AsyncIterable<Uint8Array>) {
  const upload = new Upload({
    client: b.client,
    params: { Bucket: b.settings.bucket, Key: key, Body: Readable.from(source), ContentType: contentType },
    partSize: PART_BYTES,
    queueSize: 1,
    leavePartsOnError: false,
  });
  return upload;
}

/** The object's bytes as a web stream (what a Response takes). */
export async function readObject(b: Bucket, key: string): Promise<ReadableStream<Uint8Array>> {
  const r = await b.client.send(new GetObjectCommand({ Bucket: b.settings.bucket, Key: key }));
  if (!r.Body) throw new Error(`S3 object ${key} has no body`);
  return r.Body.transformToWebStream() as ReadableStream<Uint8Array>;
}

export async function deleteObject(b: Bucket, key: string): Promise<void> {
  await b.client.send(new DeleteObjectCommand({ Bucket: b.settings.bucket, Key: key }));
}
