import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { LoginForm } from "@/components/auth/login-form";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("login");
  return { title: t("title") };
}

async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(sp.callbackUrl);
  // signed in already: go on (an outage here just shows the form; signing in then reports it)
  if (await getActor().catch(() => null)) redirect(callbackUrl);
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-4 flex justify-end">
          <LanguageSwitch />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <p className="text-sm font-semibold text-brand-700">{t("app.name")}</p>
          <h1 className="mt-1 text-2xl font-bold">{t("login.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("login.subtitle")}</p>
          <LoginForm callbackUrl={callbackUrl} initialError={sp.error ? "invalid_credentials" : undefined} />
          <p className="mt-4 text-center text-sm">
            <Link href="/forgot-password" className="font-medium underline">
              {t("notifications.forgot.link")}
            </Link>
          </p>
        </div>
      </div>
    </main>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/login", LoginPage);
