import { describe, test, expect } from "vitest";
import Papa from "papaparse";
import {
  CSV_BOM,
  INITIATIVE_CSV_COLUMNS,
  csvHeader,
  csvLines,
  neutraliseCell,
  restoreCell,
  toCsv,
  type InitiativeCsvRecord,
} from "./csv";

const HEADER =
  "id,externalRef,organisationCode,title,description,status,buildingBlocks,principles,enablers,currentStage,targetStage,startDate,endDate,budgetPlanned,budgetSpent,progress,updatedAt";

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
    updatedAt: "2025-06-01T10:00:00.000Z",
    ...over,
  };
}

describe("the column list", () => {
  test("is exactly the header of spec/api.md", () => {
    expect(INITIATIVE_CSV_COLUMNS.join(",")).toBe(HEADER);
    expect(csvHeader()).toBe(HEADER + "\r\n");
  });
});

describe("formula neutralising", () => {
  test.each(["=1+1", "+1", "-5", "@SUM(A1)", "\tx", "\rx"])("prefixes %j with a quote", (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  test.each(["plain", "", "1-2", "a=b", "'quoted"])("leaves %j alone", (v) => {
    expect(neutraliseCell(v)).toBe(v);
  });
  test.each(["=1+1", "+1", "-5", "@SUM(A1)"])("import reads %j back exactly", (v) => {
    expect(restoreCell(neutraliseCell(v))).toBe(v);
  });
  test("a quote before anything else is kept on import", () => {
    expect(restoreCell("'hello")).toBe("'hello");
    expect(restoreCell("'\tx")).toBe("'\tx");
    expect(restoreCell("''=x")).toBe("''=x");
  });
});

describe("export", () => {
  test("a file starts with a BOM and the header, one CRLF line per record, lists joined with |", () => {
    const csv = toCsv([record()]);
    expect(csv.startsWith(CSV_BOM + HEADER + "\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.data).toHaveLength(2);
    const row = parsed.data[1];
    expect(row[INITIATIVE_CSV_COLUMNS.indexOf("buildingBlocks")]).toBe("SHARED_DATA|SHARED_SERVICES");
    expect(row[INITIATIVE_CSV_COLUMNS.indexOf("description")]).toBe(record().description);
    expect(row[INITIATIVE_CSV_COLUMNS.indexOf("endDate")]).toBe("");
    expect(row[INITIATIVE_CSV_COLUMNS.indexOf("budgetPlanned")]).toBe("5000000000");
  });

  test("formula cells are neutralised and quoted where needed", () => {
    const line = csvLines([record({ title: '=HYPERLINK("http://evil")' })]);
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(/(^|,)"?=HYPERLINK/.test(line)).toBe(false);
  });

  test("no records, no lines", () => {
    expect(csvLines([])).toBe("");
  });
});
