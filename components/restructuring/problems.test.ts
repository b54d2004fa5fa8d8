import { describe, expect, test } from "vitest";
import { problemField, problemMessage, translateProblems } from "./problems";
import { restructuringProblems, type OrgFacts } from "@/lib/domain/restructuring";
import vi from "@/messages/vi/validity.json";
import en from "@/messages/en/validity.json";

/** A stand-in for next-intl's t scoped to "validity.problems": the key's text with {name} replaced. */
const tOf = (messages: typeof vi) => (key: string, values: Record<string, string | number> = {}) => {
  const text = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages.problems);
  if (typeof text !== "string") throw new Error(`no message ${key}`);
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));
};
const names = { org: (c: string) => (c === "HG" ? "Tỉnh Hà Giang" : c === "TQ" ? "Tỉnh Tuyên Quang" : c), date: (d: string) => d.split("-").reverse().join("/"), status: (s: string) => s.toLowerCase() };

describe("restructuring problems in the UI's language", () => {
  test("fields and messages in Vietnamese, with the body's number, names and the date as Vietnamese write it", () => {
    const out = translateProblems(
      tOf(vi),
      {
        "successions.1.toIds.0": ["the successor is not in force on 2025-07-01"],
        "successions.0.fromId": ["this organisation is already dissolved by succession 1"],
        "conflicts.0": ["HG has a DRAFT OPEN_DATASETS report for 2025-Q3, and its successor TQ already has one: resolve one of them first"],
        legalBasis: ["required"],
        "some.other": ["an English sentence nobody knows"],
      },
      names,
    );
    expect(out).toEqual([
      {
        path: "successions.1.toIds.0",
        field: "Cơ quan thứ 2 · cơ quan kế thừa thứ 1",
        messages: ["Cơ quan kế thừa không hoạt động vào ngày 01/07/2025: chọn cơ quan đang hoạt động hoặc tạo cơ quan mới có hiệu lực từ ngày này."],
      },
      { path: "successions.0.fromId", field: "Cơ quan thứ 1 · cơ quan chấm dứt hoạt động", messages: ["Cơ quan này đã được chọn ở cơ quan thứ 2: mỗi cơ quan chỉ chấm dứt hoạt động một lần."] },
      {
        path: "conflicts.0",
        field: "Xung đột thứ 1",
        messages: ["Tỉnh Hà Giang có báo cáo OPEN_DATASETS quý 2025-Q3 (draft) trong khi Tỉnh Tuyên Quang đã có báo cáo này: hãy xử lý một trong hai báo cáo trước."],
      },
      { path: "legalBasis", field: "Căn cứ pháp lý", messages: ["Trường này là bắt buộc."] },
      { path: "some.other", field: "some.other", messages: ["an English sentence nobody knows"] },
    ]);
  });

  test("every problem the rules can raise has a message in both languages", () => {
    const org = (id: string, kind: OrgFacts["kind"], extra: Partial<OrgFacts> = {}): [string, OrgFacts] => [id, { id, kind, validFrom: null, validTo: null, dissolved: false, ...extra }];
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
    const far = restructuringProblems({ effectiveDate: "2030-01-01", successions: [{ fromId: "A", toIds: ["B"] }] }, orgs, [], "2025-06-01");
    const messages = [...new Set([...problems, ...far].map((p) => p.message))];
    expect(messages.length).toBeGreaterThanOrEqual(12);
    for (const m of messages) {
      const k = problemMessage(m, names);
      expect(k, m).not.toBeNull();
      expect(tOf(vi)(k!.key, k!.values)).not.toMatch(/undefined/);
      expect(tOf(en)(k!.key, k!.values)).not.toMatch(/undefined/);
    }
    for (const p of [...problems, ...far]) expect(problemField(p.path), p.path).not.toBeNull();
  });
});
