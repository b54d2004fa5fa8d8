import { describe, expect, test } from "vitest";
import type { DetailParams } from "@/lib/errors";
import { problemField, problemMessage, translateProblems } from "./problems";
import { restructuringProblems, type OrgFacts } from "@/lib/domain/restructuring";
import vi from "@/messages/vi/validity.json";
import en from "@/messages/en/validity.json";

/** A stand-in for next-intl's t scoped to "validity.problems": the key's text with {name} replaced. */
const tOf =
  (messages: typeof vi) =>
  (key: string, values: Record<string, string | number> = {}) => {
    const text = key
      .split(".")
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages.problems);
    if (typeof text !== "string") throw new Error(`no message ${key}`);
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));
  };
const names = {
  org: (c: string) => (c === "HG" ? "Tỉnh Hà Giang" : c === "TQ" ? "Tỉnh Tuyên Quang" : c),
  date: (d: string) => d.split("-").reverse().join("/"),
  status: (s: string) => s.toLowerCase(),
};

describe("restructuring problems in the UI's language", () => {
  test("fields and messages in Vietnamese, with the body's number, names and the date as Vietnamese write it", () => {
    // the English messages are decoys: only the codes and params are read
    const details: { path: string; message: string; code: string; params?: DetailParams }[] = [
      { path: "successions.1.toIds.0", message: "x", code: "successor_not_in_force", params: { date: "2025-07-01" } },
      { path: "successions.0.fromId", message: "x", code: "dissolved_twice", params: { succession: 1 } },
      {
        path: "conflicts.0",
        message: "x",
        code: "report_conflict_taken",
        params: { organisation: "HG", status: "DRAFT", metric: "OPEN_DATASETS", period: "2025-Q3", successor: "TQ" },
      },
      {
        path: "legalBasis",
        message: "x",
        code: "too_small",
        params: { minimum: 1, origin: "string", inclusive: true },
      },
      { path: "some.other", message: "an English sentence nobody knows", code: "password_wrong" },
    ];
    const out = translateProblems(tOf(vi), details, names, (d) => `fallback:${d.code}`);
    expect(out).toEqual([
      {
        path: "successions.1.toIds.0",
        field: "Cơ quan thứ 2 · cơ quan kế thừa thứ 1",
        messages: [
          "Cơ quan kế thừa không hoạt động vào ngày 01/07/2025: chọn cơ quan đang hoạt động hoặc tạo cơ quan mới có hiệu lực từ ngày này.",
        ],
      },
      {
        path: "successions.0.fromId",
        field: "Cơ quan thứ 1 · cơ quan chấm dứt hoạt động",
        messages: ["Cơ quan này đã được chọn ở cơ quan thứ 2: mỗi cơ quan chỉ chấm dứt hoạt động một lần."],
      },
      {
        path: "conflicts.0",
        field: "Xung đột thứ 1",
        messages: [
          "Tỉnh Hà Giang có báo cáo OPEN_DATASETS quý 2025-Q3 (draft) trong khi Tỉnh Tuyên Quang đã có báo cáo này: hãy xử lý một trong hai báo cáo trước.",
        ],
      },
      { path: "legalBasis", field: "Căn cứ pháp lý", messages: ["Trường này là bắt buộc."] },
      // a code that is not the restructuring's own goes to the shared validation texts
      { path: "some.other", field: "some.other", messages: ["fallback:password_wrong"] },
    ]);
  });

  test("every problem the rules can raise has a message in both languages", () => {
    const org = (id: string, kind: OrgFacts["kind"], extra: Partial<OrgFacts> = {}): [string, OrgFacts] => [
      id,
      { id, kind, validFrom: null, validTo: null, dissolved: false, ...extra },
    ];
    const orgs = new Map([
      org("A", "PROVINCE"),
      org("B", "PROVINCE", { validFrom: "2025-07-01" }),
      org("C", "PROVINCE", { validFrom: "2026-01-01" }),
      org("D", "PROVINCE", { dissolved: true, validTo: "2025-07-01" }),
      org("G", "AGENCY"),
      org("E", "PROVINCE", { validTo: "2025-01-01" }),
    ]);
    const problems = restructuringProblems(
      {
        effectiveDate: "2025-07-01",
        successions: [
          { fromId: "A", toIds: ["A", "C", "C", "G", "X"], historyTo: "Z" },
          { fromId: "A", toIds: ["B"] },
          { fromId: "D", toIds: ["B"] },
          { fromId: "E", toIds: ["B"] },
          { fromId: "B", toIds: ["A"] },
          { fromId: "X", toIds: ["B"] },
        ],
      },
      orgs,
      [],
      "2025-06-01",
    );
    const far = restructuringProblems(
      { effectiveDate: "2030-01-01", successions: [{ fromId: "A", toIds: ["B"] }] },
      orgs,
      [],
      "2025-06-01",
    );
    const codes = [...new Set([...problems, ...far].map((p) => p.code))];
    expect(codes.length).toBeGreaterThanOrEqual(12);
    for (const p of [...problems, ...far]) {
      const k = problemMessage(p, names);
      expect(k, p.code).not.toBeNull();
      expect(tOf(vi)(k!.key, k!.values), p.code).not.toMatch(/undefined|NaN/);
      expect(tOf(en)(k!.key, k!.values), p.code).not.toMatch(/undefined|NaN/);
    }
    for (const p of [...problems, ...far]) expect(problemField(p.path), p.path).not.toBeNull();
  });

  test("the preview's conflicts and the schema's checks read by code and path", () => {
    const t = tOf(en);
    const say = (d: Parameters<typeof problemMessage>[0]) => {
      const k = problemMessage(d, names);
      return k ? t(k.key, k.values) : null;
    };
    expect(
      say({ code: "external_ref_conflict", params: { externalRef: "SK-1", organisation: "HG", successor: "TQ" } }),
    ).toBe(
      "Initiative SK-1 of Tỉnh Hà Giang would take an external reference Tỉnh Tuyên Quang already uses: change one of them first.",
    );
    expect(
      say({ path: "successions.0.toIds", code: "too_small", params: { minimum: 1, origin: "array", inclusive: true } }),
    ).toBe("At least one successor is needed.");
    expect(
      say({ path: "successions", code: "too_small", params: { minimum: 1, origin: "array", inclusive: true } }),
    ).toBe("At least one dissolved organisation is needed.");
    expect(say({ path: "successions.2.fromId", code: "invalid_format", params: { format: "regex" } })).toBe(
      "Choose an organisation.",
    );
    expect(say({ path: "effectiveDate", code: "year_out_of_range", params: { minimum: 1900, maximum: 2100 } })).toBe(
      "The year must be between 1900 and 2100.",
    );
    // not a restructuring code: left to the validation texts
    expect(say({ path: "legalBasis", code: "password_wrong" })).toBeNull();
  });
});
