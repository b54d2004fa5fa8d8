/** The arrows of a sortable column header (a plain SVG: no client code, so a server-drawn table can use it too). */
export function SortIcon({ dir }: { dir: false | "asc" | "desc" }) {
  const path = dir === "asc" ? "M6 3l4 5H2z" : dir === "desc" ? "M6 9L2 4h8z" : "M6 1l3 4H3zM6 11L3 7h6z";
  return (
    <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12" className={dir ? "text-brand-700" : "text-slate-500"}>
      <path d={path} fill="currentColor" />
    </svg>
  );
}
