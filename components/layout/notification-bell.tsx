"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/** The bell in the header: a link to /notifications whose accessible name says how many are unread. */
export function NotificationBell({ count, active }: { count: number; active: boolean }) {
  const t = useTranslations("notifications");
  const label = t("bell", { count });
  const shown = count > 99 ? "99+" : String(count);
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      aria-current={active ? "page" : undefined}
      data-testid="notification-bell"
      className={`relative inline-flex h-9 w-9 items-center justify-center rounded-md border border-slate-300 no-underline hover:bg-slate-100 ${active ? "bg-brand-50" : "bg-white"}`}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 text-slate-800" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {count > 0 && (
        <span aria-hidden="true" data-testid="notification-count" className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-bold leading-5 text-white">
          {shown}
        </span>
      )}
    </Link>
  );
}
