import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Every key must exist in both languages, with a non-empty text, and the same {placeholders}.
function flatten(obj: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (obj && typeof obj === "object") {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === "object") for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
      else out.set(key, String(v));
    }
  }
  return out;
}

const dir = path.resolve(__dirname, "../../messages");
const files = readdirSync(path.join(dir, "vi")).filter((f) => f.endsWith(".json"));
// `{name}` and `{name, plural, …}`; the branches of an ICU select/plural (`{Some text.}`) are not placeholders
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

describe("translations", () => {
  test("both languages have the same files", () => {
    expect(readdirSync(path.join(dir, "en")).filter((f) => f.endsWith(".json")).sort()).toEqual([...files].sort());
  });
  for (const file of files) {
    test(`${file}: every key in both languages, none empty, same placeholders`, () => {
      const vi = flatten(JSON.parse(readFileSync(path.join(dir, "vi", file), "utf8")));
      const en = flatten(JSON.parse(readFileSync(path.join(dir, "en", file), "utf8")));
      const missingInEn = [...vi.keys()].filter((k) => !en.has(k));
      const missingInVi = [...en.keys()].filter((k) => !vi.has(k));
      expect(missingInEn, "keys missing in English").toEqual([]);
      expect(missingInVi, "keys missing in Vietnamese").toEqual([]);
      for (const [k, v] of vi) {
        expect(v.trim(), `vi ${k} is empty`).not.toBe("");
        expect(en.get(k)!.trim(), `en ${k} is empty`).not.toBe("");
        expect(placeholders(en.get(k)!), `placeholders of ${k}`).toEqual(placeholders(v));
      }
    });
  }
});

// Counts of rows can run to hundreds of thousands: written as `{count, number}` they read 97.001 in Vietnamese and
// 97,001 in English (a plain `{count}` is printed as 97001).
describe("counts are numbers the reader's way", () => {
  const cases: [string, string, Record<string, number>, string, string][] = [
    ["initiatives.json", "table.count", { count: 97001 }, "Tìm thấy 97.001 sáng kiến", "97,001 initiatives found"],
    ["initiatives.json", "import.counts", { created: 50000, updated: 1200, unchanged: 3 }, "Thêm mới 50.000, cập nhật 1.200, không đổi 3.", "Created 50,000, updated 1,200, unchanged 3."],
    ["admin.json", "common.pageOf", { page: 2, pages: 9, total: 1750 }, "Trang 2/9 · 1.750 mục", "Page 2 of 9 · 1,750 items"],
  ];
  for (const [file, key, values, vi, en] of cases) {
    test(`${file} ${key}`, async () => {
      const { createTranslator } = await import("use-intl/core");
      for (const [locale, want] of [["vi", vi], ["en", en]] as const) {
        const messages = JSON.parse(readFileSync(path.join(dir, locale, file), "utf8"));
        const t = createTranslator({ locale, messages });
        expect((t as unknown as (k: string, v: Record<string, number>) => string)(key, values)).toBe(want);
      }
    });
  }
});
