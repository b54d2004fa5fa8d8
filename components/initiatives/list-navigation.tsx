"use client";

/**
 * The small interactive parts of the server-drawn initiatives table (components/initiatives/initiatives-table.tsx):
 * links that change the list (sort, page) through the list's transition, so the list dims and says "loading" as the
 * filters do; the page-size select; the column menu. The rows themselves are plain server HTML.
 */
import { createContext, useContext, useState } from "react";
import { useRouter } from "next/navigation";

/** Moves the list to another URL inside the list's transition (provided by InitiativesList). */
export const ListNavigation = createContext<((href: string) => void) | null>(null);

function useListNavigate() {
  const navigate = useContext(ListNavigation);
  const router = useRouter();
  return navigate ?? ((href: string) => router.push(href, { scroll: false }));
}

/** A link to another state of the list: a real link (new tab, no script), a client navigation on a plain click. */
export function ListLink({ href, children, ...rest }: Omit<React.AnchorHTMLAttributes<HTMLAnchorElement>, "href" | "onClick"> & { href: string }) {
  const navigate = useListNavigate();
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

/** Rows per page; the choice goes to the URL (page 1 of the new size). */
export function PageSizeSelect({ label, value, hrefs }: { label: string; value: number; hrefs: { size: number; href: string }[] }) {
  const navigate = useListNavigate();
  return (
    <label className="flex items-center gap-1">
      <span>{label}</span>
      <select
        className="rounded-md border border-slate-400 bg-white px-2 py-1.5"
        value={value}
        onChange={(e) => {
          const to = hrefs.find((h) => h.size === Number(e.target.value));
          if (to) navigate(to.href);
        }}
      >
        {hrefs.map((h) => (
          <option key={h.size} value={h.size}>
            {h.size}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The "columns" menu: which columns show. A hidden column is hidden by a style rule on its position (1-based) in the
 * rows under `scope` (the table's box), so the server-drawn rows need no script, nor a mark on every cell, to follow
 * the choice.
 */
export function ColumnToggle({
  label,
  scope,
  columns,
  initiallyHidden,
}: {
  label: string;
  scope: string;
  columns: { id: string; label: string; position: number }[];
  initiallyHidden: string[];
}) {
  const [hidden, setHidden] = useState<string[]>(initiallyHidden);
  const rules = columns
    .filter((c) => hidden.includes(c.id))
    .map((c) => `${scope} tr>:nth-child(${c.position}){display:none}`)
    .join("");
  return (
    <div className="mb-2 flex justify-end">
      {rules && <style>{rules}</style>}
      <details className="relative">
        <summary className="cursor-pointer list-none rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100">{label}</summary>
        <fieldset className="absolute right-0 z-20 mt-1 w-60 rounded-md border border-slate-300 bg-white p-3 shadow-lg">
          <legend className="sr-only">{label}</legend>
          {columns.map((c) => (
            <label key={c.id} className="flex items-center gap-2 py-1 text-sm">
              <input
                type="checkbox"
                checked={!hidden.includes(c.id)}
                onChange={(e) => setHidden((h) => (e.target.checked ? h.filter((x) => x !== c.id) : [...h, c.id]))}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}
