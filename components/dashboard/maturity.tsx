import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/page-header";
import { ChartFrame } from "./chart-frame";
import { HorizontalBars } from "./svg-charts";
import { formatMetric, type RefNames } from "./names";
import { dashboardT } from "./sections";
import type { Locale } from "@/lib/i18n/config";
import { formatNumber } from "@/lib/i18n/format";
import { STAGES } from "@/lib/domain/codes";
import type { OrganisationDashboardDto } from "@/lib/dto/dashboard";

/**
 * An organisation's evidence-based stage beside the stages its initiatives claim, and why: each threshold met, missed
 * or without an approved figure, value against threshold (spec/domain.md "Evidence-based maturity stage").
 */
export async function MaturityCard({
  explanation,
  claimed,
  locale,
  names,
}: {
  explanation: OrganisationDashboardDto["maturityExplanation"];
  claimed: Record<"1" | "2" | "3" | "4" | "5", number>;
  locale: Locale;
  names: RefNames;
}) {
  const t = await dashboardT();
  const stage = explanation.stage;
  const claims = STAGES.map((s) => ({ stage: s, name: `${s}. ${names.stage(s)}`, value: claimed[String(s) as "1"] }));
  const totalClaims = claims.reduce((a, c) => a + c.value, 0);
  const above = claims.filter((c) => c.stage > stage).reduce((a, c) => a + c.value, 0);
  const firstMissing = explanation.checks.find((c) => !c.counted);
  return (
    <Card title={t("maturity.title")} id="maturity">
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <div>
          <p className="text-sm text-slate-700">{t("maturity.evidence")}</p>
          <p className="mt-1 text-3xl font-bold text-slate-900" data-testid="evidence-stage">
            {stage} · {names.stage(stage)}
          </p>
          <p className="mt-2 text-sm text-slate-800">
            {firstMissing
              ? t(firstMissing.status === "missing" ? "maturity.whyMissing" : "maturity.whyMissed", {
                  next: `${stage + 1}. ${names.stage(stage + 1)}`,
                  metric: names.metric(firstMissing.metric),
                  value: formatMetric(locale, firstMissing.metric, firstMissing.value),
                  threshold: formatMetric(locale, firstMissing.metric, firstMissing.threshold),
                })
              : t("maturity.allMet")}
          </p>
          {totalClaims > 0 && (
            <p className="mt-2 text-sm text-slate-800" data-testid="claims-gap">
              {above > 0
                ? t("maturity.claimsAbove", { n: above, total: totalClaims })
                : t("maturity.claimsNotAbove", { total: totalClaims })}
            </p>
          )}
          <div className="mt-4 overflow-x-auto">
            <table className="w-full min-w-[28rem] text-left text-sm" data-testid="maturity-checks">
              <caption className="mb-1 text-left text-sm font-semibold text-slate-900">
                {t("maturity.checksCaption")}
              </caption>
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("maturity.toReach")}
                  </th>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("maturity.metric")}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right font-semibold">
                    {t("maturity.value")}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right font-semibold">
                    {t("maturity.threshold")}
                  </th>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("maturity.result")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {explanation.checks.map((c, i) => (
                  <tr key={c.metric} className="border-t border-slate-200 align-top">
                    <th scope="row" className="px-2 py-1 font-normal">
                      {i + 2}. {names.stage(i + 2)}
                    </th>
                    <td className="px-2 py-1">{names.metric(c.metric)}</td>
                    <td className="whitespace-nowrap px-2 py-1 text-right tabular-nums">
                      {formatMetric(locale, c.metric, c.value)}
                    </td>
                    <td className="whitespace-nowrap px-2 py-1 text-right tabular-nums">
                      ≥ {formatMetric(locale, c.metric, c.threshold)}
                    </td>
                    <td className="px-2 py-1">
                      <Badge
                        tone={
                          c.status === "met" ? (c.counted ? "green" : "teal") : c.status === "missed" ? "red" : "slate"
                        }
                      >
                        {t(`maturity.${c.status === "met" && !c.counted ? "metNotCounted" : c.status}`)}
                      </Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-xs text-slate-700">{t("maturity.rule")}</p>
        </div>
        <ChartFrame
          title={t("maturity.claimedTitle")}
          head={[t("stages.stage"), t("maturity.claimedCount")]}
          rows={claims.map((c) => [
            c.stage === stage ? `${c.name} (${t("maturity.evidenceShort")})` : c.name,
            formatNumber(locale, c.value),
          ])}
          testId="claimed-chart"
        >
          <HorizontalBars
            data={claims.map(({ name, value }) => ({ name, value }))}
            valueName={t("maturity.claimedCount")}
          />
        </ChartFrame>
      </div>
    </Card>
  );
}
