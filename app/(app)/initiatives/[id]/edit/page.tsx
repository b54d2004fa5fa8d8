import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getInitiative } from "@/lib/server/initiatives";
import { NotFoundError } from "@/lib/server/errors";
import type { Locale } from "@/lib/i18n/config";
import { PageHeader } from "@/components/ui/page-header";
import { InitiativeForm } from "@/components/initiatives/initiative-form";
import { ArchiveButton } from "@/components/initiatives/archive-button";
import { formOptions } from "../../form-options";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("initiatives");
  return { title: t("form.editTitle") };
}

async function EditInitiativePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const initiative = await getInitiative(actor, id).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  // another organisation's officer, leadership, or an archived record: nothing to edit here
  if (!can(actor, "initiative.write", initiative.organisationId) || initiative.archivedAt) notFound();
  const t = await getTranslations("initiatives");
  const options = await formOptions(actor, (await getLocale()) as Locale, initiative.organisationId);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={t("form.editTitle")}
        description={initiative.title}
        actions={<ArchiveButton id={initiative.id} version={initiative.version} title={initiative.title} />}
      />
      {/* a new version (after "reload") remounts the form with the saved values */}
      <InitiativeForm key={`${initiative.id}-${initiative.version}`} initiative={initiative} {...options} />
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/initiatives/[id]/edit", EditInitiativePage);
