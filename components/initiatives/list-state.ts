/** The list state and its URLs: shared by the server page and the client list (so not a "use client" module). */

/** The list state as the URL holds it (so a filtered view can be shared). */
export interface ListState {
  organisation: string;
  block: string;
  status: string;
  q: string;
  /** the archived initiatives instead of the live ones (URL `view=archived`) */
  archived: boolean;
  sort: string;
  page: number;
  pageSize: number;
}

export const DEFAULT_SORT = "-updatedAt";
export const DEFAULT_PAGE_SIZE = 25;
export const PAGE_SIZES = [10, 25, 50, 100];

/** The URL of a list state; defaults are left out so links stay short. */
export function listHref(s: ListState): string {
  const p = new URLSearchParams();
  if (s.organisation) p.set("organisation", s.organisation);
  if (s.block) p.set("block", s.block);
  if (s.status) p.set("status", s.status);
  if (s.q) p.set("q", s.q);
  if (s.archived) p.set("view", "archived");
  if (s.sort && s.sort !== DEFAULT_SORT) p.set("sort", s.sort);
  if (s.page > 1) p.set("page", String(s.page));
  if (s.pageSize !== DEFAULT_PAGE_SIZE) p.set("pageSize", String(s.pageSize));
  const qs = p.toString();
  return qs ? `/initiatives?${qs}` : "/initiatives";
}

/** The export link carries the same filters (the API's names); paging does not apply to an export. */
export function exportHref(s: ListState, format: "csv" | "xlsx" = "csv"): string {
  const p = new URLSearchParams();
  if (s.organisation) p.set("organisationId", s.organisation);
  if (s.block) p.set("buildingBlock", s.block);
  if (s.status) p.set("status", s.status);
  if (s.q) p.set("q", s.q);
  if (s.archived) p.set("archived", "true");
  if (s.sort) p.set("sort", s.sort);
  const qs = p.toString();
  return `/api/v1/initiatives/export.${format}${qs ? `?${qs}` : ""}`;
}

/** Which way the list is sorted by `column`: false when by another one. */
export function sortDirection(sort: string, column: string): false | "asc" | "desc" {
  return sort.replace(/^-/, "") === column ? (sort.startsWith("-") ? "desc" : "asc") : false;
}

/**
 * The sort a click on `column`'s header asks for: the other direction when the list is sorted by it (never
 * unsorted), else the column's first direction (newest, largest first for dates of change, progress and money).
 */
export function nextSort(sort: string, column: string, first: "asc" | "desc"): string {
  const dir = sortDirection(sort, column);
  const desc = dir ? dir === "asc" : first === "desc";
  return desc ? `-${column}` : column;
}
