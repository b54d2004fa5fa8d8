/**
 * Evidence files in an S3-compatible bucket (S3_* set), against a real S3 server started here: S3rver
 * (@20minutes/s3rver, an S3 implementation in Node that checks the SDK's v4 signatures and stores objects on disk).
 * Its bucket-level calls reject the AWS SDK v3's signatures, so the bucket is made by its `configureBuckets`
 * option; the app only uses object calls (multipart upload, get, delete), which are checked here.
 */
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "@20minutes/s3rver";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { prisma } from "./db";
import { makeActor, makeOrganisation, quietPeriod } from "@/test/factories";
import { addAttachment, deleteAttachment, incomingFile, openAttachment } from "./attachments";
import { PayloadTooLargeError, ValidationError } from "./errors";
import type { Actor } from "@/lib/auth/permissions";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n", "latin1");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const dir = mkdtempSync(path.join(os.tmpdir(), "dgov-s3-test-"));
let server: S3rver;
let s3: S3Client;
let officer: Actor;
let organisationId: string;

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

async function objectBytes(key: string): Promise<Buffer | null> {
  try {
    const r = await s3.send(new GetObjectCommand({ Bucket: "evidence", Key: key }));
    return Buffer.from(await r.Body!.transformToByteArray());
  } catch (err) {
    if ((err as { name?: string }).name === "NoSuchKey") return null;
    throw err;
  }
}

async function draft() {
  const r = await prisma.metricReport.create({
    data: { organisationId, period: quietPeriod(), metricCode: "OPEN_DATASETS", value: 2, status: "DRAFT", createdById: officer.id, updatedById: officer.id },
  });
  return r.id;
}

beforeAll(async () => {
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: "evidence", configs: [] }] });
  const { port } = await server.run();
  Object.assign(process.env, {
    S3_BUCKET: "evidence",
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_PREFIX: "test/",
  });
  s3 = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  organisationId = (await makeOrganisation("PROVINCE")).id;
  officer = await makeActor("OFFICER", organisationId);
});

afterAll(async () => {
  for (const k of ["S3_BUCKET", "S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_PREFIX"]) delete process.env[k];
  s3?.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("evidence files in an S3 bucket", () => {
  test("a PNG and a 7 MiB PDF (a multipart upload of two parts) go to the bucket, not to attachment_chunks, and come back byte for byte", async () => {
    const id = await draft();
    const big = Buffer.concat([PDF, Buffer.alloc(7 * 1024 * 1024 - PDF.length, 0x25)]);
    for (const [bytes, name] of [[PNG, "ảnh.png"], [big, "quyết định.pdf"]] as const) {
      const a = await addAttachment(officer, "report", id, incomingFile(bytes, name));
      expect(a).toMatchObject({ name, size: bytes.length, sha256: sha(bytes) });
      const row = await prisma.attachment.findUniqueOrThrow({ where: { id: a.id } });
      expect(row.storage).toBe("S3");
      expect(row.storageKey).toBe(`test/${a.id}`);
      expect(await prisma.attachmentChunk.count({ where: { attachmentId: a.id } })).toBe(0);
      // the object itself, read with the SDK directly
      expect(sha((await objectBytes(row.storageKey!))!)).toBe(sha(bytes));
      // and through the app's download path
      const { stream } = await openAttachment(officer, a.id);
      expect((await readAll(stream)).equals(bytes)).toBe(true);
    }
    expect(await prisma.auditEntry.count({ where: { entityId: id, action: "attach" } })).toBe(2);
  });

  test("a refused upload (wrong bytes, too large) leaves neither a row nor an object; delete removes the object", async () => {
    const id = await draft();
    await expect(addAttachment(officer, "report", id, incomingFile(Buffer.from("GIF89a........"), "x.pdf"))).rejects.toBeInstanceOf(ValidationError);
    const huge = Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]);
    await expect(addAttachment(officer, "report", id, incomingFile(huge, "huge.png"))).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await prisma.attachment.count({ where: { metricReportId: id } })).toBe(0);
    const { readdirSync } = await import("node:fs");
    const stored = readdirSync(path.join(dir, "evidence"), { recursive: true }).map(String);
    const a = await addAttachment(officer, "report", id, incomingFile(PNG, "keep.png"));
    // only the file just stored is in the bucket beside the first test's two
    expect(stored.filter((f) => f.endsWith("._S3rver_object")).length).toBe(2);
    await deleteAttachment(officer, a.id);
    expect(await objectBytes(`test/${a.id}`)).toBeNull();
  });
});
