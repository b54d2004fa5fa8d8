import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/notifications/public-shell";
import { ResetPasswordForm } from "@/components/notifications/password-reset-forms";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("notifications.forgot");
  return { title: t("resetTitle") };
}

async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const t = await getTranslations("notifications.forgot");
  const { token } = await searchParams;
  return (
    <PublicShell title={t("resetTitle")} intro={t("resetIntro")}>
      <ResetPasswordForm token={typeof token === "string" ? token : ""} />
    </PublicShell>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/reset-password", ResetPasswordPage);
