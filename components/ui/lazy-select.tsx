"use client";

import { useState } from "react";
import { inputClass } from "./field";

interface Option {
  value: string;
  label: string;
}

/**
 * SelectFilter for a long list (the 700 organisations): the page loads with only "all" and the chosen option, and the
 * rest are put in as soon as the pointer or the keyboard reaches the control (before it can open), so a phone does not
 * lay out and hydrate hundreds of <option>s on every list page. With JavaScript off, the server-drawn control still
 * submits the current choice; the full list needs JavaScript, as the rest of the list page does.
 */
export function LazySelectFilter({
  id,
  name,
  label,
  allLabel,
  options,
  value,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  allLabel: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
}) {
  const [full, setFull] = useState(false);
  const open = () => setFull(true);
  const shown = full ? options : options.filter((o) => o.value === value);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onFocus={open}
        onPointerDown={open}
        onPointerEnter={open}
        onKeyDown={open}
        className={`mt-1 ${inputClass}`}
      >
        <option value="">{allLabel}</option>
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
