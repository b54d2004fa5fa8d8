import { describe, test, expect, beforeAll } from "vitest";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { prisma } from "./db";
import { archiveInitiative, createInitiative, getInitiative } from "./initiatives";
import { exportInitiativesCsv, exportInitiativesXlsx, importInitiatives, importInitiativesCsv } from "./initiatives-csv";
import { XLSX_TYPE } from "./spreadsheet";
import { failure, initiativeBody as body, makeActor, makeOrganisation, uid } from "@/test/factories";
import type { Actor } from "@/lib/auth/permissions";
import { INITIATIVE_CSV_COLUMNS } from "@/lib/domain/csv";

const HEADER = INITIATIVE_CSV_COLUMNS.join(",");

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

/** A workbook as Excel would hold it, made with ExcelJS: a header row and typed cells. */
async function workbook(header: string[], rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sáng kiến");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(header.indexOf("startDate") + 1).numFmt = "dd/mm/yyyy";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const xlsx = (bytes: Buffer) => ({ bytes, contentType: XLSX_TYPE });

let org: { id: string; code: string };
let officer: Actor;

beforeAll(async () => {
  org = await makeOrganisation();
  officer = await makeActor("OFFICER", org.id);
});

describe("rows match by id, else by (organisation, externalRef)", () => {
  test("re-importing one's own export answers all unchanged, rows without externalRef included (CSV and .xlsx)", async () => {
    const o = await makeOrganisation();
    const off = await makeActor("OFFICER", o.id);
    await createInitiative(off, body(o.id, { externalRef: null, title: '=HYPERLINK("http://evil")' }));
    await createInitiative(off, body(o.id, { externalRef: `R-${uid()}`, description: "Hai dòng\nmô tả", budgetPlanned: null, endDate: null }));
    await createInitiative(off, body(o.id, { externalRef: null, principles: [], status: "COMPLETED", progress: 100 }));

    const csv = await bytesOf(await exportInitiativesCsv(off, { organisationId: o.id }));
    expect(await importInitiatives(off, { bytes: csv, contentType: "text/csv" })).toEqual({ created: 0, updated: 0, unchanged: 3 });

    const book = await bytesOf(await exportInitiativesXlsx(off, { organisationId: o.id }));
    expect(await importInitiatives(off, xlsx(book), { dryRun: true })).toMatchObject({ valid: true, created: 0, updated: 0, unchanged: 3, format: "xlsx" });
    expect(await importInitiatives(off, xlsx(book))).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await prisma.initiative.count({ where: { organisationId: o.id } })).toBe(3);
  });

  test("an edited row matched by id updates that initiative, its externalRef included; an unknown id is a row error", async () => {
    const i = await createInitiative(officer, body(org.id, { externalRef: null }));
    const ref = `NEW-${uid()}`;
    const row = (id: string) => [id, ref, org.code, i.title, "", "ON_HOLD", "ONE_PORTAL", "", "", 2, 3, "", "", "", "", 55, ""].join(",");
    const preview = await importInitiativesCsv(officer, [HEADER, row(i.id)].join("\n"), { dryRun: true });
    expect(preview).toMatchObject({ valid: true, created: 0, updated: 1, unchanged: 0 });
    expect(preview.items).toEqual([
      {
        row: 2,
        action: "update",
        id: i.id,
        title: i.title,
        organisationCode: org.code,
        changes: {
          description: { from: "Xây dựng Chính phủ số", to: "" },
          buildingBlocks: { from: ["ONE_PORTAL", "SHARED_DATA"], to: ["ONE_PORTAL"] },
          principles: { from: ["DIGITAL_BY_DEFAULT"], to: [] },
          status: { from: "IN_PROGRESS", to: "ON_HOLD" },
          currentStage: { from: 1, to: 2 },
          startDate: { from: "2025-01-01", to: null },
          endDate: { from: "2026-12-31", to: null },
          budgetPlanned: { from: 1_000_000_000, to: null },
          budgetSpent: { from: 250_000_000, to: null },
          progress: { from: 40, to: 55 },
          externalRef: { from: null, to: ref },
        },
      },
    ]);
    expect(await importInitiativesCsv(officer, [HEADER, row(i.id)].join("\n"))).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const after = await getInitiative(officer, i.id);
    expect([after.externalRef, after.status, after.progress, after.version]).toEqual([ref, "ON_HOLD", 55, 2]);

    const unknown = "00000000-0000-4000-8000-000000000000";
    const e = await failure(importInitiativesCsv(officer, [HEADER, row(unknown)].join("\n")));
    expect(e.details).toEqual([{ path: "row 2.id", message: "no initiative has this id; leave id empty to create a new initiative", code: "unknown_initiative_id", value: unknown }]);
  });

  test("a row matched by id may not move the initiative to another organisation", async () => {
    const i = await createInitiative(officer, body(org.id));
    const other = await makeOrganisation();
    const e = await failure(importInitiativesCsv(officer, [HEADER, [i.id, "", other.code, i.title, "", "PLANNED", "ONE_PORTAL", "", "", 1, 1, "", "", "", "", 0, ""].join(",")].join("\n")));
    expect(e.details![0]).toMatchObject({ path: "row 2.organisationCode", value: other.code, code: "import_moves_initiative", params: { organisationCode: org.code } });
    expect(e.details![0].message).toMatch(`belongs to organisation "${org.code}"`);
  });

  test("columns left out of the file keep their values on update", async () => {
    const ref = `KEEP-${uid()}`;
    const i = await createInitiative(officer, body(org.id, { externalRef: ref }));
    const text = ["externalRef,organisationCode,title,status,buildingBlocks,currentStage,targetStage,progress", [ref, org.code, i.title, "IN_PROGRESS", "ONE_PORTAL|SHARED_DATA", 1, 3, 70].join(",")].join("\n");
    expect(await importInitiativesCsv(officer, text)).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const after = await getInitiative(officer, i.id);
    expect(after).toMatchObject({ progress: 70, description: "Xây dựng Chính phủ số", budgetPlanned: 1_000_000_000, principles: ["DIGITAL_BY_DEFAULT"], startDate: "2025-01-01" });
  });
});

describe("archived initiatives (issue 13.8)", () => {
  test("a row that would change an archived initiative is a row error naming the row and column; nothing is written", async () => {
    const ref = `ARC-${uid()}`;
    const i = await createInitiative(officer, body(org.id, { externalRef: ref }));
    await archiveInitiative(officer, i.id, "1");
    const line = (progress: number, id = "") => [id, ref, org.code, i.title, "Xây dựng Chính phủ số", "IN_PROGRESS", "ONE_PORTAL|SHARED_DATA", "DIGITAL_BY_DEFAULT", "", 1, 3, "2025-01-01", "2026-12-31", 1_000_000_000, 250_000_000, progress, ""].join(",");
    const fresh = `FRESH-${uid()}`;
    const file = [HEADER, line(90), ["", fresh, org.code, "Sáng kiến mới", "", "PLANNED", "ONE_PORTAL", "", "", 1, 1, "", "", "", "", 0, ""].join(",")].join("\n");

    const preview = await importInitiativesCsv(officer, file, { dryRun: true });
    expect(preview.valid).toBe(false);
    expect(preview.errors).toEqual([
      {
        path: "row 2.externalRef",
        message: `the initiative "${i.title}" is archived: restore it first to change it (an import never changes an archived initiative)`,
        code: "initiative_archived",
        params: { title: i.title },
        value: ref,
      },
    ]);
    const e = await failure(importInitiativesCsv(officer, file));
    expect(e.code).toBe("validation_failed");
    expect(e.details!.map((d) => d.path)).toEqual(["row 2.externalRef"]);
    expect(await prisma.initiative.count({ where: { organisationId: org.id, externalRef: fresh } })).toBe(0);
    expect((await getInitiative(officer, i.id)).progress).toBe(40);

    // matched by id, the error names the id column
    const byId = await failure(importInitiativesCsv(officer, [HEADER, line(90, i.id)].join("\n")));
    expect(byId.details!.map((d) => d.path)).toEqual(["row 2.id"]);
    // an identical row changes nothing, so it is no edit: unchanged
    expect(await importInitiativesCsv(officer, [HEADER, line(40)].join("\n"))).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });
});

describe("files as Excel writes them", () => {
  test("an .xlsx made by ExcelJS: Vietnamese headers, date cells, number cells, names instead of codes", async () => {
    const ref = `XL-${uid()}`;
    const bytes = await workbook(
      ["Mã tham chiếu", "Mã cơ quan", "Tên sáng kiến", "Trạng thái", "Khối xây dựng", "Giai đoạn hiện tại", "Giai đoạn mục tiêu", "Tiến độ (%)", "startDate", "Kinh phí kế hoạch (đồng)"],
      [
        [ref, org.code, "Hệ thống một cửa điện tử", "Đang triển khai", "Một cổng duy nhất|Dữ liệu dùng chung", 2, 4, 35, new Date(Date.UTC(2026, 0, 15)), 3_500_000_000],
        [`${ref}-2`, org.code, { richText: [{ text: "Kho " }, { text: "dữ liệu", font: { bold: true } }] }, "PLANNED", "SHARED_DATA", 1, 2, { formula: "10*2", result: 20 }, "15/02/2026", "1.000.000"],
      ],
    );
    expect((await importInitiatives(officer, xlsx(bytes), { dryRun: true })).errors).toEqual([]);
    expect(await importInitiatives(officer, xlsx(bytes))).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const [a, b] = await Promise.all(
      [ref, `${ref}-2`].map((r) => prisma.initiative.findFirstOrThrow({ where: { organisationId: org.id, externalRef: r }, include: { buildingBlocks: true } })),
    );
    expect([a.title, a.status, a.currentStage, a.targetStage, a.progress, a.startDate?.toISOString().slice(0, 10), Number(a.budgetPlanned)]).toEqual([
      "Hệ thống một cửa điện tử",
      "IN_PROGRESS",
      2,
      4,
      35,
      "2026-01-15",
      3_500_000_000,
    ]);
    expect(a.buildingBlocks.map((x) => x.blockCode).sort()).toEqual(["ONE_PORTAL", "SHARED_DATA"]);
    expect([b.title, b.progress, b.startDate?.toISOString().slice(0, 10), Number(b.budgetPlanned)]).toEqual(["Kho dữ liệu", 20, "2026-02-15", 1_000_000]);
    expect(await importInitiatives(officer, xlsx(bytes))).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  test("the .xlsx export: the key header, real dates and numbers, formulas neutralised, a sheet of codes", async () => {
    const o = await makeOrganisation();
    const off = await makeActor("OFFICER", o.id);
    await createInitiative(off, body(o.id, { title: "=1+2 cộng", externalRef: "E1" }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await new Response(await exportInitiativesXlsx(off, { organisationId: o.id })).arrayBuffer());
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...INITIATIVE_CSV_COLUMNS]);
    const row = sheet.getRow(2);
    const cell = (c: string) => row.getCell(INITIATIVE_CSV_COLUMNS.indexOf(c as never) + 1).value;
    expect(cell("title")).toBe("'=1+2 cộng");
    expect(cell("startDate")).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect(cell("budgetPlanned")).toBe(1_000_000_000);
    expect(cell("progress")).toBe(40);
    expect(cell("buildingBlocks")).toBe("ONE_PORTAL|SHARED_DATA");
    const codes = book.worksheets[1];
    const all = codes.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 4));
    expect(all).toContainEqual(["status", "IN_PROGRESS", "Đang triển khai"]);
    expect(all).toContainEqual(["buildingBlocks", "ONE_PORTAL", "Một cổng duy nhất"]);
  });

  test("a semicolon CSV with Vietnamese settings: 3.500.000.000 and 15/01/2026 accepted", async () => {
    const ref = `SC-${uid()}`;
    const text = ["\uFEFFexternalRef;organisationCode;title;status;buildingBlocks;currentStage;targetStage;progress;startDate;budgetPlanned", `${ref};${org.code};Số hóa hồ sơ;Kế hoạch;Dữ liệu dùng chung;1;2;0;15/01/2026;3.500.000.000`].join("\r\n");
    expect((await importInitiativesCsv(officer, text, { dryRun: true })).errors).toEqual([]);
    expect(await importInitiativesCsv(officer, text)).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const i = await prisma.initiative.findFirstOrThrow({ where: { organisationId: org.id, externalRef: ref } });
    expect([i.status, i.startDate?.toISOString().slice(0, 10), Number(i.budgetPlanned)]).toEqual(["PLANNED", "2026-01-15", 3_500_000_000]);
  });

  test("Windows-1258 is refused with how to save as CSV UTF-8, and read only when asked for", async () => {
    const ref = `W-${uid()}`;
    // "Số hóa" in Windows-1258: the tone marks as combining characters
    const text = `externalRef,organisationCode,title,status,buildingBlocks,currentStage,targetStage,progress\r\n${ref},${org.code},Sô\u0301 ho\u0301a hô\u0300 sơ,PLANNED,ONE_PORTAL,1,1,0\r\n`;
    const bytes = iconv.encode(text, "windows1258");
    const e = await failure(importInitiatives(officer, { bytes, contentType: "text/csv" }, { dryRun: true }));
    expect(e.code).toBe("validation_failed");
    expect(e.details![0]).toMatchObject({ path: "(file)", code: "file_not_utf8" });
    expect(e.details![0].message).toMatch(/not valid UTF-8.*Windows-1258.*CSV UTF-8/);
    expect(e.extra?.messageVi).toMatch(/CSV UTF-8/);
    expect(await prisma.initiative.count({ where: { externalRef: ref } })).toBe(0);

    expect(await importInitiatives(officer, { bytes, contentType: "text/csv", encoding: "windows-1258" })).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await prisma.initiative.findFirstOrThrow({ where: { externalRef: ref } })).title).toBe("Số hóa hồ sơ");
  });

  test("errors name the row, the column, the value and the values allowed", async () => {
    const text = ["organisationCode;title;status;buildingBlocks;currentStage;targetStage;progress", `${org.code};Một;Đang làm;Khối lạ;1;2;1,5`].join("\n");
    const preview = await importInitiativesCsv(officer, text, { dryRun: true });
    expect([...preview.errors].sort((a, b) => (a.path < b.path ? -1 : 1))).toEqual([
      { path: "row 2.progress", message: "a whole number", code: "invalid_type", params: { expected: "int" }, value: "1,5" },
      {
        path: "row 2.status",
        message: "use one of PLANNED, IN_PROGRESS, COMPLETED, ON_HOLD, CANCELLED",
        code: "invalid_value",
        params: { values: ["PLANNED", "IN_PROGRESS", "COMPLETED", "ON_HOLD", "CANCELLED"] },
        value: "Đang làm",
        allowed: ["PLANNED", "IN_PROGRESS", "COMPLETED", "ON_HOLD", "CANCELLED"],
      },
      {
        path: "row 2.buildingBlocks.0",
        message: "unknown building block; use one of ONE_PORTAL, SHARED_DATA, SHARED_SERVICES, SHARED_INFRASTRUCTURE, SENSORS_ANALYTICS, CYBERSECURITY_PRIVACY",
        code: "invalid_value",
        params: { values: ["ONE_PORTAL", "SHARED_DATA", "SHARED_SERVICES", "SHARED_INFRASTRUCTURE", "SENSORS_ANALYTICS", "CYBERSECURITY_PRIVACY"] },
        value: "Khối lạ",
        allowed: ["ONE_PORTAL", "SHARED_DATA", "SHARED_SERVICES", "SHARED_INFRASTRUCTURE", "SENSORS_ANALYTICS", "CYBERSECURITY_PRIVACY"],
      },
    ].sort((a, b) => (a.path < b.path ? -1 : 1)));
  });

  test("header, cell and duplicate-row problems carry a code with the parameters their text needs", async () => {
    const header = await importInitiativesCsv(officer, ["organisationCode,title,status,buildingBlocks,currentStage,targetStage,colour,title", `${org.code},Một,PLANNED,ONE_PORTAL,1,2,red,x`].join("\n"), { dryRun: true });
    expect(header.errors.map(({ code, params }) => ({ code, params }))).toEqual([
      { code: "unknown_column", params: { column: "colour", columns: [...INITIATIVE_CSV_COLUMNS] } },
      { code: "duplicate_column", params: { column: "title" } },
      { code: "missing_column", params: { column: "progress" } },
    ]);

    const ref = `DUP-${uid()}`;
    const line = (progress: string, start = "", code = org.code) => ["", ref, code, "Sáng kiến trùng", "", "PLANNED", "ONE_PORTAL", "", "", 1, 1, start, "", "", "", progress, ""].join(",");
    const cells = await importInitiativesCsv(officer, [HEADER, line("abc"), line("5", "31/02/2026"), line("1", "", "NO-SUCH-ORG"), line("0")].join("\n"), { dryRun: true });
    const at = (path: string) => cells.errors.filter((d) => d.path === path).map(({ code, params, value }) => ({ code, params, value }));
    expect(at("row 2.progress")).toEqual([{ code: "not_a_number", params: { decimalComma: false }, value: "abc" }]);
    expect(at("row 3.startDate")).toEqual([{ code: "not_a_date", params: undefined, value: "31/02/2026" }]);
    expect(at("row 4.organisationCode")).toEqual([{ code: "unknown_organisation_code", params: { code: "NO-SUCH-ORG" }, value: "NO-SUCH-ORG" }]);
    expect(at("row 5.externalRef")).toEqual([{ code: "already_on_row", params: { row: 2 }, value: undefined }]);
  });

  test("something that is not a workbook is refused as such", async () => {
    const e = await failure(importInitiatives(officer, { bytes: Buffer.from("PK\u0003\u0004 not really a zip"), contentType: XLSX_TYPE }));
    expect(e.details![0]).toMatchObject({ path: "(file)", code: "file_not_xlsx" });
    expect(e.details![0].message).toMatch(/not an \.xlsx workbook/);
  });
});

describe("organisations not in force (spec/restructuring.md)", () => {
  test("a new initiative for a dissolved body, or one not yet in force, is a row error; its unchanged rows stay unchanged", async () => {
    const gone = await makeOrganisation("PROVINCE");
    const later = await makeOrganisation("PROVINCE");
    const admin = await makeActor("ADMIN");
    // a finished initiative stays with the body it belonged to when that body is dissolved
    const kept = await createInitiative(admin, body(gone.id, { externalRef: `K-${uid()}`, status: "COMPLETED", progress: 100 }));
    await prisma.organisation.update({ where: { id: gone.id }, data: { validTo: new Date("2020-07-01T00:00:00Z") } });
    await prisma.organisation.update({ where: { id: later.id }, data: { validFrom: new Date("2099-01-01T00:00:00Z") } });
    const line = (code: string, ref: string) => ["", ref, code, `Sáng kiến ${ref}`, "", "PLANNED", "ONE_PORTAL", "", "", 1, 1, "", "", "", "", 0, ""].join(",");
    const exported = (await bytesOf(await exportInitiativesCsv(admin, { organisationId: gone.id }))).toString("utf8").replace(/^\uFEFF/, "").trimEnd().split(/\r?\n/);
    const fresh = `N-${uid()}`;
    const file = [HEADER, line(gone.code, fresh), line(later.code, `${fresh}-2`), line(org.code, `${fresh}-3`), exported[1]].join("\n");

    const preview = await importInitiativesCsv(admin, file, { dryRun: true });
    expect(preview).toMatchObject({ valid: false, created: 1, unchanged: 1 });
    expect(preview.errors).toEqual([
      { path: "row 2.organisationCode", message: "the organisation is not in force today", code: "organisation_not_in_force", value: gone.code },
      { path: "row 3.organisationCode", message: "the organisation is not in force today", code: "organisation_not_in_force", value: later.code },
    ]);
    const e = await failure(importInitiativesCsv(admin, file));
    expect(e.code).toBe("validation_failed");
    expect(e.details!.map((d) => d.path)).toEqual(["row 2.organisationCode", "row 3.organisationCode"]);
    expect(await prisma.initiative.count({ where: { externalRef: { startsWith: fresh } } })).toBe(0);
    // the single create answers the same
    const single = await failure(createInitiative(admin, body(gone.id)));
    expect(single.details).toEqual([{ path: "organisationId", message: "the organisation is not in force today", code: "organisation_not_in_force" }]);
    // the dissolved body's own export re-imports as unchanged
    expect(await importInitiativesCsv(admin, [HEADER, exported[1]].join("\n"))).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await getInitiative(admin, kept.id)).version).toBe(1);
  });
});
