import { getTranslations } from "next-intl/server";
import { inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { quarterParts } from "./periods";

/**
 * A plain GET form (works without JavaScript): the quarter and, where the caller has a choice, the organisation.
 * The URL keeps the choice, so a page can be bookmarked and reloaded.
 */
export async function ReportFilters({
  action,
  periods,
  period,
  organisations,
  organisationId,
  organisationLabel,
  allPeriodsLabel,
}: {
  action: string;
  periods: string[];
  period: string;
  organisations?: { id: string; label: string }[];
  organisationId?: string | null;
  organisationLabel?: string;
  /** offer "every quarter" (value "") first */
  allPeriodsLabel?: string;
}) {
  const t = await getTranslations("reports");
  return (
    <form method="get" action={action} className="no-print mb-6 flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end">
      {organisations && organisations.length > 0 && (
        <div className="sm:min-w-72">
          <label htmlFor="filter-organisation" className="block text-sm font-medium text-slate-900">
            {organisationLabel ?? t("filters.organisation")}
          </label>
          <select id="filter-organisation" name="organisationId" defaultValue={organisationId ?? ""} className={`${inputClass} mt-1`}>
            {!organisationId && <option value="">{t("filters.chooseOrganisation")}</option>}
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="filter-period" className="block text-sm font-medium text-slate-900">
          {t("filters.period")}
        </label>
        <select id="filter-period" name="period" defaultValue={period} className={`${inputClass} mt-1`}>
          {allPeriodsLabel && <option value="">{allPeriodsLabel}</option>}
          {periods.map((p) => (
            <option key={p} value={p}>
              {t("quarter", quarterParts(p))}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        {t("filters.show")}
      </button>
    </form>
  );
}
