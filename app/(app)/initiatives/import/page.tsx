import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { INITIATIVE_CSV_COLUMNS } from "@/lib/domain/csv";
import { IMPORT_MAX_BYTES } from "@/lib/server/initiatives-csv";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ImportForm } from "@/components/initiatives/import-form";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("initiatives");
  return { title: t("import.title") };
}

async function ImportPage() {
  const actor = await requireActor();
  if (!can(actor, "initiative.write")) notFound();
  const t = await getTranslations("initiatives");
  const tx = await getTranslations("spreadsheets");
  const template = actor.organisationId ? `/api/v1/initiatives/export.csv?organisationId=${actor.organisationId}` : "/api/v1/initiatives/export.csv";
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader title={t("import.title")} description={t("import.description")} />
      <ImportForm maxMb={IMPORT_MAX_BYTES / 1024 / 1024} />
      <Card title={t("import.formatTitle")} id="format">
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          <li>{tx("import.formatEncoding")}</li>
          <li>{tx("import.formatValues")}</li>
          <li>
            {t("import.formatColumns")} <code className="break-all text-xs">{INITIATIVE_CSV_COLUMNS.join(",")}</code>
          </li>
          <li>{t("import.formatLists")}</li>
          <li>{tx("import.formatKey")}</li>
          <li>{t("import.formatScope")}</li>
        </ul>
        <p className="mt-3 flex flex-wrap gap-4 text-sm">
          <a href={template} download className="font-medium text-brand-800 underline">
            {t("import.template")}
          </a>
          <a href={template.replace("export.csv", "export.xlsx")} download className="font-medium text-brand-800 underline">
            {tx("import.templateXlsx")}
          </a>
        </p>
      </Card>
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/initiatives/import", ImportPage);
