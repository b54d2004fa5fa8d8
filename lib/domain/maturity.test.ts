import { describe, test, expect } from "vitest";
import { explainMaturity, maturityStage } from "./maturity";

// the spec's defaults, written out (lib/domain/spec-constants.test.ts pins DEFAULT_THRESHOLDS to them)
const T = { SERVICES_ONLINE: 50, OPEN_DATASETS: 10, KPI_IMPROVEMENT: 10, SERVICES_NEW_RETIRED: 5 };

describe("maturityStage", () => {
  test("no figures at all is stage 1", () => {
    expect(maturityStage({}, T)).toBe(1);
  });

  test("each consecutive threshold met adds one stage", () => {
    expect(maturityStage({ SERVICES_ONLINE: 50 }, T)).toBe(2); // >= is met
    expect(maturityStage({ SERVICES_ONLINE: 80, OPEN_DATASETS: 10 }, T)).toBe(3);
    expect(maturityStage({ SERVICES_ONLINE: 80, OPEN_DATASETS: 12, KPI_IMPROVEMENT: 10 }, T)).toBe(4);
    expect(maturityStage({ SERVICES_ONLINE: 80, OPEN_DATASETS: 12, KPI_IMPROVEMENT: 15, SERVICES_NEW_RETIRED: 5 }, T)).toBe(5);
  });

  test("a threshold missed stops the run, even when later ones are met", () => {
    expect(maturityStage({ SERVICES_ONLINE: 49.999, OPEN_DATASETS: 100, KPI_IMPROVEMENT: 100, SERVICES_NEW_RETIRED: 100 }, T)).toBe(1);
    expect(maturityStage({ SERVICES_ONLINE: 90, OPEN_DATASETS: 9, KPI_IMPROVEMENT: 100, SERVICES_NEW_RETIRED: 100 }, T)).toBe(2);
  });

  test("a missing or null figure is a threshold not met", () => {
    expect(maturityStage({ SERVICES_ONLINE: 90, OPEN_DATASETS: null, KPI_IMPROVEMENT: 50 }, T)).toBe(2);
    expect(maturityStage({ SERVICES_ONLINE: 90, OPEN_DATASETS: 20, SERVICES_NEW_RETIRED: 50 }, T)).toBe(3);
  });

  test("NEW_DELIVERY_MODELS does not move the stage", () => {
    expect(maturityStage({ NEW_DELIVERY_MODELS: 1000 }, T)).toBe(1);
  });

  test("negative KPI thresholds and zero thresholds work", () => {
    const t = { SERVICES_ONLINE: 0, OPEN_DATASETS: 0, KPI_IMPROVEMENT: -20, SERVICES_NEW_RETIRED: 0 };
    expect(maturityStage({ SERVICES_ONLINE: 0, OPEN_DATASETS: 0, KPI_IMPROVEMENT: -10, SERVICES_NEW_RETIRED: 0 }, t)).toBe(5);
    expect(maturityStage({ SERVICES_ONLINE: 0, OPEN_DATASETS: 0, KPI_IMPROVEMENT: -30 }, t)).toBe(3);
  });
});

describe("explainMaturity", () => {
  test("says which thresholds were met, missed or missing and which counted", () => {
    const e = explainMaturity({ SERVICES_ONLINE: 91 / 110 * 100, OPEN_DATASETS: 7, SERVICES_NEW_RETIRED: 9 }, T);
    expect(e.stage).toBe(2);
    expect(e.checks).toEqual([
      { metric: "SERVICES_ONLINE", threshold: 50, value: 91 / 110 * 100, status: "met", counted: true },
      { metric: "OPEN_DATASETS", threshold: 10, value: 7, status: "missed", counted: false },
      { metric: "KPI_IMPROVEMENT", threshold: 10, value: null, status: "missing", counted: false },
      { metric: "SERVICES_NEW_RETIRED", threshold: 5, value: 9, status: "met", counted: false },
    ]);
  });
});
