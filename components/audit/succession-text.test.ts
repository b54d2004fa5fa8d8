import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { isStoredSuccession, successionText } from "./succession-text";

const messages = (locale: "vi" | "en") => JSON.parse(readFileSync(path.resolve(__dirname, `../../messages/${locale}/validity.json`), "utf8")) as Record<string, unknown>;
const translator = (locale: "vi" | "en") => {
  const t = createTranslator({ locale, messages: { validity: messages(locale) }, namespace: "validity.history", onError: (e) => { throw e; } });
  return (key: string, values?: Record<string, string | number>) => t(key as never, values as never) as string;
};

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const C = "33333333-3333-4333-8333-333333333333";
const GONE = "44444444-4444-4444-8444-444444444444";
const NAMES: Record<string, Record<string, string>> = {
  vi: { [A]: "Sở Thông tin và Truyền thông", [B]: "Sở Khoa học và Công nghệ", [C]: "Văn phòng UBND tỉnh" },
  en: { [A]: "Department of Information and Communications", [B]: "Department of Science and Technology", [C]: "Provincial People's Committee Office" },
};

describe("a restructuring's succession in the audit log", () => {
  test("is written in words with the organisations' names, in Vietnamese and English, no keys and no ids", () => {
    const merge = { fromId: A, toIds: [B], historyTo: B };
    const split = { fromId: A, toIds: [B, C], historyTo: null };
    for (const locale of ["vi", "en"] as const) {
      const t = translator(locale);
      const name = (id: string) => NAMES[locale][id];
      for (const s of [merge, split]) {
        const text = successionText(t, s, name);
        expect(text).not.toMatch(/fromId|toIds|historyTo/);
        expect(text).not.toContain(A);
        expect(text).toContain(NAMES[locale][A]);
        for (const id of s.toIds) expect(text).toContain(NAMES[locale][id]);
      }
    }
    expect(successionText(translator("vi"), merge, (id) => NAMES.vi[id])).toBe("Sở Thông tin và Truyền thông → kế thừa: Sở Khoa học và Công nghệ; số liệu quá khứ tính cho Sở Khoa học và Công nghệ");
    expect(successionText(translator("en"), split, (id) => NAMES.en[id])).toBe(
      "Department of Information and Communications → succeeded by Department of Science and Technology, Provincial People's Committee Office",
    );
  });

  test("an organisation the reader cannot name keeps its id; other objects are not successions", () => {
    expect(successionText(translator("en"), { fromId: GONE, toIds: [B] }, (id) => NAMES.en[id])).toBe(`${GONE} → succeeded by Department of Science and Technology`);
    expect(isStoredSuccession({ fromId: A, toIds: [B], historyTo: B })).toBe(true);
    expect(isStoredSuccession({ initiatives: 3 })).toBe(false);
    expect(isStoredSuccession([A])).toBe(false);
  });
});
