/** A labelled form control with its error tied to it (aria-describedby, aria-invalid). */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className = "",
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | string[];
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
  className?: string;
}) {
  const errors = Array.isArray(error) ? error : error ? [error] : [];
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <div className="mt-1">{children({ id, "aria-invalid": errors.length ? true : undefined, "aria-describedby": describedBy })}</div>
      {errors.length > 0 && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700" data-testid={`${id}-error`}>
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}

export const inputClass = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600";

export interface Option {
  value: string;
  label: string;
}

/**
 * A labelled filter select whose first option means "any" (empty value). Controlled (value + onChange) in client
 * lists, or uncontrolled (defaultValue) inside a GET form on a server page.
 */
export function SelectFilter({
  id,
  name,
  label,
  allLabel,
  options,
  value,
  defaultValue,
  onChange,
  onReach,
}: {
  id: string;
  name: string;
  label: string;
  allLabel: string;
  options: Option[];
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  /** called as the pointer or the keyboard reaches the control, before it can open (./lazy-select.tsx) */
  onReach?: () => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        defaultValue={value === undefined ? defaultValue : undefined}
        onChange={onChange ? (e) => onChange(e.target.value) : undefined}
        onFocus={onReach}
        onPointerDown={onReach}
        onPointerEnter={onReach}
        onKeyDown={onReach}
        className={`mt-1 ${inputClass}`}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
