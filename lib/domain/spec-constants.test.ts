/**
 * The spec's constants, pinned by hand (spec/domain.md, spec/api.md, spec/targets.md): a change to any of them in the
 * code must be a deliberate change of this file too. The other tests read these constants from the code; this one
 * does not.
 */
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { DEFAULT_THRESHOLDS, THRESHOLD_METRICS, maturityStage } from "./maturity";
import { ACCELERATION_RATIO, ON_TRACK_RATIO, rate } from "./rating";
import { pageQuery } from "@/lib/validation/common";

describe("maturity thresholds (spec/domain.md)", () => {
  test("defaults SERVICES_ONLINE 50, OPEN_DATASETS 10, KPI_IMPROVEMENT 10, SERVICES_NEW_RETIRED 5, checked in that order", () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ SERVICES_ONLINE: 50, OPEN_DATASETS: 10, KPI_IMPROVEMENT: 10, SERVICES_NEW_RETIRED: 5 });
    expect(THRESHOLD_METRICS).toEqual(["SERVICES_ONLINE", "OPEN_DATASETS", "KPI_IMPROVEMENT", "SERVICES_NEW_RETIRED"]);
  });

  test("the defaults at work: each boundary value is met, a hair below is not", () => {
    const T = { SERVICES_ONLINE: 50, OPEN_DATASETS: 10, KPI_IMPROVEMENT: 10, SERVICES_NEW_RETIRED: 5 };
    expect(maturityStage({ SERVICES_ONLINE: 50, OPEN_DATASETS: 10, KPI_IMPROVEMENT: 10, SERVICES_NEW_RETIRED: 5 }, T)).toBe(5);
    expect(maturityStage({ SERVICES_ONLINE: 50, OPEN_DATASETS: 10, KPI_IMPROVEMENT: 10, SERVICES_NEW_RETIRED: 4.99 }, T)).toBe(4);
    expect(maturityStage({ SERVICES_ONLINE: 50, OPEN_DATASETS: 10, KPI_IMPROVEMENT: 9.99 }, T)).toBe(3);
    expect(maturityStage({ SERVICES_ONLINE: 50, OPEN_DATASETS: 9 }, T)).toBe(2);
    expect(maturityStage({ SERVICES_ONLINE: 49.99 }, T)).toBe(1);
  });
});

describe("rating bands (spec/targets.md)", () => {
  test("ON_TRACK from R >= 0.95, ACCELERATION_NEEDED from R >= 0.6", () => {
    expect(ON_TRACK_RATIO).toBe(0.95);
    expect(ACCELERATION_RATIO).toBe(0.6);
  });

  test("the bands at work: 0 to 100 over 10 quarters is a pace of 10 a quarter, so one quarter in R = value / 10", () => {
    const goal = { direction: "HIGHER_IS_BETTER" as const, baseline: 0, baselinePeriod: "2020-Q1", target: 100, targetPeriod: "2022-Q3" };
    const one = (value: number) => rate(goal, [{ period: "2020-Q2", value }]).status;
    expect(one(9.5)).toBe("ON_TRACK");
    expect(one(9.4)).toBe("ACCELERATION_NEEDED");
    expect(one(6)).toBe("ACCELERATION_NEEDED");
    expect(one(5.9)).toBe("LIMITED_PROGRESS");
    expect(one(0)).toBe("LIMITED_PROGRESS");
    expect(one(-0.1)).toBe("DETERIORATING");
  });
});

describe("paging (spec/api.md)", () => {
  const q = z.object(pageQuery);
  test("pageSize 1..200, default 50; page from 1, default 1", () => {
    expect(q.parse({})).toEqual({ page: 1, pageSize: 50 });
    expect(q.parse({ pageSize: "1" }).pageSize).toBe(1);
    expect(q.parse({ pageSize: "200" }).pageSize).toBe(200);
    expect(q.safeParse({ pageSize: "0" }).success).toBe(false);
    expect(q.safeParse({ pageSize: "201" }).success).toBe(false);
    expect(q.safeParse({ page: "0" }).success).toBe(false);
  });
});
