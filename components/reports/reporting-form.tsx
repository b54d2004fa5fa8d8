"use client";

import { useCallback, useState } from "react";
import { useForm, useWatch, type Path, type Resolver } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { Badge, STATUS_TONE } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EvidenceFiles } from "@/components/briefing/evidence-files";
import { Field, inputClass } from "@/components/ui/field";
import { useNumberReader } from "@/components/ui/number-input";
import { ControlledNumberInput } from "@/components/forms/controlled-number-input";
import { formatDateTime, formatPercent } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { MetricCode, MetricKind } from "@/lib/domain/codes";
import { api, call } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";
import { failureMessage } from "./messages";
import { asFieldErrors, mergeTexts, type FieldTexts } from "@/components/forms/use-api-form";
import { useLeaveWarning } from "@/components/forms/leave-warning";
import { reportCreateInput } from "@/lib/validation/reports";
import { quarterParts } from "./periods";
import { figureText } from "./figures";
import { WarningList } from "./warning-list";
import { figureWarnings } from "@/lib/domain/warnings";
import type { PreviousFigureDto, ReportDto } from "@/lib/dto/reports";

export interface MetricInfo {
  metric: MetricCode;
  kind: MetricKind;
  name: string;
  description: string;
  report: ReportDto | null;
  previous: PreviousFigureDto | null;
}

interface Values {
  value: string;
  numerator: string;
  denominator: string;
  evidenceUrl: string;
  note: string;
}

type FormValues = Record<MetricCode, Values>;
type Outcome = { ok: true; report: ReportDto } | { ok: false; message: string };

const CARD_FIELDS = ["value", "numerator", "denominator", "evidenceUrl", "note"] as const;

type Text = (n: number | null | undefined) => string;

function valuesOfWith(r: ReportDto | null, str: Text): Values {
  return { value: str(r?.value), numerator: str(r?.numerator), denominator: str(r?.denominator), evidenceUrl: r?.evidenceUrl ?? "", note: r?.note ?? "" };
}

function sameValues(a: Values, b: Values, kind: MetricKind): boolean {
  const figures = kind === "RATIO" ? a.numerator === b.numerator && a.denominator === b.denominator : a.value === b.value;
  return figures && a.evidenceUrl.trim() === b.evidenceUrl.trim() && a.note.trim() === b.note.trim();
}

const editable = (r: ReportDto | null) => !r || r.status === "DRAFT" || r.status === "REJECTED";

export function ReportingForm({
  organisationId,
  period,
  previousPeriod,
  canEdit,
  metrics,
}: {
  organisationId: string;
  period: string;
  previousPeriod: string;
  canEdit: boolean;
  metrics: MetricInfo[];
}) {
  const t = useTranslations("reports");
  const tw = useTranslations("warnings");
  const tf = useTranslations("forms");
  const errorText = useErrorText();
  const locale = useLocale() as Locale;
  const numbers = useNumberReader();
  const valuesOf = (r: ReportDto | null) => valuesOfWith(r, numbers.text);
  const toNumber = (s: string): number | null => {
    const r = numbers.read(s);
    return r.ok ? r.value : null;
  };
  const [reports, setReports] = useState<Record<string, ReportDto | null>>(() => Object.fromEntries(metrics.map((m) => [m.metric, m.report])));
  const [notices, setNotices] = useState<Record<string, { ok: boolean; text: string }>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<{ metric: MetricCode; ok: boolean; text: string }[] | null>(null);

  const kindOf = (m: MetricCode) => metrics.find((x) => x.metric === m)!.kind;
  const nameOf = (m: MetricCode) => metrics.find((x) => x.metric === m)!.name;
  const integerField = (m: MetricCode, f: keyof Values) => f === "numerator" || f === "denominator" || (f === "value" && kindOf(m) === "COUNT");

  /**
   * A card's figures as the API reads them (POST /metric-reports): only the fields its kind takes, read in the UI's
   * language; blank → null, unreadable → NaN (the schema refuses it, the reader's text says how to write it).
   */
  const bodyOf = (m: MetricCode, v: Values) => {
    const num = (f: "value" | "numerator" | "denominator") => {
      const r = numbers.read(v[f], { integer: integerField(m, f) });
      return r.ok ? r.value : Number.NaN;
    };
    const figures = kindOf(m) === "RATIO" ? { numerator: num("numerator"), denominator: num("denominator") } : { value: num("value") };
    return { organisationId, period, metric: m, ...figures, evidenceUrl: v.evidenceUrl.trim() || null, note: v.note.trim() || null };
  };

  /**
   * One form for every card, each card's fields under its metric ("SERVICES_ONLINE.value"). Saving a card checks only
   * that card (trigger(metric)) with the API's own schema: a saved report is always sent whole (PATCH with every figure),
   * so the create schema's per-metric rules (lib/validation/reports.ts checkReportFigures) are the ones the server
   * applies to the merged figures as well.
   */
  const resolver: Resolver<FormValues> = useCallback(
    async (all) => {
      const texts: FieldTexts = {};
      for (const info of metrics) {
        const m = info.metric;
        const v = all[m];
        if (!v) continue;
        const written: FieldTexts = {};
        for (const f of ["value", "numerator", "denominator"] as const) {
          const r = v[f].trim() === "" ? null : numbers.read(v[f], { integer: integerField(m, f) });
          if (r && !r.ok) written[f] = [r.message];
        }
        const body = bodyOf(m, v);
        const check = reportCreateInput.safeParse(body);
        const card = mergeTexts(written, check.success ? {} : errorText.issues(check.error, body));
        for (const [f, list] of Object.entries(card)) texts[`${m}.${f}`] = list;
      }
      return Object.keys(texts).length ? { values: {}, errors: asFieldErrors<FormValues>(texts) } : { values: all, errors: {} };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [metrics, numbers.locale, errorText],
  );
  const {
    control,
    register,
    trigger,
    setError,
    setFocus,
    setValue,
    resetField,
    getValues,
    getFieldState,
    formState: { errors },
  } = useForm<FormValues>({
    defaultValues: Object.fromEntries(metrics.map((m) => [m.metric, valuesOf(m.report)])) as FormValues,
    resolver,
    mode: "onSubmit",
  });
  const values = useWatch({ control }) as FormValues;
  const fieldError = (m: MetricCode, f: keyof Values) => errors[m]?.[f]?.message || undefined;

  const isDirty = (m: MetricCode) => editable(reports[m]) && !!values[m] && !sameValues(values[m], valuesOf(reports[m]), kindOf(m));
  const hasInput = (m: MetricCode) => Object.values(values[m] ?? {}).some((s) => s.trim() !== "");
  /** the figure as typed (a ratio's percentage), or null while incomplete or unreadable */
  const typedValue = (m: MetricCode): number | null => {
    const v = values[m];
    if (kindOf(m) !== "RATIO") return toNumber(v.value);
    const n = toNumber(v.numerator);
    const d = toNumber(v.denominator);
    return n !== null && d !== null && d > 0 ? (n / d) * 100 : null;
  };
  const warningsOf = (m: MetricCode) => figureWarnings(m, typedValue(m), metrics.find((x) => x.metric === m)!.previous?.value ?? null);
  const [noteNeeded, setNoteNeeded] = useState(false);
  // what "submit all" will send: saved drafts, and edited cards (saved first)
  const toSubmit = metrics.filter((m) => canEdit && (reports[m.metric]?.status === "DRAFT" || (isDirty(m.metric) && hasInput(m.metric)))).map((m) => m.metric);
  const anyDirty = canEdit && metrics.some((m) => isDirty(m.metric));
  useLeaveWarning(anyDirty, tf("leaveConfirm"));

  /** Focuses a card's first failing field, top to bottom. */
  const focusFirst = (m: MetricCode, failing: (f: keyof Values) => boolean) => {
    const first = CARD_FIELDS.find(failing);
    if (first) requestAnimationFrame(() => setFocus(`${m}.${first}` as Path<FormValues>));
  };

  /** A change: the card's notice goes, and a field already marked is checked again as it changes. */
  const changed = (m: MetricCode, f: keyof Values) => {
    setNotices((s) => {
      const { [m]: _gone, ...rest } = s;
      return rest;
    });
    if (errors[m]?.[f]) void trigger(`${m}.${f}` as Path<FormValues>);
  };

  async function save(m: MetricCode): Promise<Outcome> {
    if (!(await trigger(m))) {
      focusFirst(m, (f) => !!getFieldState(`${m}.${f}`).error);
      return { ok: false, message: t("failure.validation") };
    }
    const check = reportCreateInput.safeParse(bodyOf(m, getValues(m)));
    if (!check.success) return { ok: false, message: t("failure.validation") }; // trigger let it through: does not happen
    const { organisationId: _o, period: _p, metric: _m, ...fields } = check.data;
    const r = reports[m];
    const res = r
      ? await call(api.PATCH("/metric-reports/{id}", { params: { path: { id: r.id } }, body: { version: r.version, ...fields } }))
      : await call(api.POST("/metric-reports", { body: check.data }));
    if (res.ok) return { ok: true, report: res.data };
    // the server's field problems, by code, on the card's fields; the first gets the focus
    const texts = errorText.fields(res.details);
    for (const [f, list] of Object.entries(texts)) if ((CARD_FIELDS as readonly string[]).includes(f)) setError(`${m}.${f}` as Path<FormValues>, { type: "server", message: list.join(" ") });
    focusFirst(m, (f) => !!texts[f]?.length);
    return { ok: false, message: failureMessage(t, res.status, res.code) };
  }

  function applyOutcome(m: MetricCode, o: Outcome, okText: string) {
    if (o.ok) {
      setReports((s) => ({ ...s, [m]: o.report }));
      // the saved figures become the card's starting point (not dirty any more)
      const saved = valuesOf(o.report);
      for (const f of CARD_FIELDS) resetField(`${m}.${f}`, { defaultValue: saved[f] });
      setValue(m, saved);
      setNotices((s) => ({ ...s, [m]: { ok: true, text: okText } }));
    } else {
      setNotices((s) => ({ ...s, [m]: { ok: false, text: o.message } }));
    }
  }

  async function onSave(m: MetricCode) {
    setBusy(m);
    setResults(null);
    applyOutcome(m, await save(m), t("form.saved"));
    setBusy(null);
  }

  async function onSubmitAll() {
    setConfirming(false);
    setBusy("all");
    const list = [...toSubmit];
    const out: { metric: MetricCode; ok: boolean; text: string }[] = [];
    setProgress({ done: 0, total: list.length });
    for (const [i, m] of list.entries()) {
      let report = reports[m];
      if (isDirty(m)) {
        const saved = await save(m);
        applyOutcome(m, saved, t("form.saved"));
        if (!saved.ok) {
          out.push({ metric: m, ok: false, text: saved.message });
          setProgress({ done: i + 1, total: list.length });
          continue;
        }
        report = saved.report;
      }
      const res = await call(api.POST("/metric-reports/{id}/submit", { params: { path: { id: report!.id } }, body: { version: report!.version } }));
      if (res.ok) {
        applyOutcome(m, { ok: true, report: res.data }, t("form.submitted"));
        out.push({ metric: m, ok: true, text: t("form.submitted") });
      } else {
        const text = failureMessage(t, res.status, res.code);
        setNotices((s) => ({ ...s, [m]: { ok: false, text } }));
        out.push({ metric: m, ok: false, text });
      }
      setProgress({ done: i + 1, total: list.length });
    }
    setResults(out);
    setProgress(null);
    setBusy(null);
  }

  const numberField = (a: { id: string }, m: MetricCode, f: "value" | "numerator" | "denominator", integer: boolean) => (
    <ControlledNumberInput {...a} integer={integer} control={control} name={`${m}.${f}`} onValue={() => changed(m, f)} />
  );

  const prevLabel = t("quarter", quarterParts(previousPeriod));

  return (
    <div className="space-y-4">
      <ol className="space-y-4" aria-label={t("form.metricsList")}>
        {metrics.map((info) => {
          const m = info.metric;
          const r = reports[m];
          const v = values[m] ?? valuesOf(r);
          const canWrite = canEdit && editable(r);
          const n = toNumber(v.numerator);
          const d = toNumber(v.denominator);
          const computed = n !== null && d !== null && Number.isFinite(n) && Number.isFinite(d) && d > 0 ? (n / d) * 100 : null;
          const id = (f: string) => `${m}-${f}`;
          const notice = notices[m];
          const warnings = canWrite ? warningsOf(m) : [];
          return (
            <li key={m} id={`metric-${m}`} data-testid={`metric-${m}`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h3 className="text-base font-semibold text-slate-900">{info.name}</h3>
                <Badge tone={r ? STATUS_TONE[r.status] : "amber"}>
                  <span data-testid={`status-${m}`}>{r ? t(`status.${r.status}`) : t("status.NOT_STARTED")}</span>
                </Badge>
              </div>
              <p className="mt-1 text-sm text-slate-700">{info.description}</p>
              <p className="mt-2 text-sm text-slate-800" data-testid={`previous-${m}`}>
                <span className="font-medium">{t("form.previous", { quarter: prevLabel })}:</span>{" "}
                {info.previous ? (
                  <>
                    {figureText(locale, info.kind, info.previous)}{" "}
                    {info.previous.status !== "APPROVED" && <Badge tone={STATUS_TONE[info.previous.status]}>{t(`status.${info.previous.status}`)}</Badge>}
                  </>
                ) : (
                  t("form.noPrevious")
                )}
              </p>

              {r?.status === "REJECTED" && (
                <div role="note" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid={`review-comment-${m}`}>
                  <p className="font-semibold">{t("form.rejectedTitle")}</p>
                  <p className="whitespace-pre-line">{r.reviewComment}</p>
                  <p className="mt-1 text-xs">{t("form.rejectedHint")}</p>
                </div>
              )}

              {canWrite ? (
                <form
                  noValidate
                  className="mt-3 grid gap-3 md:grid-cols-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void onSave(m);
                  }}
                >
                  {info.kind === "RATIO" ? (
                    <>
                      <Field id={id("numerator")} label={t(`form.numerator.${m}`)} error={fieldError(m, "numerator")}>
                        {(a) => numberField(a, m, "numerator", true)}
                      </Field>
                      <Field id={id("denominator")} label={t(`form.denominator.${m}`)} error={fieldError(m, "denominator")}>
                        {(a) => numberField(a, m, "denominator", true)}
                      </Field>
                      <p className="text-sm text-slate-800 md:col-span-2" aria-live="polite" data-testid={`computed-${m}`}>
                        {t("form.computed")}: <strong>{computed === null ? "—" : formatPercent(locale, computed)}</strong>
                      </p>
                    </>
                  ) : (
                    <Field
                      id={id("value")}
                      label={info.kind === "PERCENT" ? t("form.valuePercent") : t("form.valueCount")}
                      hint={info.kind === "PERCENT" ? t("form.hintPercent") : t(`form.hintCount.${m}`)}
                      error={fieldError(m, "value")}
                    >
                      {(a) => numberField(a, m, "value", info.kind === "COUNT")}
                    </Field>
                  )}
                  {warnings.length > 0 && (
                    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 md:col-span-2" role="status" data-testid={`warnings-${m}`}>
                      <p className="text-sm font-semibold text-amber-950">{tw("title")}</p>
                      <WarningList warnings={warnings} kind={info.kind} />
                      <p className="mt-1 text-xs text-amber-950">{tw("hint")}</p>
                    </div>
                  )}
                  <Field id={id("evidenceUrl")} label={t("form.evidenceUrl")} hint={t("form.evidenceHint")} error={fieldError(m, "evidenceUrl")} className="md:col-span-2">
                    {(a) => <input {...a} type="url" inputMode="url" className={inputClass} {...register(`${m}.evidenceUrl`, { onChange: () => changed(m, "evidenceUrl") })} />}
                  </Field>
                  <Field id={id("note")} label={t("form.note")} error={fieldError(m, "note")} className="md:col-span-2">
                    {(a) => <textarea {...a} rows={2} className={inputClass} {...register(`${m}.note`, { onChange: () => changed(m, "note") })} />}
                  </Field>
                  {r && (
                    <div className="md:col-span-2">
                      <EvidenceFiles parent="metric-reports" parentId={r.id} editable={canEdit && editable(r)} />
                    </div>
                  )}
                  <div className="flex flex-wrap items-center gap-3 md:col-span-2">
                    <Button type="submit" variant="secondary" disabled={busy !== null || (r?.status === "DRAFT" && !isDirty(m))}>
                      {busy === m ? t("form.saving") : t("form.saveDraft")}
                    </Button>
                    {isDirty(m) && <span className="text-sm text-amber-900">{t("form.unsaved")}</span>}
                    {notice && (
                      <span role="status" className={`text-sm ${notice.ok ? "text-green-800" : "text-red-700"}`} data-testid={`notice-${m}`}>
                        {notice.text}
                      </span>
                    )}
                  </div>
                </form>
              ) : r ? (
                <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
                  <div>
                    <dt className="font-medium text-slate-700">{t("form.figure")}</dt>
                    <dd className="text-base font-semibold" data-testid={`figure-${m}`}>
                      {figureText(locale, info.kind, r)}
                    </dd>
                  </div>
                  <div>
                    <dt className="font-medium text-slate-700">{r.status === "APPROVED" ? t("form.approvedAt") : t("form.submittedAt")}</dt>
                    <dd>
                      {formatDateTime(locale, r.status === "APPROVED" ? r.reviewedAt : r.submittedAt)}{" "}
                      {r.submittedLate && (
                        <span data-testid={`late-${m}`}>
                          <Badge tone="red">{tw("late")}</Badge>
                        </span>
                      )}
                    </dd>
                  </div>
                  {r.evidenceUrl && (
                    <div className="sm:col-span-2">
                      <dt className="font-medium text-slate-700">{t("form.evidenceUrl")}</dt>
                      <dd className="break-all">
                        <a href={r.evidenceUrl} target="_blank" rel="noopener noreferrer nofollow">
                          {r.evidenceUrl}
                        </a>
                      </dd>
                    </div>
                  )}
                  {r.note && (
                    <div className="sm:col-span-2">
                      <dt className="font-medium text-slate-700">{t("form.note")}</dt>
                      <dd className="whitespace-pre-line">{r.note}</dd>
                    </div>
                  )}
                  {r.status === "APPROVED" && r.reviewComment && (
                    <div className="sm:col-span-2">
                      <dt className="font-medium text-slate-700">{t("form.reviewComment")}</dt>
                      <dd className="whitespace-pre-line">{r.reviewComment}</dd>
                    </div>
                  )}
                  {notice && (
                    <p role="status" className="text-sm text-green-800 sm:col-span-2" data-testid={`notice-${m}`}>
                      {notice.text}
                    </p>
                  )}
                </dl>
              ) : (
                <p className="mt-3 text-sm text-slate-700">{t("form.notReported")}</p>
              )}
            </li>
          );
        })}
      </ol>

      {canEdit && (
        <section aria-labelledby="submit-all-title" className={`z-10 rounded-xl ${toSubmit.length > 0 ? "lg:sticky lg:bottom-0" : ""} border border-brand-200 bg-brand-50 p-4 shadow`}>
          <h3 id="submit-all-title" className="text-base font-semibold text-slate-900">
            {t("form.submitAllTitle")}
          </h3>
          <p className="text-sm text-slate-800">
            {toSubmit.length === 0
              ? metrics.some((m) => reports[m.metric]?.status === "REJECTED")
                ? t("form.nothingToSubmitRejected")
                : t("form.nothingToSubmit")
              : t("form.submitAllHint", { count: toSubmit.length, names: toSubmit.map(nameOf).join("; ") })}
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            {!confirming ? (
              <Button
                onClick={() => {
                  // a warning never blocks, but submitting despite one asks for the report's note
                  const missingNotes = toSubmit.filter((m) => warningsOf(m).length > 0 && values[m].note.trim() === "");
                  setNoteNeeded(missingNotes.length > 0);
                  if (missingNotes.length) {
                    for (const m of missingNotes) setError(`${m}.note`, { type: "warning", message: tw("noteRequired") });
                    requestAnimationFrame(() => setFocus(`${missingNotes[0]}.note`));
                    return;
                  }
                  setConfirming(true);
                }}
                disabled={busy !== null || toSubmit.length === 0}
              >
                {t("form.submitAll", { count: toSubmit.length })}
              </Button>
            ) : (
              <>
                <span className="text-sm font-medium text-slate-900">{t("form.confirmSubmit", { count: toSubmit.length })}</span>
                <Button onClick={onSubmitAll}>{t("form.confirmYes")}</Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  {t("form.cancel")}
                </Button>
              </>
            )}
          </div>
          {noteNeeded && (
            <p role="alert" className="mt-2 text-sm text-red-700" data-testid="note-needed">
              {tw("needNotes")}
            </p>
          )}
          {progress && (
            <div className="mt-2" role="status">
              <label htmlFor="submit-progress" className="text-sm">
                {t("form.submitting", { done: progress.done, total: progress.total })}
              </label>
              <progress id="submit-progress" className="ml-2 align-middle" max={progress.total} value={progress.done} />
            </div>
          )}
          {results && (
            <ul className="mt-2 space-y-1 text-sm" role="status" data-testid="submit-results">
              {results.map((x) => (
                <li key={x.metric} className={x.ok ? "text-green-800" : "text-red-700"}>
                  {nameOf(x.metric)}: {x.text}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
