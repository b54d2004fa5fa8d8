import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getNationalTargets } from "@/lib/server/targets";
import { getReference } from "@/lib/server/reference";
import { PageHeader } from "@/components/ui/page-header";
import { TargetsForm } from "@/components/admin/targets-form";
import { localName } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("admin.targets");
  return { title: t("title") };
}

async function TargetsAdminPage() {
  const actor = await requireActor();
  if (!can(actor, "settings.manage")) notFound();
  const t = await getTranslations("admin.targets");
  const locale = (await getLocale()) as Locale;
  const [targets, ref] = await Promise.all([getNationalTargets(actor), getReference()]);
  const metrics = ref.metrics.map((m) => ({ code: m.code, name: localName(locale, m), kind: m.kind }));
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <TargetsForm initial={targets} metrics={metrics} />
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/admin/targets", TargetsAdminPage);
