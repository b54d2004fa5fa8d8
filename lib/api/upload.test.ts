/**
 * The multipart adapter of evidence uploads (lib/api/upload.ts) with bodies streamed like a slow client sends them:
 * the file comes out byte for byte without the body ever being read whole, a body past 20 MiB is refused while it
 * is being read (the rest is never pulled), and malformed bodies are 400s.
 */
import { describe, test, expect, beforeAll } from "vitest";
import { createHash } from "node:crypto";
import { NextRequest } from "next/server";
import { prisma } from "@/lib/server/db";
import { makeActor, makeOrganisation, quietPeriod } from "@/test/factories";
import { addAttachment, MAX_ATTACHMENT_BYTES } from "@/lib/server/attachments";
import { PayloadTooLargeError, ValidationError } from "@/lib/server/errors";
import type { Actor } from "@/lib/auth/permissions";
import { uploadedFile } from "./upload";

const BOUNDARY = "----dgov-test-boundary-7MA4YWxkTrZu0gW";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

const partHead = (field: string, filename?: string) =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"${filename ? `; filename="${filename}"` : ""}\r\n` +
      (filename ? "Content-Type: application/octet-stream\r\n" : "") +
      "\r\n",
    "utf8",
  );
const closing = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** A streamed body of the given pieces (`more` produces further pieces on demand); counts what was pulled. */
function streamed(pieces: Buffer[], more?: () => Buffer | null) {
  let pulled = 0;
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      const next = i < pieces.length ? pieces[i++] : (more?.() ?? null);
      if (!next) return c.close();
      pulled += next.length;
      c.enqueue(new Uint8Array(next));
    },
  }, { highWaterMark: 0 });
  return { body, pulled: () => pulled };
}

function request(body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) {
  return new NextRequest("http://localhost/api/v1/metric-reports/x/attachments", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body,
    // a streamed request body (undici needs this)
    ...({ duplex: "half" } as object),
  });
}

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

let officer: Actor;
let organisationId: string;

beforeAll(async () => {
  organisationId = (await makeOrganisation("PROVINCE")).id;
  officer = await makeActor("OFFICER", organisationId);
});

describe("the multipart body, parsed as it arrives", () => {
  test("the `file` part comes out byte for byte, its Vietnamese name kept; other fields before it are skipped", async () => {
    const content = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024 + 17, 0x5a)]);
    // the file in pieces that cut across the boundary lines, like TCP does
    const whole = Buffer.concat([partHead("note"), Buffer.from("ghi chú"), Buffer.from("\r\n"), partHead("file", "Ảnh chụp màn hình.png"), content, closing]);
    const pieces: Buffer[] = [];
    for (let at = 0; at < whole.length; at += 65_521) pieces.push(whole.subarray(at, at + 65_521));
    const { body } = streamed(pieces);
    const f = await uploadedFile(request(body));
    expect(f!.name).toBe("Ảnh chụp màn hình.png");
    const got = await bytesOf(f!.stream);
    expect(got.length).toBe(content.length);
    expect(createHash("sha256").update(got).digest("hex")).toBe(createHash("sha256").update(content).digest("hex"));
  });

  test("a body without a `file` part gives null; a body that is not multipart, or has no boundary, is 400", async () => {
    const { body } = streamed([partHead("other"), Buffer.from("x"), closing]);
    expect(await uploadedFile(request(body))).toBeNull();
    await expect(uploadedFile(request("{}", { "content-type": "application/json" }))).rejects.toBeInstanceOf(ValidationError);
    await expect(uploadedFile(request("x", { "content-type": "multipart/form-data" }))).rejects.toBeInstanceOf(ValidationError);
  });

  test("a declared Content-Length over the limit is 413 before a byte is read", async () => {
    const s = streamed([partHead("file", "a.png"), PNG, closing]);
    await expect(uploadedFile(request(s.body, { "content-length": String(MAX_ATTACHMENT_BYTES + 1024 * 1024) }))).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(s.pulled()).toBe(0);
  });

  test("an endless body without Content-Length is refused 413 just past 20 MiB: the rest is never pulled, nothing stored", async () => {
    const report = await prisma.metricReport.create({
      data: { organisationId, period: quietPeriod(), metricCode: "OPEN_DATASETS", value: 1, status: "DRAFT", createdById: officer.id, updatedById: officer.id },
    });
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    const s = streamed([partHead("file", "vo-tan.png"), PNG], () => mib);
    const err = await addAttachment(officer, "report", report.id, await uploadedFile(request(s.body))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    // 20 MiB, plus what was in flight: a few MiB at most, never the endless rest
    expect(s.pulled()).toBeGreaterThan(MAX_ATTACHMENT_BYTES);
    expect(s.pulled()).toBeLessThan(MAX_ATTACHMENT_BYTES + 4 * 1024 * 1024);
    expect(await prisma.attachment.count({ where: { metricReportId: report.id } })).toBe(0);
  });
});
