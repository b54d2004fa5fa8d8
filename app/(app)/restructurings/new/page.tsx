import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listOrganisations } from "@/lib/server/organisations";
import { PageHeader } from "@/components/ui/page-header";
import { RestructuringWizard } from "@/components/restructuring/wizard";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("restructuring.wizard");
  return { title: t("title") };
}

async function NewRestructuringPage() {
  const actor = await requireActor();
  if (!can(actor, "organisation.manage")) notFound();
  const t = await getTranslations("restructuring.wizard");
  const orgs = await listOrganisations(actor, { status: "all" });
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t("title")} description={t("intro")} />
      <RestructuringWizard
        organisations={orgs.map((o) => ({ id: o.id, code: o.code, nameVi: o.nameVi, nameEn: o.nameEn, kind: o.kind, validFrom: o.validFrom, validTo: o.validTo }))}
      />
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/restructurings/new", NewRestructuringPage);
