"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { z } from "zod";
import { ControlledNumberInput } from "@/components/forms/controlled-number-input";
import { kpiCreateInput, kpiUpdateInput, kpiValueInput, type KpiCreateInput, type KpiUpdateInput } from "@/lib/validation/kpis";
import { KPI_DIRECTIONS } from "@/lib/domain/codes";
import { addQuarters, periodIndex, periodRange } from "@/lib/domain/periods";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { Field, inputClass } from "@/components/ui/field";
import { useNumberReader, type NumberRead } from "@/components/ui/number-input";
import { Button } from "@/components/ui/button";
import { api, call, type ApiFailure } from "@/lib/api-client";
import { useApiForm, type FieldTexts } from "@/components/forms/use-api-form";
import { knownError } from "./known-error";
import { RatingBadge } from "./badges";
import { ConfirmDialog } from "./confirm-dialog";
import { KpiChart, kpiChartPoints } from "./kpi-chart";
import type { KpiDto } from "@/lib/dto/kpis";

type KpiValues = { name: string; unit: string; direction: string; baseline: string; baselinePeriod: string; target: string; targetPeriod: string };

/** A number field as the reader of components/ui/number-input read it: NaN when empty or unreadable (the schema then names it). */
const num = (r: NumberRead) => (r.ok && r.value !== null ? r.value : Number.NaN);

function kpiBody(v: KpiValues, read: (raw: string) => NumberRead) {
  return {
    name: v.name,
    unit: v.unit,
    direction: v.direction,
    baseline: num(read(v.baseline)),
    baselinePeriod: v.baselinePeriod.trim().toUpperCase(),
    target: num(read(v.target)),
    targetPeriod: v.targetPeriod.trim().toUpperCase(),
  };
}

function FailureMessage({ failure, onReload }: { failure: ApiFailure | null; onReload?: () => void }) {
  const t = useTranslations("initiatives");
  if (!failure) return null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="kpi-error">
      {failure.code === "version_conflict" ? (
        <>
          <p>{t("form.conflict")}</p>
          <Button variant="secondary" className="mt-2" onClick={onReload ?? (() => window.location.reload())}>
            {t("form.reload")}
          </Button>
        </>
      ) : failure.code === "validation_failed" ? (
        <p>{t("form.fixErrors")}</p>
      ) : (
        <p>{t(`errors.${knownError(failure.code)}`)}</p>
      )}
    </div>
  );
}

const KPI_ORDER = ["name", "unit", "direction", "baseline", "baselinePeriod", "target", "targetPeriod"] as const;

/**
 * Add or edit a KPI on the shared form hook: the endpoint's own schema (POST: kpiCreateInput, with the rules that span
 * fields; PATCH: kpiUpdateInput, whose merged-KPI rules only the server runs) checks the fields first, the server's
 * details land on the same fields by code, the first one gets the focus, and unsaved changes ask before they are lost.
 */
function KpiForm({ initiativeId, kpi, onDone, currentPeriod }: { initiativeId: string; kpi: KpiDto | null; onDone: () => void; currentPeriod: string }) {
  const t = useTranslations("initiatives");
  const tf = useTranslations("forms");
  const router = useRouter();
  const prefix = kpi ? `kpi-edit-${kpi.id}` : "kpi-new"; // not `kpi-${id}`: the card's heading has `kpi-${id}-name`
  const numbers = useNumberReader();
  const read = (raw: string) => numbers.read(raw);
  const { register, control, submit, dirty, failure, fieldError, formState, leave } = useApiForm({
    schema: (kpi ? kpiUpdateInput : kpiCreateInput) as z.ZodType<KpiCreateInput | KpiUpdateInput>,
    toBody: (v: KpiValues) => (kpi ? { ...kpiBody(v, read), version: kpi.version } : kpiBody(v, read)),
    // a number written the other language's way: say how to write it, instead of the schema's own message
    extra: (v: KpiValues) =>
      Object.fromEntries(
        (["baseline", "target"] as const).flatMap((k) => {
          const r = read(v[k]);
          return r.ok ? [] : [[k, [r.message]]];
        }),
      ),
    defaultValues: {
      name: kpi?.name ?? "",
      unit: kpi?.unit ?? "",
      direction: kpi?.direction ?? "HIGHER_IS_BETTER",
      baseline: kpi ? numbers.text(kpi.baseline) : "",
      baselinePeriod: kpi?.baselinePeriod ?? addQuarters(currentPeriod, -4),
      target: kpi ? numbers.text(kpi.target) : "",
      targetPeriod: kpi?.targetPeriod ?? addQuarters(currentPeriod, 4),
    },
    order: KPI_ORDER,
  });

  const onSubmit = submit(async (body) => {
    const r = kpi
      ? await call(api.PATCH("/kpis/{id}", { params: { path: { id: kpi.id } }, body: body as KpiUpdateInput }))
      : await call(api.POST("/initiatives/{id}/kpis", { params: { path: { id: initiativeId } }, body: body as KpiCreateInput }));
    if (!r.ok) return r;
    onDone();
    router.refresh();
  });
  const cancel = () => {
    if (!dirty || window.confirm(tf("closeConfirm"))) onDone();
  };

  const text = (k: "name" | "unit" | "baselinePeriod" | "targetPeriod", label: string, hint?: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field id={`${prefix}-${k}`} label={label} hint={hint} error={fieldError(k)}>
      {(a) => <input {...a} {...extra} className={inputClass} {...register(k)} />}
    </Field>
  );

  const numberField = (k: "baseline" | "target", label: string) => (
    <Field id={`${prefix}-${k}`} label={label} error={fieldError(k)}>
      {(a) => (
        <ControlledNumberInput {...a} control={control} name={k} />
      )}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-300 bg-slate-50 p-3" aria-label={kpi ? t("kpi.editTitle", { name: kpi.name }) : t("kpi.addTitle")}>
      <FailureMessage failure={failure} onReload={() => leave(() => window.location.reload())} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">{text("name", t("kpi.name"))}</div>
        {text("unit", t("kpi.unit"), t("kpi.unitHint"), { maxLength: 40 })}
        <Field id={`${prefix}-direction`} label={t("kpi.direction")} error={fieldError("direction")}>
          {(a) => (
            <select {...a} className={inputClass} {...register("direction")}>
              {KPI_DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`kpi.directions.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {numberField("baseline", t("kpi.baseline"))}
        {text("baselinePeriod", t("kpi.baselinePeriod"), t("kpi.periodHint"), { placeholder: "2025-Q1" })}
        {numberField("target", t("kpi.target"))}
        {text("targetPeriod", t("kpi.targetPeriod"), t("kpi.periodHint"), { placeholder: "2026-Q4" })}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("form.saving") : kpi ? t("form.save") : t("kpi.add")}
        </Button>
        <Button variant="secondary" onClick={cancel}>
          {t("actions.cancel")}
        </Button>
        {dirty && (
          <span role="status" className="text-sm text-amber-900" data-testid={`${prefix}-unsaved`}>
            {tf("unsaved")}
          </span>
        )}
      </div>
    </form>
  );
}

type ValueValues = { period: string; value: string };

/** Set (or replace) one quarter's value: PUT /kpis/{id}/values/{period}, its body checked with kpiValueInput. */
function ValueForm({ kpi, currentPeriod }: { kpi: KpiDto; currentPeriod: string }) {
  const t = useTranslations("initiatives");
  const first = addQuarters(kpi.baselinePeriod, 1);
  const periods = (periodIndex(first)! <= periodIndex(currentPeriod)! ? periodRange(first, currentPeriod) : []).reverse();
  if (periods.length === 0) return <p className="text-sm text-slate-700">{t("kpi.noPeriodYet")}</p>;
  return <ValueFormFields kpi={kpi} periods={periods} />;
}

function ValueFormFields({ kpi, periods }: { kpi: KpiDto; periods: string[] }) {
  const t = useTranslations("initiatives");
  const tf = useTranslations("forms");
  const router = useRouter();
  const numbers = useNumberReader();
  const [saved, setSaved] = useState<string | null>(null);
  const id = `val-${kpi.id}`;
  const { register, control, submit, dirty, failure, fieldError, formState } = useApiForm({
    schema: kpiValueInput,
    toBody: (v: ValueValues) => ({ value: num(numbers.read(v.value)) }),
    extra: (v: ValueValues): FieldTexts => {
      const r = numbers.read(v.value);
      return r.ok ? {} : { value: [r.message] };
    },
    defaultValues: { period: periods[0], value: "" },
    order: ["period", "value"],
  });

  const onSubmit = submit(async (body, v) => {
    setSaved(null);
    const r = await call(api.PUT("/kpis/{id}/values/{period}", { params: { path: { id: kpi.id, period: v.period } }, body }));
    if (!r.ok) return r;
    setSaved(v.period);
    router.refresh();
    return { values: { period: v.period, value: "" } };
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2" aria-label={t("kpi.setValueFor", { name: kpi.name })}>
      <FailureMessage failure={failure && failure.code !== "validation_failed" ? failure : null} />
      <div className="flex flex-wrap items-start gap-2">
        <Field id={`${id}-period`} label={t("kpi.period")} error={fieldError("period")}>
          {(a) => (
            <select {...a} className={inputClass} {...register("period", { onChange: () => setSaved(null) })}>
              {periods.map((p) => (
                <option key={p} value={p}>
                  {p}
                  {kpi.values.some((x) => x.period === p) ? ` (${t("kpi.hasValue")})` : ""}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-value`} label={t("kpi.value")} error={fieldError("value")}>
          {(a) => (
            <ControlledNumberInput {...a} className={`${inputClass} w-32`} control={control} name="value" onValue={() => setSaved(null)} />
          )}
        </Field>
        <Button type="submit" className="mt-6" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("form.saving") : t("kpi.saveValue")}
        </Button>
      </div>
      <p role="status" className="text-sm text-green-800">
        {saved ? t("kpi.valueSaved", { period: saved }) : ""}
      </p>
      {dirty && (
        <p className="text-sm text-amber-900" data-testid={`${id}-unsaved`}>
          {tf("unsaved")}
        </p>
      )}
    </form>
  );
}

function KpiCard({ kpi, canWrite, currentPeriod, restructurings }: { kpi: KpiDto; canWrite: boolean; currentPeriod: string; restructurings: { period: string; legend: string }[] }) {
  const t = useTranslations("initiatives");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const fmt = (n: number | null) => (n === null ? "—" : `${formatNumber(locale, n, 2)}${kpi.unit ? ` ${kpi.unit}` : ""}`);
  const points = kpiChartPoints(kpi);

  const remove = async () => {
    setBusy(true);
    const r = await call(api.DELETE("/kpis/{id}", { params: { path: { id: kpi.id }, query: { version: kpi.version } } }));
    setBusy(false);
    if (r.ok) {
      setConfirm(false);
      router.refresh();
    } else setFailure(r);
  };

  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="kpi-card" aria-labelledby={`kpi-${kpi.id}-name`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`kpi-${kpi.id}-name`} className="font-semibold text-slate-900">
            {kpi.name}
          </h3>
          <p className="text-sm text-slate-700">
            {t("kpi.goal", { baseline: fmt(kpi.baseline), baselinePeriod: kpi.baselinePeriod, target: fmt(kpi.target), targetPeriod: kpi.targetPeriod })} ·{" "}
            {t(`kpi.directions.${kpi.direction}`)}
          </p>
        </div>
        <RatingBadge status={kpi.rating.status} />
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">{t("kpi.latest")}</dt>
          <dd className="font-medium" data-testid="kpi-latest">
            {kpi.rating.latestPeriod ? `${fmt(kpi.rating.latestValue)} (${kpi.rating.latestPeriod})` : "—"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("kpi.expected")}</dt>
          <dd className="font-medium">{fmt(kpi.rating.expectedValue)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("kpi.pace")}</dt>
          <dd className="font-medium">{kpi.rating.ratio === null ? "—" : formatNumber(locale, kpi.rating.ratio, 2)}</dd>
        </div>
      </dl>
      <p className="mt-1 text-xs text-slate-600">{t(`rating.help.${kpi.rating.status}`)}</p>

      {points.length > 0 && (
        <div className="mt-3">
          <KpiChart
            points={points}
            title={t("kpi.chartTitle", { name: kpi.name })}
            actualLabel={t("kpi.actual")}
            requiredLabel={t("kpi.required")}
            markers={restructurings.map((r) => r.period)}
          />
          {restructurings.some((r) => points.some((p) => p.period === r.period)) && (
            <p className="mt-1 text-xs text-slate-700" data-testid="kpi-restructurings">
              {restructurings.filter((r) => points.some((p) => p.period === r.period)).map((r) => r.legend).join(" ")}
            </p>
          )}
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer font-medium text-brand-800">{t("kpi.showData")}</summary>
            <div className="mt-2 overflow-x-auto">
              <table className="min-w-[20rem] text-left text-sm">
                <caption className="sr-only">{t("kpi.chartTitle", { name: kpi.name })}</caption>
                <thead className="bg-slate-100">
                  <tr>
                    <th scope="col" className="px-2 py-1">
                      {t("kpi.period")}
                    </th>
                    <th scope="col" className="px-2 py-1 text-right">
                      {t("kpi.actual")}
                    </th>
                    <th scope="col" className="px-2 py-1 text-right">
                      {t("kpi.required")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.period} className="border-t border-slate-200">
                      <th scope="row" className="px-2 py-1 font-normal">
                        {p.period}
                      </th>
                      <td className="px-2 py-1 text-right tabular-nums">{p.actual === null ? "—" : fmt(p.actual)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{fmt(p.required)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </div>
      )}

      {canWrite && (
        <div className="mt-4 space-y-3 border-t border-slate-200 pt-3">
          <ValueForm kpi={kpi} currentPeriod={currentPeriod} />
          {editing ? (
            <KpiForm initiativeId={kpi.initiativeId} kpi={kpi} currentPeriod={currentPeriod} onDone={() => setEditing(false)} />
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => setEditing(true)}>
                {t("kpi.edit")}
              </Button>
              <Button variant="ghost" className="text-red-800 hover:bg-red-50" onClick={() => setConfirm(true)}>
                {t("kpi.delete")}
              </Button>
            </div>
          )}
          <ConfirmDialog
            open={confirm}
            title={t("kpi.deleteTitle")}
            body={<p>{t("kpi.deleteBody", { name: kpi.name })}</p>}
            confirmLabel={t("kpi.delete")}
            cancelLabel={t("actions.cancel")}
            busy={busy}
            error={<FailureMessage failure={failure} />}
            onConfirm={remove}
            onClose={() => {
              setConfirm(false);
              setFailure(null);
            }}
          />
        </div>
      )}
    </li>
  );
}

/** The KPIs of an initiative: ratings, charts against the required path, and (for writers) the forms. */
export function KpiSection({
  initiativeId,
  kpis,
  canWrite,
  currentPeriod,
  restructurings = [],
}: {
  initiativeId: string;
  kpis: KpiDto[];
  canWrite: boolean;
  currentPeriod: string;
  /** the restructurings that moved the initiative: marked on every KPI chart, named in its legend */
  restructurings?: { period: string; legend: string }[];
}) {
  const t = useTranslations("initiatives");
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="kpis-title" className="space-y-3" data-testid="kpi-section">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="kpis-title" className="text-lg font-semibold text-slate-900">
          {t("kpi.title")}
        </h2>
        {canWrite && !adding && <Button onClick={() => setAdding(true)}>{t("kpi.add")}</Button>}
      </div>
      <p className="text-sm text-slate-700">{t("kpi.intro")}</p>
      {adding && <KpiForm initiativeId={initiativeId} kpi={null} currentPeriod={currentPeriod} onDone={() => setAdding(false)} />}
      {kpis.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">{t("kpi.none")}</p>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {kpis.map((k) => (
            <KpiCard key={k.id} kpi={k} canWrite={canWrite} currentPeriod={currentPeriod} restructurings={restructurings} />
          ))}
        </ul>
      )}
    </section>
  );
}
