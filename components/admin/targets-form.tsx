"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Controller, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { NumberInput, useNumberReader } from "@/components/ui/number-input";
import { saveNationalTargetsAction } from "@/app/(app)/admin/targets/actions";
import { useApiForm, type FieldTexts } from "@/components/forms/use-api-form";
import { nationalTargetsInput } from "@/lib/validation/kpis";
import type { ApiFailure } from "@/lib/api-client";
import type { NationalTargetDto } from "@/lib/dto/settings";
import { FormMessage } from "./dialog";

interface Row {
  enabled: boolean;
  baseline: string;
  baselinePeriod: string;
  target: string;
  targetPeriod: string;
}
/** One row per metric, by its code. */
type Values = Record<string, Row>;

const FIELDS = ["baseline", "baselinePeriod", "target", "targetPeriod"] as const;

/**
 * The national targets, one row per metric; a metric without a target is simply left unticked. On the shared form hook
 * with the schema putNationalTargets parses (nationalTargetsInput, over the list of ticked rows): a problem at
 * "2.target" of the list is the target of the third ticked metric, on its field, the first one focused; unsaved
 * changes ask before the page is left.
 */
export function TargetsForm({ initial, metrics }: { initial: NationalTargetDto[]; metrics: { code: string; name: string; kind: string }[] }) {
  const t = useTranslations("admin.targets");
  const te = useTranslations("admin.errors");
  const tf = useTranslations("forms");
  const numbers = useNumberReader();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  // the metrics of the list last checked or sent, in its order: the list's index names the row
  const sent = useRef<string[]>([]);
  const toValues = (list: NationalTargetDto[]): Values =>
    Object.fromEntries(
      metrics.map((m) => {
        const x = list.find((l) => l.metric === m.code);
        const row: Row = x
          ? { enabled: true, baseline: numbers.text(x.baseline), baselinePeriod: x.baselinePeriod, target: numbers.text(x.target), targetPeriod: x.targetPeriod }
          : { enabled: false, baseline: "", baselinePeriod: "", target: "", targetPeriod: "" };
        return [m.code, row];
      }),
    );
  const num = (s: string) => {
    const x = numbers.read(s);
    return x.ok && x.value !== null ? x.value : Number.NaN;
  };
  const { control, register, submit, dirty, fieldError, formState } = useApiForm({
    schema: nationalTargetsInput,
    toBody: (v: Values) => {
      const on = metrics.map((m) => m.code).filter((c) => v[c]?.enabled);
      sent.current = on;
      return on.map((c) => ({
        metric: c,
        baseline: num(v[c].baseline),
        baselinePeriod: v[c].baselinePeriod.trim().toUpperCase(),
        target: num(v[c].target),
        targetPeriod: v[c].targetPeriod.trim().toUpperCase(),
      }));
    },
    // numbers as written in the UI's language; one written the other way says how to write it
    extra: (v: Values): FieldTexts => {
      const out: FieldTexts = {};
      sent.current.forEach((c, i) => {
        for (const f of ["baseline", "target"] as const) {
          const x = numbers.read(v[c][f]);
          if (!x.ok) out[`${i}.${f}`] = [x.message];
        }
      });
      return out;
    },
    depth: 2,
    field: (f) => {
      const m = /^(\d+)\.(\w+)$/.exec(f);
      const code = m ? sent.current[Number(m[1])] : undefined;
      if (!m || !code) return null;
      return `${code}.${m[2] === "metric" ? "enabled" : m[2]}`;
    },
    defaultValues: toValues(initial),
    order: metrics.flatMap((m) => [`${m.code}.enabled`, ...FIELDS.map((f) => `${m.code}.${f}`)]),
  });
  const enabled = useWatch({ control });

  const onSubmit = submit(async (list) => {
    setMessage(null);
    const res = await saveNationalTargetsAction(list);
    if (res.ok) {
      setMessage({ tone: "success", text: t("saved") });
      return { values: toValues(res.targets) };
    }
    setMessage({ tone: "error", text: res.code === "validation_failed" ? te("validation") : res.code === "forbidden" ? te("forbidden") : te("generic") });
    const failure: ApiFailure = { ok: false, status: 400, code: res.code, message: res.code, details: res.details.map((d) => ({ ...d, code: d.code ?? "invalid" })), fieldErrors: {} };
    return failure;
  });
  const invalid = formState.submitCount > 0 && Object.keys(formState.errors).length > 0 && !message;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {(message || invalid) && (
        <FormMessage tone={message?.tone ?? "error"} testId="targets-message">
          {message?.text ?? te("validation")}
        </FormMessage>
      )}
      <div className="space-y-3">
        {metrics.map((metric) => {
          const c = metric.code;
          const id = (f: string) => `t-${c}-${f}`;
          return (
            <fieldset key={c} className="rounded-xl border border-slate-200 bg-white p-4" data-testid={`target-${c}`}>
              <legend className="px-1 text-base font-semibold text-slate-900">
                {metric.name} <span className="font-mono text-xs font-normal text-slate-700">{c}</span>
              </legend>
              <label className="mb-3 flex items-center gap-2 text-sm font-medium text-slate-900">
                <input type="checkbox" {...register(`${c}.enabled`, { onChange: () => setMessage(null) })} className="h-4 w-4" />
                {t("hasTarget")}
              </label>
              {fieldError(`${c}.enabled`) && <p className="mb-2 text-sm text-red-700">{fieldError(`${c}.enabled`)}</p>}
              {enabled[c]?.enabled && (
                <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                  {FIELDS.map((f) => {
                    const err = fieldError(`${c}.${f}`);
                    const aria = { id: id(f), "aria-invalid": err ? (true as const) : undefined, "aria-describedby": err ? `${id(f)}-error` : undefined, className: `mt-1 ${inputClass}` };
                    return (
                      <div key={f}>
                        <label htmlFor={id(f)} className="block text-sm font-medium text-slate-900">
                          {t(f)}
                        </label>
                        {f.endsWith("Period") ? (
                          <input {...aria} placeholder="2026-Q4" {...register(`${c}.${f}`, { onChange: () => setMessage(null) })} />
                        ) : (
                          <Controller
                            control={control}
                            name={`${c}.${f}`}
                            render={({ field }) => (
                              <NumberInput
                                {...aria}
                                ref={field.ref}
                                name={field.name}
                                value={field.value as string}
                                onBlur={field.onBlur}
                                onChange={(raw) => {
                                  field.onChange(raw);
                                  setMessage(null);
                                }}
                              />
                            )}
                          />
                        )}
                        {err && (
                          <p id={`${id(f)}-error`} className="mt-1 text-sm text-red-700" data-testid={`${id(f)}-error`}>
                            {err}
                          </p>
                        )}
                      </div>
                    );
                  })}
                </div>
              )}
            </fieldset>
          );
        })}
      </div>
      <p className="text-sm text-slate-700">{t("direction")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("saving") : t("save")}
        </Button>
        {dirty && (
          <span className="text-sm text-amber-900" data-testid="targets-unsaved">
            {tf("unsaved")}
          </span>
        )}
      </div>
    </form>
  );
}
