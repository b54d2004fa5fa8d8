import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { getReference } from "@/lib/server/reference";
import { Card, PageHeader } from "@/components/ui/page-header";
import type { Locale } from "@/lib/i18n/config";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("maturity");
  return { title: t("title") };
}

export default async function MaturityModelPage() {
  await requireActor();
  const t = await getTranslations("maturity");
  const vi = ((await getLocale()) as Locale) === "vi";
  const ref = await getReference();
  const metricName = (code: string) => {
    const m = ref.metrics.find((x) => x.code === code);
    return m ? (vi ? m.nameVi : m.nameEn) : code;
  };
  const list = (title: string, id: string, items: typeof ref.buildingBlocks) => (
    <Card title={title} id={id}>
      <ul className="space-y-3">
        {items.map((i) => (
          <li key={i.code}>
            <p className="font-semibold">{vi ? i.nameVi : i.nameEn}</p>
            <p className="text-sm text-slate-700">{vi ? i.descriptionVi : i.descriptionEn}</p>
            <p className="text-xs text-slate-600">
              {t("code")}: <code>{i.code}</code>
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("stages")} id="stages">
        <div className="overflow-x-auto">
          <table className="min-w-[56rem] text-left text-sm">
            <caption className="sr-only">{t("stages")}</caption>
            <thead className="bg-slate-100">
              <tr>
                {["level", "stage", "maturity", "coreValue", "serviceModel", "platform", "keyTechnology", "keyMetric"].map((k) => (
                  <th key={k} scope="col" className="px-3 py-2 font-semibold">
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ref.maturityStages.map((s) => (
                <tr key={s.level} className="border-t border-slate-200 align-top">
                  <th scope="row" className="px-3 py-2 font-bold">
                    {s.level}
                  </th>
                  <td className="px-3 py-2 font-semibold">{vi ? s.nameVi : s.nameEn}</td>
                  <td className="px-3 py-2">{vi ? s.maturityVi : s.maturityEn}</td>
                  <td className="px-3 py-2">{vi ? s.coreValueVi : s.coreValueEn}</td>
                  <td className="px-3 py-2">{vi ? s.serviceModelVi : s.serviceModelEn}</td>
                  <td className="px-3 py-2">{vi ? s.platformVi : s.platformEn}</td>
                  <td className="px-3 py-2">{vi ? s.keyTechnologyVi : s.keyTechnologyEn}</td>
                  <td className="px-3 py-2">{metricName(s.keyMetric)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        {list(t("buildingBlocks"), "blocks", ref.buildingBlocks)}
        {list(t("metrics"), "metrics", ref.metrics)}
        {list(t("principles"), "principles", ref.principles)}
        {list(t("enablers"), "enablers", ref.enablers)}
      </div>
    </div>
  );
}
