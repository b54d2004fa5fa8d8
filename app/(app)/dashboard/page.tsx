import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { coverageHeatmap, nationalDashboard, rankingTable } from "@/lib/server/dashboard";
import { dashboardTrendSet } from "@/lib/server/dashboard-screens";
import { latestClosedPeriod } from "@/lib/server/dashboard-sql";
import { targetsDashboard } from "@/lib/server/targets";
import { attention } from "@/lib/server/attention";
import { getReference } from "@/lib/server/reference";
import { listOrganisations } from "@/lib/server/organisations";
import { Card, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { SelectFilter } from "@/components/ui/field";
import { DashboardControls } from "@/components/dashboard/controls";
import { FilterForm } from "@/components/dashboard/filter-form";
import { PrintButton } from "@/components/dashboard/print-button";
import { BriefingDownload } from "@/components/briefing/download-button";
import { RankingSection } from "@/components/dashboard/ranking-section";
import { refNames } from "@/components/dashboard/names";
import { queryString, readAll, readParams, withAll, type LongList } from "@/components/dashboard/params";
import {
  AttentionPanel,
  CompletenessPanel,
  Heatmap,
  InitiativeSummary,
  MetricTiles,
  StageDistribution,
  TargetRatings,
  TrendCharts,
  periodLabel,
} from "@/components/dashboard/sections";
import type { Locale } from "@/lib/i18n/config";
import { formatPercent, localName } from "@/lib/i18n/format";
import { QuarterBanner } from "@/components/dashboard/quality";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("national.title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

async function DashboardPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor();
  const search = await searchParams;
  // the dashboard opens on the latest quarter that is no longer open (spec/coverage.md)
  const latestClosed = await latestClosedPeriod();
  const params = readParams(search, new Date(), latestClosed);
  const { period, includeSubmitted } = params;
  const t = await getTranslations("dashboard");
  const tx = await getTranslations("spreadsheets");
  const tf = await getTranslations("figures");
  const locale = (await getLocale()) as Locale;

  const orgs = await listOrganisations(actor, { status: "all" });
  const roots = orgs.filter((o) => o.kind !== "AGENCY");
  const attentionOrgRaw = typeof search.attentionOrg === "string" ? search.attentionOrg : "";
  const attentionOrg = roots.some((o) => o.id === attentionOrgRaw) ? attentionOrgRaw : undefined;

  const [national, trend, ranking, heatmap, targets, needs, ref] = await Promise.all([
    nationalDashboard(actor, { period, includeSubmitted: String(includeSubmitted) }),
    dashboardTrendSet(actor, { to: period, includeSubmitted }),
    rankingTable(actor, period, includeSubmitted),
    coverageHeatmap(actor, period),
    targetsDashboard(actor, { period }),
    attention(actor, { period, ...(attentionOrg ? { organisationId: attentionOrg } : {}) }),
    getReference(),
  ]);
  const names = refNames(locale, ref);
  const orgById = new Map(orgs.map((o) => [o.id, localName(locale, o)]));
  const orgName = (id: string) => orgById.get(id) ?? id;
  const qs = queryString(params);
  // long lists show their first rows; "show all" reloads the page with that list whole (?all=…)
  const all = readAll(search);
  const allHref = (list: LongList) =>
    all.has(list) ? undefined : `/dashboard?${queryString(params, { attentionOrg, all: withAll(all, list) })}#${list}`;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("national.title")}
        description={t("national.description", {
          period: periodLabel(t, period),
          scope: t(includeSubmitted ? "controls.includeSubmitted" : "controls.approvedOnly"),
        })}
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <BriefingDownload href={`/api/v1/dashboard/national/briefing.pdf?${qs}`} />
            <PrintButton label={t("print")} />
          </div>
        }
      />
      <DashboardControls action="/dashboard" params={params} hidden={{ attentionOrg }} />

      {national.quarter.open && (
        <QuarterBanner
          period={period}
          dueDate={national.quarter.dueDate}
          latestClosed={latestClosed}
          href={(p) => `/dashboard?${queryString({ ...params, period: p })}`}
          locale={locale}
        />
      )}

      <MetricTiles
        metrics={national.metrics}
        period={period}
        locale={locale}
        names={names}
        minimumCoverage={national.quarter.minimumCoverage}
      />

      <div className="grid gap-6 xl:grid-cols-2 [&>*]:min-w-0">
        <TargetRatings
          title={t("targets.nationalTitle")}
          intro={t("targets.nationalIntro", { period: periodLabel(t, period) })}
          rows={targets.national.map((n) => ({ metric: n.metric, target: n.target, rating: n.rating }))}
          note={tf("targetsSkip", { min: formatPercent(locale, national.quarter.minimumCoverage * 100, 0) })}
          locale={locale}
          names={names}
        />
        <StageDistribution rows={ranking} names={names} />
      </div>

      <AttentionPanel
        attention={needs}
        locale={locale}
        names={names}
        orgName={orgName}
        allHref={`/dashboard?${queryString(params, { attentionOrg, all: withAll(all, "attention") })}#attention`}
        showAll={all.has("attention")}
        filter={
          <FilterForm action="/dashboard" label={t("attention.filterLabel")} className="mb-4">
            <input type="hidden" name="period" value={period} />
            {includeSubmitted && <input type="hidden" name="includeSubmitted" value="true" />}
            <div className="flex flex-wrap items-end gap-2">
              <SelectFilter
                key={attentionOrg ?? "all"}
                id="attentionOrg"
                name="attentionOrg"
                label={t("attention.filter")}
                allLabel={t("attention.allOrganisations")}
                options={roots.map((o) => ({ value: o.id, label: localName(locale, o) }))}
                defaultValue={attentionOrg ?? ""}
              />
              <button type="submit" className={buttonClass("secondary")}>
                {t("controls.apply")}
              </button>
            </div>
          </FilterForm>
        }
      />

      <TrendCharts
        trend={trend.points}
        restructurings={trend.restructurings}
        locale={locale}
        names={names}
        targets={targets.national.map((n) => n.target)}
      />

      <Card title={t("ranking.title", { period: periodLabel(t, period) })} id="ranking">
        <p className="mb-3 flex flex-wrap justify-between gap-2 text-sm text-slate-700">
          <span>{t("ranking.intro")}</span>
          <span className="no-print flex flex-wrap gap-3">
            <a href={`/api/v1/dashboard/ranking.csv?${qs}`} className="font-medium" download>
              {t("csv.download", { table: t("ranking.short") })}
            </a>
            <a href={`/api/v1/dashboard/ranking.xlsx?${qs}`} className="font-medium" download>
              {tx("downloadTable", { table: t("ranking.short") })}
            </a>
          </span>
        </p>
        <RankingSection
          query={qs}
          rows={ranking.map((r) => ({
            organisationId: r.organisationId,
            code: r.code,
            name: localName(locale, r),
            kind: r.kind,
            metrics: r.metrics,
            maturityStage: r.maturityStage,
            initiatives: r.initiatives,
            averageProgress: r.averageProgress,
          }))}
          stageNames={Object.fromEntries(ref.maturityStages.map((s) => [s.level, localName(locale, s)]))}
          metricNames={Object.fromEntries(ref.metrics.map((m) => [m.code, localName(locale, m)]))}
        />
      </Card>

      <InitiativeSummary ini={national.initiatives} locale={locale} names={names} />

      <CompletenessPanel
        compliance={national.compliance}
        period={period}
        orgName={orgName}
        names={names}
        locale={locale}
        csvHref={`/api/v1/dashboard/completeness.csv?period=${period}`}
        allHref={allHref("completeness")}
      />

      <Heatmap
        rows={heatmap}
        locale={locale}
        names={names}
        csvHref={`/api/v1/dashboard/heatmap.csv?period=${period}`}
        allHref={allHref("heatmap")}
      />
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/dashboard", DashboardPage);
