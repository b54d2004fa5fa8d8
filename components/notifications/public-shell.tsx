import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/layout/language-switch";

/** The frame of the signed-out pages (forgot / reset password), like the sign-in page. */
export async function PublicShell({ title, intro, children }: { title: string; intro: string; children: React.ReactNode }) {
  const t = await getTranslations();
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-4 flex justify-end">
          <LanguageSwitch />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <p className="text-sm font-semibold text-brand-700">{t("app.name")}</p>
          <h1 className="mt-1 text-2xl font-bold">{title}</h1>
          <p className="mt-1 text-sm text-slate-700">{intro}</p>
          {children}
        </div>
      </div>
    </main>
  );
}
