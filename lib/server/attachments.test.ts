/**
 * Evidence files (issue 19) against PostgreSQL: the type from the bytes, the size limit, the parent's read and edit
 * rules (another organisation's draft: 404), bytes and SHA-256 back exactly, audit of upload and delete.
 */
import { describe, test, expect, beforeAll } from "vitest";
import { createHash } from "node:crypto";
import { prisma } from "./db";
import { makeActor, makeOrganisation, quietPeriod } from "@/test/factories";
import { addAttachment, attachmentsOfReports, cleanName, deleteAttachment, incomingFile, listAttachments, MAX_ATTACHMENT_BYTES, openAttachment, type IncomingFile } from "./attachments";
import { InvalidTransitionError, NotFoundError, PayloadTooLargeError, ValidationError } from "./errors";
import type { Actor } from "@/lib/auth/permissions";

// a real 1×1 PNG and a minimal PDF
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n", "latin1");

let admin: Actor;
let officerA: Actor;
let officerB: Actor;
let leader: Actor;
let orgA: string;

async function draft(organisationId: string, status: "DRAFT" | "SUBMITTED" = "DRAFT") {
  const r = await prisma.metricReport.create({
    data: { organisationId, period: quietPeriod(), metricCode: "OPEN_DATASETS", value: 3, status, createdById: admin.id, updatedById: admin.id },
  });
  return r.id;
}

const file = (b: Buffer, name: string | null) => incomingFile(b, name);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return Buffer.concat(parts);
}

beforeAll(async () => {
  admin = await makeActor("ADMIN");
  const a = await makeOrganisation("PROVINCE");
  const b = await makeOrganisation("PROVINCE");
  orgA = a.id;
  officerA = await makeActor("OFFICER", a.id);
  officerB = await makeActor("OFFICER", b.id);
  leader = await makeActor("LEADERSHIP");
});

describe("uploading evidence to a metric report", () => {
  test("a PNG on the officer's own draft: 201 facts, bytes and SHA-256 back exactly, audited", async () => {
    const id = await draft(orgA);
    const a = await addAttachment(officerA, "report", id, file(PNG, "ảnh chụp màn hình.png"));
    expect(a).toMatchObject({ name: "ảnh chụp màn hình.png", size: PNG.length, contentType: "image/png", createdBy: officerA.id });
    expect(a.sha256).toBe(createHash("sha256").update(PNG).digest("hex"));
    const { attachment, stream } = await openAttachment(officerA, a.id);
    expect(attachment.id).toBe(a.id);
    expect((await readAll(stream)).equals(PNG)).toBe(true);
    expect((await listAttachments(officerA, "report", id)).map((x) => x.id)).toEqual([a.id]);
    expect((await attachmentsOfReports([id])).get(id)!.map((x) => x.sha256)).toEqual([a.sha256]);
    const audits = await prisma.auditEntry.findMany({ where: { entityId: id, action: "attach" } });
    expect(audits).toHaveLength(1);
  });

  test("a file of several chunks comes back byte for byte", async () => {
    const id = await draft(orgA);
    // a PDF of 700 KiB: three chunks of 256 KiB
    const big = Buffer.concat([PDF, Buffer.alloc(700 * 1024 - PDF.length, 0x20)]);
    const a = await addAttachment(officerA, "report", id, file(big, "quyet-dinh.pdf"));
    expect(await prisma.attachmentChunk.count({ where: { attachmentId: a.id } })).toBe(3);
    expect((await readAll((await openAttachment(officerA, a.id)).stream)).equals(big)).toBe(true);
    // leadership does not see a draft, nor so its files
    await expect(openAttachment(leader, a.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("the type comes from the bytes: text named .pdf is 400; an empty or missing file is 400; over 20 MiB is 413", async () => {
    const id = await draft(orgA);
    const err = await addAttachment(officerA, "report", id, file(Buffer.from("not a pdf at all"), "fake.pdf")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).details![0].path).toBe("file");
    await expect(addAttachment(officerA, "report", id, null)).rejects.toBeInstanceOf(ValidationError);
    await expect(addAttachment(officerA, "report", id, file(Buffer.alloc(0), "x.png"))).rejects.toBeInstanceOf(ValidationError);
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - PNG.length)]);
    await expect(addAttachment(officerA, "report", id, file(huge, "huge.png"))).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await prisma.attachment.count({ where: { metricReportId: id } })).toBe(0);
  });

  test("another organisation's draft is 404 for upload, list and download; a submitted report's files cannot change (409)", async () => {
    const id = await draft(orgA);
    const a = await addAttachment(officerA, "report", id, file(PDF, "a.pdf"));
    await expect(addAttachment(officerB, "report", id, file(PDF, "b.pdf"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(listAttachments(officerB, "report", id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(openAttachment(officerB, a.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteAttachment(officerB, a.id)).rejects.toBeInstanceOf(NotFoundError);
    const submitted = await draft(orgA, "SUBMITTED");
    await expect(addAttachment(officerA, "report", submitted, file(PDF, "late.pdf"))).rejects.toBeInstanceOf(InvalidTransitionError);
    // leadership sees the submitted report and so its files, but may not add any
    await expect(listAttachments(leader, "report", submitted)).resolves.toEqual([]);
  });

  test("delete while editable, audited; then the file is gone", async () => {
    const id = await draft(orgA);
    const a = await addAttachment(officerA, "report", id, file(PDF, "xoa.pdf"));
    await deleteAttachment(officerA, a.id);
    await expect(openAttachment(officerA, a.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await prisma.attachmentChunk.count({ where: { attachmentId: a.id } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { entityId: id, action: "detach" } })).toBe(1);
  });
});

/** A ZIP of one stored (uncompressed) entry, by hand: local header, data, central directory, end record. */
function storedZip(name: string, data: Buffer): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(0, 14); // crc32 left 0: file-type does not check it
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

/** An endless upload: `chunk` repeated, after `head`; counts what was read and whether reading was cancelled. */
function endless(head: Buffer, chunk: Buffer, name: string): IncomingFile & { read: () => number; cancelled: () => boolean } {
  let read = 0;
  let cancelled = false;
  return {
    name,
    stream: (async function* () {
      read += head.length;
      yield head;
      for (;;) {
        read += chunk.length;
        yield chunk;
      }
    })(),
    cancel: () => {
      cancelled = true;
    },
    read: () => read,
    cancelled: () => cancelled,
  };
}

describe("uploads are read as a stream", () => {
  test("an endless body is refused 413 once it passes 20 MiB: reading stops there, nothing is written", async () => {
    const id = await draft(orgA);
    const src = endless(PNG, Buffer.alloc(1024 * 1024, 1), "endless.png");
    await expect(addAttachment(officerA, "report", id, src)).rejects.toBeInstanceOf(PayloadTooLargeError);
    // 20 MiB and one more chunk of 1 MiB at most
    expect(src.read()).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES + 1024 * 1024 + PNG.length);
    expect(src.read()).toBeGreaterThan(MAX_ATTACHMENT_BYTES);
    expect(src.cancelled()).toBe(true);
    expect(await prisma.attachment.count({ where: { metricReportId: id } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { entityId: id } })).toBe(0);
  });

  test("bytes of a type not accepted are refused from the first chunks, without reading the rest", async () => {
    const id = await draft(orgA);
    const src = endless(Buffer.from("GIF89a"), Buffer.alloc(64 * 1024, 0x41), "not-really.pdf");
    const err = await addAttachment(officerA, "report", id, src).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).details![0].path).toBe("file");
    // a GIF is named from its first bytes: at most a few chunks of 64 KiB were read
    expect(src.read()).toBeLessThan(1024 * 1024);
    expect(src.cancelled()).toBe(true);
    expect(await prisma.attachment.count({ where: { metricReportId: id } })).toBe(0);
    expect(await prisma.attachmentChunk.count()).toBe(await prisma.attachmentChunk.count({ where: { attachment: { metricReportId: { not: id } } } }));
  });

  test("a spreadsheet written by ExcelJS is recognised as XLSX from the stream, and a plain ZIP is refused", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Số liệu");
    for (let i = 0; i < 2000; i++) ws.addRow([i, `Dòng ${i}`, Math.sqrt(i)]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const id = await draft(orgA);
    const a = await addAttachment(officerA, "report", id, file(xlsx, "so-lieu.xlsx"));
    expect(a.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(a.size).toBe(xlsx.length);
    expect(a.sha256).toBe(createHash("sha256").update(xlsx).digest("hex"));
    // a zip of one text file: a zip, but none of the accepted kinds
    const plain = storedZip("readme.txt", Buffer.from("xin chào"));
    await expect(addAttachment(officerA, "report", id, file(plain, "x.docx"))).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("evidence on initiatives", () => {
  test("upload and read with the initiative's rules", async () => {
    const ini = await prisma.initiative.create({
      data: { organisationId: orgA, title: "Sáng kiến có tệp", status: "IN_PROGRESS", currentStage: 1, targetStage: 2, progress: 10, createdById: admin.id, updatedById: admin.id },
    });
    const a = await addAttachment(officerA, "initiative", ini.id, file(PNG, "sơ đồ.png"));
    expect((await listAttachments(officerB, "initiative", ini.id)).map((x) => x.id)).toEqual([a.id]);
    await expect(addAttachment(officerB, "initiative", ini.id, file(PNG, "x.png"))).rejects.toThrow();
  });
});

test("file names keep their letters and lose directories and control characters", () => {
  expect(cleanName("C:\\Users\\cb\\Báo cáo quý.pdf")).toBe("Báo cáo quý.pdf");
  expect(cleanName("../../etc/passwd\u0000")).toBe("passwd");
  expect(cleanName("")).toBe("file");
});
