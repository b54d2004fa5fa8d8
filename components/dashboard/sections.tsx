/**
 * The dashboard's sections as server components: the national page and an organisation's page draw the same figures
 * with them. Charts are plain SVG/HTML drawn on the server (./svg-charts); every one has a data table beside it (./chart-frame).
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, STATUS_TONE } from "@/components/ui/badge";
import { Card } from "@/components/ui/page-header";
import { ChartFrame } from "./chart-frame";
import { HorizontalBars, StageChart, TrendChart } from "./svg-charts";
import { formatMetric, isPercentMetric, type RefNames } from "./names";
import { periodParts } from "./params";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatNumber, formatPercent, formatVnd } from "@/lib/i18n/format";
import { BUILDING_BLOCKS, INITIATIVE_STATUSES, METRICS, STAGES, type MetricCode } from "@/lib/domain/codes";
import { addQuarters } from "@/lib/domain/periods";
import type { RatioFigure } from "@/lib/domain/rollup";
import type { Rating } from "@/lib/domain/rating";
import { CoverageLine, ProvisionalNote } from "./quality";
import type { AttentionDto, HeatmapRowDto, InitiativesDto, MetricDto, TrendPointDto } from "@/lib/dto/dashboard";
import type { ComplianceDto } from "@/lib/dto/reports";
import type { RestructuringMarkDto } from "@/lib/dto/restructurings";
import type { NationalTargetDto } from "@/lib/dto/settings";

type T = Awaited<ReturnType<typeof getTranslations>>;

export async function dashboardT(): Promise<T> {
  return getTranslations("dashboard");
}

export function periodLabel(t: T, period: string): string {
  const { year, quarter } = periodParts(period);
  return t("quarterLabel", { quarter, year });
}

// ---------------------------------------------------------------------------------------------------------------

/** The five headline figures, each with its coverage, why it is provisional, and its change like for like. */
export async function MetricTiles({
  metrics,
  period,
  locale,
  names,
  minimumCoverage,
}: {
  metrics: Record<MetricCode, MetricDto>;
  period: string;
  locale: Locale;
  names: RefNames;
  minimumCoverage: number;
}) {
  const t = await dashboardT();
  const tf = await getTranslations("figures");
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label={t("tiles.title")} data-testid="metric-tiles">
      {METRICS.map((m) => {
        const f = metrics[m];
        const ch = f.change;
        const epsilon = isPercentMetric(m) ? 0.05 : 0.5;
        const dir = !ch ? null : Math.abs(ch.delta) < epsilon ? "same" : ch.delta > 0 ? "up" : "down";
        const ratio = "numerator" in f ? (f as RatioFigure) : null;
        const amount = ch
          ? isPercentMetric(m)
            ? t("tiles.points", { n: formatNumber(locale, Math.abs(ch.delta), 1) })
            : formatNumber(locale, Math.abs(ch.delta))
          : "";
        const tone = dir === "up" ? "text-green-800" : dir === "down" ? "text-red-800" : "text-slate-700";
        return (
          <li
            key={m}
            className={`print-break rounded-xl border bg-white p-4 shadow-sm ${f.provisional ? "border-amber-300" : "border-slate-200"}`}
            data-testid={`tile-${m}`}
          >
            <p className="text-sm font-medium text-slate-700">{names.metric(m)}</p>
            <p className="mt-1 text-2xl font-bold tabular-nums text-slate-900" data-testid={`tile-value-${m}`}>
              {formatMetric(locale, m, f.value)}
            </p>
            {ratio && ratio.numerator !== null && (
              <p className="text-xs text-slate-700">
                {formatNumber(locale, ratio.numerator)} / {formatNumber(locale, ratio.denominator)}
              </p>
            )}
            <CoverageLine coverage={f.coverage} locale={locale} testId={`tile-coverage-${m}`} />
            <ProvisionalNote reasons={f.provisionalReasons} minimumCoverage={minimumCoverage} locale={locale} testId={`tile-provisional-${m}`} />
            <p className={`mt-2 text-sm font-medium ${tone}`} data-testid={`tile-change-${m}`}>
              {ch && dir ? (
                <>
                  <span aria-hidden="true">{dir === "up" ? "▲" : dir === "down" ? "▼" : "▶"} </span>
                  {tf(`change.${dir}`, { amount, period: periodLabel(t, ch.previousPeriod), n: formatNumber(locale, ch.organisations) })}
                </>
              ) : (
                <span className="text-xs font-normal">{tf("change.none", { period: periodLabel(t, addQuarters(period, -1)) })}</span>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/** One small line chart per metric over the last quarters (with the national target's required path where given). */
export async function TrendCharts({
  trend,
  locale,
  names,
  targets = [],
  restructurings = [],
  id = "trends",
}: {
  trend: TrendPointDto[];
  locale: Locale;
  names: RefNames;
  targets?: NationalTargetDto[];
  /** restructurings within the range: a vertical line on the quarter each first shapes */
  restructurings?: RestructuringMarkDto[];
  id?: string;
}) {
  const t = await dashboardT();
  const tf = await getTranslations("figures");
  const markers = [...new Set(restructurings.map((r) => r.period))].map((p) => ({
    label: periodLabel(t, p),
    name: restructurings
      .filter((r) => r.period === p)
      .map((r) => tf("restructuring", { date: formatDate(locale, r.date) }))
      .join(", "),
  }));
  return (
    <Card title={t("trends.title", { n: trend.length })} id={id}>
      {targets.length > 0 && <p className="mb-3 text-sm text-slate-700">{t("trends.legend")}</p>}
      {markers.length > 0 && (
        <p className="mb-3 text-sm text-slate-700" data-testid="trend-restructurings">
          {tf("restructuringsLegend", {
            list: restructurings.map((r) => `${formatDate(locale, r.date)} — ${r.legalBasis}`).join("; "),
          })}
        </p>
      )}
      <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3">
        {METRICS.map((m) => {
          const target = targets.find((x) => x.metric === m);
          const data = trend.map((p) => ({
            label: periodLabel(t, p.period),
            value: p.values[m],
            expected: target ? expectedAt(target, p.period) : null,
          }));
          return (
            <ChartFrame
              key={m}
              title={names.metric(m)}
              head={[t("trends.quarter"), t("trends.value"), ...(target ? [t("trends.expected")] : [])]}
              rows={data.map((d) => [
                d.label,
                formatMetric(locale, m, d.value),
                ...(target ? [formatMetric(locale, m, d.expected)] : []),
              ])}
              testId={`trend-${m}`}
            >
              <TrendChart
                data={data}
                markers={markers}
                valueName={t("trends.value")}
                expectedName={target ? t("trends.expected") : undefined}
                percent={isPercentMetric(m)}
              />
            </ChartFrame>
          );
        })}
      </div>
    </Card>
  );
}

/** The straight line from a target's baseline to its target (spec/targets.md), only between those quarters. */
function expectedAt(t: NationalTargetDto, period: string): number | null {
  const idx = (p: string) => {
    const [y, q] = p.split("-Q").map(Number);
    return y * 4 + q - 1;
  };
  const qb = idx(t.baselinePeriod);
  const qt = idx(t.targetPeriod);
  const q = idx(period);
  if (q < qb || q > qt || qt === qb) return null;
  return t.baseline + ((t.target - t.baseline) * (q - qb)) / (qt - qb);
}

/**
 * Ministries and provinces in force for the quarter over the five stages (evidence-based, approved reports), and those
 * with no figure at all as their own bar ("chưa báo cáo"), never counted as stage 1.
 */
export async function StageDistribution({
  rows,
  names,
}: {
  rows: { kind: string; maturityStage: number; reported: boolean }[];
  names: RefNames;
}) {
  const t = await dashboardT();
  const tf = await getTranslations("figures");
  const count = (kind: string, pick: (r: { maturityStage: number; reported: boolean }) => boolean) =>
    rows.filter((r) => r.kind === kind && pick(r)).length;
  const data = [
    ...STAGES.map((s) => ({
      stage: `${s}. ${names.stage(s)}`,
      ministries: count("MINISTRY", (r) => r.reported && r.maturityStage === s),
      provinces: count("PROVINCE", (r) => r.reported && r.maturityStage === s),
    })),
    { stage: tf("notReported"), ministries: count("MINISTRY", (r) => !r.reported), provinces: count("PROVINCE", (r) => !r.reported) },
  ];
  const notReported = rows.filter((r) => !r.reported).length;
  return (
    <Card title={t("stages.title")} id="stages">
      <p className="mb-2 text-sm text-slate-700">{t("stages.intro")}</p>
      {notReported > 0 && <p className="mb-2 text-sm text-slate-700" data-testid="stages-not-reported">{tf("notReportedHint", { n: notReported })}</p>}
      <ChartFrame
        title={t("stages.chartTitle")}
        head={[t("stages.stage"), t("stages.ministries"), t("stages.provinces"), t("stages.total")]}
        rows={data.map((d) => [d.stage, d.ministries, d.provinces, d.ministries + d.provinces])}
        testId="stage-chart"
      >
        <StageChart data={data} ministries={t("stages.ministries")} provinces={t("stages.provinces")} />
      </ChartFrame>
    </Card>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3">
      <dt className="text-xs font-medium text-slate-700">{label}</dt>
      <dd className="text-lg font-bold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="text-xs text-slate-700">{hint}</dd>}
    </div>
  );
}

/** Initiatives by status and building block, mean and budget-weighted progress, budget planned against spent. */
export async function InitiativeSummary({
  ini,
  locale,
  names,
  scopeQuery = "",
}: {
  ini: InitiativesDto;
  locale: Locale;
  names: RefNames;
  scopeQuery?: string;
}) {
  const t = await dashboardT();
  const spentShare = ini.budgetPlanned > 0 ? (ini.budgetSpent / ini.budgetPlanned) * 100 : null;
  const statuses = INITIATIVE_STATUSES.map((s) => ({ name: t(`status.${s}`), value: ini.byStatus[s], code: s }));
  const blocks = BUILDING_BLOCKS.map((b) => ({
    name: names.block(b),
    value: ini.byBuildingBlock[b].count,
    avg: ini.byBuildingBlock[b].averageProgress,
    code: b,
  }));
  const amp = scopeQuery ? `&${scopeQuery}` : "";
  return (
    <Card title={t("initiatives.title")} id="initiatives">
      <dl className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat label={t("initiatives.total")} value={formatNumber(locale, ini.total)} testId="initiatives-total" />
        <Stat label={t("initiatives.averageProgress")} value={formatPercent(locale, ini.averageProgress, 1)} />
        <Stat
          label={t("initiatives.weightedProgress")}
          value={formatPercent(locale, ini.budgetWeightedProgress, 1)}
          hint={t("initiatives.weightedHint")}
        />
        <Stat
          label={t("initiatives.budgetPlanned")}
          value={t("billionVnd", { n: formatNumber(locale, ini.budgetPlanned / 1e9, 1) })}
          hint={formatVnd(locale, ini.budgetPlanned)}
        />
        <Stat
          label={t("initiatives.budgetSpent")}
          value={t("billionVnd", { n: formatNumber(locale, ini.budgetSpent / 1e9, 1) })}
          hint={`${formatVnd(locale, ini.budgetSpent)}${spentShare === null ? "" : ` · ${t("initiatives.spentShare", { share: formatPercent(locale, spentShare, 1) })}`}`}
        />
      </dl>
      {spentShare !== null && (
        <div className="mb-4">
          <p className="mb-1 text-xs text-slate-700" id="budget-bar-label">
            {t("initiatives.budgetBar")}
          </p>
          <div
            role="meter"
            aria-labelledby="budget-bar-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(Math.min(spentShare, 100))}
            aria-valuetext={formatPercent(locale, spentShare, 1)}
            className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-700" style={{ width: `${Math.min(spentShare, 100)}%` }} />
          </div>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <ChartFrame
          title={t("initiatives.byStatus")}
          head={[t("initiatives.status"), t("initiatives.count")]}
          rows={statuses.map((s) => [
            <Link key={s.code} href={`/initiatives?status=${s.code}${amp}`}>
              {s.name}
            </Link>,
            formatNumber(locale, s.value),
          ])}
          testId="status-chart"
        >
          <HorizontalBars
            data={statuses.map(({ name, value }) => ({ name, value }))}
            valueName={t("initiatives.count")}
          />
        </ChartFrame>
        <ChartFrame
          title={t("initiatives.byBlock")}
          head={[t("initiatives.block"), t("initiatives.count"), t("initiatives.averageProgress")]}
          rows={blocks.map((b) => [
            <Link key={b.code} href={`/building-blocks/${b.code}`}>
              {b.name}
            </Link>,
            formatNumber(locale, b.value),
            formatPercent(locale, b.avg, 1),
          ])}
          testId="block-chart"
        >
          <HorizontalBars
            data={blocks.map(({ name, value }) => ({ name, value }))}
            valueName={t("initiatives.count")}
          />
        </ChartFrame>
      </div>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------------

/** Rows of a long table on first load (heatmap, missing reports); the rest come with the table's "show all" link. */
export const FIRST_ROWS = 10;

/** "Showing 10 of 100 rows. Show all 100 rows": the link to the same page with the whole table. */
async function MoreRows({ shown, total, href, testId }: { shown: number; total: number; href?: string; testId: string }) {
  if (!href || shown >= total) return null;
  const t = await getTranslations("lists");
  return (
    <p className="mt-2 text-sm text-slate-700">
      {t("firstRows", { shown, n: total })}{" "}
      <Link href={href} prefetch={false} className="no-print font-medium" data-testid={testId}>
        {t("showAll", { n: total })}
      </Link>
    </p>
  );
}

const SHADES = [
  { min: 80, cls: "bg-brand-800 text-white" },
  { min: 60, cls: "bg-brand-700 text-white" },
  { min: 40, cls: "bg-blue-300 text-slate-900" },
  { min: 20, cls: "bg-blue-100 text-slate-900" },
  { min: 0, cls: "bg-blue-50 text-slate-900" },
];
const shade = (avg: number | null) =>
  avg === null ? "bg-white text-slate-600" : SHADES.find((s) => avg >= s.min)!.cls;

/** Organisations x the six building blocks: initiative count in each cell, shaded by mean progress (with a legend). */
export async function Heatmap({
  rows,
  locale,
  names,
  csvHref,
  allHref,
}: {
  rows: HeatmapRowDto[];
  locale: Locale;
  names: RefNames;
  csvHref: string;
  /** this page with every row (?all=heatmap#heatmap); absent: every row is shown */
  allHref?: string;
}) {
  const t = await dashboardT();
  const vi = locale === "vi";
  const shown = allHref ? rows.slice(0, FIRST_ROWS) : rows;
  return (
    <Card title={t("heatmap.title")} id="heatmap">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-700">{t("heatmap.intro")}</p>
        <span className="no-print flex flex-wrap gap-3 text-sm font-medium">
          <a href={csvHref} download>
            {t("csv.download", { table: t("heatmap.short") })}
          </a>
          <a href={csvHref.replace(".csv", ".xlsx")} download>
            {(await getTranslations("spreadsheets"))("downloadTable", { table: t("heatmap.short") })}
          </a>
        </span>
      </div>
      <ul className="mb-3 flex flex-wrap items-center gap-2 text-xs" aria-label={t("heatmap.legend")}>
        <li className="font-medium text-slate-700">{t("heatmap.legend")}:</li>
        {[...SHADES].reverse().map((s, i, all) => (
          <li key={s.min} className={`rounded px-2 py-1 ring-1 ring-slate-300 ${s.cls}`}>
            {t("heatmap.range", { from: s.min, to: i === all.length - 1 ? 100 : all[i + 1].min })}
          </li>
        ))}
        <li className="rounded bg-white px-2 py-1 text-slate-700 ring-1 ring-slate-300">{t("heatmap.none")}</li>
      </ul>
      <div className="overflow-x-auto" data-testid="heatmap">
        <table className="w-full min-w-[48rem] border-separate border-spacing-0.5 text-sm">
          <caption className="sr-only">{t("heatmap.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-white px-2 py-1 text-left font-semibold">
                {t("heatmap.organisation")}
              </th>
              {BUILDING_BLOCKS.map((b) => (
                <th key={b} scope="col" className="w-[13%] px-1 py-1 align-bottom text-xs font-semibold">
                  <Link href={`/building-blocks/${b}`}>{names.block(b)}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.organisationId}>
                <th
                  scope="row"
                  className="sticky left-0 max-w-[9rem] bg-white px-2 py-1 text-left font-normal sm:max-w-none"
                >
                  <Link href={`/organisations/${r.organisationId}`}>{vi ? r.nameVi : r.nameEn}</Link>
                </th>
                {BUILDING_BLOCKS.map((b) => {
                  const c = r.blocks[b];
                  return (
                    <td
                      key={b}
                      className={`rounded px-1 py-1 text-center tabular-nums ${shade(c.count ? c.averageProgress : null)}`}
                    >
                      <span className="font-semibold">{c.count}</span>
                      {c.count > 0 && (
                        <span className="block text-[11px]">{formatPercent(locale, c.averageProgress, 0)}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MoreRows shown={shown.length} total={rows.length} href={allHref} testId="heatmap-all" />
      <p className="mt-2 text-xs text-slate-700">{t("heatmap.cellHint")}</p>
    </Card>
  );
}

/** Reports expected, submitted and approved for the quarter, and who is missing what. */
export async function CompletenessPanel({
  compliance,
  period,
  orgName,
  names,
  locale,
  csvHref,
  single = false,
  allHref,
}: {
  compliance: ComplianceDto;
  period: string;
  orgName: (id: string) => string;
  names: RefNames;
  locale: Locale;
  csvHref?: string;
  /** one organisation's page: its own wording */
  single?: boolean;
  /** this page with every organisation that is missing a report (?all=completeness#completeness); absent: all are shown */
  allHref?: string;
}) {
  const t = await dashboardT();
  const byOrg = new Map<string, MetricCode[]>();
  for (const m of compliance.missing) byOrg.set(m.organisationId, [...(byOrg.get(m.organisationId) ?? []), m.metric]);
  const missing = [...byOrg];
  const shown = allHref ? missing.slice(0, FIRST_ROWS) : missing;
  const share = compliance.expected ? (compliance.submitted / compliance.expected) * 100 : null;
  return (
    <Card title={t("completeness.title", { period: periodLabel(t, period) })} id="completeness">
      <dl className="mb-3 grid grid-cols-3 gap-3">
        <Stat label={t("completeness.expected")} value={formatNumber(locale, compliance.expected)} />
        <Stat
          label={t("completeness.submitted")}
          value={formatNumber(locale, compliance.submitted)}
          hint={formatPercent(locale, share, 0)}
          testId="completeness-submitted"
        />
        <Stat label={t("completeness.approved")} value={formatNumber(locale, compliance.approved)} />
      </dl>
      {byOrg.size === 0 ? (
        <p className="text-sm text-green-800">{t(single ? "completeness.allInOne" : "completeness.allIn")}</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700">{t("completeness.missingIntro", { n: byOrg.size })}</p>
          <div className="max-h-80 overflow-y-auto overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("completeness.missingCaption")}</caption>
              <thead className="sticky top-0 bg-slate-100">
                <tr>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("completeness.organisation")}
                  </th>
                  <th scope="col" className="px-2 py-1 font-semibold">
                    {t("completeness.missing")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map(([id, metrics]) => (
                  <tr key={id} className="border-t border-slate-200 align-top">
                    <th scope="row" className="px-2 py-1 font-normal">
                      <Link href={`/organisations/${id}?period=${period}`}>{orgName(id)}</Link>
                    </th>
                    <td className="px-2 py-1">
                      {metrics.length === METRICS.length
                        ? t("completeness.allMissing")
                        : metrics.map((m) => names.metric(m)).join("; ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <MoreRows shown={shown.length} total={missing.length} href={allHref} testId="completeness-all" />
        </>
      )}
      <p className="no-print mt-3 flex flex-wrap gap-4 text-sm font-medium">
        <Link href={`/completeness?period=${period}`}>{t("completeness.open")}</Link>
        {csvHref && (
          <a href={csvHref} download>
            {t("csv.download", { table: t("completeness.short") })}
          </a>
        )}
        {csvHref && (
          <a href={csvHref.replace(".csv", ".xlsx")} download>
            {(await getTranslations("spreadsheets"))("downloadTable", { table: t("completeness.short") })}
          </a>
        )}
      </p>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------------

export async function RatingBadge({ rating }: { rating: Rating }) {
  const t = await dashboardT();
  return <Badge tone={STATUS_TONE[rating.status] ?? "slate"}>{t(`rating.${rating.status}`)}</Badge>;
}

export interface RatingRow {
  metric: MetricCode;
  target: NationalTargetDto | undefined;
  rating: Rating;
  baseline?: number | null;
  baselinePeriod?: string | null;
}

/** Each metric rated against its national target: a labelled badge, the pace ratio, latest and expected values. */
export async function TargetRatings({
  rows,
  locale,
  names,
  title,
  intro,
  note,
  id = "targets",
}: {
  rows: RatingRow[];
  locale: Locale;
  names: RefNames;
  title: string;
  intro?: string;
  /** a line under the table (e.g. that low-coverage quarters are skipped) */
  note?: string;
  id?: string;
}) {
  const t = await dashboardT();
  const tf = await getTranslations("figures");
  return (
    <Card title={title} id={id}>
      {intro && <p className="mb-2 text-sm text-slate-700">{intro}</p>}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("targets.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm" data-testid={`${id}-table`}>
            <caption className="sr-only">{title}</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-2 py-1 font-semibold">
                  {t("targets.metric")}
                </th>
                <th scope="col" className="px-2 py-1 font-semibold">
                  {t("targets.rating")}
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  {t("targets.latest")}
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  {t("targets.expected")}
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  {t("targets.target")}
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  {t("targets.ratio")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.metric} className="border-t border-slate-200 align-top">
                  <th scope="row" className="px-2 py-1 font-normal">
                    {names.metric(r.metric)}
                    {r.baseline != null && r.baselinePeriod && (
                      <span className="block text-xs text-slate-700">
                        {t("targets.ownBaseline", {
                          value: formatMetric(locale, r.metric, r.baseline),
                          period: periodLabel(t, r.baselinePeriod),
                        })}
                      </span>
                    )}
                  </th>
                  <td className="px-2 py-1">
                    <RatingBadge rating={r.rating} />
                    <span className="block text-xs text-slate-700" data-testid={`rests-on-${r.metric}`}>
                      {r.rating.latestPeriod
                        ? tf("restsOn", { period: periodLabel(t, r.rating.latestPeriod) })
                        : tf("restsOnNone")}
                    </span>
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {formatMetric(locale, r.metric, r.rating.latestValue)}
                    {r.rating.latestPeriod && (
                      <span className="block text-xs text-slate-700">{periodLabel(t, r.rating.latestPeriod)}</span>
                    )}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {formatMetric(locale, r.metric, r.rating.expectedValue)}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {r.target ? (
                      <>
                        {formatMetric(locale, r.metric, r.target.target)}
                        <span className="block text-xs text-slate-700">
                          {t("targets.by", { period: periodLabel(t, r.target.targetPeriod) })}
                        </span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {r.rating.ratio === null ? "—" : formatNumber(locale, r.rating.ratio, 2)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-2 text-xs text-slate-700">{t("targets.ratioHint")}</p>
      {note && <p className="mt-1 text-xs text-slate-700">{note}</p>}
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------------

/** Entries of each attention list on first load; the rest come with the page's "show all" link (?all=attention). */
export const ATTENTION_SHOWN = 5;

async function AttentionList<I>({
  title,
  items,
  render,
  testId,
  allHref,
}: {
  title: string;
  items: I[];
  render: (i: I) => React.ReactNode;
  testId: string;
  /** the page with every entry; absent: every entry is shown */
  allHref?: string;
}) {
  const t = await dashboardT();
  const shown = allHref ? items.slice(0, ATTENTION_SHOWN) : items;
  return (
    <section className="print-break" data-testid={testId}>
      <h3 className="mb-1 text-sm font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-700">({items.length})</span>
      </h3>
      {items.length === 0 ? (
        <p className="text-sm text-slate-700">{t("attention.nothing")}</p>
      ) : (
        <>
          <ul className="space-y-1 text-sm">{shown.map(render)}</ul>
          {shown.length < items.length && (
            <p className="no-print mt-1 text-sm">
              <Link href={allHref!} prefetch={false} data-testid={`${testId}-all`}>
                {t("attention.more", { n: items.length - shown.length })}
              </Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** What needs attention in the quarter, every entry linking to what needs it. */
export async function AttentionPanel({
  attention,
  locale,
  names,
  orgName,
  filter,
  title,
  allHref,
  showAll = false,
}: {
  attention: AttentionDto;
  locale: Locale;
  names: RefNames;
  orgName: (id: string) => string;
  /** the organisation filter form (national page) */
  filter?: React.ReactNode;
  title?: string;
  /** this page with every entry of every list (?all=attention#attention) */
  allHref: string;
  /** every entry is shown (the page was opened through `allHref`) */
  showAll?: boolean;
}) {
  const t = await dashboardT();
  const a = attention;
  const total =
    a.kpis.length +
    a.targets.length +
    a.staleInitiatives.length +
    a.overdueInitiatives.length +
    a.overdueReports.length;
  const orgLink = (id: string) => <Link href={`/organisations/${id}?period=${a.period}`}>{orgName(id)}</Link>;
  const rating = (r: Rating) => <RatingBadge rating={r} />;
  const more = showAll ? undefined : allHref;
  return (
    <Card title={title ?? t("attention.title", { period: periodLabel(t, a.period) })} id="attention">
      <p className="mb-3 text-sm text-slate-700">
        {t("attention.intro", { n: total, date: formatDate(locale, a.asOf) })}
      </p>
      {filter}
      <div className="grid gap-5 md:grid-cols-2" data-testid="attention">
        <AttentionList
          title={t("attention.kpis")}
          items={a.kpis}
          testId="attention-kpis"
          allHref={more}
          render={(k) => (
            <li key={k.kpiId} className="flex flex-wrap items-center gap-x-2">
              <Link href={`/initiatives/${k.initiativeId}`}>{k.name}</Link>
              {rating(k.rating)}
              <span className="w-full text-xs text-slate-700">
                {k.initiativeTitle} · {orgName(k.organisationId)}
              </span>
            </li>
          )}
        />
        <AttentionList
          title={t("attention.targets")}
          items={a.targets}
          testId="attention-targets"
          allHref={more}
          render={(x) => (
            <li key={`${x.organisationId}-${x.metric}`} className="flex flex-wrap items-center gap-x-2">
              {x.organisationId ? orgLink(x.organisationId) : <Link href="#targets">{t("attention.nation")}</Link>}
              <span>· {names.metric(x.metric)}</span>
              {rating(x.rating)}
            </li>
          )}
        />
        <AttentionList
          title={t("attention.stale")}
          items={a.staleInitiatives}
          testId="attention-stale"
          allHref={more}
          render={(i) => (
            <li key={i.initiativeId}>
              <Link href={`/initiatives/${i.initiativeId}`}>{i.title}</Link>
              <span className="block text-xs text-slate-700">
                {orgName(i.organisationId)} · {t(`status.${i.status}`)} ·{" "}
                {t("attention.lastChanged", { date: formatDate(locale, i.updatedAt) })}
              </span>
            </li>
          )}
        />
        <AttentionList
          title={t("attention.overdue")}
          items={a.overdueInitiatives}
          testId="attention-overdue"
          allHref={more}
          render={(i) => (
            <li key={i.initiativeId}>
              <Link href={`/initiatives/${i.initiativeId}`}>{i.title}</Link>
              <span className="block text-xs text-slate-700">
                {orgName(i.organisationId)} · {t(`status.${i.status}`)} · {formatPercent(locale, i.progress, 0)} ·{" "}
                {t("attention.endedOn", { date: formatDate(locale, i.endDate) })}
              </span>
            </li>
          )}
        />
        <AttentionList
          title={t("attention.reports")}
          items={a.overdueReports}
          testId="attention-reports"
          allHref={more}
          render={(r) => (
            <li key={`${r.organisationId}-${r.metric}`}>
              <Link href={`/completeness?period=${r.period}`}>{orgName(r.organisationId)}</Link>
              <span className="text-slate-700">
                {" "}
                · {names.metric(r.metric)} · {periodLabel(t, r.period)}
              </span>
            </li>
          )}
        />
      </div>
    </Card>
  );
}
