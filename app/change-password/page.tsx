import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { CHANGE_PASSWORD_PATH, getActor } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { isDatabaseUnavailable } from "@/lib/server/errors";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { Unavailable } from "@/components/layout/unavailable";
import type { Actor } from "@/lib/auth/permissions";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("password");
  return { title: t("forcedTitle") };
}

/**
 * Where requireActor() sends a person whose password an admin set (a new account, a reset): outside the (app)
 * layout, which would send them here again. Anyone else changes their password on the profile page.
 */
async function ChangePasswordPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const sp = await searchParams;
  let actor: Actor | null;
  try {
    actor = await getActor();
  } catch (err) {
    if (isDatabaseUnavailable(err)) return <Unavailable />;
    throw err;
  }
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(CHANGE_PASSWORD_PATH)}`);
  if (!actor.mustChangePassword) redirect("/profile");
  const next = safeCallbackUrl(sp.callbackUrl);
  const afterChange = next.startsWith(CHANGE_PASSWORD_PATH) ? "/" : next;
  const t = await getTranslations();
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <div className="mb-4 flex justify-end">
          <LanguageSwitch />
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <p className="text-sm font-semibold text-brand-700">{t("app.name")}</p>
          <h1 className="mt-1 text-2xl font-bold">{t("password.forcedTitle")}</h1>
          <p className="mt-2 text-sm text-slate-700">{t("password.forcedIntro")}</p>
          <p className="mt-1 text-sm text-slate-700" data-testid="change-password-account">
            {t("password.signedInAs", { email: actor.email })}
          </p>
          <div className="mt-6">
            <ChangePasswordForm email={actor.email} afterChange={afterChange} />
          </div>
          <p className="mt-4 text-xs text-slate-600">{t("password.forcedApiNote")}</p>
          <div className="mt-4 border-t border-slate-200 pt-4">
            <SignOutButton />
          </div>
        </div>
      </div>
    </main>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/change-password", ChangePasswordPage);
