import { describe, expect, test } from "vitest";
import { formatDate, formatDateTime, formatNumber, formatVnd } from "./format";

describe("formats the reader's way", () => {
  test("Vietnamese dates are dd/mm/yyyy, English ones day month year", () => {
    expect(formatDate("vi", "2021-04-04")).toBe("04/04/2021");
    expect(formatDate("vi", "2025-07-01")).toBe("01/07/2025");
    expect(formatDate("en", "2025-07-01")).toBe("1 Jul 2025");
    expect(formatDate("vi", null)).toBe("—");
  });
  test("a moment is shown in Vietnam's time zone", () => {
    // 23:30 UTC on 30 June is 06:30 on 1 July in Hà Nội
    expect(formatDateTime("vi", "2025-06-30T23:30:00Z")).toBe("06:30 01/07/2025");
    expect(formatDateTime("en", "2025-06-30T23:30:00Z")).toBe("1 Jul 2025, 06:30");
  });
  test("numbers and money", () => {
    expect(formatNumber("vi", 1234567.5, 1)).toBe("1.234.567,5");
    expect(formatNumber("en", 1234567.5, 1)).toBe("1,234,567.5");
    expect(formatVnd("vi", 3500000000)).toBe("3.500.000.000\u00a0₫");
  });
});
