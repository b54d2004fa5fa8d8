"use client";

import { useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { setLocaleAction } from "@/app/actions/locale";

export function LanguageSwitch({ className = "" }: { className?: string }) {
  const locale = useLocale();
  const t = useTranslations("nav");
  const router = useRouter();
  const [pending, start] = useTransition();
  const next = locale === "vi" ? "en" : "vi";
  return (
    <button
      type="button"
      lang={next}
      disabled={pending}
      aria-label={`${t("language")}: ${t("switchTo")}`}
      onClick={() => start(async () => {
        await setLocaleAction(next);
        router.refresh();
      })}
      className={`rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 ${className}`}
    >
      {t("switchTo")}
    </button>
  );
}
