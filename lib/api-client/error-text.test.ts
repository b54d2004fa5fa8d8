import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { fieldTexts } from "./error-text";
import { issuesToDetails } from "@/lib/validation/common";
import { nationalTargetsInput } from "@/lib/validation/kpis";

const messages = JSON.parse(readFileSync(path.resolve(__dirname, "../../messages/en/validation.json"), "utf8")) as Record<string, unknown>;
const t = (() => {
  const tr = createTranslator({ locale: "en", messages: { validation: messages }, namespace: "validation", onError: (e) => { throw e; } });
  return Object.assign((key: string, values?: Record<string, string | number>) => tr(key as never, values as never) as string, { has: (key: string) => tr.has(key as never) });
})();

describe("fieldTexts", () => {
  const body = [
    { metric: "SERVICES_ONLINE", baseline: 40, baselinePeriod: "2025-Q1", target: 80, targetPeriod: "2026-Q4" },
    { metric: "OPEN_DATASETS", baseline: 50, baselinePeriod: "2025-Q1", target: 10, targetPeriod: "2024-Q4" },
  ];
  const r = nationalTargetsInput.safeParse(body);
  if (r.success) throw new Error("the second target should fail");
  const details = issuesToDetails(r.error, body);

  test("names a field by the path's first segment: a list's problems all fall on the row's index", () => {
    expect(Object.keys(fieldTexts(t, details))).toEqual(["1"]);
  });

  test("with depth 2, a list body's problem is the row's field (the targets form puts it on that metric's input)", () => {
    const texts = fieldTexts(t, details, undefined, 2);
    expect(Object.keys(texts).sort()).toEqual(["1.target", "1.targetPeriod"]);
    expect(texts["1.targetPeriod"]).toEqual(["Must be after the baseline quarter (2025-Q1)."]);
    expect(texts["1.target"][0]).toMatch(/greater than the baseline/);
  });
});
