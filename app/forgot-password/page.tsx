import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/notifications/public-shell";
import { ForgotPasswordForm } from "@/components/notifications/password-reset-forms";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("notifications.forgot");
  return { title: t("title") };
}

async function ForgotPasswordPage() {
  const t = await getTranslations("notifications.forgot");
  return (
    <PublicShell title={t("title")} intro={t("intro")}>
      <ForgotPasswordForm />
    </PublicShell>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/forgot-password", ForgotPasswordPage);
