import { describe, expect, test } from "vitest";
import { DEFAULT_SORT, listHref, nextSort, sortDirection, type ListState } from "./list-state";

const state: ListState = { organisation: "", block: "", status: "", q: "", archived: false, sort: DEFAULT_SORT, page: 3, pageSize: 25 };

describe("the list's sort links", () => {
  test("the sorted column shows its direction, the others none", () => {
    expect(sortDirection("-updatedAt", "updatedAt")).toBe("desc");
    expect(sortDirection("title", "title")).toBe("asc");
    expect(sortDirection("title", "titles")).toBe(false);
    expect(sortDirection("-progress", "title")).toBe(false);
  });

  test("a click turns the sorted column around, never back to unsorted", () => {
    expect(nextSort("-updatedAt", "updatedAt", "desc")).toBe("updatedAt");
    expect(nextSort("updatedAt", "updatedAt", "desc")).toBe("-updatedAt");
    expect(nextSort("title", "title", "asc")).toBe("-title");
    expect(nextSort("-title", "title", "asc")).toBe("title");
  });

  test("another column starts in its first direction", () => {
    expect(nextSort("-updatedAt", "title", "asc")).toBe("title");
    expect(nextSort("title", "budgetPlanned", "desc")).toBe("-budgetPlanned");
  });

  test("the link keeps the filters and starts at page 1", () => {
    expect(listHref({ ...state, q: "dữ liệu", sort: nextSort(state.sort, "title", "asc"), page: 1 })).toBe("/initiatives?q=d%E1%BB%AF+li%E1%BB%87u&sort=title");
    expect(listHref({ ...state, page: 1 })).toBe("/initiatives");
  });
});
