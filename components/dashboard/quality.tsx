/**
 * How far a figure can be trusted (spec/coverage.md, spec/restructuring.md): its coverage, why it is provisional, the
 * banner of an open quarter, and the basis switch of an organisation's figures. Server components.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { periodLabel } from "./sections";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import type { Coverage, ProvisionalReason } from "@/lib/domain/coverage";
import type { Basis } from "@/lib/domain/lineage";

/** "23/51 đã báo cáo", with the share in words for screen readers and on hover. */
export async function CoverageLine({ coverage, locale, testId }: { coverage: Coverage; locale: Locale; testId?: string }) {
  const t = await getTranslations("figures");
  if (coverage.expected === 0) return <p className="text-xs text-slate-700" data-testid={testId}>{t("coverageNone")}</p>;
  const title = t("coverageTitle", {
    reported: formatNumber(locale, coverage.reported),
    expected: formatNumber(locale, coverage.expected),
    share: formatPercent(locale, (coverage.share ?? 0) * 100, 0),
  });
  return (
    <p className="text-xs text-slate-700" title={title} data-testid={testId}>
      {t("coverage", { reported: formatNumber(locale, coverage.reported), expected: formatNumber(locale, coverage.expected) })}
    </p>
  );
}

/** "Số liệu tạm thời: quý đang trong kỳ báo cáo; dưới 80 % cơ quan đã báo cáo" — a label, never colour alone. */
export async function ProvisionalNote({
  reasons,
  minimumCoverage,
  locale,
  testId,
}: {
  reasons: ProvisionalReason[];
  minimumCoverage: number;
  locale: Locale;
  testId?: string;
}) {
  if (reasons.length === 0) return null;
  const t = await getTranslations("figures");
  const min = formatPercent(locale, minimumCoverage * 100, 0);
  return (
    <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 ring-1 ring-amber-200" data-testid={testId}>
      <span className="font-semibold">{t("provisional")}</span>: {reasons.map((r) => t(`reason.${r}`, { min })).join("; ")}
    </p>
  );
}

/** The banner of a quarter still being reported, with a link to the latest one that is not. */
export async function QuarterBanner({
  period,
  dueDate,
  latestClosed,
  href,
  locale,
}: {
  period: string;
  dueDate: string;
  latestClosed: string;
  /** the page's URL for another quarter */
  href: (period: string) => string;
  locale: Locale;
}) {
  const t = await getTranslations("figures");
  const td = await getTranslations("dashboard");
  return (
    <section role="status" aria-labelledby="open-quarter-title" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="open-quarter-banner">
      <h2 id="open-quarter-title" className="text-base font-semibold">
        {t("banner.openTitle", { period: periodLabel(td, period) })}
      </h2>
      <p className="mt-1 text-sm">{t("banner.openBody", { date: formatDate(locale, dueDate) })}</p>
      {latestClosed !== period && (
        <p className="no-print mt-2 text-sm font-medium">
          <Link href={href(latestClosed)} className="text-amber-950 underline">
            {t("banner.latestClosed", { period: periodLabel(td, latestClosed) })}
          </Link>
        </p>
      )}
    </section>
  );
}

/** The comparable / reported switch of an organisation's figures (links: the choice lives in the URL). */
export async function BasisSwitch({
  basis,
  href,
  partial,
  lineageText,
}: {
  basis: Basis;
  href: (basis: Basis) => string;
  partial: boolean;
  /** "Số liệu Quý 2/2025 gồm: …" when predecessors count */
  lineageText?: string | null;
}) {
  const t = await getTranslations("figures");
  return (
    <section aria-labelledby="basis-title" className="no-print rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="basis-switch">
      <h2 id="basis-title" className="text-sm font-medium text-slate-900">
        {t("basis.label")}
      </h2>
      <div className="mt-2 inline-flex flex-wrap overflow-hidden rounded-md border border-slate-400">
        {(["comparable", "reported"] as const).map((b) => (
          <Link
            key={b}
            href={href(b)}
            aria-current={b === basis ? "true" : undefined}
            className={`px-3 py-2 text-sm no-underline ${b === basis ? "bg-brand-700 text-white" : "bg-white text-slate-900 hover:bg-slate-50"}`}
          >
            {t(`basis.${b}`)}
          </Link>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-700">{t(basis === "comparable" ? "basis.comparableHint" : "basis.reportedHint")}</p>
      {lineageText && <p className="mt-1 text-xs text-slate-700" data-testid="basis-lineage">{lineageText}</p>}
      {partial && (
        <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 ring-1 ring-amber-200" data-testid="basis-partial">
          {t("basis.partial")}
        </p>
      )}
    </section>
  );
}
