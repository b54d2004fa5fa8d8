import { isId } from "@/lib/validation/common";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { REVIEW_QUEUE_LIMIT, reviewQueue } from "@/lib/server/reports";
import { attachmentsOfReports } from "@/lib/server/attachments";
import { getReference } from "@/lib/server/reference";
import { localName } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { PERIOD_RE } from "@/lib/domain/periods";
import { METRIC_KIND } from "@/lib/domain/codes";
import { JUMP_POINTS, JUMP_RELATIVE } from "@/components/reports/jump";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ReportFilters } from "@/components/reports/filters";
import { ReviewQueue, type QueueItem } from "@/components/reports/review-queue";
import { periodOptions } from "@/components/reports/periods";
import { withClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("reports");
  return { title: t("review.title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

async function ReviewPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor();
  const t = await getTranslations("reports");
  const tc = await getTranslations();
  const locale = (await getLocale()) as Locale;
  if (!can(actor, "report.review")) {
    return (
      <div>
        <PageHeader title={t("review.title")} />
        <Card>
          <h2 className="text-base font-semibold">{tc("errors.forbiddenTitle")}</h2>
          <p className="text-sm text-slate-700">{t("review.notAllowed")}</p>
        </Card>
      </div>
    );
  }
  const sp = await searchParams;
  const period = typeof sp.period === "string" && PERIOD_RE.test(sp.period) ? sp.period : "";
  // a notification's link names the organisation too (REPORTS_SUBMITTED is grouped per organisation and quarter)
  const organisationId = typeof sp.organisationId === "string" && isId(sp.organisationId) ? sp.organisationId : "";
  const [queue, ref] = await Promise.all([reviewQueue(actor, { ...(period ? { period } : {}), ...(organisationId ? { organisationId } : {}) }), getReference()]);
  const files = await attachmentsOfReports(queue.map((q) => q.report.id));
  const metricName = (code: string) => localName(locale, ref.metrics.find((m) => m.code === code));
  const items: QueueItem[] = queue.map(({ report: r, organisation, previous, warnings }) => ({
    id: r.id,
    version: r.version,
    organisationId: organisation.id,
    organisationName: localName(locale, organisation),
    period: r.period,
    metric: r.metric,
    metricName: metricName(r.metric),
    kind: METRIC_KIND[r.metric],
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    evidenceUrl: r.evidenceUrl,
    attachments: files.get(r.id) ?? [],
    note: r.note,
    submittedAt: r.submittedAt,
    submittedLate: r.submittedLate,
    previous,
    warnings,
  }));
  return (
    <div>
      <PageHeader title={t("review.title")} description={t("review.intro")} />
      <ReportFilters action="/review" periods={periodOptions(period || "")} period={period} allPeriodsLabel={t("filters.allPeriods")} />
      <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="jump-rule">
        <strong>⚠ {t("review.largeJump")}:</strong> {t("review.jumpRule", { relative: JUMP_RELATIVE * 100, points: JUMP_POINTS })}
      </p>
      <p className="mb-4 text-sm text-slate-800">
        {t("review.count", { count: items.length })}
        {items.length >= REVIEW_QUEUE_LIMIT ? ` ${t("review.limited", { limit: REVIEW_QUEUE_LIMIT })}` : ""}
      </p>
      <ReviewQueue key={items.map((i) => `${i.id}:${i.version}`).join(",")} items={items} />
    </div>
  );
}

// client components get only the messages they use (lib/i18n/client-messages.ts)
export default withClientMessages("/review", ReviewPage);
