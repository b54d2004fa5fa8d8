import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { VALIDATION_CODES } from "@/lib/errors";
import { detailText } from "@/lib/api-client/error-text";
import { issuesToDetails } from "@/lib/validation/common";
import { initiativeCreateInput } from "@/lib/validation/initiatives";
import { kpiCreateInput } from "@/lib/validation/kpis";
import { rejectInput } from "@/lib/validation/reports";

const messages = (locale: "vi" | "en") =>
  JSON.parse(readFileSync(path.resolve(__dirname, `../../messages/${locale}/validation.json`), "utf8")) as Record<string, unknown>;

function translator(locale: "vi" | "en") {
  const t = createTranslator({ locale, messages: { validation: messages(locale) }, namespace: "validation", onError: (e) => { throw e; } });
  return Object.assign((key: string, values?: Record<string, string | number>) => t(key as never, values as never) as string, { has: (key: string) => t.has(key as never) });
}

/** Parameters every code's text may use, as the server sends them (lib/validation/common.ts, lib/server). */
const SAMPLE: Record<string, Record<string, string | number | boolean | string[]>> = {
  invalid_type: { expected: "number" },
  too_small: { minimum: 3, origin: "string", inclusive: true },
  too_big: { maximum: 200, origin: "string", inclusive: true },
  invalid_format: { format: "period" },
  invalid_value: { values: ["A", "B"] },
  unknown_field: { keys: ["colour"] },
  not_multiple_of: { divisor: 5 },
  year_out_of_range: { minimum: 1900, maximum: 2100 },
  period_out_of_range: { from: "2000-Q1", to: "2100-Q4" },
  target_stage_below_current: { minimum: 3 },
  period_not_after_baseline: { baselinePeriod: "2025-Q1" },
  target_not_better: { direction: "HIGHER_IS_BETTER", baseline: 10 },
  out_of_range: { minimum: -100, maximum: 1000 },
  too_many_quarters: { maximum: 400 },
  records_before_valid_from: { kind: "reports", count: 2 },
  valid_from_after_dissolution: { validTo: "2025-07-01" },
  version_conflict: { currentVersion: 4 },
  // file imports
  row_too_many_cells: { expected: 17, found: 18 },
  more_problems: { count: 12 },
  unknown_column: { column: "colour", columns: ["id", "title"] },
  duplicate_column: { column: "title" },
  missing_column: { column: "progress" },
  not_a_number: { decimalComma: true },
  ambiguous_number: { value: "1.500", suggestion: "1500" },
  unknown_organisation_code: { code: "XX" },
  import_moves_initiative: { organisationCode: "BTC" },
  already_on_row: { row: 1204 },
  initiative_archived: { title: "Cổng dữ liệu" },
  unknown_metric: { metric: "NOPE" },
  // restructurings
  organisation_not_in_force: { date: "2025-07-01" },
  too_far_ahead: { maximum: "2026-06-01" },
  dissolved_twice: { succession: 0 },
  starts_same_day: { date: "2025-07-01" },
  successor_not_in_force: { date: "2025-07-01" },
  report_conflict_taken: { organisation: "HG", status: "DRAFT", metric: "OPEN_DATASETS", period: "2025-Q3", successor: "TQ" },
  report_conflict_shared: { successor: "TQ", metric: "OPEN_DATASETS", period: "2025-Q3" },
  external_ref_conflict: { externalRef: "SK-1", organisation: "HG", successor: "TQ" },
};

describe("every validation code the server can send has a text in both languages", () => {
  for (const locale of ["vi", "en"] as const) {
    test(`${locale}: a text for each of the ${VALIDATION_CODES.length} codes, and no text for a code that does not exist`, () => {
      const m = messages(locale);
      const keys = Object.keys(m).filter((k) => k !== "fields");
      expect(VALIDATION_CODES.filter((c) => typeof m[c] !== "string" || !(m[c] as string).trim())).toEqual([]);
      expect(keys.filter((k) => !(VALIDATION_CODES as readonly string[]).includes(k))).toEqual([]);
      // the per-field wordings only refine a code that exists
      const fields = (m.fields ?? {}) as Record<string, Record<string, string>>;
      const unknown = Object.values(fields).flatMap((byCode) => Object.keys(byCode).filter((c) => !(VALIDATION_CODES as readonly string[]).includes(c)));
      expect(unknown).toEqual([]);
    });

    test(`${locale}: each text formats with the parameters the server sends (no ICU error, no raw key)`, () => {
      const t = translator(locale);
      for (const code of VALIDATION_CODES) {
        const text = detailText(t, { path: "x", code, params: SAMPLE[code] });
        expect(text, code).not.toContain("validation.");
        expect(text, code).not.toMatch(/[{}]/);
      }
    });
  }

  test("the parameters reach the words (by hand: what a person should read)", () => {
    const vi = translator("vi");
    const en = translator("en");
    expect(detailText(en, { path: "title", code: "too_small", params: { minimum: 3, origin: "string", inclusive: true } })).toBe("At least 3 characters.");
    expect(detailText(vi, { path: "title", code: "too_small", params: { minimum: 3, origin: "string", inclusive: true } })).toBe("Cần ít nhất 3 ký tự.");
    expect(detailText(vi, { path: "name", code: "too_small", params: { minimum: 1, origin: "string", inclusive: true } })).toBe("Trường này là bắt buộc.");
    // a year is not a quantity: no thousands separator in Vietnamese
    expect(detailText(vi, { path: "startDate", code: "year_out_of_range", params: { minimum: 1900, maximum: 2100 } })).toBe("Năm phải từ 1900 đến 2100.");
    expect(detailText(en, { path: "progress", code: "too_big", params: { maximum: 100, origin: "number", inclusive: true } })).toBe("Must be at most 100.");
    expect(detailText(en, { path: "target", code: "target_not_better", params: { direction: "LOWER_IS_BETTER", baseline: 5 } })).toBe(
      "The target must be less than the baseline (lower is better).",
    );
    // a field's own wording wins over the code's
    expect(detailText(vi, { path: "buildingBlocks", code: "too_small", params: { minimum: 1, origin: "array", inclusive: true } })).toBe("Chọn ít nhất một khối xây dựng.");
    expect(detailText(vi, { path: "password", code: "too_small", params: { minimum: 12, origin: "string", inclusive: true } })).toBe("Mật khẩu phải có ít nhất 12 ký tự.");
    // the import's codes: the row and the number hint in the file's own terms
    expect(detailText(vi, { path: "x", code: "already_on_row", params: { row: 1204 } })).toBe("Đã có ở dòng 1204 của tệp.");
    expect(detailText(en, { path: "x", code: "not_a_number", params: { decimalComma: true } })).toBe("Not a number: write e.g. 1.000.000 (the file uses ; so , is the decimal mark).");
    expect(detailText(vi, { path: "x", code: "missing_column", params: { column: "progress" } })).toBe('Thiếu cột "progress".');
    // an unknown code (a newer server) still reads as something
    expect(detailText(en, { path: "x", code: "something_new" })).toBe("This value is not valid.");
  });
});

describe("the details of the shared schemas carry machine codes with parameters", () => {
  const body = {
    organisationId: "not-an-id",
    title: "ab",
    buildingBlocks: [],
    status: "PLANNED",
    currentStage: 4,
    targetStage: 2,
    progress: 120,
  };
  const r = initiativeCreateInput.safeParse(body);
  const details = r.success ? [] : issuesToDetails(r.error, body);
  const at = (p: string) => details.filter((d) => d.path === p).map(({ code, params }) => ({ code, params }));

  test("zod's own checks: too_small / too_big with their bounds, a named format", () => {
    expect(at("title")).toEqual([{ code: "too_small", params: { minimum: 3, origin: "string", inclusive: true } }]);
    expect(at("buildingBlocks")).toEqual([{ code: "too_small", params: { minimum: 1, origin: "array", inclusive: true } }]);
    expect(at("progress")).toEqual([{ code: "too_big", params: { maximum: 100, origin: "number", inclusive: true } }]);
    expect(at("organisationId")).toEqual([{ code: "invalid_format", params: { format: "id" } }]);
  });

  test("cross-field rules: their own code", () => {
    expect(at("targetStage")).toEqual([{ code: "target_stage_below_current", params: { minimum: 4 } }]);
  });

  test("a missing field is `required`, a wrong type `invalid_type` with what was expected", () => {
    const b = { name: "KPI", direction: "HIGHER_IS_BETTER", baseline: "ten", baselinePeriod: "2025-Q1", targetPeriod: "2025-Q9" };
    const k = kpiCreateInput.safeParse(b);
    const d = k.success ? [] : issuesToDetails(k.error, b);
    expect(d.find((x) => x.path === "target")).toMatchObject({ code: "required" });
    expect(d.find((x) => x.path === "baseline")).toMatchObject({ code: "invalid_type", params: { expected: "number" } });
    expect(d.find((x) => x.path === "targetPeriod")).toMatchObject({ code: "invalid_format", params: { format: "period" } });
  });

  test("an empty rejection comment is too_small on comment (the reviewer is asked to write one)", () => {
    const b = { version: 1, comment: "  " };
    const x = rejectInput.safeParse(b);
    expect(x.success ? [] : issuesToDetails(x.error, b)).toEqual([
      { path: "comment", message: "a comment is required to reject a report", code: "too_small", params: { minimum: 1, origin: "string", inclusive: true } },
    ]);
  });
});
