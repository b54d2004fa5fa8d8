import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listOrganisations } from "@/lib/server/organisations";
import { PageHeader } from "@/components/ui/page-header";
import { OrganisationsScreen } from "@/components/admin/organisations-screen";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("admin.organisations");
  return { title: t("title") };
}

export default async function OrganisationsPage() {
  const actor = await requireActor();
  if (!can(actor, "organisation.manage")) notFound();
  const t = await getTranslations("admin.organisations");
  const organisations = await listOrganisations(actor, { status: "all" });
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <OrganisationsScreen organisations={organisations} />
    </div>
  );
}
