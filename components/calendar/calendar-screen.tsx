"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { NumberInput, useNumberReader } from "@/components/ui/number-input";
import { api, call } from "@/lib/api-client";
import type { Locale } from "@/lib/i18n/config";
import type { ReportingSettings } from "@/lib/domain/calendar";
import { formatDay } from "./dates";
import type { CalendarEntryDto } from "@/lib/dto/settings";
import { useApiForm } from "@/components/forms/use-api-form";
import { calendarOverrideInput } from "@/lib/validation/calendar";

type Msg = { ok: boolean; text: string } | null;

function quarterLabel(period: string, locale: Locale): string {
  const [y, q] = period.split("-Q");
  return locale === "vi" ? `Quý ${q}/${y}` : `Q${q} ${y}`;
}

/** The defaults (days of the quarter's last month, minimum coverage). */
function DefaultsForm({ initial, onSaved }: { initial: ReportingSettings; onSaved: () => void }) {
  const t = useTranslations("calendar");
  const numbers = useNumberReader();
  const [v, setV] = useState({ cutOffDay: numbers.text(initial.cutOffDay), dueDay: numbers.text(initial.dueDay), minimumCoverage: numbers.text(Math.round(initial.minimumCoverage * 1000) / 10) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<Msg>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setMsg(null);
    const errs: Record<string, string> = {};
    const day = (k: "cutOffDay" | "dueDay") => {
      const r = numbers.read(v[k], { integer: true });
      if (!r.ok) errs[k] = r.message;
      else if (r.value === null || r.value < 1 || r.value > 28) errs[k] = t("defaults.dayRange");
      return r.ok ? r.value : null;
    };
    const cutOffDay = day("cutOffDay");
    const dueDay = day("dueDay");
    const c = numbers.read(v.minimumCoverage);
    if (!c.ok) errs.minimumCoverage = c.message;
    else if (c.value === null || c.value < 0 || c.value > 100) errs.minimumCoverage = t("defaults.coverageRange");
    setErrors(errs);
    if (Object.keys(errs).length || cutOffDay === null || dueDay === null) {
      setMsg({ ok: false, text: t("validation") });
      return;
    }
    setBusy(true);
    // the API takes the share 0..1; people write a percentage
    const minimumCoverage = Math.round((c.ok ? c.value! : 0) * 10) / 1000;
    const res = await call(api.PUT("/reporting-settings", { body: { cutOffDay, dueDay, minimumCoverage } }));
    setBusy(false);
    if (res.ok) {
      setMsg({ ok: true, text: t("defaults.saved") });
      onSaved();
    } else {
      const fe: Record<string, string> = {};
      for (const d of res.details) fe[d.path] = d.path === "minimumCoverage" ? t("defaults.coverageRange") : t("defaults.dayRange");
      setErrors(fe);
      setMsg({ ok: false, text: res.code === "forbidden" ? t("forbidden") : res.code === "validation_failed" ? t("validation") : t("failure") });
    }
  }

  return (
    <form noValidate onSubmit={submit} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="cal-cutOffDay" label={t("defaults.cutOffDay")} hint={t("defaults.dayHint")} error={errors.cutOffDay}>
          {(a) => <NumberInput {...a} integer value={v.cutOffDay} onChange={(s) => setV((o) => ({ ...o, cutOffDay: s }))} />}
        </Field>
        <Field id="cal-dueDay" label={t("defaults.dueDay")} hint={t("defaults.dayHint")} error={errors.dueDay}>
          {(a) => <NumberInput {...a} integer value={v.dueDay} onChange={(s) => setV((o) => ({ ...o, dueDay: s }))} />}
        </Field>
        <Field id="cal-minimumCoverage" label={t("defaults.minimumCoverage")} hint={t("defaults.coverageHint")} error={errors.minimumCoverage}>
          {(a) => <NumberInput {...a} value={v.minimumCoverage} onChange={(s) => setV((o) => ({ ...o, minimumCoverage: s }))} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>
          {t("defaults.save")}
        </Button>
        {msg && (
          <p role="status" className={`text-sm ${msg.ok ? "text-green-800" : "text-red-700"}`} data-testid="defaults-message">
            {msg.text}
          </p>
        )}
      </div>
    </form>
  );
}

type OverrideValues = { cutOff: string; dueDate: string };

/**
 * One quarter's own dates (two date inputs), inline under its row, on the shared form hook: the body checked with the
 * endpoint's schema (calendarOverrideInput); the rule across the two dates is the server's, its detail lands on the
 * due date by code with the focus; unsaved dates ask before the page (or this form) is left.
 */
function OverrideForm({ entry, onDone, onCancel }: { entry: CalendarEntryDto; onDone: (e: CalendarEntryDto) => void; onCancel: () => void }) {
  const t = useTranslations("calendar");
  const tf = useTranslations("forms");
  const locale = useLocale() as Locale;
  const q = quarterLabel(entry.period, locale);
  const id = (f: string) => `ov-${entry.period}-${f}`;
  const { register, submit, dirty, failure, fieldError, formState } = useApiForm({
    schema: calendarOverrideInput,
    toBody: (v: OverrideValues) => ({ cutOff: v.cutOff, dueDate: v.dueDate }),
    defaultValues: { cutOff: entry.cutOff, dueDate: entry.dueDate },
    order: ["cutOff", "dueDate"],
  });
  const onSubmit = submit(async (body) => {
    const res = await call(api.PUT("/reporting-calendar/{period}", { params: { path: { period: entry.period } }, body }));
    if (!res.ok) return res;
    onDone(res.data);
  });
  const cancel = () => {
    if (!dirty || window.confirm(tf("closeConfirm"))) onCancel();
  };
  const failed = failure ? (failure.code === "forbidden" ? t("forbidden") : failure.code === "validation_failed" ? t("validation") : t("failure")) : null;

  return (
    <form noValidate onSubmit={onSubmit} aria-label={t("quarters.editFor", { quarter: q })} className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <Field id={id("cutOff")} label={t("quarters.cutOff")} error={fieldError("cutOff")}>
        {(a) => <input {...a} type="date" className={inputClass} {...register("cutOff")} />}
      </Field>
      <Field id={id("dueDate")} label={t("quarters.dueDate")} error={fieldError("dueDate")}>
        {(a) => <input {...a} type="date" className={inputClass} {...register("dueDate")} />}
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {t("quarters.save")}
        </Button>
        <Button type="button" variant="secondary" onClick={cancel}>
          {t("quarters.cancel")}
        </Button>
        {dirty && (
          <span className="text-sm text-amber-900" data-testid={`${id("unsaved")}`}>
            {tf("unsaved")}
          </span>
        )}
      </div>
      {failed && (
        <p role="alert" className="w-full text-sm text-red-700">
          {failed}
        </p>
      )}
    </form>
  );
}

export function CalendarScreen({ settings, entries, from, to }: { settings: ReportingSettings; entries: CalendarEntryDto[]; from: string; to: string }) {
  const t = useTranslations("calendar");
  const locale = useLocale() as Locale;
  const [rows, setRows] = useState(entries);
  const [editing, setEditing] = useState<string | null>(null);
  const [msg, setMsg] = useState<Msg>(null);

  async function reload() {
    const res = await call(api.GET("/reporting-calendar", { params: { query: { from, to } } }));
    if (res.ok) setRows(res.data);
  }

  async function remove(e: CalendarEntryDto) {
    setMsg(null);
    const res = await call(api.DELETE("/reporting-calendar/{period}", { params: { path: { period: e.period } } }));
    if (res.ok) {
      await reload();
      setMsg({ ok: true, text: t("quarters.removedFor", { quarter: quarterLabel(e.period, locale) }) });
    } else setMsg({ ok: false, text: res.code === "forbidden" ? t("forbidden") : t("failure") });
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby="defaults-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="defaults-title" className="mb-3 text-base font-semibold text-slate-900">
          {t("defaults.title")}
        </h2>
        <DefaultsForm initial={settings} onSaved={reload} />
      </section>

      <section aria-labelledby="quarters-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="quarters-title" className="text-base font-semibold text-slate-900">
          {t("quarters.title")}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t("quarters.hint")}</p>
        {msg && (
          <p role="status" className={`mb-2 text-sm ${msg.ok ? "text-green-800" : "text-red-700"}`} data-testid="calendar-message">
            {msg.text}
          </p>
        )}
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="calendar-table">
            <caption className="sr-only">{t("quarters.caption", { from: quarterLabel(from, locale), to: quarterLabel(to, locale) })}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="py-2 pr-3">{t("quarters.period")}</th>
                <th scope="col" className="py-2 pr-3">{t("quarters.dueDate")}</th>
                <th scope="col" className="py-2 pr-3">{t("quarters.cutOff")}</th>
                <th scope="col" className="py-2 pr-3">{t("quarters.dataWindow")}</th>
                <th scope="col" className="py-2 pr-3">{t("quarters.state")}</th>
                <th scope="col" className="py-2">{t("quarters.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                const q = quarterLabel(e.period, locale);
                return [
                  <tr key={e.period} className="border-b border-slate-200 align-top" data-testid={`cal-${e.period}`}>
                    <th scope="row" className="whitespace-nowrap py-2 pr-3 text-left font-medium">
                      {q}
                    </th>
                    <td className="whitespace-nowrap py-2 pr-3 font-semibold" data-testid={`cal-${e.period}-due`}>
                      {formatDay(locale, e.dueDate)}
                    </td>
                    <td className="whitespace-nowrap py-2 pr-3" data-testid={`cal-${e.period}-cutoff`}>
                      {formatDay(locale, e.cutOff)}
                    </td>
                    <td className="whitespace-nowrap py-2 pr-3">
                      {formatDay(locale, e.dataFrom)} – {formatDay(locale, e.cutOff)}
                    </td>
                    <td className="py-2 pr-3">
                      <span className="flex gap-1">
                        <Badge tone={e.open ? "blue" : "slate"}>{e.open ? t("quarters.open") : t("quarters.closed")}</Badge>
                        {e.overridden && <Badge tone="violet">{t("quarters.overridden")}</Badge>}
                      </span>
                    </td>
                    <td className="py-2">
                      <span className="flex gap-2 whitespace-nowrap">
                        <Button variant="secondary" onClick={() => setEditing(editing === e.period ? null : e.period)} aria-expanded={editing === e.period} aria-label={t("quarters.editFor", { quarter: q })}>
                          {t("quarters.edit")}
                        </Button>
                        {e.overridden && (
                          <Button variant="secondary" onClick={() => void remove(e)} aria-label={t("quarters.removeFor", { quarter: q })}>
                            {t("quarters.remove")}
                          </Button>
                        )}
                      </span>
                    </td>
                  </tr>,
                  editing === e.period ? (
                    <tr key={`${e.period}-form`}>
                      <td colSpan={6} className="py-2">
                        <OverrideForm
                          entry={e}
                          onCancel={() => setEditing(null)}
                          onDone={(saved) => {
                            setRows((rs) => rs.map((r) => (r.period === saved.period ? saved : r)));
                            setEditing(null);
                            setMsg({ ok: true, text: t("quarters.savedFor", { quarter: q }) });
                          }}
                        />
                      </td>
                    </tr>
                  ) : null,
                ];
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
