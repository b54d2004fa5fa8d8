import { getTranslations } from "next-intl/server";
import { FilterForm } from "./filter-form";
import { pickerQuarters, type DashboardParams } from "./params";
import { periodLabel } from "./sections";
import { buttonClass } from "@/components/ui/button";

/** The quarter and the "approved only / include submitted" switch, kept in the URL. */
export async function DashboardControls({
  action,
  params,
  hidden = {},
}: {
  action: string;
  params: DashboardParams;
  hidden?: Record<string, string | undefined>;
}) {
  const t = await getTranslations("dashboard");
  return (
    <FilterForm
      key={`${params.period}-${params.includeSubmitted}`}
      action={action}
      label={t("controls.label")}
      className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-col gap-4 sm:flex-row sm:flex-wrap sm:items-end">
        <div>
          <label htmlFor="period" className="block text-sm font-medium text-slate-900">
            {t("controls.quarter")}
          </label>
          <select
            id="period"
            name="period"
            defaultValue={params.period}
            className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm sm:w-48"
          >
            {pickerQuarters(params.period).map((p) => (
              <option key={p} value={p}>
                {periodLabel(t, p)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">{t("controls.reports")}</legend>
          <div className="mt-1 inline-flex flex-wrap overflow-hidden rounded-md border border-slate-400">
            {[
              { value: "", label: t("controls.approvedOnly"), checked: !params.includeSubmitted },
              { value: "true", label: t("controls.includeSubmitted"), checked: params.includeSubmitted },
            ].map((o) => (
              <label
                key={o.value}
                className="flex cursor-pointer items-center gap-2 bg-white px-3 py-2 text-sm has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
              >
                <input
                  type="radio"
                  name="includeSubmitted"
                  value={o.value}
                  defaultChecked={o.checked}
                  className="accent-white"
                />
                {o.label}
              </label>
            ))}
          </div>
        </fieldset>
        {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
        <button type="submit" className={buttonClass("secondary")}>
          {t("controls.apply")}
        </button>
      </div>
      <p className="mt-2 text-xs text-slate-700">
        {t(params.includeSubmitted ? "controls.includeSubmittedHint" : "controls.approvedOnlyHint")}
      </p>
    </FilterForm>
  );
}
