"use client";

import { useState } from "react";
import { SelectFilter, type Option } from "./field";

/**
 * SelectFilter for a long list (the 700 organisations): the page loads with only "all" and the chosen option, and the
 * rest are put in as soon as the pointer or the keyboard reaches the control (before it can open), so a phone does not
 * lay out and hydrate hundreds of <option>s on every list page. With JavaScript off, the server-drawn control still
 * submits the current choice; the full list needs JavaScript, as the rest of the list page does. The markup is
 * SelectFilter's own.
 */
export function LazySelectFilter({
  options,
  value,
  onChange,
  ...rest
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
  const shown = full ? options : options.filter((o) => o.value === value);
  return <SelectFilter {...rest} options={shown} value={value} onChange={onChange} onReach={full ? undefined : () => setFull(true)} />;
}
