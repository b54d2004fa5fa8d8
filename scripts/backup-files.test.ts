/**
 * Backup and restore keep the evidence files (issue 19): files uploaded through the app (a PDF and a PNG made
 * here, and 6 MiB of random bytes behind a PDF header) are backed up with `createBackup`, the database is dropped
 * and restored from the file into a fresh one, and every file read back through the app's download path has the
 * same bytes and SHA-256 as what was uploaded.
 */
import { describe, test, expect, afterAll } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createBackup, restoreBackup } from "./lib/backup";
import { closeDb, prisma } from "@/lib/server/db";
import { makeActor, makeOrganisation, quietPeriod } from "@/test/factories";
import { addAttachment, incomingFile, openAttachment } from "@/lib/server/attachments";

const dir = mkdtempSync(path.join(os.tmpdir(), "dgov-backup-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A real 64×64 RGB PNG (a colour gradient), written by hand: signature, IHDR, IDAT, IEND. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(64, 0);
  ihdr.writeUInt32BE(64, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < 64; y++) {
    const row = Buffer.alloc(1 + 64 * 3);
    for (let x = 0; x < 64; x++) row.set([x * 4, y * 4, 128], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** A one-page PDF with a line of text, its xref offsets computed. */
function pdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    "<< /Length 44 >>\nstream\nBT /F1 18 Tf 72 770 Td (Bao cao quy) Tj ET\nendstream",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

async function download(actorId: Parameters<typeof openAttachment>[0], id: string): Promise<Buffer> {
  const { stream } = await openAttachment(actorId, id);
  const parts: Buffer[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

describe("backup and restore with evidence files", () => {
  test("every file comes back byte for byte after the database is dropped and restored from the backup", async () => {
    const organisationId = (await makeOrganisation("PROVINCE")).id;
    const officer = await makeActor("OFFICER", organisationId);
    const report = await prisma.metricReport.create({
      data: { organisationId, period: quietPeriod(), metricCode: "OPEN_DATASETS", value: 4, status: "DRAFT", createdById: officer.id, updatedById: officer.id },
    });
    const files: [Buffer, string][] = [
      [pdf(), "Quyết định số 12.pdf"],
      [png(), "ảnh chụp.png"],
      [Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(6 * 1024 * 1024)]), "thống kê lớn.pdf"],
    ];
    const stored: { id: string; bytes: Buffer; sha256: string }[] = [];
    for (const [bytes, name] of files) {
      const a = await addAttachment(officer, "report", report.id, incomingFile(bytes, name));
      expect(a.sha256).toBe(sha(bytes));
      stored.push({ id: a.id, bytes, sha256: sha(bytes) });
    }
    expect(stored.map((s) => s.bytes.length)).toEqual([files[0][0].length, files[1][0].length, 6 * 1024 * 1024 + 9]);

    const url = process.env.DATABASE_URL!;
    const { file, manifest } = await createBackup(url, { file: path.join(dir, "with-files.backup.gz"), format: "logical" });
    // every file is in PostgreSQL here, so in the backup itself
    expect(manifest.filesInBucket).toBe(0);

    // the database is gone: dropped with everything in it
    await closeDb();
    const server = new pg.Client({ connectionString: process.env.TEST_SERVER_URL });
    await server.connect();
    try {
      await server.query(`DROP DATABASE ${process.env.TEST_FILE_DATABASE} WITH (FORCE)`);
    } finally {
      await server.end();
    }

    // restored into a fresh database of the same name (created by the restore), then read through the app
    const r = await restoreBackup(file, url);
    expect(r.tables.find((t) => t.name === "attachments")!.rows).toBe(3);
    expect(r.tables.find((t) => t.name === "attachment_chunks")!.rows).toBe(1 + 1 + Math.ceil((6 * 1024 * 1024 + 9) / (256 * 1024)));
    for (const s of stored) {
      const back = await download(officer, s.id);
      expect(back.length).toBe(s.bytes.length);
      expect(sha(back)).toBe(s.sha256);
      expect(back.equals(s.bytes)).toBe(true);
      const row = await prisma.attachment.findUniqueOrThrow({ where: { id: s.id } });
      expect(row.sha256).toBe(s.sha256);
    }
  });
});
