import { describe, expect, test } from "vitest";
import { formatLocaleNumber, parseLocaleNumber } from "./numbers";

const ok = (value: number) => ({ ok: true, value });
const err = (error: string) => ({ ok: false, error });

describe("numbers as Vietnamese officers type them", () => {
  test("decimal comma and thousands dots", () => {
    expect(parseLocaleNumber("34,5", "vi")).toEqual(ok(34.5));
    expect(parseLocaleNumber("1.000.000", "vi")).toEqual(ok(1000000));
    expect(parseLocaleNumber("3.500.000.000", "vi")).toEqual(ok(3500000000));
    expect(parseLocaleNumber("1.234,75", "vi")).toEqual(ok(1234.75));
    expect(parseLocaleNumber("1234,75", "vi")).toEqual(ok(1234.75));
    expect(parseLocaleNumber(" -12,5 ", "vi")).toEqual(ok(-12.5));
    expect(parseLocaleNumber("1\u00a0000", "vi")).toEqual(ok(1000));
    expect(parseLocaleNumber("0", "vi")).toEqual(ok(0));
  });

  test("the English separators in Vietnamese are an error, never a factor of ten", () => {
    expect(parseLocaleNumber("34.5", "vi")).toEqual(err("ambiguous_separator"));
    expect(parseLocaleNumber("1.00", "vi")).toEqual(err("ambiguous_separator"));
    expect(parseLocaleNumber("1,000,000", "vi")).toEqual(err("ambiguous_separator"));
    expect(parseLocaleNumber("1.0000", "vi")).toEqual(err("ambiguous_separator"));
    expect(parseLocaleNumber("12,5,3", "vi")).toEqual(err("ambiguous_separator"));
  });

  test("English is the mirror image", () => {
    expect(parseLocaleNumber("34.5", "en")).toEqual(ok(34.5));
    expect(parseLocaleNumber("1,000,000", "en")).toEqual(ok(1000000));
    expect(parseLocaleNumber("1,234.75", "en")).toEqual(ok(1234.75));
    expect(parseLocaleNumber("34,5", "en")).toEqual(err("ambiguous_separator"));
    expect(parseLocaleNumber("1.000.000", "en")).toEqual(err("ambiguous_separator"));
  });

  test("empty, letters and fractions where a whole number is needed", () => {
    expect(parseLocaleNumber("  ", "vi")).toEqual(err("empty"));
    expect(parseLocaleNumber("12a", "vi")).toEqual(err("not_a_number"));
    expect(parseLocaleNumber("1e5", "en")).toEqual(err("not_a_number"));
    expect(parseLocaleNumber("12,5", "vi", { integer: true })).toEqual(err("not_an_integer"));
    expect(parseLocaleNumber("12,0", "vi", { integer: true })).toEqual(ok(12));
    expect(parseLocaleNumber("1.200", "vi", { integer: true })).toEqual(ok(1200));
  });

  test("formatting reads back to the same number in both languages", () => {
    expect(formatLocaleNumber(34.5, "vi")).toBe("34,5");
    expect(formatLocaleNumber(1000000, "vi")).toBe("1.000.000");
    expect(formatLocaleNumber(1234.75, "en")).toBe("1,234.75");
    for (const v of [0, 4.2, 1097, 1234567.89, -15.25]) {
      for (const l of ["vi", "en"] as const) expect(parseLocaleNumber(formatLocaleNumber(v, l), l)).toEqual(ok(v));
    }
  });
});
