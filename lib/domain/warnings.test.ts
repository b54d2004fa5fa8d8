import { describe, test, expect } from "vitest";
import { budgetWarnings, figureWarnings } from "./warnings";

describe("figureWarnings", () => {
  test("a cumulative figure below the previous quarter's", () => {
    expect(figureWarnings("OPEN_DATASETS", 90, 100)).toEqual([{ code: "cumulative_decrease", value: 90, previous: 100 }]);
    expect(figureWarnings("OPEN_DATASETS", 100, 100)).toEqual([]);
  });
  test("a fall of a non-cumulative figure is not a cumulative warning", () => {
    expect(figureWarnings("NEW_DELIVERY_MODELS", 9, 10)).toEqual([]);
  });
  test("a change above 50 % of the previous figure, up or down; exactly 50 % is not above", () => {
    expect(figureWarnings("SERVICES_ONLINE", 61, 40)).toEqual([{ code: "large_change", value: 61, previous: 40, change: 0.525 }]);
    expect(figureWarnings("SERVICES_ONLINE", 60, 40)).toEqual([]);
    expect(figureWarnings("SERVICES_ONLINE", 19, 40)).toEqual([{ code: "large_change", value: 19, previous: 40, change: -0.525 }]);
    expect(figureWarnings("KPI_IMPROVEMENT", -4, -2)).toEqual([{ code: "large_change", value: -4, previous: -2, change: -1 }]);
  });
  test("both warnings at once for a cumulative figure halved", () => {
    expect(figureWarnings("OPEN_DATASETS", 40, 100).map((w) => w.code)).toEqual(["cumulative_decrease", "large_change"]);
  });
  test("nothing to compare with: no previous figure, no value, or a previous 0", () => {
    expect(figureWarnings("OPEN_DATASETS", 5, null)).toEqual([]);
    expect(figureWarnings("OPEN_DATASETS", null, 5)).toEqual([]);
    expect(figureWarnings("SERVICES_ONLINE", 50, 0)).toEqual([]);
    expect(figureWarnings("SERVICES_ONLINE", Number.NaN, 10)).toEqual([]);
  });
});

describe("budgetWarnings", () => {
  test("disbursed above planned", () => {
    expect(budgetWarnings(1_000_000, 1_000_001)).toEqual([{ code: "budget_overspent", planned: 1_000_000, spent: 1_000_001 }]);
    expect(budgetWarnings(1_000_000, 1_000_000)).toEqual([]);
    expect(budgetWarnings(null, 5)).toEqual([]);
    expect(budgetWarnings(5, null)).toEqual([]);
  });
});
