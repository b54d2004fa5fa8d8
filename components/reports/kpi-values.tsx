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
import { useErrorText } from "@/lib/api-client/error-text";
import { failureMessage, joined } from "./messages";
import { quarterParts } from "./periods";
import type { OrganisationKpiDto } from "@/lib/dto/kpis";

/** The organisation's KPIs with an input for the chosen quarter's value (PUT /api/v1/kpis/{id}/values/{period}). */
export function KpiValues({ period, canEdit, kpis }: { period: string; canEdit: boolean; kpis: OrganisationKpiDto[] }) {
  const t = useTranslations("reports");
  const errorText = useErrorText();
  const locale = useLocale() as Locale;
  const [rows, setRows] = useState(kpis);
  const numbers = useNumberReader();
  const [input, setInput] = useState<Record<string, string>>(() => Object.fromEntries(kpis.map((k) => [k.id, numbers.text(k.value)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const quarter = t("quarter", quarterParts(period));

  async function save(k: OrganisationKpiDto) {
    const raw = (input[k.id] ?? "").trim();
    if (raw === "") {
      setErrors((s) => ({ ...s, [k.id]: t("validation.required") }));
      return;
    }
    const read = numbers.read(raw);
    if (!read.ok || read.value === null) {
      setErrors((s) => ({ ...s, [k.id]: read.ok ? t("validation.required") : read.message }));
      return;
    }
    setBusy(k.id);
    setSaved((s) => ({ ...s, [k.id]: false }));
    const res = await call(api.PUT("/kpis/{id}/values/{period}", { params: { path: { id: k.id, period } }, body: { value: read.value } }));
    setBusy(null);
    if (!res.ok) {
      const fe = joined(errorText.fields(res.details));
      setErrors((s) => ({ ...s, [k.id]: fe.value ?? fe.period ?? failureMessage(t, res.status, res.code) }));
      return;
    }
    const value = res.data.values.find((v) => v.period === period)?.value ?? read.value;
    setRows((list) => list.map((x) => (x.id === k.id ? { ...x, value, version: res.data.version, rating: res.data.rating } : x)));
    setInput((s) => ({ ...s, [k.id]: numbers.text(value) }));
    setErrors((s) => ({ ...s, [k.id]: "" }));
    setSaved((s) => ({ ...s, [k.id]: true }));
  }

  if (rows.length === 0) return <p className="text-sm text-slate-700">{t("kpis.none")}</p>;

  return (
    <ul className="divide-y divide-slate-200">
      {rows.map((k) => {
        const id = `kpi-${k.id}`;
        const err = errors[k.id];
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
              <form
                noValidate
                className="flex flex-wrap items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  void save(k);
                }}
              >
                <div>
                  <label htmlFor={id} className="block text-sm font-medium text-slate-900">
                    {t("kpis.valueFor", { quarter })}
                    {k.unit ? ` (${k.unit})` : ""}
                  </label>
                  <NumberInput
                    id={id}
                    className={`${inputClass} mt-1 w-36`}
                    value={input[k.id] ?? ""}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${id}-error` : undefined}
                    onChange={(raw) => {
                      setInput((s) => ({ ...s, [k.id]: raw }));
                      setSaved((s) => ({ ...s, [k.id]: false }));
                    }}
                  />
                </div>
                <Button type="submit" variant="secondary" disabled={busy !== null}>
                  {busy === k.id ? t("form.saving") : t("kpis.save")}
                </Button>
                {err && (
                  <p id={`${id}-error`} className="w-full text-sm text-red-700">
                    {err}
                  </p>
                )}
                {saved[k.id] && (
                  <p role="status" className="w-full text-sm text-green-800">
                    {t("kpis.saved")}
                  </p>
                )}
              </form>
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
