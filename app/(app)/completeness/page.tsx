import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { completeness } from "@/lib/server/reports";
import { DueDate } from "@/components/calendar/due-date";
import { getReference } from "@/lib/server/reference";
import { formatNumber, formatPercent, localName } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { METRICS } from "@/lib/domain/codes";
import { PageHeader } from "@/components/ui/page-header";
import { Badge, STATUS_TONE } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { ReportFilters } from "@/components/reports/filters";
import { chosenPeriod, periodOptions, quarterParts } from "@/components/reports/periods";
import { completenessCsv } from "@/components/reports/completeness-csv";
import type { CellStatusDto } from "@/lib/dto/reports";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("reports");
  return { title: t("completeness.title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const tone = (s: CellStatusDto) => (s === "MISSING" ? "amber" : STATUS_TONE[s]);

export default async function CompletenessPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor();
  const t = await getTranslations("reports");
  const tcal = await getTranslations("calendar");
  const tk = await getTranslations("kinds");
  const locale = (await getLocale()) as Locale;
  const sp = await searchParams;
  const period = chosenPeriod(sp.period, new Date(), false);
  const missingOnly = sp.missingOnly === "1";
  const [data, ref] = await Promise.all([completeness(actor, period), getReference()]);
  const quarter = t("quarter", quarterParts(period));
  const metricName = (code: string) => localName(locale, ref.metrics.find((m) => m.code === code));
  const rows = missingOnly ? data.organisations.filter((o) => o.missingCount > 0) : data.organisations;
  const missingTotal = data.expected - data.submitted;
  const complete = data.organisations.filter((o) => o.missingCount === 0).length;
  const perMetric = METRICS.map((m) => ({
    metric: m,
    submitted: data.organisations.filter((o) => o.statuses[m] === "SUBMITTED" || o.statuses[m] === "APPROVED").length,
    approved: data.organisations.filter((o) => o.statuses[m] === "APPROVED").length,
  }));
  const csvHref = `data:text/csv;charset=utf-8,${encodeURIComponent(completenessCsv(period, data.organisations))}`;
  const toggleHref = `/completeness?period=${period}${missingOnly ? "" : "&missingOnly=1"}`;

  const share = (n: number) => formatPercent(locale, data.expected ? (n / data.expected) * 100 : null, 0);
  const stat = (label: string, value: string, testId: string, extra?: string) => (
    <div className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-bold text-slate-900" data-testid={testId}>
        {value}
        {extra && <span className="ml-1 text-base font-semibold text-slate-700">({extra})</span>}
      </dd>
    </div>
  );

  return (
    <div>
      <PageHeader
        title={t("completeness.title")}
        description={t("completeness.intro")}
        actions={
          <a href={csvHref} download={`completeness-${period}.csv`} className={buttonClass("secondary")}>
            {t("completeness.downloadCsv")}
          </a>
        }
      />
      <ReportFilters action="/completeness" periods={periodOptions(period)} period={period} />
      <h2 className="mb-2 text-lg font-semibold text-slate-900">{t("completeness.summaryTitle", { quarter })}</h2>
      {data.dueDate && (
        <div className="mb-3">
          <DueDate dueDate={data.dueDate} />
        </div>
      )}
      <dl className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-3">
        {stat(t("completeness.expected"), formatNumber(locale, data.expected), "total-expected")}
        {stat(t("completeness.missing"), formatNumber(locale, missingTotal), "total-missing")}
        {stat(tcal("onTime"), formatNumber(locale, data.timeliness.onTime), "total-on-time")}
        {stat(tcal("late"), formatNumber(locale, data.timeliness.late), "total-late")}
        {stat(t("completeness.submittedOrApproved"), formatNumber(locale, data.submitted), "total-submitted", share(data.submitted))}
        {stat(t("completeness.approved"), formatNumber(locale, data.approved), "total-approved", share(data.approved))}
      </dl>
      <p className="mb-2 text-sm text-slate-800">
        {t("completeness.completeOrgs", { complete, total: data.organisations.length })} {t("completeness.rule")}
      </p>
      <p className="mb-4 text-sm">
        <Link href={toggleHref}>{missingOnly ? t("completeness.showAll") : t("completeness.showMissingOnly")}</Link>
      </p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full min-w-[60rem] text-left text-sm">
          <caption className="p-3 text-left text-sm font-semibold text-slate-900">{t("completeness.caption", { quarter, count: rows.length })}</caption>
          <thead className="bg-slate-100 align-bottom">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">{t("completeness.organisation")}</th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">{t("completeness.missingCol")}</th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">{tcal("late")}</th>
              {METRICS.map((m) => (
                <th key={m} scope="col" className="px-3 py-2 text-xs font-semibold">
                  {metricName(m)}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right font-semibold">{t("completeness.approvedCol")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.organisationId} className="border-t border-slate-200" data-testid={`completeness-${o.code}`}>
                <th scope="row" className="px-3 py-2 font-medium">
                  {localName(locale, o)}
                  <span className="block text-xs font-normal text-slate-700">{tk(o.kind)}</span>
                </th>
                <td className="px-3 py-2 text-right font-semibold">{o.missingCount}</td>
                <td className="px-3 py-2 text-right" data-testid={`late-${o.code}`}>
                  {o.late}
                </td>
                {METRICS.map((m) => (
                  <td key={m} className="px-3 py-2">
                    <span className="flex flex-wrap gap-1">
                      <Badge tone={tone(o.statuses[m])}>{t(`cell.${o.statuses[m]}`)}</Badge>
                      {o.lateMetrics.includes(m) && o.statuses[m] !== "MISSING" && <Badge tone="red">{tcal("late")}</Badge>}
                    </span>
                  </td>
                ))}
                <td className="px-3 py-2 text-right">
                  {o.approved}/{o.expected}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={METRICS.length + 4} className="px-3 py-4 text-center text-slate-700">
                  {t("completeness.nothingMissing")}
                </td>
              </tr>
            )}
          </tbody>
          <tfoot className="border-t-2 border-slate-300 bg-slate-50">
            <tr>
              <th scope="row" className="px-3 py-2 font-semibold">{t("completeness.totals")}</th>
              <td className="px-3 py-2 text-right font-semibold">{missingTotal}</td>
              <td className="px-3 py-2 text-right font-semibold">{data.timeliness.late}</td>
              {perMetric.map((p) => (
                <td key={p.metric} className="px-3 py-2 text-xs">
                  {t("completeness.metricTotals", { submitted: p.submitted, approved: p.approved, total: data.organisations.length })}
                </td>
              ))}
              <td className="px-3 py-2 text-right font-semibold">
                {data.approved}/{data.expected}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="mt-3 text-xs text-slate-700">{t("completeness.visibility")}</p>
    </div>
  );
}
