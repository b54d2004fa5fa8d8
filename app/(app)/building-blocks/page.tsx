import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { buildingBlockOverview } from "@/lib/server/dashboard";
import { getReference } from "@/lib/server/reference";
import { Card, PageHeader } from "@/components/ui/page-header";
import type { Locale } from "@/lib/i18n/config";
import { formatNumber, formatPercent, localName } from "@/lib/i18n/format";
import { INITIATIVE_STATUSES } from "@/lib/domain/codes";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("blocks.title") };
}

export default async function BuildingBlocksPage() {
  const actor = await requireActor();
  const t = await getTranslations("dashboard");
  const locale = (await getLocale()) as Locale;
  const [overview, ref] = await Promise.all([buildingBlockOverview(actor), getReference()]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("blocks.title")} description={t("blocks.intro")} />
      <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="blocks">
        {overview.map((b) => {
          const item = ref.buildingBlocks.find((x) => x.code === b.block);
          return (
            <li key={b.block}>
              <Card className="h-full">
                <h2 className="text-base font-semibold">
                  <Link href={`/building-blocks/${b.block}`}>{localName(locale, item)}</Link>
                </h2>
                <p className="mt-1 text-sm text-slate-700">
                  {item ? (locale === "vi" ? item.descriptionVi : item.descriptionEn) : ""}
                </p>
                <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
                  <div>
                    <dt className="text-slate-700">{t("initiatives.count")}</dt>
                    <dd className="text-lg font-bold tabular-nums">{formatNumber(locale, b.count)}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-700">{t("initiatives.averageProgress")}</dt>
                    <dd className="text-lg font-bold tabular-nums">{formatPercent(locale, b.averageProgress, 1)}</dd>
                  </div>
                </dl>
                <p className="mt-2 text-xs text-slate-700">
                  {INITIATIVE_STATUSES.map((s) => `${t(`status.${s}`)}: ${b.byStatus[s]}`).join(" · ")}
                </p>
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
