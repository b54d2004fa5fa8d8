"use client";

import { useState } from "react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge, STATUS_TONE } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { NumberInput, useNumberReader } from "@/components/ui/number-input";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { api, call } from "@/lib/api-client";
import { useApiForm, type FieldTexts } from "@/components/forms/use-api-form";
import { kpiValueInput } from "@/lib/validation/kpis";
import { Controller } from "react-hook-form";
import { failureMessage } from "./messages";
import { quarterParts } from "./periods";
import type { OrganisationKpiDto } from "@/lib/dto/kpis";

type Values = { value: string };

/**
 * One KPI's value for the quarter on the shared form hook: the body checked with the endpoint's own schema
 * (kpiValueInput), the server's details on the field by code with the focus, unsaved changes asking before they are lost.
 */
function KpiValueForm({ k, period, quarter, onSaved }: { k: OrganisationKpiDto; period: string; quarter: string; onSaved: (k: OrganisationKpiDto) => void }) {
  const t = useTranslations("reports");
  const numbers = useNumberReader();
  const [saved, setSaved] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const id = `kpi-${k.id}`;
  const { control, submit, dirty, fieldError, formState } = useApiForm({
    schema: kpiValueInput,
    toBody: (v: Values) => {
      const r = numbers.read(v.value);
      return { value: r.ok && r.value !== null ? r.value : Number.NaN };
    },
    extra: (v: Values): FieldTexts => {
      const r = numbers.read(v.value);
      return r.ok ? {} : { value: [r.message] };
    },
    defaultValues: { value: numbers.text(k.value) },
    order: ["value"],
    // the quarter is in the path: a problem with it is the value's
    field: (f) => (f === "period" ? "value" : f),
  });
  const onSubmit = submit(async (body) => {
    setSaved(false);
    setMessage(null);
    const res = await call(api.PUT("/kpis/{id}/values/{period}", { params: { path: { id: k.id, period } }, body }));
    if (!res.ok) {
      if (!res.details.length) setMessage(failureMessage(t, res.status, res.code));
      return res;
    }
    const value = res.data.values.find((v) => v.period === period)?.value ?? body.value;
    onSaved({ ...k, value, version: res.data.version, rating: res.data.rating });
    setSaved(true);
    return { values: { value: numbers.text(value) } };
  });
  const err = fieldError("value") ?? message ?? undefined;

  return (
    <form noValidate className="flex flex-wrap items-end gap-2" onSubmit={onSubmit}>
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-900">
          {t("kpis.valueFor", { quarter })}
          {k.unit ? ` (${k.unit})` : ""}
        </label>
        <Controller
          control={control}
          name="value"
          render={({ field }) => (
            <NumberInput
              id={id}
              className={`${inputClass} mt-1 w-36`}
              ref={field.ref}
              name={field.name}
              value={field.value}
              onBlur={field.onBlur}
              aria-invalid={err ? true : undefined}
              aria-describedby={err ? `${id}-error` : undefined}
              onChange={(raw) => {
                field.onChange(raw);
                setSaved(false);
                setMessage(null);
              }}
            />
          )}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("form.saving") : t("kpis.save")}
      </Button>
      {dirty && (
        <span className="text-sm text-amber-900" data-testid={`${id}-unsaved`}>
          {t("form.unsaved")}
        </span>
      )}
      {err && (
        <p id={`${id}-error`} className="w-full text-sm text-red-700" data-testid={`${id}-error`}>
          {err}
        </p>
      )}
      {saved && (
        <p role="status" className="w-full text-sm text-green-800">
          {t("kpis.saved")}
        </p>
      )}
    </form>
  );
}

/** The organisation's KPIs with an input for the chosen quarter's value (PUT /api/v1/kpis/{id}/values/{period}). */
export function KpiValues({ period, canEdit, kpis }: { period: string; canEdit: boolean; kpis: OrganisationKpiDto[] }) {
  const t = useTranslations("reports");
  const locale = useLocale() as Locale;
  const [rows, setRows] = useState(kpis);
  const quarter = t("quarter", quarterParts(period));

  if (rows.length === 0) return <p className="text-sm text-slate-700">{t("kpis.none")}</p>;

  return (
    <ul className="divide-y divide-slate-200">
      {rows.map((k) => {
        return (
          <li key={k.id} className="grid gap-2 py-3" data-testid={`kpi-${k.id}`}>
            <div>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold text-slate-900">{k.name}</span>
                <Badge tone={STATUS_TONE[k.rating.status]}>{t(`rating.${k.rating.status}`)}</Badge>
              </div>
              <p className="text-sm text-slate-700">
                <Link href={`/initiatives/${k.initiative.id}`}>{k.initiative.title}</Link>
              </p>
              <p className="text-xs text-slate-700">
                {t("kpis.goal", {
                  baseline: formatNumber(locale, k.baseline, 2),
                  baselineQuarter: t("quarter", quarterParts(k.baselinePeriod)),
                  target: formatNumber(locale, k.target, 2),
                  targetQuarter: t("quarter", quarterParts(k.targetPeriod)),
                  unit: k.unit ? ` ${k.unit}` : "",
                })}{" "}
                · {t(`kpis.direction.${k.direction}`)}
              </p>
            </div>
            {!k.periodOpen ? (
              <p className="text-sm text-slate-700">{t("kpis.beforeBaseline", { quarter })}</p>
            ) : canEdit ? (
              <KpiValueForm k={k} period={period} quarter={quarter} onSaved={(x) => setRows((list) => list.map((r) => (r.id === x.id ? x : r)))} />
            ) : (
              <p className="text-sm">
                {t("kpis.valueFor", { quarter })}: <strong>{formatNumber(locale, k.value, 2)}</strong>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
