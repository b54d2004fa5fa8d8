import "server-only";
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { pool, prisma } from "./db";
import { transaction } from "./tx";
import { audit } from "./audit";
import { ForbiddenError, InvalidTransitionError, NotFoundError, PayloadTooLargeError, ValidationError } from "./errors";
import { getReport } from "./reports";
import { getInitiative } from "./initiatives";
import { can, type Actor } from "@/lib/auth/permissions";
import { isId } from "@/lib/validation/common";
import type { AttachmentDto } from "@/lib/dto/attachments";

/*
 * Evidence files of metric reports and initiatives (issue 19), kept in PostgreSQL: one row per file and its bytes
 * in pieces of CHUNK_BYTES (attachment_chunks), written piece by piece inside the upload's transaction with its
 * audit entry, and read back piece by piece, so a download never holds the whole file. The type is decided from the
 * bytes (file-type), never from the name or the browser's content type.
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

const select = { id: true, name: true, size: true, contentType: true, sha256: true, createdAt: true, createdById: true, metricReportId: true, initiativeId: true } as const;
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
async function lockEditableParent(tx: Parameters<Parameters<typeof transaction>[0]>[0], actor: Actor, kind: ParentKind, id: string): Promise<string> {
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

/**
 * Stores an uploaded file on a report or initiative the caller may edit: the type read from the bytes must be one
 * of ALLOWED_TYPES, at most MAX_ATTACHMENT_BYTES; the row, its chunks and the audit entry in one transaction.
 */
export async function addAttachment(actor: Actor, kind: ParentKind, parentId: string, file: Blob | null, fileName: string | null): Promise<AttachmentDto> {
  await visibleParent(actor, kind, parentId);
  if (!file) throw new ValidationError([{ path: "file", message: "a file is required (multipart/form-data, field `file`)" }]);
  if (file.size > MAX_ATTACHMENT_BYTES) throw new PayloadTooLargeError("20 MiB");
  if (file.size === 0) throw new ValidationError([{ path: "file", message: "the file is empty" }]);
  const head = new Uint8Array(await file.slice(0, Math.min(file.size, 64 * 1024)).arrayBuffer());
  // zipped office files name their kind inside the archive: file-type may need more than the first bytes
  const detected = (await fileTypeFromBuffer(head)) ?? (file.size > head.length ? await fileTypeFromBuffer(new Uint8Array(await file.arrayBuffer())) : undefined);
  const type = detected && ALLOWED_TYPES[detected.mime] ? detected.mime : null;
  if (!type) {
    throw new ValidationError([{ path: "file", message: `not an accepted file type (${detected?.mime ?? "unknown"}): PDF, PNG, JPEG, XLSX, DOCX, ODS or ODT` }]);
  }
  const name = cleanName(fileName ?? "file");
  return transaction(async (tx) => {
    const organisationId = await lockEditableParent(tx, actor, kind, parentId);
    const row = await tx.attachment.create({
      data: {
        ...(kind === "report" ? { metricReportId: parentId } : { initiativeId: parentId }),
        name,
        size: file.size,
        contentType: type,
        sha256: "0".repeat(64),
        createdById: actor.id,
      },
      select,
    });
    const hash = createHash("sha256");
    let seq = 0;
    for (let at = 0; at < file.size; at += CHUNK_BYTES) {
      const piece = Buffer.from(await file.slice(at, Math.min(file.size, at + CHUNK_BYTES)).arrayBuffer());
      hash.update(piece);
      await tx.$executeRaw`INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (${row.id}::uuid, ${seq++}, ${piece})`;
    }
    const sha256 = hash.digest("hex");
    await tx.attachment.update({ where: { id: row.id }, data: { sha256 } });
    const dto = toDto({ ...row, sha256 });
    await audit(tx, actor, {
      action: "attach",
      entityType: kind === "report" ? "MetricReport" : "Initiative",
      entityId: parentId,
      organisationId,
      changes: { attachment: { from: null, to: { id: dto.id, name, size: dto.size, contentType: type, sha256 } } },
    });
    return dto;
  });
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

/** The file's facts and a stream of its bytes, read one chunk at a time. */
export async function openAttachment(actor: Actor, id: string): Promise<{ attachment: AttachmentDto; stream: ReadableStream<Uint8Array> }> {
  const { row } = await loadAttachment(actor, id);
  let seq = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { rows } = await pool().query<{ data: Buffer }>("SELECT data FROM attachment_chunks WHERE attachment_id = $1 AND seq = $2", [row.id, seq++]);
      if (!rows.length) controller.close();
      else controller.enqueue(new Uint8Array(rows[0].data));
    },
  });
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
}

/** Content-Disposition for a download: an ASCII fallback name and the real one in RFC 5987 form. */
export function dispositionOf(a: AttachmentDto): string {
  const ascii = a.name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^A-Za-z0-9._ -]/g, "_") || "file";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.name)}`;
}
