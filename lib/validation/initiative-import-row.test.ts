import { describe, test, expect } from "vitest";
import { initiativeImportRow } from "./initiatives";
import { parseImportRow, plainImportRow } from "./initiative-import-row";

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// values near every edge of every rule, valid and invalid, of the right type and not
const CHOICES: Record<string, unknown[]> = {
  title: ["Số hóa hồ sơ", "  ab  ", "abc", " a b ", "x".repeat(200), "x".repeat(201), ` ${"y".repeat(200)} `, "", 5, null, undefined],
  description: ["", "Mô tả", "d".repeat(10_000), "d".repeat(10_001), null, undefined, 3],
  buildingBlocks: [["ONE_PORTAL"], ["SHARED_DATA", "ONE_PORTAL"], [], ["NOPE"], ["ONE_PORTAL", "ONE_PORTAL"], "ONE_PORTAL", null, undefined, [1]],
  principles: [[], ["USER_CENTRIC"], ["MOBILE_FIRST", "DIGITAL_BY_DEFAULT"], ["X"], ["USER_CENTRIC", "USER_CENTRIC"], null, undefined, "USER_CENTRIC"],
  enablers: [[], ["SKILLS_CULTURE"], ["SKILLS_CULTURE", "LEADERSHIP_GOVERNANCE", "INTERNAL_INNOVATION"], ["Y"], null, undefined],
  status: ["PLANNED", "IN_PROGRESS", "COMPLETED", "ON_HOLD", "CANCELLED", "planned", "", null, undefined, 1],
  currentStage: [1, 2, 3, 5, 0, 6, 2.5, "2", null, undefined, Number.NaN],
  targetStage: [1, 3, 5, 0, 6, 4.5, "5", null, undefined, Number.POSITIVE_INFINITY],
  startDate: ["2025-01-01", "2026-02-29", "2024-02-29", "2100-02-29", "2000-02-29", "2025-04-31", "2025-04-30", "2025-00-10", "2025-01-00", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "2025-13-01", "15/01/2026", "", null, undefined],
  endDate: ["2026-12-31", "2024-06-30", "2025-01-01", "2025-02-30", "2025-12-31", "2025-11-31", null, undefined, 20250101],
  budgetPlanned: [0, 1, 3_500_000_000, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -1, 1.5, "1000", null, undefined],
  budgetSpent: [0, 250_000_000, -5, 0.1, null, undefined],
  progress: [0, 40, 99, 100, 101, -1, 50.5, "40", null, undefined],
  externalRef: ["R-1", "  R-2  ", "", "   ", "r".repeat(100), "r".repeat(101), ` ${"r".repeat(100)} `, null, undefined, 7],
};

describe("the import's fast path answers exactly what the schema answers", () => {
  test("on random rows near every rule's edge: either the schema's own output, or null and the schema decides", () => {
    const rnd = random(20261202);
    let plain = 0;
    let refused = 0;
    for (let n = 0; n < 6_000; n++) {
      const row: Record<string, unknown> = {};
      // mostly valid fields, so whole valid rows come up often; sometimes a field left out, rarely an unknown key
      for (const [k, values] of Object.entries(CHOICES)) {
        const r = rnd();
        if (r < 0.05) continue;
        row[k] = r < 0.75 ? values[0] : values[Math.floor(rnd() * values.length)];
      }
      if (row.status === "COMPLETED" && rnd() < 0.7) row.progress = 100;
      if (rnd() < 0.01) row.organisationId = "x";
      const fast = plainImportRow(row);
      const schema = initiativeImportRow.safeParse(row);
      if (fast) {
        plain++;
        expect(schema.success, JSON.stringify(row)).toBe(true);
        expect(fast).toStrictEqual(schema.data);
      } else if (schema.success) refused++;
      expect(parseImportRow(row)).toStrictEqual(schema);
    }
    // the fast path must take the common case, and leave to the schema only rows it cannot vouch for
    expect(plain).toBeGreaterThan(600);
    expect(refused).toBe(0);
  });

  test("a plainly valid row: trimmed title and reference, defaults of the fields left out", () => {
    const row = { title: "  Số hóa hồ sơ ", buildingBlocks: ["SHARED_DATA"], status: "PLANNED", currentStage: 1, targetStage: 2, progress: 0, externalRef: "  " };
    expect(plainImportRow(row)).toStrictEqual({
      title: "Số hóa hồ sơ",
      description: "",
      buildingBlocks: ["SHARED_DATA"],
      principles: [],
      enablers: [],
      status: "PLANNED",
      currentStage: 1,
      targetStage: 2,
      startDate: null,
      endDate: null,
      budgetPlanned: null,
      budgetSpent: null,
      progress: 0,
      externalRef: null,
    });
    // a cross-field rule broken: the schema decides (and names it)
    expect(plainImportRow({ ...row, currentStage: 3 })).toBeNull();
    expect(plainImportRow({ ...row, status: "COMPLETED", progress: 90 })).toBeNull();
  });
});
