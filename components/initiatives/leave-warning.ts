"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * While `active` (a form with unsaved changes), leaving the page asks first: closing or reloading the tab through the
 * browser's own prompt (beforeunload), following a link of the app through `message` (window.confirm; the App Router
 * has no navigation guard, so a click on a same-origin link is caught before Next's Link sees it). Returns
 * `leave(go)`: for a way out the form itself offers (reload after a conflict), which must not ask.
 */
export function useLeaveWarning(active: boolean, message: string): (go: () => void) => void {
  const bypass = useRef(false);
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (bypass.current) return;
      e.preventDefault();
      // older browsers need returnValue set to show their prompt
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (bypass.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const to = new URL(a.href, window.location.href);
      if (to.origin !== window.location.origin) return; // a full navigation: beforeunload asks
      if (to.pathname === window.location.pathname && to.search === window.location.search) return; // same page
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [active, message]);
  return useCallback((go: () => void) => {
    bypass.current = true;
    go();
  }, []);
}
