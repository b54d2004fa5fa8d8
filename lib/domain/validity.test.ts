import { describe, expect, test } from "vitest";
import { currentPeriodInVietnam, inForceFor, inForceOn, periodLastDay, todayInVietnam } from "./validity";

describe("validity (spec/restructuring.md)", () => {
  test("the last day of each quarter, leap years included", () => {
    expect(periodLastDay("2025-Q1")).toBe("2025-03-31");
    expect(periodLastDay("2025-Q2")).toBe("2025-06-30");
    expect(periodLastDay("2025-Q3")).toBe("2025-09-30");
    expect(periodLastDay("2025-Q4")).toBe("2025-12-31");
    expect(() => periodLastDay("2025-Q5")).toThrow();
  });

  test("validFrom is inclusive, validTo exclusive, null is open", () => {
    const v = { validFrom: "2025-07-01", validTo: "2026-01-01" };
    expect(inForceOn(v, "2025-06-30")).toBe(false);
    expect(inForceOn(v, "2025-07-01")).toBe(true);
    expect(inForceOn(v, "2025-12-31")).toBe(true);
    expect(inForceOn(v, "2026-01-01")).toBe(false);
    expect(inForceOn({ validFrom: null, validTo: null }, "1900-01-01")).toBe(true);
  });

  test("provinces dissolved on 1 July 2025 report 2025-Q2, not Q3; their successors from Q3", () => {
    const dissolved = { validFrom: null, validTo: "2025-07-01" };
    const successor = { validFrom: "2025-07-01", validTo: null };
    expect(inForceFor(dissolved, "2025-Q2")).toBe(true);
    expect(inForceFor(dissolved, "2025-Q3")).toBe(false);
    expect(inForceFor(successor, "2025-Q2")).toBe(false);
    expect(inForceFor(successor, "2025-Q3")).toBe(true);
  });

  test("ministries dissolved on 1 March 2025 do not report 2025-Q1; their successors do", () => {
    expect(inForceFor({ validFrom: null, validTo: "2025-03-01" }, "2025-Q1")).toBe(false);
    expect(inForceFor({ validFrom: "2025-03-01", validTo: null }, "2025-Q1")).toBe(true);
  });

  test("today is the date in Asia/Ho_Chi_Minh (UTC+7)", () => {
    expect(todayInVietnam(new Date("2026-03-31T16:59:59Z"))).toBe("2026-03-31");
    expect(todayInVietnam(new Date("2026-03-31T17:00:00Z"))).toBe("2026-04-01");
    expect(currentPeriodInVietnam(new Date("2026-03-31T17:00:00Z"))).toBe("2026-Q2");
    expect(currentPeriodInVietnam(new Date("2026-03-31T16:00:00Z"))).toBe("2026-Q1");
  });
});
