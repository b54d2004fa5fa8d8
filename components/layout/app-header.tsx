"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { Role } from "@/lib/domain/codes";
import { navFor } from "./nav-items";
import { LanguageSwitch } from "./language-switch";
import { NotificationBell } from "./notification-bell";

// next-auth's client (~40 kB) is loaded when someone signs out, not on every page
const signOut = async () => (await import("next-auth/react")).signOut({ callbackUrl: "/login" });

export function AppHeader({ name, role, organisationName, unread = 0 }: { name: string; role: Role; organisationName: string | null; unread?: number }) {
  const t = useTranslations();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const items = navFor(role);
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));

  const links = (mobile: boolean) =>
    items.map((i) => (
      <li key={i.href}>
        <Link
          href={i.href}
          aria-current={isActive(i.href) ? "page" : undefined}
          onClick={() => setOpen(false)}
          className={`block rounded-md px-3 py-2 text-sm font-medium no-underline ${
            isActive(i.href) ? "bg-brand-700 text-white" : "text-slate-800 hover:bg-slate-100"
          } ${mobile ? "" : "whitespace-nowrap"}`}
        >
          {t(`nav.${i.key}`)}
        </Link>
      </li>
    ));

  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("app.skipToContent")}
      </a>
      <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-3">
        <Link href="/" className="text-base font-bold text-brand-800 no-underline">
          {t("app.name")}
        </Link>
        <div className="ml-auto flex items-center gap-2">
          <span className="hidden text-right text-xs text-slate-700 sm:block">
            <span className="block font-semibold">{name}</span>
            <span>
              {t(`roles.${role}`)}
              {organisationName ? ` · ${organisationName}` : ""}
            </span>
          </span>
          <NotificationBell count={unread} active={isActive("/notifications")} />
          <LanguageSwitch />
          <button
            type="button"
            onClick={signOut}
            className="hidden rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 md:block"
          >
            {t("nav.signOut")}
          </button>
          <button
            type="button"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium md:hidden"
            aria-expanded={open}
            aria-controls="mobile-nav"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? t("nav.closeMenu") : t("nav.menu")}
          </button>
        </div>
      </div>
      <nav aria-label={t("nav.mainNavigation")} className="mx-auto hidden max-w-7xl px-4 pb-2 md:block">
        <ul className="flex flex-wrap gap-1">{links(false)}</ul>
      </nav>
      {open && (
        <nav id="mobile-nav" aria-label={t("nav.mainNavigation")} className="border-t border-slate-200 px-4 py-2 md:hidden">
          <ul className="space-y-1">{links(true)}</ul>
          <p className="mt-2 px-3 text-xs text-slate-700">
            {name} · {t(`roles.${role}`)}
            {organisationName ? ` · ${organisationName}` : ""}
          </p>
          <button
            type="button"
            onClick={signOut}
            className="mt-2 w-full rounded-md border border-slate-300 px-3 py-2 text-sm font-medium"
          >
            {t("nav.signOut")}
          </button>
        </nav>
      )}
    </header>
  );
}
