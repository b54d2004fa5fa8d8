import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listOrganisations } from "@/lib/server/organisations";
import { PageHeader } from "@/components/ui/page-header";
import { OrganisationsScreen } from "@/components/admin/organisations-screen";
import { DissolvedOrganisations } from "@/components/restructuring/dissolved-table";
import { LinkButton } from "@/components/ui/button";
import { todayInVietnam } from "@/lib/domain/validity";
import type { Locale } from "@/lib/i18n/config";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("admin.organisations");
  return { title: t("title") };
}

async function OrganisationsPage() {
  const actor = await requireActor();
  if (!can(actor, "organisation.manage")) notFound();
  const t = await getTranslations("admin.organisations");
  const tr = await getTranslations("restructuring");
  const locale = (await getLocale()) as Locale;
  const all = await listOrganisations(actor, { status: "all" });
  // bodies dissolved by a restructuring are shown apart: they can no longer receive new records
  const today = todayInVietnam();
  const dissolved = all.filter((o) => o.validTo !== null && o.validTo <= today);
  const organisations = all.filter((o) => !dissolved.includes(o));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <>
            <LinkButton href="/restructurings" variant="secondary">
              {tr("title")}
            </LinkButton>
            <LinkButton href="/restructurings/new">{tr("new")}</LinkButton>
          </>
        }
      />
      <OrganisationsScreen organisations={organisations} />
      <DissolvedOrganisations dissolved={dissolved} all={all} locale={locale} />
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/admin/organisations", OrganisationsPage);
