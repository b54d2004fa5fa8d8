import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { reportingForm } from "@/lib/server/reports";
import { organisationKpis, reportingOrganisations } from "@/lib/server/reporting";
import { getReference } from "@/lib/server/reference";
import { getReportingCalendar } from "@/lib/server/reporting-calendar";
import { dueReportingPeriod } from "@/lib/server/reminders";
import { DueDate } from "@/components/calendar/due-date";
import { localName } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { Card, PageHeader } from "@/components/ui/page-header";
import { Badge, STATUS_TONE } from "@/components/ui/badge";
import { ReportFilters } from "@/components/reports/filters";
import { ReportingForm, type MetricInfo } from "@/components/reports/reporting-form";
import { KpiValues } from "@/components/reports/kpi-values";
import { ReportWorkbook } from "@/components/reports/report-workbook";
import { chosenPeriod, periodOptions, quarterParts } from "@/components/reports/periods";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("reports");
  return { title: t("reporting.title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

async function ReportsPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor();
  const t = await getTranslations("reports");
  const tc = await getTranslations();
  const locale = (await getLocale()) as Locale;
  const organisations = await reportingOrganisations(actor);
  if (organisations.length === 0) {
    return (
      <div>
        <PageHeader title={t("reporting.title")} />
        <Card>
          <h2 className="text-base font-semibold">{tc("errors.forbiddenTitle")}</h2>
          <p className="text-sm text-slate-700">{t("reporting.notAllowed")}</p>
        </Card>
      </div>
    );
  }

  const sp = await searchParams;
  // without a quarter asked for, the one that is due (issue 18), not the one before
  const period = typeof sp.period === "string" && sp.period !== "" ? chosenPeriod(sp.period) : await dueReportingPeriod();
  const asked = typeof sp.organisationId === "string" && sp.organisationId !== "" ? sp.organisationId : null;
  // an organisation outside the caller's reporting scope is not offered here (its drafts are not theirs to see)
  if (asked && !organisations.some((o) => o.id === asked)) notFound();
  const organisationId = asked ?? (actor.organisationId && organisations.some((o) => o.id === actor.organisationId) ? actor.organisationId : null);
  const label = (o: (typeof organisations)[number]) => (o.kind === "AGENCY" ? `— ${localName(locale, o)}` : localName(locale, o));
  const quarter = t("quarter", quarterParts(period));

  const filters = (
    <ReportFilters
      action="/reports"
      periods={periodOptions(period)}
      period={period}
      organisations={organisations.length > 1 ? organisations.map((o) => ({ id: o.id, label: label(o) })) : undefined}
      organisationId={organisationId}
    />
  );

  if (!organisationId) {
    return (
      <div>
        <PageHeader title={t("reporting.title")} description={t("reporting.intro")} />
        {filters}
        <p className="text-sm text-slate-800">{t("reporting.chooseOrganisation")}</p>
      </div>
    );
  }

  const [form, kpis, ref, [cal]] = await Promise.all([
    reportingForm(actor, organisationId, period),
    organisationKpis(actor, organisationId, period),
    getReference(),
    getReportingCalendar(actor, { from: period, to: period }),
  ]);
  const org = organisations.find((o) => o.id === organisationId)!;
  const metrics: MetricInfo[] = form.metrics.map((m) => {
    const r = ref.metrics.find((x) => x.code === m.metric);
    return {
      ...m,
      name: r ? localName(locale, r) : m.metric,
      description: r ? (locale === "vi" ? r.descriptionVi : r.descriptionEn) : "",
    };
  });
  const counts = new Map<string, number>();
  for (const m of form.metrics) {
    const s = m.report?.status ?? "NOT_STARTED";
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }

  return (
    <div>
      <PageHeader title={t("reporting.title")} description={t("reporting.intro")} />
      {filters}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-labelledby="metrics-title">
          <h2 id="metrics-title" className="text-lg font-semibold text-slate-900">
            {t("reporting.metricsFor", { organisation: localName(locale, org), quarter })}
          </h2>
          <div className="mt-2">
            <DueDate dueDate={cal.dueDate} cutOff={cal.cutOff} showCutOff />
          </div>
          <ul className="mb-3 mt-2 flex flex-wrap gap-2" aria-label={t("reporting.summary")}>
            {["NOT_STARTED", "DRAFT", "REJECTED", "SUBMITTED", "APPROVED"]
              .filter((s) => counts.has(s))
              .map((s) => (
                <li key={s}>
                  <Badge tone={s === "NOT_STARTED" ? "amber" : STATUS_TONE[s]}>
                    {t(`status.${s}`)}: {counts.get(s)}
                  </Badge>
                </li>
              ))}
          </ul>
          <div className="mb-4">
            <ReportWorkbook organisationId={organisationId} period={period} periodLabel={quarter} canEdit={form.canEdit} />
          </div>
          <ReportingForm
            key={`${organisationId}|${period}`}
            organisationId={organisationId}
            period={period}
            previousPeriod={form.previousPeriod}
            canEdit={form.canEdit}
            metrics={metrics}
          />
        </section>
        <Card title={t("kpis.title", { quarter })} id="kpis" className="self-start">
          <p className="mb-2 text-sm text-slate-700">{t("kpis.intro")}</p>
          <KpiValues key={`${organisationId}|${period}`} period={period} canEdit={kpis.canEdit} kpis={kpis.kpis} />
        </Card>
      </div>
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/reports", ReportsPage);
