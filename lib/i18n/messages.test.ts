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
