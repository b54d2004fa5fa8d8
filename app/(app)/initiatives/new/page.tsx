import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/config";
import { PageHeader } from "@/components/ui/page-header";
import { InitiativeForm } from "@/components/initiatives/initiative-form";
import { formOptions } from "../form-options";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("initiatives");
  return { title: t("form.newTitle") };
}

async function NewInitiativePage() {
  const actor = await requireActor();
  // leadership never writes initiatives: the page does not exist for them
  if (!can(actor, "initiative.write")) notFound();
  const t = await getTranslations("initiatives");
  const options = await formOptions(actor, (await getLocale()) as Locale);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader title={t("form.newTitle")} description={t("form.newDescription")} />
      <InitiativeForm initiative={null} defaultOrganisationId={actor.organisationId} {...options} />
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/initiatives/new", NewInitiativePage);
