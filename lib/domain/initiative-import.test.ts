import { describe, expect, test } from "vitest";
import iconv from "iconv-lite";
import { CSV_BOM, INITIATIVE_CSV_COLUMNS, toCsv, type InitiativeCsvRecord } from "./csv";
import { detectDelimiter, headerKey, parseCsvTable } from "./import-table";
import { codeLookup, importCells, mapHeader, type CodeNames } from "./initiative-import";
import { decodeText } from "./text-encoding";
import { initiativeImportRow } from "@/lib/validation/initiatives";

const HEADER = INITIATIVE_CSV_COLUMNS.join(",");

function record(over: Partial<InitiativeCsvRecord> = {}): InitiativeCsvRecord {
  return {
    id: "0b7c8f1e-1111-4222-8333-944455556666",
    externalRef: "EXT-1",
    organisationCode: "BO_TTTT",
    title: "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia",
    description: 'Mô tả, có dấu phẩy và "ngoặc kép"\nvà xuống dòng',
    status: "IN_PROGRESS",
    buildingBlocks: ["SHARED_DATA", "SHARED_SERVICES"],
    principles: [],
    enablers: ["SKILLS_CULTURE"],
    currentStage: 1,
    targetStage: 3,
    startDate: "2025-01-01",
    endDate: null,
    budgetPlanned: 5_000_000_000,
    budgetSpent: 0,
    progress: 10,
    updatedAt: "2026-01-02T03:04:05.000Z",
    ...over,
  };
}

// the names as the reference data and the UI have them (a fixed copy: the test must not read the code under test)
const NAMES: CodeNames = {
  status: codeLookup([
    { code: "PLANNED", names: ["Kế hoạch", "Planned"] },
    { code: "IN_PROGRESS", names: ["Đang triển khai", "In progress"] },
    { code: "COMPLETED", names: ["Hoàn thành", "Completed"] },
  ]),
  buildingBlocks: codeLookup([
    { code: "ONE_PORTAL", names: ["Một cổng duy nhất", "One-stop portal"] },
    { code: "SHARED_DATA", names: ["Dữ liệu dùng chung", "Shared data"] },
    { code: "SHARED_SERVICES", names: ["Dịch vụ dùng chung", "Shared services"] },
  ]),
  principles: codeLookup([{ code: "DIGITAL_BY_DEFAULT", names: ["Số hóa mặc định", "Digital by default"] }]),
  enablers: codeLookup([{ code: "SKILLS_CULTURE", names: ["Kỹ năng và văn hóa", "Skills and culture"] }]),
};

/** Reads a CSV text the way the import does: table, header, each row's fields. */
function read(text: string, locale: "vi" | "en" | "auto" = "auto") {
  const table = parseCsvTable(text);
  const header = mapHeader(table.header);
  return { table, header, rows: table.rows.map((r) => ({ row: r.row, ...importCells(r.cells, header, NAMES, locale) })) };
}

describe("reading a CSV table", () => {
  test("export → read gives back the same fields, formula cells restored", () => {
    const rec = record({ title: "=cmd|' /C calc'!A0", description: "-leading minus", externalRef: "@ref" });
    const { table, header, rows } = read(toCsv([rec]));
    expect(table.issues).toEqual([]);
    expect(header.issues).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0].row).toBe(2);
    expect(rows[0].id).toBe(rec.id);
    expect(rows[0].organisationCode).toBe("BO_TTTT");
    expect(rows[0].issues).toEqual([]);
    expect(rows[0].fields).toEqual({
      externalRef: "@ref",
      title: rec.title,
      description: rec.description,
      status: "IN_PROGRESS",
      buildingBlocks: ["SHARED_DATA", "SHARED_SERVICES"],
      principles: [],
      enablers: ["SKILLS_CULTURE"],
      currentStage: 1,
      targetStage: 3,
      startDate: "2025-01-01",
      endDate: null,
      budgetPlanned: 5_000_000_000,
      budgetSpent: 0,
      progress: 10,
    });
    expect(initiativeImportRow.safeParse(rows[0].fields).success).toBe(true);
  });

  test("separators: , ; and tab, detected from the header line (not from quoted text)", () => {
    expect(detectDelimiter("a,b,c\n1;2;3;4;5")).toBe(",");
    expect(detectDelimiter("a;b;c\r\n1,5;2;3")).toBe(";");
    expect(detectDelimiter('"x,y,z";b\n')).toBe(";");
    expect(detectDelimiter("a\tb\tc\n")).toBe("\t");
  });

  test("a file Excel saved with Vietnamese settings: semicolons, CRLF, no BOM, Vietnamese headers and names, 1.000.000 and dd/mm/yyyy", () => {
    const text = [
      "Mã cơ quan;Tên sáng kiến;Trạng thái;Khối xây dựng;Giai đoạn hiện tại;Giai đoạn mục tiêu;Tiến độ (%);Ngày bắt đầu;Kinh phí kế hoạch (đồng)",
      'BO_TTTT;"Cổng dữ liệu; mở";Đang triển khai;Dữ liệu dùng chung|Một cổng duy nhất;1;3;45;15/01/2026;3.500.000.000',
      "BO_TTTT;Số hóa hồ sơ;hoàn thành;shared_data;2;2;100;2026-02-01;1.000",
    ].join("\r\n");
    const { table, header, rows } = read(text, "vi");
    expect(table.delimiter).toBe(";");
    expect(header.issues).toEqual([]);
    expect(rows.map((r) => r.issues)).toEqual([[], []]);
    expect(rows[0].fields).toEqual({
      title: "Cổng dữ liệu; mở",
      status: "IN_PROGRESS",
      buildingBlocks: ["SHARED_DATA", "ONE_PORTAL"],
      currentStage: 1,
      targetStage: 3,
      progress: 45,
      startDate: "2026-01-15",
      budgetPlanned: 3_500_000_000,
    });
    expect(rows[1].fields).toMatchObject({ status: "COMPLETED", buildingBlocks: ["SHARED_DATA"], startDate: "2026-02-01", budgetPlanned: 1000 });
  });

  test("a BOM or none, CRLF or LF: the same rows", () => {
    const body = [HEADER, ["", "R1", "BO_TTTT", "Tên một", "", "PLANNED", "ONE_PORTAL", "", "", "1", "2", "", "", "", "", "0", ""].join(",")];
    const variants = [CSV_BOM + body.join("\r\n"), body.join("\n") + "\n", body.join("\r\n") + "\r\n"];
    const results = variants.map((v) => read(v).rows.map((r) => r.fields));
    expect(results[0]).toEqual(results[1]);
    expect(results[1]).toEqual(results[2]);
    expect(results[0][0]).toMatchObject({ title: "Tên một", externalRef: "R1", progress: 0 });
  });

  test("columns in any order; only the required ones; row numbers count the header and blank lines", () => {
    const text = ["progress,buildingBlocks,targetStage,currentStage,status,title,organisationCode", "5,ONE_PORTAL,2,1,PLANNED,Một,BO_A", "", "6,ONE_PORTAL,2,1,PLANNED,Hai,BO_A"].join("\n");
    const { header, rows } = read(text);
    expect(header.issues).toEqual([]);
    expect(rows.map((r) => [r.row, r.fields.progress, r.fields.title])).toEqual([
      [2, 5, "Một"],
      [4, 6, "Hai"],
    ]);
    // columns left out are left out of the fields (an update keeps their values)
    expect(Object.keys(rows[0].fields).sort()).toEqual(["buildingBlocks", "currentStage", "progress", "status", "targetStage", "title"]);
  });

  test("a wrong header is named, column by column; a missing required column too", () => {
    const { header } = read(HEADER.replace("progress", "percent") + ",extra\n");
    expect(header.issues.map((i) => i.message)).toEqual([
      `unknown column "percent"; use the column keys: ${INITIATIVE_CSV_COLUMNS.join(", ")}`,
      `unknown column "extra"; use the column keys: ${INITIATIVE_CSV_COLUMNS.join(", ")}`,
      'missing column "progress"',
    ]);
    expect(header.issues.every((i) => i.path === "row 1")).toBe(true);
  });

  test("a column named twice (key and label) is refused", () => {
    expect(mapHeader(["title", "Tên sáng kiến"]).issues[0]).toEqual({ path: "row 1", message: 'column "title" appears twice', code: "duplicate_column", params: { column: "title" } });
  });

  test("an empty file is refused", () => {
    expect(parseCsvTable("").issues).toHaveLength(1);
    expect(parseCsvTable(CSV_BOM + "\r\n").issues).toHaveLength(1);
  });

  test("a row with more cells than the header is named; trailing empty cells are tolerated", () => {
    const { issues, rows } = parseCsvTable(`a,b,c\n1,2,3,4\n1,2,3,,\n`);
    expect(issues).toEqual([{ path: "row 2", message: "expected 3 cells, found 4", code: "row_too_many_cells", params: { expected: 3, found: 4 } }]);
    expect(rows.map((r) => r.cells)).toEqual([["1", "2", "3"]]);
  });

  test("bad numbers and dates are cell issues naming the value and what to write", () => {
    const text = ["organisationCode;title;status;buildingBlocks;currentStage;targetStage;progress;startDate;budgetPlanned", "BO_A;Một;PLANNED;ONE_PORTAL;1;2;1.5;31/02/2026;1.000.00"].join("\n");
    const { rows } = read(text, "vi");
    expect(rows[0].issues).toEqual([
      { column: "progress", message: "not a number: write a number such as 1.000.000 (the file uses ; so , is the decimal mark)", code: "not_a_number", params: { decimalComma: true }, value: "1.5" },
      { column: "startDate", message: "not a date: write dd/mm/yyyy (15/01/2026) or yyyy-mm-dd (2026-01-15)", code: "not_a_date", value: "31/02/2026" },
      { column: "budgetPlanned", message: "not a number: write a number such as 1.000.000 (the file uses ; so , is the decimal mark)", code: "not_a_number", params: { decimalComma: true }, value: "1.000.00" },
    ]);
  });

  test("in a comma file, 1.500 is ambiguous and refused; 1.000.000 has one reading", () => {
    const text = ["organisationCode,title,status,buildingBlocks,currentStage,targetStage,progress,budgetPlanned,budgetSpent", 'BO_A,Một,PLANNED,ONE_PORTAL,1,2,5,1.000.000,"1.500"'].join("\n");
    const { rows } = read(text, "auto");
    expect(rows[0].fields.budgetPlanned).toBe(1_000_000);
    expect(rows[0].issues).toEqual([
      { column: "budgetSpent", message: '"1.500" is ambiguous: write 1500 for a whole number', code: "ambiguous_number", params: { value: "1.500", suggestion: "1500" }, value: "1.500" },
    ]);
  });

  test("unknown names stay as written, so validation names them", () => {
    const { rows } = read(["organisationCode,title,status,buildingBlocks,currentStage,targetStage,progress", "BO_A,Một,Đang làm,Khối lạ|ONE_PORTAL,1,2,5"].join("\n"));
    expect(rows[0].fields.status).toBe("Đang làm");
    expect(rows[0].fields.buildingBlocks).toEqual(["Khối lạ", "ONE_PORTAL"]);
  });

  test("header keys ignore case, accents, spaces and units", () => {
    expect(headerKey("Tiến độ (%)")).toBe("tiendo");
    expect(headerKey("TIẾN ĐỘ")).toBe("tiendo");
    expect(headerKey("organisationCode")).toBe("organisationcode");
    expect(headerKey(" Mã  cơ quan ")).toBe("macoquan");
  });
});

describe("text encodings", () => {
  // Windows-1258 writes the tone mark as a combining character after the (possibly precomposed) vowel
  const windows1258 = (s: string) =>
    iconv.encode(
      [...s.normalize("NFC")]
        .map((ch) => {
          const d = ch.normalize("NFD");
          const tones = [...d].filter((c) => "\u0300\u0301\u0303\u0309\u0323".includes(c)).join("");
          return [...d].filter((c) => !tones.includes(c)).join("").normalize("NFC") + tones;
        })
        .join(""),
      "windows1258",
    );

  test("UTF-8 with and without a BOM is read", () => {
    expect(decodeText(Buffer.from("Chính phủ số", "utf8"))).toEqual({ ok: true, text: "Chính phủ số" });
    expect(decodeText(Buffer.from(CSV_BOM + "Chính phủ số", "utf8"))).toEqual({ ok: true, text: CSV_BOM + "Chính phủ số" });
  });

  test("a Windows-1258 file is refused, never read with replacement characters", () => {
    const bytes = windows1258("Nền tảng tích hợp dữ liệu");
    expect(decodeText(bytes)).toEqual({ ok: false, reason: "not_utf8" });
  });

  test("a Latin-1 file is refused too", () => {
    expect(decodeText(iconv.encode("Café à la carte", "latin1"))).toEqual({ ok: false, reason: "not_utf8" });
  });

  test("Windows-1258 is read when the user says so, composed like any other text", () => {
    const bytes = windows1258("Nền tảng tích hợp dữ liệu; Đà Nẵng");
    const r = decodeText(bytes, "windows-1258");
    expect(r).toEqual({ ok: true, text: "Nền tảng tích hợp dữ liệu; Đà Nẵng" });
  });

  test("UTF-16 with its BOM (Excel's Unicode Text) is read", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Mã cơ quan\tTên", "utf16le")]);
    expect(decodeText(bytes)).toEqual({ ok: true, text: "Mã cơ quan\tTên" });
  });
});
