import { describe, expect, test } from "vitest";
import { readAll, withAll } from "./params";

describe("the lists a dashboard shows whole (?all=…)", () => {
  test("reads the known lists of a comma list and drops anything else", () => {
    expect([...readAll({ all: "heatmap,nonsense,attention" })].sort()).toEqual(["attention", "heatmap"]);
    expect(readAll({}).size).toBe(0);
    expect(readAll({ all: ["completeness", "heatmap"] }).has("completeness")).toBe(true);
    expect(readAll({ all: "<script>" }).size).toBe(0);
  });
  test("a 'show all' link keeps the lists already shown whole, in one order", () => {
    expect(withAll(new Set(), "heatmap")).toBe("heatmap");
    expect(withAll(new Set(["heatmap"]), "attention")).toBe("attention,heatmap");
    expect(withAll(new Set(["attention", "completeness"]), "attention")).toBe("attention,completeness");
  });
});
