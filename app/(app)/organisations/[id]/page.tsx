import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { organisationDashboard } from "@/lib/server/dashboard";
import { agencyTable, dashboardTrendSet } from "@/lib/server/dashboard-screens";
import { latestClosedPeriod } from "@/lib/server/dashboard-sql";
import { organisationNames } from "@/lib/server/dashboard-lineage";
import { BasisSwitch, QuarterBanner } from "@/components/dashboard/quality";
import { organisationTargets } from "@/lib/server/targets";
import { attention } from "@/lib/server/attention";
import { getReference } from "@/lib/server/reference";
import { getOrganisation, listOrganisations } from "@/lib/server/organisations";
import { listInitiatives } from "@/lib/server/initiatives";
import { NotFoundError } from "@/lib/server/errors";
import { Badge, STATUS_TONE } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/button";
import { DashboardControls } from "@/components/dashboard/controls";
import { OrganisationLineageSection } from "@/components/restructuring/organisation-lineage";
import { MaturityCard } from "@/components/dashboard/maturity";
import { PrintButton } from "@/components/dashboard/print-button";
import { BriefingDownload } from "@/components/briefing/download-button";
import { formatMetric, refNames } from "@/components/dashboard/names";
import { queryString, readAll, readBasis, readParams, withAll } from "@/components/dashboard/params";
import {
  AttentionPanel,
  CompletenessPanel,
  InitiativeSummary,
  MetricTiles,
  TargetRatings,
  TrendCharts,
  periodLabel,
} from "@/components/dashboard/sections";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatPercent, localName } from "@/lib/i18n/format";
import { METRICS } from "@/lib/domain/codes";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const locale = (await getLocale()) as Locale;
  try {
    return { title: localName(locale, await getOrganisation(actor, id)) };
  } catch {
    return {};
  }
}

async function OrganisationPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const search = await searchParams;
  const latestClosed = await latestClosedPeriod();
  const p = readParams(search, new Date(), latestClosed);
  const basis = readBasis(search);
  const { period, includeSubmitted } = p;
  const org = await load(getOrganisation(actor, id));
  const t = await getTranslations("dashboard");
  const tf = await getTranslations("figures");
  const tk = await getTranslations("kinds");
  const locale = (await getLocale()) as Locale;
  const isRoot = org.kind !== "AGENCY";

  const [d, trend, targets, needs, ref, orgs, initiatives, agencies] = await Promise.all([
    load(organisationDashboard(actor, id, { period, includeSubmitted: String(includeSubmitted), basis })),
    dashboardTrendSet(actor, { to: period, organisationId: id, includeSubmitted, basis }),
    organisationTargets(actor, id, { period }),
    attention(actor, { period, organisationId: id }),
    getReference(),
    listOrganisations(actor, { status: "all" }),
    listInitiatives(actor, { organisationId: id, pageSize: "20", sort: "-updatedAt" }),
    isRoot ? agencyTable(actor, id, period, includeSubmitted) : Promise.resolve([]),
  ]);
  const names = refNames(locale, ref);
  const orgById = new Map(orgs.map((o) => [o.id, localName(locale, o)]));
  const orgName = (x: string) => orgById.get(x) ?? x;
  const parent = org.parentId ? orgs.find((o) => o.id === org.parentId) : null;
  const qs = queryString(p);
  const briefingQs = queryString(p, { basis: basis === "reported" ? basis : undefined });
  const all = readAll(search);
  const nationalTarget = (m: string) => targets.national.find((n) => n.metric === m)?.target;
  // whose reports make up the figures when that is not the organisation alone (predecessors on the comparable basis)
  const lineageNames = d.lineage.length === 1 && d.lineage[0] === id ? [] : await organisationNames(d.lineage);
  const lineageText =
    d.lineage.length === 0 || lineageNames.length === 0
      ? null
      : tf("basis.lineage", { period: periodLabel(t, period), names: lineageNames.map((o) => localName(locale, o)).join("; ") });

  return (
    <div className="space-y-6">
      <nav aria-label={t("org.breadcrumb")} className="no-print text-sm">
        <Link href={`/dashboard?${qs}`}>← {t("org.backToNational")}</Link>
        {parent && (
          <>
            {" · "}
            <Link href={`/organisations/${parent.id}?${qs}`}>{localName(locale, parent)}</Link>
          </>
        )}
      </nav>
      <PageHeader
        title={localName(locale, org)}
        description={t("org.description", {
          kind: tk(org.kind),
          period: periodLabel(t, period),
          scope: t(includeSubmitted ? "controls.includeSubmitted" : "controls.approvedOnly"),
          agencies: isRoot ? t("org.withAgencies", { n: agencies.length }) : "",
        })}
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <BriefingDownload href={`/api/v1/dashboard/organisations/${id}/briefing.pdf?${briefingQs}`} />
            <PrintButton label={t("print")} />
          </div>
        }
      />
      <OrganisationLineageSection actor={actor} organisation={org} locale={locale} />
      <DashboardControls action={`/organisations/${id}`} params={p} hidden={{ basis: basis === "reported" ? basis : undefined }} />

      {d.quarter.open && (
        <QuarterBanner
          period={period}
          dueDate={d.quarter.dueDate}
          latestClosed={latestClosed}
          href={(x) => `/organisations/${id}?${queryString({ ...p, period: x }, { basis: basis === "reported" ? basis : undefined })}`}
          locale={locale}
        />
      )}

      <BasisSwitch
        basis={basis}
        href={(b) => `/organisations/${id}?${queryString(p, { basis: b === "reported" ? b : undefined })}`}
        partial={d.partial}
        lineageText={lineageText}
      />

      <MetricTiles metrics={d.metrics} period={period} locale={locale} names={names} minimumCoverage={d.quarter.minimumCoverage} />

      <MaturityCard explanation={d.maturityExplanation} claimed={d.claimedStages} locale={locale} names={names} />

      {isRoot && (
        <TargetRatings
          title={t("targets.orgTitle")}
          intro={t("targets.orgIntro", { period: periodLabel(t, period) })}
          rows={targets.organisations.map((o) => ({
            metric: o.metric,
            target: nationalTarget(o.metric),
            rating: o.rating,
            baseline: o.baseline,
            baselinePeriod: o.baselinePeriod,
          }))}
          locale={locale}
          names={names}
        />
      )}

      <AttentionPanel
        attention={needs}
        locale={locale}
        names={names}
        orgName={orgName}
        title={t("org.attentionTitle", { period: periodLabel(t, period) })}
        allHref={`/organisations/${id}?${queryString(p, { basis: basis === "reported" ? basis : undefined, all: withAll(all, "attention") })}#attention`}
        showAll={all.has("attention")}
      />

      <TrendCharts trend={trend.points} restructurings={trend.restructurings} locale={locale} names={names} />

      <InitiativeSummary ini={d.initiatives} locale={locale} names={names} scopeQuery={`organisationId=${id}`} />

      {isRoot && (
        <CompletenessPanel
          compliance={d.compliance}
          period={period}
          orgName={orgName}
          names={names}
          locale={locale}
          single
        />
      )}

      {isRoot && agencies.length > 0 && (
        <Card title={t("org.agencies")} id="agencies">
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] text-left text-sm" data-testid="agencies">
              <caption className="sr-only">{t("org.agencies")}</caption>
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("ranking.organisation")}
                  </th>
                  {METRICS.map((m) => (
                    <th key={m} scope="col" className="px-2 py-1 text-right font-semibold" title={names.metric(m)}>
                      {t(`metricShort.${m}`)}
                    </th>
                  ))}
                  <th scope="col" className="px-2 py-1 text-right font-semibold">
                    {t("ranking.initiatives")}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right font-semibold">
                    {t("ranking.progress")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {agencies.map((a) => (
                  <tr key={a.organisationId} className="border-t border-slate-200">
                    <th scope="row" className="px-2 py-1 font-normal">
                      <Link href={`/organisations/${a.organisationId}?${qs}`}>{localName(locale, a)}</Link>
                    </th>
                    {METRICS.map((m) => (
                      <td key={m} className="px-2 py-1 text-right tabular-nums">
                        {formatMetric(locale, m, a.metrics[m])}
                      </td>
                    ))}
                    <td className="px-2 py-1 text-right tabular-nums">{a.initiatives}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{formatPercent(locale, a.averageProgress, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}

      <Card title={t("org.initiativesTitle", { n: initiatives.total })} id="initiative-list">
        {initiatives.data.length === 0 ? (
          <p className="text-sm text-slate-700">{t("org.noInitiatives")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm" data-testid="org-initiatives">
              <caption className="sr-only">{t("org.initiativesCaption")}</caption>
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("org.initiative")}
                  </th>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("initiatives.status")}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right font-semibold">
                    {t("org.progress")}
                  </th>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("org.claimedStage")}
                  </th>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("org.updated")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {initiatives.data.map((i) => (
                  <tr key={i.id} className="border-t border-slate-200 align-top">
                    <th scope="row" className="px-2 py-1 font-normal">
                      <Link href={`/initiatives/${i.id}`}>{i.title}</Link>
                    </th>
                    <td className="px-2 py-1">
                      <Badge tone={STATUS_TONE[i.status]}>{t(`status.${i.status}`)}</Badge>
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">{formatPercent(locale, i.progress, 0)}</td>
                    <td className="px-2 py-1">
                      {i.currentStage}. {names.stage(i.currentStage)}
                    </td>
                    <td className="px-2 py-1 whitespace-nowrap">{formatDate(locale, i.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="no-print mt-3">
          <LinkButton variant="secondary" href={`/initiatives?organisationId=${id}`}>
            {t("org.allInitiatives")}
          </LinkButton>
        </div>
      </Card>
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/organisations/[id]", OrganisationPage);
