import { describe, expect, test } from "vitest";
import { dayOfDate, parseLocaleDate, readNumber } from "./numbers";

const ok = (value: number) => ({ ok: true, value });
const bad = (reason: "format" | "ambiguous") => ({ ok: false, reason });

describe("readNumber, Vietnamese", () => {
  test.each([
    ["0", 0],
    ["1000000", 1000000],
    ["1.000.000", 1000000],
    ["3.500.000.000", 3500000000],
    ["1,5", 1.5],
    ["12,25", 12.25],
    ["1.234,5", 1234.5],
    ["-1.000", -1000],
    ["+7", 7],
    ["  42 ", 42],
    ["999", 999],
    ["1,000", 1], // a decimal comma: one, not a thousand
  ])("%s reads %d", (text, value) => expect(readNumber(text, "vi")).toEqual(ok(value)));

  test.each(["1.50", "1.5", "1.0000", "1000.000", "1,5,0", "1.000,5.0", ",5", "1,", "1.", "", "abc", "1.000.00", "1e3", "0x10", "12.34.567"])(
    "%j is refused",
    (text) => expect(readNumber(text, "vi")).toEqual(bad("format")),
  );
});

describe("readNumber, English (the mirror image)", () => {
  test.each([
    ["1,000,000", 1000000],
    ["3,500,000,000", 3500000000],
    ["1.5", 1.5],
    ["1,234.5", 1234.5],
    ["-1,000", -1000],
    ["1000000", 1000000],
  ])("%s reads %d", (text, value) => expect(readNumber(text, "en")).toEqual(ok(value)));

  test.each(["1,50", "1,5", "1.000.000", "1.234,5", ".5", "1,000.5.0"])("%j is refused", (text) =>
    expect(readNumber(text, "en")).toEqual(bad("format")),
  );
});

describe("readNumber, auto: one reading or none", () => {
  test.each([
    ["1.000.000", 1000000], // only Vietnamese reads it
    ["1,000,000", 1000000], // only English
    ["1,5", 1.5], // only Vietnamese
    ["1.5", 1.5], // only English
    ["1500", 1500],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
  ])("%s reads %d", (text, value) => expect(readNumber(text, "auto")).toEqual(ok(value)));

  test("1.500 and 1,500 read differently in the two languages: ambiguous", () => {
    expect(readNumber("1.500", "auto")).toEqual(bad("ambiguous"));
    expect(readNumber("1,500", "auto")).toEqual(bad("ambiguous"));
    expect(readNumber("2.000", "vi")).toEqual(ok(2000));
    expect(readNumber("2.000", "en")).toEqual(ok(2));
  });

  test("neither reads it", () => {
    expect(readNumber("1.50,0", "auto")).toEqual(bad("format"));
    expect(readNumber("mười", "auto")).toEqual(bad("format"));
  });
});

describe("parseLocaleDate", () => {
  test.each([
    ["2026-01-15", "2026-01-15"],
    ["15/01/2026", "2026-01-15"],
    ["5/1/2026", "2026-01-05"],
    [" 29/02/2024 ", "2024-02-29"],
    ["31/12/2100", "2100-12-31"],
    ["01/01/1900", "1900-01-01"],
  ])("%s is %s", (text, iso) => expect(parseLocaleDate(text)).toEqual({ ok: true, value: iso }));

  test("not a calendar day", () => {
    expect(parseLocaleDate("29/02/2025")).toEqual({ ok: false, reason: "not_a_day" });
    expect(parseLocaleDate("2026-13-01")).toEqual({ ok: false, reason: "not_a_day" });
    expect(parseLocaleDate("32/01/2026")).toEqual({ ok: false, reason: "not_a_day" });
  });

  test("years outside 1900..2100", () => {
    expect(parseLocaleDate("01/01/1899")).toEqual({ ok: false, reason: "year_range" });
    expect(parseLocaleDate("0000-01-01")).toEqual({ ok: false, reason: "year_range" });
    expect(parseLocaleDate("2101-01-01")).toEqual({ ok: false, reason: "year_range" });
  });

  test.each(["15-01-2026", "2026/01/15", "15.01.2026", "15/01/26", "15 tháng 1 2026", ""])("%j is not a date format", (text) =>
    expect(parseLocaleDate(text)).toEqual({ ok: false, reason: "format" }),
  );

  test("a spreadsheet date cell", () => {
    expect(dayOfDate(new Date(Date.UTC(2026, 0, 15)))).toEqual({ ok: true, value: "2026-01-15" });
    expect(dayOfDate(new Date(Number.NaN))).toEqual({ ok: false, reason: "not_a_day" });
  });
});
