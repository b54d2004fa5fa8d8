import { describe, expect, test } from "vitest";
import { coverageOf, isLowCoverage, isOpenQuarter, likeForLike, maturityDistribution, provisionalReasons } from "./coverage";

const sums = (sumNumerator: number, sumDenominator: number, sumValue: number, count: number) => ({ sumNumerator, sumDenominator, sumValue, count });

describe("coverage (spec/coverage.md)", () => {
  test("share is reported over expected, null when nobody is expected", () => {
    expect(coverageOf(51, 23)).toEqual({ expected: 51, reported: 23, share: 23 / 51 });
    expect(coverageOf(0, 0)).toEqual({ expected: 0, reported: 0, share: null });
    expect(coverageOf(4, 4).share).toBe(1);
  });

  test("like for like: ratios over the common bodies' numerators and denominators, delta in points", () => {
    // two bodies in both quarters: now 30/100 + 40/100 = 35 %, before 10/100 + 20/100 = 15 %
    expect(likeForLike("RATIO", "2025-Q2", sums(70, 200, 0, 2), sums(30, 200, 0, 2))).toEqual({
      previousPeriod: "2025-Q2",
      value: 35,
      previousValue: 15,
      delta: 20,
      organisations: 2,
    });
  });

  test("like for like: counts are sums, percents are means", () => {
    // 37 bodies published 1,290 datasets last quarter; the same 23 of them published 700 then and 760 now
    expect(likeForLike("COUNT", "2025-Q1", sums(0, 0, 760, 23), sums(0, 0, 700, 23))?.delta).toBe(60);
    // means of 12 and 18 (=15) against 10 and 14 (=12)
    const c = likeForLike("PERCENT", "2025-Q1", sums(0, 0, 30, 2), sums(0, 0, 24, 2));
    expect(c?.value).toBe(15);
    expect(c?.previousValue).toBe(12);
    expect(c?.delta).toBe(3);
  });

  test("no change when nobody reported in both quarters", () => {
    expect(likeForLike("COUNT", "2025-Q1", sums(0, 0, 0, 0), sums(0, 0, 0, 0))).toBeNull();
    expect(likeForLike("RATIO", "2025-Q1", sums(5, 10, 0, 1), sums(0, 0, 0, 0))).toBeNull();
  });

  test("a quarter is open until the end of its due date", () => {
    expect(isOpenQuarter("2026-12-20", "2026-12-20")).toBe(true);
    expect(isOpenQuarter("2026-12-21", "2026-12-20")).toBe(false);
    expect(isOpenQuarter("2026-12-01", "2026-12-20")).toBe(true);
  });

  test("provisional reasons: open quarter, low or unknown coverage", () => {
    expect(isLowCoverage(0.79, 0.8)).toBe(true);
    expect(isLowCoverage(0.8, 0.8)).toBe(false);
    expect(isLowCoverage(null, 0)).toBe(true);
    expect(provisionalReasons(true, coverageOf(10, 9), 0.8)).toEqual(["open_quarter"]);
    expect(provisionalReasons(false, coverageOf(10, 7), 0.8)).toEqual(["low_coverage"]);
    expect(provisionalReasons(true, coverageOf(0, 0), 0.8)).toEqual(["open_quarter", "low_coverage"]);
    expect(provisionalReasons(false, coverageOf(10, 10), 0.8)).toEqual([]);
  });

  test("bodies that reported nothing are apart from stage 1", () => {
    const d = maturityDistribution([
      { stage: 1, reported: true },
      { stage: 1, reported: false },
      { stage: 1, reported: false },
      { stage: 3, reported: true },
      { stage: 5, reported: true },
    ]);
    expect(d).toEqual({ distribution: { "1": 1, "2": 0, "3": 1, "4": 0, "5": 1 }, notReported: 2 });
  });
});
