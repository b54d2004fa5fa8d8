"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useNumberReader } from "@/components/ui/number-input";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { THRESHOLD_METRICS, type ThresholdMetric, type Thresholds } from "@/lib/domain/maturity";
import { api, call } from "@/lib/api-client";
import { useApiForm } from "@/components/forms/use-api-form";
import { thresholdsInput } from "@/lib/validation/reports";
import { ControlledNumberInput } from "@/components/forms/controlled-number-input";
import { failureMessage } from "./messages";

type Values = Record<ThresholdMetric, string>;

/** The four maturity thresholds (ADMIN): PUT /api/v1/maturity-thresholds with the whole set; the core audits it. */
export function ThresholdsForm({
  initial,
  metricNames,
  updatedAt,
  updatedBy,
  actorName,
}: {
  actorName: string;
  initial: Thresholds;
  metricNames: Record<ThresholdMetric, string>;
  updatedAt: string | null;
  updatedBy: string | null;
}) {
  const t = useTranslations("reports");
  const locale = useLocale() as Locale;
  const numbers = useNumberReader();
  const tf = useTranslations("forms");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [last, setLast] = useState({ at: updatedAt, by: updatedBy });
  const integer = (m: ThresholdMetric) => m === "OPEN_DATASETS";
  const textOf = (th: Thresholds) => Object.fromEntries(THRESHOLD_METRICS.map((m) => [m, numbers.text(th[m])])) as Values;

  // the API's schema (PUT /maturity-thresholds) over the numbers as read in the UI's language; a blank is null (required)
  const { control, submit, dirty, failure, fieldError, formState } = useApiForm({
    schema: thresholdsInput,
    toBody: (v: Values) =>
      Object.fromEntries(
        THRESHOLD_METRICS.map((m) => {
          const r = numbers.read(v[m], { integer: integer(m) });
          return [m, r.ok ? r.value : Number.NaN];
        }),
      ),
    // a number not written the way of the language says how to write it
    extra: (v: Values) => Object.fromEntries(THRESHOLD_METRICS.flatMap((m) => {
      const r = numbers.read(v[m], { integer: integer(m) });
      return r.ok ? [] : [[m, [r.message]]];
    })),
    defaultValues: textOf(initial),
    order: THRESHOLD_METRICS,
  });
  const onSubmit = submit(async (body) => {
    setMessage(null);
    const res = await call(api.PUT("/maturity-thresholds", { body }));
    if (!res.ok) {
      setMessage({ ok: false, text: failureMessage(t, res.status, res.code) });
      return res;
    }
    setMessage({ ok: true, text: t("thresholds.saved") });
    setLast({ at: new Date().toISOString(), by: actorName });
    return { values: textOf(res.data) };
  });
  const invalid = Object.keys(formState.errors).length > 0 && formState.submitCount > 0 && !failure;

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-describedby="thresholds-rule">
      <ol className="grid gap-4 md:grid-cols-2">
        {THRESHOLD_METRICS.map((m, i) => (
          <li key={m} className="rounded-lg border border-slate-200 p-3">
            <Field
              id={`threshold-${m}`}
              label={t("thresholds.label", { stage: i + 2, metric: metricNames[m] })}
              hint={t(`thresholds.meaning.${m}`)}
              error={fieldError(m)}
            >
              {(a) => (
                <div className="flex items-center gap-2">
                  <div className="w-40">
                    <ControlledNumberInput {...a} integer={integer(m)} control={control} name={m} onValue={() => setMessage(null)} />
                  </div>
                  <span className="text-sm text-slate-800">{m === "OPEN_DATASETS" ? t("thresholds.unitDatasets") : "%"}</span>
                </div>
              )}
            </Field>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("form.saving") : t("thresholds.save")}
        </Button>
        {(message || invalid) && (
          <p role="status" className={`text-sm ${message?.ok ? "text-green-800" : "text-red-700"}`} data-testid="thresholds-message">
            {message?.text ?? t("failure.validation")}
          </p>
        )}
        {dirty && <span className="text-sm text-amber-900">{tf("unsaved")}</span>}
      </div>
      {last.at && (
        <p className="text-xs text-slate-700">
          {last.by ? t("thresholds.lastChangedBy", { at: formatDateTime(locale, last.at), name: last.by }) : t("thresholds.lastChanged", { at: formatDateTime(locale, last.at) })}
        </p>
      )}
    </form>
  );
}
