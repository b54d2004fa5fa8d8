import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { getMe, listMyTokens } from "@/lib/server/users";
import { getOrganisationName } from "@/lib/server/organisations";
import { Card, PageHeader } from "@/components/ui/page-header";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { TokensPanel } from "@/components/admin/tokens-panel";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { MailPreferenceForm } from "@/components/notifications/mail-preference-form";
import { getMailPreference } from "@/lib/server/notifications";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("admin.profile");
  return { title: t("title") };
}

async function ProfilePage() {
  const actor = await requireActor();
  const t = await getTranslations("admin.profile");
  const tp = await getTranslations("password");
  const tc = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const [me, tokens, mail] = await Promise.all([getMe(actor), listMyTokens(actor), getMailPreference(actor)]);
  const tn = await getTranslations("notifications");
  const orgName = me.organisationId ? await getOrganisationName(me.organisationId, locale) : null;
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <div className="grid gap-1 py-2 sm:grid-cols-3">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="break-all text-slate-900 sm:col-span-2" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("account")} id="account">
        <dl className="divide-y divide-slate-100">
          {row(t("name"), me.name)}
          {row(t("email"), me.email, "profile-email")}
          {row(t("role"), tc(`roles.${me.role}`))}
          {row(t("organisation"), orgName ?? t("noOrganisation"))}
          {row(t("lastLogin"), me.lastLoginAt ? formatDateTime(locale, me.lastLoginAt) : "—")}
        </dl>
      </Card>
      <Card title={t("language")} id="language">
        <p className="mb-3 text-sm text-slate-700">{t("languageHint", { current: locale === "vi" ? "Tiếng Việt" : "English" })}</p>
        <LanguageSwitch />
      </Card>
      <Card title={tn("preference.title")} id="mail">
        <MailPreferenceForm initial={mail.mailPreference} />
      </Card>
      <Card title={tp("title")} id="password">
        <p className="mb-3 text-sm text-slate-700">{tp("profileIntro")}</p>
        <ChangePasswordForm email={me.email} />
      </Card>
      <Card title={t("tokens")} id="tokens">
        <TokensPanel initial={tokens} />
      </Card>
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/profile", ProfilePage);
