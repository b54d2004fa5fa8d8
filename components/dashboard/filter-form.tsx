"use client";

import Form from "next/form";

/**
 * A GET form that puts its fields in the URL (the dashboard's state) and applies a change at once; the submit button
 * stays for keyboards and for browsers without JavaScript.
 */
export function FilterForm({
  action,
  children,
  label,
  className = "",
}: {
  action: string;
  children: React.ReactNode;
  label: string;
  className?: string;
}) {
  return (
    <Form
      action={action}
      aria-label={label}
      className={`no-print ${className}`}
      onChange={(e) => {
        const target = e.target as HTMLElement;
        if (target instanceof HTMLInputElement && target.type === "search") return;
        e.currentTarget.requestSubmit();
      }}
    >
      {children}
    </Form>
  );
}
