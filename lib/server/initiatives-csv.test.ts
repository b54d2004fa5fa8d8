import { describe, test, expect, beforeAll } from "vitest";
import Papa from "papaparse";
import { prisma } from "./db";
import { archiveInitiative, createInitiative, getInitiative, getInitiativeHistory } from "./initiatives";
import { exportInitiativesCsv, importInitiativesCsv, IMPORT_MAX_ROWS } from "./initiatives-csv";
import { failure, initiativeBody as body, makeActor, makeOrganisation, uid } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import { INITIATIVE_CSV_COLUMNS } from "@/lib/domain/csv";

const HEADER = INITIATIVE_CSV_COLUMNS.join(",");

function csvRow(cells: unknown[]): string {
  return cells
    .map((c) => {
      const s = String(c ?? "");
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

let org: { id: string; code: string };
let other: { id: string; code: string };
let officer: Actor;
let leader: Actor;
let admin: Actor;

beforeAll(async () => {
  org = await makeOrganisation();
  other = await makeOrganisation();
  officer = await makeActor("OFFICER", org.id);
  leader = await makeActor("LEADERSHIP");
  admin = await makeActor("ADMIN");
});

const count = (organisationId: string) => prisma.initiative.count({ where: { organisationId } });
const auditCount = () => prisma.auditEntry.count({ where: { entityType: "Initiative" } });

describe("export", () => {
  test("BOM, the documented header, formulas neutralised, filters applied, archived left out", async () => {
    const o = await makeOrganisation();
    const off = await makeActor("OFFICER", o.id);
    const evil = await createInitiative(
      off,
      body(o.id, { title: '=HYPERLINK("http://evil")', description: "Ứng dụng định danh điện tử" }),
    );
    const gone = await createInitiative(off, body(o.id));
    await archiveInitiative(off, gone.id, "1");
    const text = await readAll(await exportInitiativesCsv(leader, { organisationId: o.id }));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split("\r\n")[0]).toBe(HEADER);
    expect(text).toContain("Ứng dụng định danh điện tử");
    expect(text).toContain("'=HYPERLINK");
    expect(/(^|,)"?=HYPERLINK/m.test(text)).toBe(false);
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.id)).toEqual([evil.id]);
    expect(rows[0]).toMatchObject({
      organisationCode: o.code,
      buildingBlocks: "ONE_PORTAL|SHARED_DATA",
      enablers: "",
      startDate: "2025-01-01",
      budgetPlanned: "1000000000",
    });
  });

  test("bad filters are 400s before anything is sent", async () => {
    expect((await failure(exportInitiativesCsv(leader, { status: "DONE" }))).code).toBe("validation_failed");
  });
});

describe("import", () => {
  const good = (ref: string, n: number, progress = 10, code = org.code) =>
    csvRow([
      "",
      `${ref}-${n}`,
      code,
      `Nền tảng tích hợp dữ liệu ${n}`,
      "Mô tả, có dấu phẩy",
      "IN_PROGRESS",
      "SHARED_DATA|SHARED_SERVICES",
      "",
      "",
      1,
      3,
      "2025-01-01",
      "2026-06-30",
      5000000,
      0,
      progress,
      "",
    ]);

  test("all or nothing: a bad row is named (header is row 1) and nothing is written", async () => {
    const ref = `EXT-${uid(6)}`;
    const bad = csvRow([
      "",
      `${ref}-bad`,
      org.code,
      "Dòng lỗi",
      "",
      "COMPLETED",
      "SHARED_DATA|NOPE",
      "",
      "",
      4,
      3,
      "2025-01-01",
      "2024-06-30",
      1,
      0,
      250,
      "",
    ]);
    const before = [await count(org.id), await auditCount()];
    const e = await failure(importInitiativesCsv(officer, [HEADER, good(ref, 1), good(ref, 2), bad].join("\n")));
    expect(e.code).toBe("validation_failed");
    const paths = e.details!.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(["row 4.progress", "row 4.buildingBlocks.1", "row 4.targetStage", "row 4.endDate"]),
    );
    expect(paths.every((p) => p.startsWith("row 4."))).toBe(true);
    expect([await count(org.id), await auditCount()]).toEqual(before);
  });

  test("a dry run writes nothing, lists every row problem and counts what the import would do", async () => {
    const ref = `EXT-${uid(6)}`;
    const bad = good(ref, 9, 250);
    const before = [await count(org.id), await auditCount()];
    const preview = await importInitiativesCsv(
      officer,
      [HEADER, good(ref, 1), bad, good(ref, 2, 10, other.code)].join("\n"),
      { dryRun: true },
    );
    expect(preview).toMatchObject({ dryRun: true, rows: 3, valid: false, created: 1, updated: 0, unchanged: 0 });
    expect(preview.errors.map((d) => d.path)).toEqual(["row 3.progress", "row 4.organisationCode"]);
    expect([await count(org.id), await auditCount()]).toEqual(before);

    const file = [HEADER, good(ref, 1), good(ref, 2)].join("\n");
    expect(await importInitiativesCsv(officer, file, { dryRun: true })).toMatchObject({
      dryRun: true,
      rows: 2,
      valid: true,
      created: 2,
      updated: 0,
      unchanged: 0,
      errors: [],
      itemsTruncated: false,
      format: "csv",
    });
    expect(await count(org.id)).toBe(before[0]);
    expect(await importInitiativesCsv(officer, file)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(
      await importInitiativesCsv(officer, [HEADER, good(ref, 1, 60), good(ref, 2)].join("\n"), { dryRun: true }),
    ).toMatchObject({
      valid: true,
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    expect((await failure(importInitiativesCsv(leader, file, { dryRun: true }))).code).toBe("forbidden");
  });

  test("idempotent by (organisation, externalRef): created, then unchanged, then updated with version + 1 and history", async () => {
    const ref = `EXT-${uid(6)}`;
    const file = [HEADER, good(ref, 1), good(ref, 2), good(ref, 3)].join("\r\n") + "\r\n";
    const before = await count(org.id);
    expect(await importInitiativesCsv(officer, file)).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await importInitiativesCsv(officer, file)).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await importInitiativesCsv(officer, [HEADER, good(ref, 1, 75)].join("\n"))).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    expect(await count(org.id)).toBe(before + 3);

    const row = await prisma.initiative.findFirstOrThrow({
      where: { organisationId: org.id, externalRef: `${ref}-1` },
    });
    const read = await getInitiative(officer, row.id);
    expect(read).toMatchObject({
      version: 2,
      progress: 75,
      title: "Nền tảng tích hợp dữ liệu 1",
      description: "Mô tả, có dấu phẩy",
      buildingBlocks: ["SHARED_DATA", "SHARED_SERVICES"],
      principles: [],
      budgetPlanned: 5_000_000,
      budgetSpent: 0,
      endDate: "2026-06-30",
      createdBy: officer.id,
    });
    const history = await getInitiativeHistory(officer, row.id);
    expect(history.map((h) => h.action)).toEqual(["create", "update"]);
    expect(history[1].changes).toEqual({ progress: { from: 10, to: 75 } });
    expect(history[0].changes.buildingBlocks).toEqual({ from: null, to: ["SHARED_DATA", "SHARED_SERVICES"] });
  });

  test("export -> import round-trips: everything unchanged, even formula-like text and multi-line cells", async () => {
    const o = await makeOrganisation();
    const off = await makeActor("OFFICER", o.id);
    await createInitiative(
      off,
      body(o.id, { externalRef: "=A1", title: "+84 Tổng đài", description: '-dòng 1\r\ndòng 2, "trích"' }),
    );
    await createInitiative(
      off,
      body(o.id, {
        externalRef: "R-2",
        title: "@mention",
        description: "",
        principles: [],
        enablers: ["SKILLS_CULTURE", "LEADERSHIP_GOVERNANCE"],
        startDate: null,
        endDate: null,
        budgetPlanned: null,
        budgetSpent: null,
        status: "COMPLETED",
        progress: 100,
      }),
    );
    const text = await readAll(await exportInitiativesCsv(off, { organisationId: o.id }));
    const audits = await auditCount();
    expect(await importInitiativesCsv(off, text)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await auditCount()).toBe(audits);
  });

  test("an officer cannot import another organisation's rows; nothing is written", async () => {
    const ref = `X-${uid()}`;
    const before = await count(org.id);
    const e = await failure(
      importInitiativesCsv(officer, [HEADER, good(ref, 1), good(ref, 2, 10, other.code)].join("\n")),
    );
    expect(e.code).toBe("forbidden");
    expect(e.details).toEqual([{ path: "row 3.organisationCode", message: "not your organisation", code: "not_your_organisation", value: other.code }]);
    expect(await count(other.id)).toBe(0);
    expect(await count(org.id)).toBe(before);
    expect((await failure(importInitiativesCsv(leader, [HEADER, good(ref, 1)].join("\n")))).code).toBe("forbidden");
    expect(await importInitiativesCsv(admin, [HEADER, good(ref, 2, 10, other.code)].join("\n"))).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
    });
  });

  test("file-level problems: header, unknown organisation, a reference twice, an empty file", async () => {
    const ref = `F-${uid()}`;
    const paths = async (text: string) =>
      (await failure(importInitiativesCsv(officer, text))).details!.map((d) => `${d.path}: ${d.message}`);
    expect(await paths(HEADER.replace(",progress", "") + "\n")).toEqual(['row 1: missing column "progress"']);
    expect(await paths([HEADER, good(ref, 1, 10, "NO_SUCH_ORG")].join("\n"))).toEqual([
      'row 2.organisationCode: no organisation has the code "NO_SUCH_ORG"',
    ]);
    expect(await paths([HEADER, good(ref, 1), good(ref, 1)].join("\n"))).toEqual([
      "row 3.externalRef: the same organisation and externalRef are already on row 2",
    ]);
    expect(await paths(HEADER + "\r\n")).toEqual(["row 2: the file holds no initiatives"]);
  });

  test("rows without externalRef are always created", async () => {
    const row = csvRow([
      "",
      "",
      org.code,
      "Không có mã",
      "",
      "PLANNED",
      "ONE_PORTAL",
      "",
      "",
      1,
      1,
      "",
      "",
      "",
      "",
      0,
      "",
    ]);
    const file = [HEADER, row].join("\n");
    expect((await importInitiativesCsv(officer, file)).created).toBe(1);
    expect((await importInitiativesCsv(officer, file)).created).toBe(1);
  });

  test(`more than ${IMPORT_MAX_ROWS} rows is refused`, async () => {
    const line = csvRow([
      "",
      "",
      org.code,
      "Quá nhiều",
      "",
      "PLANNED",
      "ONE_PORTAL",
      "",
      "",
      1,
      1,
      "",
      "",
      "",
      "",
      0,
      "",
    ]);
    const e = await failure(importInitiativesCsv(officer, HEADER + "\n" + `${line}\n`.repeat(IMPORT_MAX_ROWS + 1)));
    expect(e.code).toBe("payload_too_large");
  });

  // a bulk file several export batches long; the 50,000-row timing is measured by `npm run bench`, not here
  test("a bulk import lands whole, re-imports as unchanged, and exports in batches", async () => {
    // three export batches (EXPORT_BATCH = 2,000): 2,000 + 2,000 + 500
    const ROWS = 4_500;
    const o = await makeOrganisation();
    const off = await makeActor("OFFICER", o.id);
    const lines = [HEADER];
    for (let n = 0; n < ROWS; n++) {
      lines.push(
        csvRow([
          "",
          `BULK-${n}`,
          o.code,
          `Sáng kiến số ${n}`,
          "Mô tả",
          "IN_PROGRESS",
          "SHARED_DATA|ONE_PORTAL",
          "USER_CENTRIC",
          "",
          1,
          2,
          "2025-01-01",
          "",
          1000 + n,
          "",
          n % 101,
          "",
        ]),
      );
    }
    const file = lines.join("\n");
    expect(await importInitiativesCsv(off, file)).toEqual({ created: ROWS, updated: 0, unchanged: 0 });
    expect(await prisma.initiativeBuildingBlock.count({ where: { initiative: { organisationId: o.id } } })).toBe(
      2 * ROWS,
    );
    expect(await prisma.auditEntry.count({ where: { organisationId: o.id, entityType: "Initiative" } })).toBe(
      ROWS,
    );

    const text = await readAll(await exportInitiativesCsv(off, { organisationId: o.id }));
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(ROWS + 1);

    const again = await importInitiativesCsv(off, text.replace("Sáng kiến số 7,", "Sáng kiến số bảy,"));
    expect(again).toEqual({ created: 0, updated: 1, unchanged: ROWS - 1 });
    // two imports of thousands of rows: about 20 s on a quiet machine, several times that on a loaded one
  }, 360_000);
});
