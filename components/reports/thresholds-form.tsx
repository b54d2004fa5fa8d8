"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { NumberInput, useNumberReader } from "@/components/ui/number-input";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { THRESHOLD_METRICS, type ThresholdMetric, type Thresholds } from "@/lib/domain/maturity";
import { api, call } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";
import type { paths } from "@/lib/api-client/schema";
import { failureMessage, joined } from "./messages";

type ThresholdsBody = paths["/maturity-thresholds"]["put"]["requestBody"]["content"]["application/json"];

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
  const errorText = useErrorText();
  const locale = useLocale() as Locale;
  const numbers = useNumberReader();
  const [values, setValues] = useState<Record<ThresholdMetric, string>>(() => Object.fromEntries(THRESHOLD_METRICS.map((m) => [m, numbers.text(initial[m])])) as Record<ThresholdMetric, string>);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState({ at: updatedAt, by: updatedBy });

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    // a number not written the way of the language is refused here, saying how to write it; an empty field goes to
    // the API as null and its answer names the field
    const read = Object.fromEntries(THRESHOLD_METRICS.map((m) => [m, numbers.read(values[m], { integer: m === "OPEN_DATASETS" })]));
    const bad = Object.fromEntries(Object.entries(read).flatMap(([m, r]) => (r.ok ? [] : [[m, r.message]])));
    if (Object.keys(bad).length) {
      setErrors(bad);
      setMessage({ ok: false, text: t("failure.validation") });
      return;
    }
    setBusy(true);
    const body = Object.fromEntries(Object.entries(read).map(([m, r]) => [m, r.ok ? r.value : null]));
    // an empty field goes as null on purpose (the answer names it), which the body's type does not allow
    const res = await call(api.PUT("/maturity-thresholds", { body: body as unknown as ThresholdsBody }));
    setBusy(false);
    if (res.ok) {
      setErrors({});
      setValues(Object.fromEntries(THRESHOLD_METRICS.map((m) => [m, numbers.text(res.data[m])])) as Record<ThresholdMetric, string>);
      setMessage({ ok: true, text: t("thresholds.saved") });
      setLast({ at: new Date().toISOString(), by: actorName });
    } else {
      setErrors(joined(errorText.fields(res.details)));
      setMessage({ ok: false, text: failureMessage(t, res.status, res.code) });
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-describedby="thresholds-rule">
      <ol className="grid gap-4 md:grid-cols-2">
        {THRESHOLD_METRICS.map((m, i) => (
          <li key={m} className="rounded-lg border border-slate-200 p-3">
            <Field
              id={`threshold-${m}`}
              label={t("thresholds.label", { stage: i + 2, metric: metricNames[m] })}
              hint={t(`thresholds.meaning.${m}`)}
              error={errors[m]}
            >
              {(a) => (
                <div className="flex items-center gap-2">
                  <div className="w-40">
                    <NumberInput
                      {...a}
                      integer={m === "OPEN_DATASETS"}
                      value={values[m]}
                      onChange={(raw) => {
                        setValues((s) => ({ ...s, [m]: raw }));
                        setMessage(null);
                      }}
                    />
                  </div>
                  <span className="text-sm text-slate-800">{m === "OPEN_DATASETS" ? t("thresholds.unitDatasets") : "%"}</span>
                </div>
              )}
            </Field>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? t("form.saving") : t("thresholds.save")}
        </Button>
        {message && (
          <p role="status" className={`text-sm ${message.ok ? "text-green-800" : "text-red-700"}`} data-testid="thresholds-message">
            {message.text}
          </p>
        )}
      </div>
      {last.at && (
        <p className="text-xs text-slate-700">
          {last.by ? t("thresholds.lastChangedBy", { at: formatDateTime(locale, last.at), name: last.by }) : t("thresholds.lastChanged", { at: formatDateTime(locale, last.at) })}
        </p>
      )}
    </form>
  );
}
