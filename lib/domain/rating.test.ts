import { describe, test, expect } from "vitest";
import { rate, type RatingGoal, type RatingPoint } from "./rating";

// 20 in 2024-Q1 to 60 by 2026-Q1: 8 quarters, a required pace of 5 a quarter (the acceptance test's KPI)
const up: RatingGoal = { direction: "HIGHER_IS_BETTER", baseline: 20, baselinePeriod: "2024-Q1", target: 60, targetPeriod: "2026-Q1" };
// 10 in 2024-Q1 down to 2 by 2025-Q1: 4 quarters, a required pace of -2 a quarter
const down: RatingGoal = { direction: "LOWER_IS_BETTER", baseline: 10, baselinePeriod: "2024-Q1", target: 2, targetPeriod: "2025-Q1" };

const pts = (...p: [string, number][]): RatingPoint[] => p.map(([period, value]) => ({ period, value }));

describe("rate: no data", () => {
  test("no value at all", () => {
    expect(rate(up, [])).toEqual({ status: "NOT_ENOUGH_DATA", ratio: null, latestValue: null, latestPeriod: null, expectedValue: null });
  });
  test("values at or before the baseline quarter do not count", () => {
    expect(rate(up, pts(["2024-Q1", 59], ["2023-Q4", 70])).status).toBe("NOT_ENOUGH_DATA");
  });
  test("malformed periods and non-finite values are ignored", () => {
    expect(rate(up, pts(["2024-5", 30], ["2024-Q2", Number.NaN])).status).toBe("NOT_ENOUGH_DATA");
  });
});

describe("rate: the acceptance sequence (higher is better)", () => {
  const seq: [string, number][] = [];
  const step = (period: string, value: number) => {
    seq.push([period, value]);
    return rate(up, pts(...seq));
  };
  test("walks through every in-progress status", () => {
    // 10 over 2 quarters = 5 a quarter against 5: R = 1; path at 2024-Q3 = 20 + 40 * 2/8 = 30
    let r = step("2024-Q3", 30);
    expect(r.status).toBe("ON_TRACK");
    expect(r.ratio).toBeCloseTo(1, 12);
    expect(r.expectedValue).toBeCloseTo(30, 12);
    expect(r.latestPeriod).toBe("2024-Q3");
    // 11 over 3 quarters against 5: R = 11/15 = 0.7333; path 35
    r = step("2024-Q4", 31);
    expect(r.status).toBe("ACCELERATION_NEEDED");
    expect(r.ratio).toBeCloseTo(11 / 15, 12);
    expect(r.expectedValue).toBeCloseTo(35, 12);
    // 2 over 4 quarters against 5: R = 0.1
    r = step("2025-Q1", 22);
    expect(r.status).toBe("LIMITED_PROGRESS");
    expect(r.ratio).toBeCloseTo(0.1, 12);
    expect(r.expectedValue).toBeCloseTo(40, 12);
    // -5 over 5 quarters: R = -0.2
    r = step("2025-Q2", 15);
    expect(r).toMatchObject({ status: "DETERIORATING", latestValue: 15, latestPeriod: "2025-Q2" });
    expect(r.ratio).toBeCloseTo(-0.2, 12);
    expect(r.expectedValue).toBeCloseTo(45, 12);
    // beyond the target before its date
    r = step("2025-Q3", 65);
    expect(r).toMatchObject({ status: "ACHIEVED", ratio: null, latestValue: 65, latestPeriod: "2025-Q3" });
    expect(r.expectedValue).toBeCloseTo(50, 12);
    // the value of 2025-Q3 deleted: back to the 2025-Q2 rating
    seq.pop();
    expect(rate(up, pts(...seq)).status).toBe("DETERIORATING");
  });
  test("the latest period counts, whatever the order of the input", () => {
    expect(rate(up, pts(["2025-Q2", 15], ["2024-Q3", 30], ["2024-Q4", 31])).latestPeriod).toBe("2025-Q2");
  });
});

describe("rate: lower is better (the acceptance sequence)", () => {
  test("on track, then missed after the target date, then achieved", () => {
    // -2 in 1 quarter against -8 / 4 = -2: R = 1; path 10 - 8 * 1/4 = 8
    let r = rate(down, pts(["2024-Q2", 8]));
    expect(r.status).toBe("ON_TRACK");
    expect(r.ratio).toBeCloseTo(1, 12);
    expect(r.expectedValue).toBeCloseTo(8, 12);
    // 5 in 2025-Q2, after the target quarter 2025-Q1, still worse than 2
    r = rate(down, pts(["2024-Q2", 8], ["2025-Q2", 5]));
    expect(r).toMatchObject({ status: "MISSED", ratio: null, latestValue: 5 });
    expect(r.expectedValue).toBeCloseTo(2, 12); // capped at the target quarter
    r = rate(down, pts(["2024-Q2", 8], ["2025-Q2", 5], ["2025-Q3", 2]));
    expect(r.status).toBe("ACHIEVED");
  });
  test("worse than the baseline is deteriorating", () => {
    const r = rate(down, pts(["2024-Q3", 11]));
    expect(r.status).toBe("DETERIORATING");
    // (1 / 2) / (-2) = -0.25
    expect(r.ratio).toBeCloseTo(-0.25, 12);
  });
  test("below the target (better) counts as achieved", () => {
    expect(rate(down, pts(["2024-Q2", 1])).status).toBe("ACHIEVED");
  });
  test("every band, lower is better", () => {
    // required pace -2 a quarter; one quarter after the baseline
    expect(rate(down, pts(["2024-Q2", 8.1])).status).toBe("ON_TRACK"); // R = 0.95
    expect(rate(down, pts(["2024-Q2", 8.8])).status).toBe("ACCELERATION_NEEDED"); // R = 0.6
    expect(rate(down, pts(["2024-Q2", 9.5])).status).toBe("LIMITED_PROGRESS"); // R = 0.25
    expect(rate(down, pts(["2024-Q2", 10])).status).toBe("LIMITED_PROGRESS"); // R = 0
  });
});

describe("rate: edges", () => {
  // 0 in 2020-Q1 to 20 by 2025-Q1: 20 quarters, pace exactly 1 a quarter, so R = the value one quarter in
  const unit: RatingGoal = { direction: "HIGHER_IS_BETTER", baseline: 0, baselinePeriod: "2020-Q1", target: 20, targetPeriod: "2025-Q1" };
  const at = (v: number, period = "2020-Q2") => rate(unit, pts([period, v]));

  test("R exactly 0.95 is on track, just below is acceleration needed", () => {
    expect(at(0.95)).toMatchObject({ status: "ON_TRACK", ratio: 0.95 });
    expect(at(0.9499).status).toBe("ACCELERATION_NEEDED");
  });
  test("R exactly 0.6 is acceleration needed, just below is limited progress", () => {
    expect(at(0.6)).toMatchObject({ status: "ACCELERATION_NEEDED", ratio: 0.6 });
    expect(at(0.5999).status).toBe("LIMITED_PROGRESS");
  });
  test("R exactly 0 (no change) is limited progress, below is deteriorating", () => {
    expect(at(0)).toMatchObject({ status: "LIMITED_PROGRESS", ratio: 0 });
    expect(at(-0.0001).status).toBe("DETERIORATING");
  });
  test("decimal inputs that land on a boundary stay on its upper side", () => {
    // (8.8 - 10) / (-2) is 0.6 in decimals but 0.5999999999999996 in floats
    const r = rate(down, pts(["2024-Q2", 8.8]));
    expect(r.ratio).toBeLessThan(0.6);
    expect(r.status).toBe("ACCELERATION_NEEDED");
  });
  test("a value exactly on target is achieved, before or after the target date", () => {
    expect(at(20, "2021-Q1")).toMatchObject({ status: "ACHIEVED", latestValue: 20 });
    expect(at(20, "2026-Q1").status).toBe("ACHIEVED");
    expect(rate(down, pts(["2024-Q2", 2])).status).toBe("ACHIEVED");
  });
  test("the target quarter reached without the target is missed", () => {
    const r = at(19.99, "2025-Q1");
    expect(r).toMatchObject({ status: "MISSED", ratio: null, latestPeriod: "2025-Q1" });
    expect(r.expectedValue).toBe(20);
  });
  test("the quarter before the target quarter is still rated by pace", () => {
    // 19 after 19 quarters against a pace of 1: R = 1
    expect(at(19, "2024-Q4")).toMatchObject({ status: "ON_TRACK", ratio: 1, expectedValue: 19 });
  });
  test("an organisation baseline at or after the target quarter: achieved or missed, path flat at the target", () => {
    const late: RatingGoal = { direction: "HIGHER_IS_BETTER", baseline: 30, baselinePeriod: "2025-Q2", target: 80, targetPeriod: "2025-Q1" };
    expect(rate(late, pts(["2025-Q3", 40]))).toMatchObject({ status: "MISSED", expectedValue: 80 });
    expect(rate(late, pts(["2025-Q3", 80]))).toMatchObject({ status: "ACHIEVED", expectedValue: 80 });
  });
  test("an organisation that starts beyond the target and falls below it is deteriorating", () => {
    const ahead: RatingGoal = { direction: "HIGHER_IS_BETTER", baseline: 90, baselinePeriod: "2024-Q1", target: 80, targetPeriod: "2026-Q1" };
    expect(rate(ahead, pts(["2024-Q2", 75]))).toMatchObject({ status: "DETERIORATING", ratio: null });
    expect(rate(ahead, pts(["2024-Q2", 95])).status).toBe("ACHIEVED");
  });
  test("the ministry of the acceptance test: own baseline 50, then 60 two quarters later, national 80 by 2012-Q1", () => {
    const g: RatingGoal = { direction: "HIGHER_IS_BETTER", baseline: 50, baselinePeriod: "2010-Q1", target: 80, targetPeriod: "2012-Q1" };
    const r = rate(g, pts(["2010-Q1", 50], ["2010-Q3", 60]));
    expect(r.status).toBe("ON_TRACK");
    expect(r.ratio).toBeCloseTo(5 / 3.75, 12);
    expect(r.expectedValue).toBeCloseTo(57.5, 12);
  });
});
