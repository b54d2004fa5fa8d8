import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getThresholdSettings } from "@/lib/server/thresholds";
import { getReference } from "@/lib/server/reference";
import { localName } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { THRESHOLD_METRICS, type ThresholdMetric } from "@/lib/domain/maturity";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ThresholdsForm } from "@/components/reports/thresholds-form";
import { SignatureForm } from "@/components/briefing/signature-form";
import { getBriefingSettings } from "@/lib/server/briefing-settings";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("reports");
  return { title: t("thresholds.pageTitle") };
}

async function SettingsPage() {
  const actor = await requireActor();
  const t = await getTranslations("reports");
  const tc = await getTranslations();
  if (!can(actor, "settings.manage")) {
    return (
      <div>
        <PageHeader title={t("thresholds.pageTitle")} />
        <Card>
          <h2 className="text-base font-semibold">{tc("errors.forbiddenTitle")}</h2>
          <p className="text-sm text-slate-700" data-testid="not-allowed">
            {t("thresholds.notAllowed")}
          </p>
        </Card>
      </div>
    );
  }
  const locale = (await getLocale()) as Locale;
  const tb = await getTranslations("briefing");
  const [settings, ref, signature] = await Promise.all([getThresholdSettings(actor), getReference(), getBriefingSettings(actor)]);
  const metricNames = Object.fromEntries(THRESHOLD_METRICS.map((m) => [m, localName(locale, ref.metrics.find((x) => x.code === m))])) as Record<ThresholdMetric, string>;
  return (
    <div className="space-y-6">
      <PageHeader title={t("thresholds.pageTitle")} description={t("thresholds.intro")} />
      <Card title={t("thresholds.title")} id="thresholds">
        <p id="thresholds-rule" className="mb-4 rounded-md border border-brand-200 bg-brand-50 p-3 text-sm text-slate-900">
          {t("thresholds.rule")}
        </p>
        <ThresholdsForm actorName={actor.name} initial={settings.thresholds} metricNames={metricNames} updatedAt={settings.updatedAt} updatedBy={settings.updatedBy?.name ?? null} />
      </Card>
      <Card title={tb("settings.title")} id="briefing-signature">
        <SignatureForm initial={signature} />
      </Card>
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/admin/settings", SettingsPage);
