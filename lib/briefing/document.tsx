/**
 * The leadership briefing as an A4 PDF (issue 19), drawn with @react-pdf/renderer from the dashboards' DTOs
 * (lib/server/briefing.ts gathers them). Every figure printed comes with its coverage and provisional status
 * (spec/coverage.md). The font is DejaVu Sans Condensed, committed under assets/fonts (full Vietnamese glyphs, and a
 * text extraction gives the precomposed letters back: Noto Sans lost "ụ" there).
 */
import path from "node:path";
import {
  Circle,
  Document,
  Font,
  Line,
  Page,
  Polyline,
  Rect,
  StyleSheet,
  Svg,
  Text,
  View,
  renderToBuffer,
} from "@react-pdf/renderer";
import { createTranslator } from "next-intl";
import type { BriefingData } from "@/lib/server/briefing";
import { BUILDING_BLOCKS, METRICS, METRIC_KIND, type MetricCode } from "@/lib/domain/codes";
import { PERIOD_RE } from "@/lib/domain/periods";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatLongDate, formatNumber, formatPercent, localName } from "@/lib/i18n/format";
import type { DashboardDto, MetricDto, OrganisationDashboardDto } from "@/lib/dto/dashboard";

const FONT_DIR = path.join(process.cwd(), "assets", "fonts");
let renders = 0;

/**
 * A font family of its own for each render, dropped afterwards: with one shared family, a document rendered after
 * another in the same process lost glyphs (the "O" of "Overdue" after a Vietnamese briefing), as react-pdf keeps
 * per-font layout state across documents. Parsing the two files again costs a few milliseconds.
 */
function registerFamily(): string {
  const family = `DejaVuSansCondensed-${++renders}`;
  Font.register({
    family,
    fonts: [
      { src: path.join(FONT_DIR, "DejaVuSansCondensed.ttf"), fontWeight: "normal" },
      { src: path.join(FONT_DIR, "DejaVuSansCondensed-Bold.ttf"), fontWeight: "bold" },
    ],
  });
  // the default hyphenation is English's: it would cut Vietnamese syllables
  Font.registerHyphenationCallback((word) => [word]);
  return family;
}

const BRAND = "#1d4ed8";
const MUTED = "#475569";
const LINE = "#cbd5e1";
const WARN = "#b45309";

const s = StyleSheet.create({
  page: { fontSize: 9, paddingTop: 36, paddingBottom: 48, paddingHorizontal: 40, color: "#0f172a" },
  // on the Page itself, lineHeight would push the fixed footer off the page
  body: {},
  top: {
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 8,
    color: MUTED,
    borderBottomWidth: 1,
    borderBottomColor: BRAND,
    paddingBottom: 4,
    marginBottom: 12,
  },
  title: { fontSize: 16, fontWeight: "bold", color: "#0b1f4d", marginBottom: 4 },
  subtitle: { fontSize: 11, fontWeight: "bold", marginBottom: 2 },
  meta: { fontSize: 9, color: MUTED },
  banner: { marginTop: 8, padding: 6, borderWidth: 1, borderColor: WARN, backgroundColor: "#fffbeb", color: "#78350f" },
  h2: {
    fontSize: 11.5,
    fontWeight: "bold",
    color: "#0b1f4d",
    marginTop: 14,
    marginBottom: 6,
    borderBottomWidth: 0.5,
    borderBottomColor: LINE,
    paddingBottom: 2,
  },
  note: { fontSize: 8, color: MUTED, marginTop: 3 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: LINE, paddingVertical: 3 },
  head: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderBottomColor: MUTED,
    paddingVertical: 3,
    fontWeight: "bold",
  },
  bold: { fontWeight: "bold" },
  warn: { color: WARN },
  footer: {
    position: "absolute",
    bottom: 22,
    left: 40,
    right: 40,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 8,
    color: MUTED,
    borderTopWidth: 0.5,
    borderTopColor: LINE,
    paddingTop: 4,
  },
  item: { marginBottom: 2 },
});

type T = (key: string, values?: Record<string, string | number>) => string;

const isPercent = (m: MetricCode) => METRIC_KIND[m] !== "COUNT";

function fmtMetric(locale: Locale, m: MetricCode, v: number | null | undefined) {
  return isPercent(m) ? formatPercent(locale, v, 1) : formatNumber(locale, v, 0);
}

function quarterLabel(t: T, period: string) {
  const m = PERIOD_RE.exec(period);
  return m ? t("quarter", { quarter: m[2], year: m[1] }) : period;
}

function coverageText(t: T, locale: Locale, d: MetricDto) {
  if (d.coverage.share === null) return t("coverageNone");
  return t("coverage", {
    reported: formatNumber(locale, d.coverage.reported),
    expected: formatNumber(locale, d.coverage.expected),
    share: formatPercent(locale, d.coverage.share * 100, 0),
  });
}

function statusText(t: T, locale: Locale, d: MetricDto, minimumCoverage: number) {
  if (!d.provisional) return t("final");
  const reasons = d.provisionalReasons.map((r) =>
    t(`reason.${r}`, { min: formatPercent(locale, minimumCoverage * 100, 0) }),
  );
  return t("provisional", { reasons: reasons.join("; ") });
}

function changeText(t: T, locale: Locale, m: MetricCode, d: MetricDto, previousPeriod: string) {
  const c = d.change;
  if (!c) return t("changeNone", { period: quarterLabel(t, previousPeriod) });
  const abs = Math.abs(c.delta);
  const amount = isPercent(m) ? t("points", { n: formatNumber(locale, abs, 1) }) : formatNumber(locale, abs, 0);
  const values = { amount, n: formatNumber(locale, c.organisations), period: quarterLabel(t, c.previousPeriod) };
  // a change smaller than what is printed reads as none
  const shown = isPercent(m) ? Math.round(abs * 10) : Math.round(abs);
  return shown === 0 ? t("changeSame", values) : c.delta > 0 ? t("changeUp", values) : t("changeDown", values);
}

function previousOf(period: string) {
  const m = PERIOD_RE.exec(period)!;
  const y = Number(m[1]);
  const q = Number(m[2]);
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

function MetricsTable({
  d,
  t,
  locale,
  names,
}: {
  d: DashboardDto;
  t: T;
  locale: Locale;
  names: (m: MetricCode) => string;
}) {
  const prev = previousOf(d.period);
  return (
    <View>
      <View style={s.head}>
        <Text style={{ width: "30%" }}>{t("metric")}</Text>
        <Text style={{ width: "13%", textAlign: "right", paddingRight: 8 }}>{t("value")}</Text>
        <Text style={{ width: "29%" }}>{t("change")}</Text>
        <Text style={{ width: "28%" }}>{t("quality")}</Text>
      </View>
      {METRICS.map((m, i) => {
        const f = d.metrics[m];
        return (
          <View key={m} style={s.row} wrap={false}>
            <Text style={{ width: "30%" }}>
              ({i + 1}) {names(m)}
            </Text>
            <Text style={[s.bold, { width: "13%", textAlign: "right", paddingRight: 8, fontSize: 10.5 }]}>
              {fmtMetric(locale, m, f.value)}
            </Text>
            <Text style={{ width: "29%" }}>{changeText(t, locale, m, f, prev)}</Text>
            <View style={{ width: "28%" }}>
              <Text>{coverageText(t, locale, f)}</Text>
              <Text style={f.provisional ? s.warn : undefined}>
                {statusText(t, locale, f, d.quarter.minimumCoverage)}
              </Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}

const CHART_W = 150;
const CHART_H = 62;

/** One metric over the quarters: a line broken where a quarter has no counted figure. */
function MiniTrend({
  data,
  metric,
  t,
  locale,
  title,
}: {
  data: BriefingData;
  metric: MetricCode;
  t: T;
  locale: Locale;
  title: string;
}) {
  const pts = data.trend.map((p) => p.values[metric]);
  const known = pts.filter((v): v is number => v !== null);
  const max = isPercent(metric) ? 100 : Math.max(1, ...known);
  const step = pts.length > 1 ? (CHART_W - 8) / (pts.length - 1) : 0;
  const x = (i: number) => 4 + i * step;
  const y = (v: number) => CHART_H - 4 - (v / max) * (CHART_H - 10);
  const runs: { i: number; v: number }[][] = [];
  pts.forEach((v, i) => {
    if (v === null) return;
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].i === i - 1) last.push({ i, v });
    else runs.push([{ i, v }]);
  });
  const latest = pts[pts.length - 1];
  return (
    <View style={{ width: CHART_W + 10, marginBottom: 8, marginRight: 6 }} wrap={false}>
      <Text style={[s.bold, { fontSize: 8 }]}>{title}</Text>
      <Svg width={CHART_W} height={CHART_H}>
        <Rect x={0} y={0} width={CHART_W} height={CHART_H} fill="#f8fafc" />
        <Line x1={0} y1={CHART_H - 4} x2={CHART_W} y2={CHART_H - 4} stroke={LINE} strokeWidth={0.8} />
        {runs.map((r, k) =>
          r.length > 1 ? (
            <Polyline
              key={k}
              points={r.map((p) => `${x(p.i)},${y(p.v)}`).join(" ")}
              fill="none"
              stroke={BRAND}
              strokeWidth={1.4}
            />
          ) : null,
        )}
        {runs.flat().map((p) => (
          <Circle key={p.i} cx={x(p.i)} cy={y(p.v)} r={1.8} fill={BRAND} />
        ))}
      </Svg>
      <View style={{ flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: MUTED }}>
        <Text>{quarterLabel(t, data.trend[0]?.period ?? data.period)}</Text>
        <Text>
          {quarterLabel(t, data.period)}: {fmtMetric(locale, metric, latest)}
        </Text>
      </View>
    </View>
  );
}

const BAR_W = 230;

function Bar({
  label,
  value,
  max,
  text,
  tone = BRAND,
}: {
  label: string;
  value: number;
  max: number;
  text: string;
  tone?: string;
}) {
  const w = max > 0 ? Math.max(value > 0 ? 1.5 : 0, (value / max) * BAR_W) : 0;
  return (
    <View style={{ flexDirection: "row", alignItems: "center", marginBottom: 3 }} wrap={false}>
      <Text style={{ width: 190, paddingRight: 6 }}>{label}</Text>
      <Svg width={BAR_W} height={10}>
        <Rect x={0} y={0} width={BAR_W} height={10} fill="#f1f5f9" />
        <Rect x={0} y={0} width={w} height={10} fill={tone} />
      </Svg>
      <Text style={{ paddingLeft: 6 }}>{text}</Text>
    </View>
  );
}

function Maturity({
  data,
  t,
  locale,
  stageName,
}: {
  data: BriefingData;
  t: T;
  locale: Locale;
  stageName: (l: number) => string;
}) {
  const d = data.dashboard;
  if (data.organisation) {
    const o = d as OrganisationDashboardDto;
    return (
      <View>
        <Text style={s.bold}>
          {t("orgStage", { stage: t("stage", { level: o.maturityStage, name: stageName(o.maturityStage) }) })}
        </Text>
        {!o.reported && <Text style={s.warn}>{t("orgNotReported")}</Text>}
      </View>
    );
  }
  const dist = d.maturity.distribution;
  const levels = ["1", "2", "3", "4", "5"] as const;
  const max = Math.max(d.maturity.notReported, ...levels.map((l) => dist[l]));
  const reported = levels.reduce((a, l) => a + dist[l], 0);
  return (
    <View>
      {levels.map((l) => (
        <Bar
          key={l}
          label={t("stage", { level: l, name: stageName(Number(l)) })}
          value={dist[l]}
          max={max}
          text={formatNumber(locale, dist[l])}
        />
      ))}
      <Bar
        label={t("notReportedBar")}
        value={d.maturity.notReported}
        max={max}
        text={formatNumber(locale, d.maturity.notReported)}
        tone="#94a3b8"
      />
      <Text style={s.note}>
        {t("maturityNote", {
          reported: formatNumber(locale, reported),
          missing: formatNumber(locale, d.maturity.notReported),
        })}
      </Text>
    </View>
  );
}

function Blocks({
  data,
  t,
  locale,
  blockName,
}: {
  data: BriefingData;
  t: T;
  locale: Locale;
  blockName: (c: string) => string;
}) {
  const by = data.dashboard.initiatives.byBuildingBlock;
  const max = Math.max(0, ...BUILDING_BLOCKS.map((b) => by[b].count));
  return (
    <View>
      {BUILDING_BLOCKS.map((b) => (
        <Bar
          key={b}
          label={blockName(b)}
          value={by[b].count}
          max={max}
          text={t("blockValue", {
            count: formatNumber(locale, by[b].count),
            progress: formatPercent(locale, by[b].averageProgress, 0),
          })}
        />
      ))}
      <Text style={s.note}>
        {t("initiativesTotal", {
          total: formatNumber(locale, data.dashboard.initiatives.total),
          progress: formatPercent(locale, data.dashboard.initiatives.averageProgress, 0),
        })}{" "}
        {t("blocksNote")}
      </Text>
    </View>
  );
}

function FiguresTable({
  rows,
  t,
  locale,
  stage,
}: {
  rows: {
    id: string;
    name: string;
    stage: number | null;
    metrics: Record<MetricCode, number | null>;
    initiatives: number;
  }[];
  t: T;
  locale: Locale;
  stage: boolean;
}) {
  const metricW = stage ? "9.6%" : "10.6%";
  return (
    <View style={{ fontSize: 8 }}>
      <View style={s.head} fixed>
        <Text style={{ width: "5%" }}>{t("rank")}</Text>
        <Text style={{ width: stage ? "31%" : "36%" }}>{t("organisation")}</Text>
        {stage && <Text style={{ width: "7%", textAlign: "center" }}>{t("stageShort")}</Text>}
        {METRICS.map((m, i) => (
          <Text key={m} style={{ width: metricW, textAlign: "right" }}>
            ({i + 1})
          </Text>
        ))}
        <Text style={{ width: "9%", textAlign: "right" }}>{t("initiatives")}</Text>
      </View>
      {rows.map((r, i) => (
        <View key={r.id} style={[s.row, { paddingVertical: 2 }]} wrap={false}>
          <Text style={{ width: "5%" }}>{formatNumber(locale, i + 1)}</Text>
          <Text style={{ width: stage ? "31%" : "36%" }}>{r.name}</Text>
          {stage && (
            <Text style={{ width: "7%", textAlign: "center" }}>
              {r.stage === null ? "—" : formatNumber(locale, r.stage)}
            </Text>
          )}
          {METRICS.map((m) => (
            <Text key={m} style={{ width: metricW, textAlign: "right" }}>
              {fmtMetric(locale, m, r.metrics[m])}
            </Text>
          ))}
          <Text style={{ width: "9%", textAlign: "right" }}>{formatNumber(locale, r.initiatives)}</Text>
        </View>
      ))}
    </View>
  );
}

const LIST_MAX = 8;

function ItemList({ title, items, t, locale }: { title: string; items: string[]; t: T; locale: Locale }) {
  if (!items.length) return null;
  return (
    <View style={{ marginBottom: 5 }}>
      <Text style={s.bold}>{title}</Text>
      {items.slice(0, LIST_MAX).map((x, i) => (
        <Text key={i} style={[s.item, { paddingLeft: 8 }]}>
          • {x}
        </Text>
      ))}
      {items.length > LIST_MAX && (
        <Text style={[s.note, { paddingLeft: 8 }]}>
          {t("attention.more", { n: formatNumber(locale, items.length - LIST_MAX) })}
        </Text>
      )}
    </View>
  );
}

function BriefingDocument({ data, t, family }: { data: BriefingData; t: T; family: string }) {
  const locale = data.locale;
  const d = data.dashboard;
  const metricName = (m: string) =>
    localName(
      locale,
      data.reference.metrics.find((x) => x.code === m),
    );
  const stageName = (l: number) =>
    localName(
      locale,
      data.reference.stages.find((x) => x.level === l),
    );
  const blockName = (c: string) =>
    localName(
      locale,
      data.reference.blocks.find((x) => x.code === c),
    );
  const org = (id: string | null) => (id ? localName(locale, data.organisations[id]) : t("national"));
  const title = t("title", { period: quarterLabel(t, data.period) });
  const a = data.attention;
  const status = (x: string) => t(`status.${x}`);

  const ranking = [...data.ranking]
    .sort(
      (x, y) =>
        y.maturityStage - x.maturityStage ||
        Number(y.reported) - Number(x.reported) ||
        (y.metrics.SERVICES_ONLINE ?? -1) - (x.metrics.SERVICES_ONLINE ?? -1) ||
        localName(locale, x).localeCompare(localName(locale, y), locale),
    )
    .map((r) => ({
      id: r.organisationId,
      name: localName(locale, r),
      stage: r.maturityStage,
      metrics: r.metrics,
      initiatives: r.initiatives,
    }));
  const agencies = data.agencies.map((r) => ({
    id: r.organisationId,
    name: localName(locale, r),
    stage: null,
    metrics: r.metrics,
    initiatives: r.initiatives,
  }));
  const sig = data.signature;
  const hasSignature = !!(sig.signerTitle || sig.signerName || sig.signerUnit);

  return (
    <Document
      title={title}
      author={t("footer")}
      subject={data.organisation ? localName(locale, data.organisation) : t("national")}
      language={locale}
    >
      <Page size="A4" style={[s.page, { fontFamily: family }]}>
        <View style={s.top} fixed>
          <Text>{t("footer")}</Text>
          <Text>{t("issued", { date: formatDate(locale, data.issuedOn) })}</Text>
        </View>

        <View style={s.footer} fixed>
          <Text>{title}</Text>
          <Text render={({ pageNumber, totalPages }) => t("page", { page: pageNumber, total: totalPages })} />
        </View>

        <View style={s.body}>
          <Text style={s.title}>{title}</Text>
          <Text style={s.subtitle}>{data.organisation ? localName(locale, data.organisation) : t("national")}</Text>
          <Text style={s.meta}>
            {t("issued", { date: formatDate(locale, data.issuedOn) })} ·{" "}
            {t(data.includeSubmitted ? "countingSubmitted" : "countingApproved")}
          </Text>
          {d.quarter.open && (
            <Text style={s.banner}>
              {t("openQuarter", { period: quarterLabel(t, data.period), date: formatDate(locale, d.quarter.dueDate) })}
            </Text>
          )}

          <Text style={s.h2}>{t("sections.metrics")}</Text>
          <MetricsTable d={d} t={t} locale={locale} names={metricName} />

          <View wrap={false}>
            <Text style={s.h2}>{t("sections.trend")}</Text>
            <View style={{ flexDirection: "row", flexWrap: "wrap" }}>
              {METRICS.map((m, i) => (
                <MiniTrend key={m} data={data} metric={m} t={t} locale={locale} title={`(${i + 1}) ${metricName(m)}`} />
              ))}
            </View>
            <Text style={s.note}>{t("trendNote")}</Text>
          </View>

          <View wrap={false}>
            <Text style={s.h2}>{t("sections.maturity")}</Text>
            <Maturity data={data} t={t} locale={locale} stageName={stageName} />
          </View>

          <View wrap={false}>
            <Text style={s.h2}>{t("sections.blocks")}</Text>
            <Blocks data={data} t={t} locale={locale} blockName={blockName} />
          </View>

          <Text style={s.h2} minPresenceAhead={60}>
            {t(data.organisation ? "sections.agencies" : "sections.ranking")}
          </Text>
          {data.organisation ? (
            agencies.length ? (
              <FiguresTable rows={agencies} t={t} locale={locale} stage={false} />
            ) : (
              <Text>{t("noAgencies")}</Text>
            )
          ) : (
            <>
              <FiguresTable rows={ranking} t={t} locale={locale} stage />
              <Text style={s.note}>{t("rankingNote")}</Text>
            </>
          )}

          <Text style={s.h2} minPresenceAhead={40}>
            {t("sections.notReported")}
          </Text>
          {data.notReported.length === 0 ? (
            <Text>{t("allReported")}</Text>
          ) : (
            <View>
              <Text style={s.item}>{t("missingCount", { n: formatNumber(locale, data.notReported.length) })}</Text>
              {data.notReported.map((o) => (
                <Text key={o.organisationId} style={[s.item, { paddingLeft: 8 }]}>
                  • {localName(locale, o)}:{" "}
                  {t("missingMetrics", {
                    n: o.metrics.length,
                    list: o.metrics.map((m) => `(${METRICS.indexOf(m) + 1})`).join(", "),
                  })}
                </Text>
              ))}
            </View>
          )}

          <Text style={s.h2} minPresenceAhead={40}>
            {t("sections.attention")}
          </Text>
          {a.overdueReports.length +
            a.kpis.length +
            a.targets.length +
            a.staleInitiatives.length +
            a.overdueInitiatives.length ===
          0 ? (
            <Text>{t("attention.none")}</Text>
          ) : (
            <View>
              <ItemList
                title={t("attention.overdueReports", { n: formatNumber(locale, a.overdueReports.length) })}
                items={a.overdueReports.map(
                  (r) => `${org(r.organisationId)}: ${metricName(r.metric)} (${quarterLabel(t, r.period)})`,
                )}
                t={t}
                locale={locale}
              />
              <ItemList
                title={t("attention.targets", { n: formatNumber(locale, a.targets.length) })}
                items={a.targets.map((x) => `${metricName(x.metric)} — ${org(x.organisationId)}: ${status(x.status)}`)}
                t={t}
                locale={locale}
              />
              <ItemList
                title={t("attention.kpis", { n: formatNumber(locale, a.kpis.length) })}
                items={a.kpis.map(
                  (k) => `${k.name} — ${k.initiativeTitle} (${org(k.organisationId)}): ${status(k.status)}`,
                )}
                t={t}
                locale={locale}
              />
              <ItemList
                title={t("attention.overdue", { n: formatNumber(locale, a.overdueInitiatives.length) })}
                items={a.overdueInitiatives.map(
                  (i) =>
                    `${i.title} (${org(i.organisationId)}): ${formatDate(locale, i.endDate)}, ${formatPercent(locale, i.progress, 0)}`,
                )}
                t={t}
                locale={locale}
              />
              <ItemList
                title={t("attention.stale", { n: formatNumber(locale, a.staleInitiatives.length) })}
                items={a.staleInitiatives.map(
                  (i) => `${i.title} (${org(i.organisationId)}): ${formatDate(locale, i.updatedAt)}`,
                )}
                t={t}
                locale={locale}
              />
            </View>
          )}

          <Text style={s.h2} minPresenceAhead={40}>
            {t("sections.restructurings")}
          </Text>
          {data.restructurings.length === 0 ? (
            <Text>{t("noRestructurings")}</Text>
          ) : (
            data.restructurings.map((r, i) => (
              <View key={i} style={{ marginBottom: 4 }}>
                <Text style={s.bold}>
                  {t("restructuringLine", { date: formatDate(locale, r.effectiveDate), basis: r.legalBasis })}
                </Text>
                {r.successions.slice(0, 40).map((x, j) => (
                  <Text key={j} style={[s.item, { paddingLeft: 8 }]}>
                    •{" "}
                    {t("succession", {
                      from: localName(locale, x.from),
                      to: x.to.map((o) => localName(locale, o)).join(", "),
                    })}
                  </Text>
                ))}
                {r.successions.length > 40 && (
                  <Text style={[s.note, { paddingLeft: 8 }]}>
                    {t("attention.more", { n: formatNumber(locale, r.successions.length - 40) })}
                  </Text>
                )}
              </View>
            ))
          )}

          <View style={{ marginTop: 24, marginLeft: "50%", alignItems: "center" }} wrap={false}>
            <Text style={{ fontStyle: "normal", color: MUTED }}>
              {t("signature.place", { date: formatLongDate(locale, data.issuedOn) })}
            </Text>
            {hasSignature ? (
              <>
                {sig.signerTitle && (
                  <Text style={[s.bold, { marginTop: 4, textAlign: "center" }]}>{sig.signerTitle}</Text>
                )}
                <View style={{ height: 48 }} />
                {sig.signerName && <Text style={[s.bold, { textAlign: "center" }]}>{sig.signerName}</Text>}
                {sig.signerUnit && <Text style={{ textAlign: "center" }}>{sig.signerUnit}</Text>}
              </>
            ) : (
              <Text style={[s.note, { marginTop: 6, textAlign: "center" }]}>{t("signature.empty")}</Text>
            )}
          </View>
        </View>
      </Page>
    </Document>
  );
}

/** Renders the briefing with the messages of its language (the `briefing` namespace). */
export async function renderBriefing(data: BriefingData, messages: Record<string, unknown>): Promise<Buffer> {
  const tr = createTranslator({ locale: data.locale, messages: messages as never, namespace: "briefing" as never });
  const t: T = (key, values) => (tr as unknown as T)(key, values);
  const family = registerFamily();
  try {
    return await renderToBuffer(<BriefingDocument data={data} t={t} family={family} />);
  } finally {
    delete (Font.getRegisteredFonts() as Record<string, unknown>)[family];
  }
}
