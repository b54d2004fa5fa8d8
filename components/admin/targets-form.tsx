"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { NumberInput, useNumberReader } from "@/components/ui/number-input";
import { saveNationalTargetsAction } from "@/app/(app)/admin/targets/actions";
import { FormMessage } from "./dialog";
import { useErrorText } from "@/lib/api-client/error-text";

interface Target {
  metric: string;
  baseline: number;
  baselinePeriod: string;
  target: number;
  targetPeriod: string;
}
interface Row {
  metric: string;
  enabled: boolean;
  baseline: string;
  baselinePeriod: string;
  target: string;
  targetPeriod: string;
}

const FIELDS = ["baseline", "baselinePeriod", "target", "targetPeriod"] as const;

/** The national targets, one row per metric; a metric without a target is simply left unticked. */
export function TargetsForm({ initial, metrics }: { initial: Target[]; metrics: { code: string; name: string; kind: string }[] }) {
  const t = useTranslations("admin.targets");
  const te = useTranslations("admin.errors");
  const errorText = useErrorText();
  const numbers = useNumberReader();
  const toRows = (list: Target[]): Row[] =>
    metrics.map((m) => {
      const x = list.find((l) => l.metric === m.code);
      return x
        ? { metric: m.code, enabled: true, baseline: numbers.text(x.baseline), baselinePeriod: x.baselinePeriod, target: numbers.text(x.target), targetPeriod: x.targetPeriod }
        : { metric: m.code, enabled: false, baseline: "", baselinePeriod: "", target: "", targetPeriod: "" };
    });
  const [rows, setRows] = useState<Row[]>(() => toRows(initial));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, start] = useTransition();

  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const enabled = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.enabled);
    // numbers as written in the UI's language; one written the other way is refused here, saying how to write it
    const written: Record<string, string[]> = {};
    for (const { r } of enabled)
      for (const f of ["baseline", "target"] as const) {
        const x = numbers.read(r[f]);
        if (!x.ok) written[`${r.metric}.${f}`] = [x.message];
      }
    if (Object.keys(written).length) {
      setErrors(written);
      setMessage({ tone: "error", text: te("validation") });
      return;
    }
    const num = (s: string) => {
      const x = numbers.read(s);
      return x.ok && x.value !== null ? x.value : s;
    };
    const list = enabled.map(({ r }) => ({ metric: r.metric, baseline: num(r.baseline), baselinePeriod: r.baselinePeriod.trim(), target: num(r.target), targetPeriod: r.targetPeriod.trim() }));
    start(async () => {
      const res = await saveNationalTargetsAction(list);
      if (res.ok) {
        setErrors({});
        setRows(toRows(res.targets));
        setMessage({ tone: "success", text: t("saved") });
        return;
      }
      // the API names fields by their index in the list sent; map them back to the row of that metric
      const mapped: Record<string, string[]> = {};
      for (const d of res.details) {
        const m = /^(\d+)\.(\w+)$/.exec(d.path);
        const key = m ? `${enabled[Number(m[1])]?.r.metric}.${m[2]}` : d.path;
        const text = errorText.text({ ...d, path: m ? m[2] : d.path });
        mapped[key] = [...(mapped[key] ?? []), text];
      }
      setErrors(mapped);
      setMessage({ tone: "error", text: res.code === "validation_failed" ? te("validation") : res.code === "forbidden" ? te("forbidden") : te("generic") });
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {message && (
        <FormMessage tone={message.tone} testId="targets-message">
          {message.text}
        </FormMessage>
      )}
      <div className="space-y-3">
        {rows.map((r, i) => {
          const metric = metrics.find((m) => m.code === r.metric)!;
          const id = (f: string) => `t-${r.metric}-${f}`;
          return (
            <fieldset key={r.metric} className="rounded-xl border border-slate-200 bg-white p-4" data-testid={`target-${r.metric}`}>
              <legend className="px-1 text-base font-semibold text-slate-900">
                {metric.name} <span className="font-mono text-xs font-normal text-slate-700">{r.metric}</span>
              </legend>
              <label className="mb-3 flex items-center gap-2 text-sm font-medium text-slate-900">
                <input type="checkbox" checked={r.enabled} onChange={(e) => set(i, { enabled: e.target.checked })} className="h-4 w-4" />
                {t("hasTarget")}
              </label>
              {r.enabled && (
                <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                  {FIELDS.map((f) => {
                    const err = errors[`${r.metric}.${f}`]?.length ? errors[`${r.metric}.${f}`] : undefined;
                    return (
                      <div key={f}>
                        <label htmlFor={id(f)} className="block text-sm font-medium text-slate-900">
                          {t(f)}
                        </label>
                        {f.endsWith("Period") ? (
                          <input
                            id={id(f)}
                            value={r[f]}
                            onChange={(e) => set(i, { [f]: e.target.value })}
                            placeholder="2026-Q4"
                            aria-invalid={err ? true : undefined}
                            aria-describedby={err ? `${id(f)}-error` : undefined}
                            className={`mt-1 ${inputClass}`}
                          />
                        ) : (
                          <NumberInput
                            id={id(f)}
                            value={r[f]}
                            onChange={(raw) => set(i, { [f]: raw })}
                            aria-invalid={err ? true : undefined}
                            aria-describedby={err ? `${id(f)}-error` : undefined}
                            className={`mt-1 ${inputClass}`}
                          />
                        )}
                        {err && (
                          <p id={`${id(f)}-error`} className="mt-1 text-sm text-red-700">
                            {err.join(" ")}
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
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
