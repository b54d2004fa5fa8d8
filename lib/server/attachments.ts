import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { fileTypeFromStream } from "file-type";
import { pool, prisma } from "./db";
import { transaction, type Tx } from "./tx";
import { logger } from "./logger";
import { bucket, deleteObject, readObject, startUpload, type Bucket } from "@/lib/storage/s3";
import { audit } from "./audit";
import { ForbiddenError, InvalidTransitionError, NotFoundError, PayloadTooLargeError, ValidationError } from "./errors";
import { getReport } from "./reports";
import { getInitiative } from "./initiatives";
import { can, type Actor } from "@/lib/auth/permissions";
import { isId } from "@/lib/validation/common";
import type { AttachmentDto } from "@/lib/dto/attachments";

/*
 * Evidence files of metric reports and initiatives (issue 19): one row per file in PostgreSQL, its bytes either in
 * pieces of CHUNK_BYTES (attachment_chunks, the default) or as one object of the S3-compatible bucket S3_BUCKET
 * names (lib/storage/s3.ts). Uploads are read as they arrive and downloads are sent as they are read, so neither
 * ever holds a whole file. The type is decided from the bytes (file-type), never from the name or the browser's
 * content type.
 */

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const CHUNK_BYTES = 256 * 1024;

/** What may be uploaded: the type file-type reads from the bytes → the extension a saved copy gets. */
export const ALLOWED_TYPES: Record<string, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.text": "odt",
};

export type ParentKind = "report" | "initiative";

const select = { id: true, name: true, size: true, contentType: true, sha256: true, createdAt: true, createdById: true, metricReportId: true, initiativeId: true, storage: true, storageKey: true } as const;
type Row = { id: string; name: string; size: number; contentType: string; sha256: string; createdAt: Date; createdById: string };

const toDto = (r: Row): AttachmentDto => ({
  id: r.id,
  name: r.name,
  size: r.size,
  contentType: r.contentType,
  sha256: r.sha256,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdById,
});

/** The parent as the caller may see it (its own read rules: another organisation's draft is 404). */
async function visibleParent(actor: Actor, kind: ParentKind, id: string): Promise<{ organisationId: string }> {
  if (kind === "report") return getReport(actor, id);
  return getInitiative(actor, id);
}

/**
 * Locks the parent and checks it may be changed by the caller now: a DRAFT or REJECTED report (report.write), an
 * initiative not archived (initiative.write).
 */
async function lockEditableParent(tx: Tx, actor: Actor, kind: ParentKind, id: string): Promise<string> {
  if (kind === "report") {
    const rows = await tx.$queryRaw<{ organisation_id: string; status: string }[]>`
      SELECT organisation_id::text, status::text FROM metric_reports WHERE id = ${id}::uuid FOR UPDATE`;
    if (!rows.length) throw new NotFoundError("Report");
    if (!can(actor, "report.write", rows[0].organisation_id)) throw new ForbiddenError();
    if (rows[0].status !== "DRAFT" && rows[0].status !== "REJECTED") throw new InvalidTransitionError(`The files of a ${rows[0].status} report cannot be changed`);
    return rows[0].organisation_id;
  }
  const rows = await tx.$queryRaw<{ organisation_id: string; archived: boolean }[]>`
    SELECT organisation_id::text, archived_at IS NOT NULL AS archived FROM initiatives WHERE id = ${id}::uuid FOR UPDATE`;
  if (!rows.length) throw new NotFoundError("Initiative");
  if (!can(actor, "initiative.write", rows[0].organisation_id)) throw new ForbiddenError();
  if (rows[0].archived) throw new InvalidTransitionError("The files of an archived initiative cannot be changed");
  return rows[0].organisation_id;
}

/** A file name as given, without any directory part or control characters, at most 255 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().normalize("NFC");
  return clean.slice(0, 255) || "file";
}

/** The files of a parent the caller may see, oldest first. */
export async function listAttachments(actor: Actor, kind: ParentKind, parentId: string): Promise<AttachmentDto[]> {
  await visibleParent(actor, kind, parentId);
  const rows = await prisma.attachment.findMany({
    where: kind === "report" ? { metricReportId: parentId } : { initiativeId: parentId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select,
  });
  return rows.map(toDto);
}

/** The files of many reports at once (internal: the caller has already seen the reports), by report id. */
export async function attachmentsOfReports(reportIds: string[]): Promise<Map<string, AttachmentDto[]>> {
  const out = new Map<string, AttachmentDto[]>();
  if (!reportIds.length) return out;
  const rows = await prisma.attachment.findMany({ where: { metricReportId: { in: reportIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select });
  for (const r of rows) {
    const list = out.get(r.metricReportId!);
    if (list) list.push(toDto(r));
    else out.set(r.metricReportId!, [toDto(r)]);
  }
  return out;
}

/** An upload as it arrives: the name the client gave and the bytes, read once, in order. */
export interface IncomingFile {
  name: string | null;
  stream: AsyncIterable<Uint8Array>;
  /** stops reading the request body (called when the upload is refused, or done) */
  cancel?: () => void;
}

/** A file's bytes from a Buffer (tests, scripts). */
export function incomingFile(bytes: Uint8Array, name: string | null): IncomingFile {
  return {
    name,
    stream: (async function* () {
      for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
    })(),
  };
}

/**
 * file-type fed with the upload's chunks as they pass: it reads the first bytes (a zipped office file: as far as
 * the entry that names its kind) and answers; `push` waits until it has taken a chunk, so at most one is held here.
 */
function typeSniffer() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let demanded: () => void = () => {};
  let demand = new Promise<void>((r) => (demanded = r));
  let decided = false;
  let detected: string | undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: () => demanded(),
    },
    { highWaterMark: 0 },
  );
  const result = fileTypeFromStream(stream)
    .catch(() => undefined)
    .then((t) => {
      decided = true;
      detected = t?.mime;
      demanded();
      void stream.cancel().catch(() => {});
      return t?.mime;
    });
  return {
    result,
    /** the type, once file-type has decided (undefined: not yet, or unknown) */
    get decided() {
      return decided;
    },
    get detected() {
      return detected;
    },
    async push(chunk: Uint8Array) {
      if (decided) return;
      await demand;
      if (decided) return;
      demand = new Promise<void>((r) => (demanded = r));
      controller.enqueue(chunk);
    },
    end() {
      if (!decided) controller.close();
    },
    /** reading stopped early: file-type gives up instead of waiting for bytes that will not come */
    abort() {
      if (!decided) controller.error(new Error("upload refused"));
    },
  };
}

const wrongType = (mime: string | undefined) =>
  new ValidationError([{ path: "file", message: `not an accepted file type (${mime ?? "unknown"}): PDF, PNG, JPEG, XLSX, DOCX, ODS or ODT` }]);

/**
 * Reads an upload once, as it arrives: counts it (413 as soon as it passes MAX_ATTACHMENT_BYTES), hashes it, has its
 * type read from the bytes (400 as soon as file-type has named a type not accepted), and hands it on in pieces of
 * `pieceBytes`. Never holds more than one piece and one incoming chunk.
 */
class Receiver {
  size = 0;
  sha256 = "";
  contentType = "";
  /** why reading stopped, when it did (the bucket upload wraps errors of its source) */
  failure: unknown;
  private readonly hash = createHash("sha256");
  constructor(
    private readonly file: IncomingFile,
    private readonly pieceBytes: number,
  ) {}

  async *pieces(): AsyncGenerator<Buffer> {
    const sniff = typeSniffer();
    try {
      let held: Buffer[] = [];
      let heldBytes = 0;
      for await (const raw of this.file.stream) {
        const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
        this.size += chunk.length;
        if (this.size > MAX_ATTACHMENT_BYTES) throw new PayloadTooLargeError("20 MiB");
        this.hash.update(chunk);
        await sniff.push(chunk);
        if (sniff.decided && !(sniff.detected && ALLOWED_TYPES[sniff.detected])) throw wrongType(sniff.detected);
        held.push(chunk);
        heldBytes += chunk.length;
        while (heldBytes >= this.pieceBytes) {
          const all = Buffer.concat(held);
          yield all.subarray(0, this.pieceBytes);
          held = [all.subarray(this.pieceBytes)];
          heldBytes = held[0].length;
        }
      }
      if (this.size === 0) throw new ValidationError([{ path: "file", message: "the file is empty" }]);
      sniff.end();
      const mime = await sniff.result;
      if (!mime || !ALLOWED_TYPES[mime]) throw wrongType(mime);
      if (heldBytes) yield Buffer.concat(held);
      this.sha256 = this.hash.digest("hex");
      this.contentType = mime;
    } catch (err) {
      this.failure = err;
      throw err;
    } finally {
      sniff.abort();
    }
  }
}

/** An upload may take this long on a slow line; the transaction that receives it stays open meanwhile. */
const UPLOAD_TX_TIMEOUT_MS = 10 * 60_000;

/**
 * Stores an uploaded file on a report or initiative the caller may edit: the type read from the bytes must be one
 * of ALLOWED_TYPES, at most MAX_ATTACHMENT_BYTES. The bytes are never held whole: in PostgreSQL they are written
 * chunk by chunk as they arrive, inside the transaction that also writes the row and the audit entry (a refusal
 * rolls it all back); in the bucket they go up as a multipart upload, and the row and audit entry are written once
 * it is complete (a refusal aborts the upload; a failed transaction deletes the object).
 */
export async function addAttachment(actor: Actor, kind: ParentKind, parentId: string, file: IncomingFile | null): Promise<AttachmentDto> {
  try {
    await visibleParent(actor, kind, parentId);
    if (!file) throw new ValidationError([{ path: "file", message: "a file is required (multipart/form-data, field `file`)" }]);
    const name = cleanName(file.name ?? "file");
    const store = bucket();
    return store ? await addToBucket(store, actor, kind, parentId, file, name) : await addToPostgres(actor, kind, parentId, file, name);
  } finally {
    file?.cancel?.();
  }
}

const parentOf = (kind: ParentKind, parentId: string) => (kind === "report" ? { metricReportId: parentId } : { initiativeId: parentId });

async function audited(tx: Tx, actor: Actor, kind: ParentKind, parentId: string, organisationId: string, dto: AttachmentDto) {
  await audit(tx, actor, {
    action: "attach",
    entityType: kind === "report" ? "MetricReport" : "Initiative",
    entityId: parentId,
    organisationId,
    changes: { attachment: { from: null, to: { id: dto.id, name: dto.name, size: dto.size, contentType: dto.contentType, sha256: dto.sha256 } } },
  });
}

async function addToPostgres(actor: Actor, kind: ParentKind, parentId: string, file: IncomingFile, name: string): Promise<AttachmentDto> {
  const rx = new Receiver(file, CHUNK_BYTES);
  return transaction(
    async (tx) => {
      // locked first: the parent cannot be submitted or archived while its file comes in
      const organisationId = await lockEditableParent(tx, actor, kind, parentId);
      const id = randomUUID();
      await tx.attachment.create({
        data: { id, ...parentOf(kind, parentId), name, size: 0, contentType: "application/octet-stream", sha256: "0".repeat(64), createdById: actor.id },
      });
      let seq = 0;
      for await (const piece of rx.pieces()) {
        await tx.$executeRaw`INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (${id}::uuid, ${seq++}, ${piece})`;
      }
      const row = await tx.attachment.update({ where: { id }, data: { size: rx.size, sha256: rx.sha256, contentType: rx.contentType }, select });
      const dto = toDto(row);
      await audited(tx, actor, kind, parentId, organisationId, dto);
      return dto;
    },
    { attempts: 1, timeoutMs: UPLOAD_TX_TIMEOUT_MS },
  );
}

async function addToBucket(store: Bucket, actor: Actor, kind: ParentKind, parentId: string, file: IncomingFile, name: string): Promise<AttachmentDto> {
  // refused before a byte is read when the caller may not change the parent now (checked again, locked, at the end)
  await transaction((tx) => lockEditableParent(tx, actor, kind, parentId));
  const rx = new Receiver(file, CHUNK_BYTES);
  const id = randomUUID();
  const key = `${store.settings.prefix}${id}`;
  try {
    await startUpload(store, key, "application/octet-stream", rx.pieces()).done();
  } catch (err) {
    // an aborted multipart upload leaves no object; a refusal is answered as itself
    throw rx.failure ?? err;
  }
  try {
    return await transaction(async (tx) => {
      const organisationId = await lockEditableParent(tx, actor, kind, parentId);
      const row = await tx.attachment.create({
        data: { id, ...parentOf(kind, parentId), name, size: rx.size, contentType: rx.contentType, sha256: rx.sha256, createdById: actor.id, storage: "S3", storageKey: key },
        select,
      });
      const dto = toDto(row);
      await audited(tx, actor, kind, parentId, organisationId, dto);
      return dto;
    });
  } catch (err) {
    await deleteObject(store, key).catch((e: unknown) => logger.warn({ err: { message: (e as Error).message }, key }, "could not delete the object of a failed upload"));
    throw err;
  }
}

async function loadAttachment(actor: Actor, id: string) {
  const row = isId(id) ? await prisma.attachment.findUnique({ where: { id }, select }) : null;
  if (!row) throw new NotFoundError("Attachment");
  const kind: ParentKind = row.metricReportId ? "report" : "initiative";
  const parentId = (row.metricReportId ?? row.initiativeId)!;
  // the parent's read rules decide: a file of a report the caller may not see does not exist for them
  await visibleParent(actor, kind, parentId).catch((err: unknown) => {
    throw err instanceof NotFoundError ? new NotFoundError("Attachment") : err;
  });
  return { row, kind, parentId };
}

/** The file's facts and a stream of its bytes, read one chunk (PostgreSQL) or one network read (bucket) at a time. */
export async function openAttachment(actor: Actor, id: string): Promise<{ attachment: AttachmentDto; stream: ReadableStream<Uint8Array> }> {
  const { row } = await loadAttachment(actor, id);
  if (row.storage === "S3") {
    const store = bucket();
    if (!store) throw new Error(`attachment ${row.id} is in the S3 bucket, but S3_BUCKET is not set`);
    return { attachment: toDto(row), stream: await readObject(store, row.storageKey!) };
  }
  let seq = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { rows } = await pool().query<{ data: Buffer }>("SELECT data FROM attachment_chunks WHERE attachment_id = $1 AND seq = $2", [row.id, seq++]);
        if (!rows.length) controller.close();
        else controller.enqueue(new Uint8Array(rows[0].data));
      },
    },
    // one chunk at a time: the next is read when the client has taken this one
    { highWaterMark: 0 },
  );
  return { attachment: toDto(row), stream };
}

/** Removes a file while its parent may be edited by the caller (audited in the same transaction). */
export async function deleteAttachment(actor: Actor, id: string): Promise<void> {
  const { row, kind, parentId } = await loadAttachment(actor, id);
  await transaction(async (tx) => {
    const organisationId = await lockEditableParent(tx, actor, kind, parentId);
    const gone = await tx.attachment.deleteMany({ where: { id } });
    if (gone.count !== 1) throw new NotFoundError("Attachment");
    await audit(tx, actor, {
      action: "detach",
      entityType: kind === "report" ? "MetricReport" : "Initiative",
      entityId: parentId,
      organisationId,
      changes: { attachment: { from: { id, name: row.name, size: row.size, contentType: row.contentType, sha256: row.sha256 }, to: null } },
    });
  });
  // after the commit: a failed transaction keeps its file; a failed delete leaves an object nothing points at
  if (row.storage === "S3") {
    const store = bucket();
    if (store) {
      await deleteObject(store, row.storageKey!).catch((e: unknown) =>
        logger.warn({ err: { message: (e as Error).message }, key: row.storageKey }, "could not delete the object of a removed file"),
      );
    }
  }
}

/** Content-Disposition for a download: an ASCII fallback name and the real one in RFC 5987 form. */
export function dispositionOf(a: AttachmentDto): string {
  const ascii = a.name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9._ -]/g, "_") || "file";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.name)}`;
}
