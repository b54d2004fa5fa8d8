import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/notifications/public-shell";
import { ForgotPasswordForm } from "@/components/notifications/password-reset-forms";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("notifications.forgot");
  return { title: t("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("notifications.forgot");
  return (
    <PublicShell title={t("title")} intro={t("intro")}>
      <ForgotPasswordForm />
    </PublicShell>
  );
}
