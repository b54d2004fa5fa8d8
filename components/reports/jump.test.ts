import { describe, expect, test } from "vitest";
import { isLargeJump } from "./jump";

describe("large jump", () => {
  test("no previous figure, no flag", () => {
    expect(isLargeJump("COUNT", 100, null)).toBe(false);
  });
  test("more than 50 % relative", () => {
    expect(isLargeJump("COUNT", 15, 10)).toBe(false);
    expect(isLargeJump("COUNT", 16, 10)).toBe(true);
    expect(isLargeJump("COUNT", 4, 10)).toBe(true);
    expect(isLargeJump("PERCENT", -3, -2)).toBe(false);
  });
  test("more than 20 percentage points for percentage metrics only", () => {
    expect(isLargeJump("RATIO", 75, 54)).toBe(true);
    expect(isLargeJump("RATIO", 74, 54)).toBe(false);
    expect(isLargeJump("COUNT", 75, 54)).toBe(false);
  });
  test("from zero", () => {
    expect(isLargeJump("COUNT", 0, 0)).toBe(false);
    expect(isLargeJump("COUNT", 1, 0)).toBe(true);
  });
});
