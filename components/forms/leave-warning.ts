"use client";

import { createContext, useCallback, useContext, useEffect, useRef } from "react";

/** The messages of the forms now holding unsaved changes (several forms on one page ask once). */
const pending = new Map<object, string>();
const bypass = { current: false };

function onBeforeUnload(e: BeforeUnloadEvent) {
  if (bypass.current || pending.size === 0) return;
  e.preventDefault();
  // older browsers need returnValue set to show their prompt
  e.returnValue = "";
}

function onClick(e: MouseEvent) {
  if (bypass.current || pending.size === 0 || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[href]") : null;
  if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
  const to = new URL(a.href, window.location.href);
  if (to.origin !== window.location.origin) return; // a full navigation: beforeunload asks
  if (to.pathname === window.location.pathname && to.search === window.location.search) return; // same page
  const [message] = pending.values();
  if (!window.confirm(message)) {
    e.preventDefault();
    e.stopPropagation();
  }
}

/**
 * While `active` (a form with unsaved changes), leaving the page asks first: closing or reloading the tab through the
 * browser's own prompt (beforeunload), following a link of the app through `message` (window.confirm; the App Router
 * has no navigation guard, so a click on a same-origin link is caught, in the capture phase, before Next's Link sees
 * it). Returns `leave(go)`: for a way out the form itself offers (reload after a conflict), which must not ask.
 */
export function useLeaveWarning(active: boolean, message: string): (go: () => void) => void {
  const key = useRef({});
  useEffect(() => {
    if (!active) return;
    const k = key.current;
    if (pending.size === 0) {
      bypass.current = false;
      window.addEventListener("beforeunload", onBeforeUnload);
      document.addEventListener("click", onClick, true);
    }
    pending.set(k, message);
    return () => {
      pending.delete(k);
      if (pending.size === 0) {
        window.removeEventListener("beforeunload", onBeforeUnload);
        document.removeEventListener("click", onClick, true);
      }
    };
  }, [active, message]);
  return useCallback((go: () => void) => {
    bypass.current = true;
    go();
  }, []);
}

/**
 * A modal dialog (components/admin/dialog.tsx) holding forms provides this: each form (by a key of its own) says, while
 * it has unsaved changes, what to ask before the dialog closes (its close button or Escape); null when nothing is lost.
 */
export const DialogGuardContext = createContext<((key: object, message: string | null) => void) | null>(null);

/** Tells the enclosing dialog (if any) whether closing it would lose this form's changes. */
export function useDialogGuard(active: boolean, message: string) {
  const set = useContext(DialogGuardContext);
  const key = useRef({});
  useEffect(() => {
    if (!set) return;
    const k = key.current;
    set(k, active ? message : null);
    return () => set(k, null);
  }, [set, active, message]);
}
