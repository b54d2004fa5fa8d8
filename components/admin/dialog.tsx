"use client";

import { useCallback, useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { DialogGuardContext } from "@/components/forms/leave-warning";

/**
 * A modal dialog on the native <dialog> (focus stays inside, Escape closes, the page behind is inert). A form inside
 * with unsaved changes (components/forms/use-api-form.ts) makes closing ask first.
 */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const t = useTranslations("admin.common");
  const guards = useRef(new Map<object, string>());
  const setGuard = useCallback((key: object, message: string | null) => {
    if (message === null) guards.current.delete(key);
    else guards.current.set(key, message);
  }, []);
  const mayClose = () => {
    const [message] = guards.current.values();
    return message === undefined || window.confirm(message);
  };
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        // Escape: the browser closes the dialog unless told not to
        if (!mayClose()) e.preventDefault();
      }}
      className="m-auto w-[min(40rem,calc(100vw-1.5rem))] rounded-xl border border-slate-300 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {open && (
        <div className="p-4 sm:p-6">
          <div className="mb-4 flex items-start justify-between gap-3">
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            <button type="button" onClick={() => mayClose() && onClose()} className="rounded-md px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100">
              {t("close")}
            </button>
          </div>
          <DialogGuardContext.Provider value={setGuard}>{children}</DialogGuardContext.Provider>
        </div>
      )}
    </dialog>
  );
}

/** A message box for a whole form (role="alert" so a screen reader announces it). */
export function FormMessage({ tone, children, testId }: { tone: "error" | "success"; children: React.ReactNode; testId?: string }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`rounded-md border px-3 py-2 text-sm ${tone === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-green-300 bg-green-50 text-green-800"}`}
    >
      {children}
    </div>
  );
}
