import { describe, expect, test } from "vitest";
import { uuidV7 } from "./uuid-v7";
import { isId } from "@/lib/validation/common";

describe("uuidV7", () => {
  test("is a valid id of version 7 and variant 10, with the time in its first 48 bits", () => {
    const t = Date.UTC(2026, 11, 2, 8, 0, 0);
    const id = uuidV7(t + 1_000_000);
    expect(isId(id)).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(t + 1_000_000);
  });

  test("ids made one after another sort in the order they were made, within one millisecond too, and differ", () => {
    const ids = Array.from({ length: 10_000 }, () => uuidV7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const same = Array.from({ length: 5_000 }, () => uuidV7(Date.now() + 10_000_000));
    expect([...same].sort()).toEqual(same);
  });
});
