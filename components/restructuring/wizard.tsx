"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { api, call, type ApiDetail, type ApiFailure } from "@/lib/api-client";
import type { RestructuringPreviewDto } from "@/lib/dto/restructurings";
import { inForceOn } from "@/lib/domain/validity";
import { ORGANISATION_KINDS, type OrganisationKind } from "@/lib/domain/codes";
import { useErrorText } from "@/lib/api-client/error-text";
import { officialDate } from "./format";
import { problemMessage, translateProblems } from "./problems";

export interface WizardOrganisation {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  validFrom: string | null;
  validTo: string | null;
}

interface Row {
  key: number;
  fromId: string;
  toIds: string[];
  /** "" = nobody (a split's default); only asked when there are several successors */
  historyTo: string;
}

type Preview = RestructuringPreviewDto;

type Failure = ApiFailure;

/** The problems of one whole path ("successions.0.toIds.1"). */
const detailsAt = (details: readonly ApiDetail[], path: string) => details.filter((d) => d.path === path);

let nextKey = 1;
const newRow = (): Row => ({ key: nextKey++, fromId: "", toIds: [""], historyTo: "" });

/** The restructuring wizard (ADMIN): date and legal basis, dissolved bodies and successors, dry run, confirm. */
export function RestructuringWizard({ organisations }: { organisations: WizardOrganisation[] }) {
  const t = useTranslations("restructuring.wizard");
  const tk = useTranslations("kinds");
  const tp = useTranslations("validity.problems");
  const errorText = useErrorText();
  const locale = useLocale();
  const [orgs, setOrgs] = useState(organisations);
  const [date, setDate] = useState("");
  const [legalBasis, setLegalBasis] = useState("");
  const [note, setNote] = useState("");
  const [rows, setRows] = useState<Row[]>([newRow()]);
  const [preview, setPreview] = useState<{ for: string; data: Preview } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ date: string; successors: string[] } | null>(null);
  // a new body on the way
  const [nb, setNb] = useState({ code: "", nameVi: "", nameEn: "", kind: "PROVINCE" as OrganisationKind });
  const [nbFailure, setNbFailure] = useState<Failure | null>(null);
  const [nbNotice, setNbNotice] = useState<string | null>(null);

  const name = (o: WizardOrganisation) => (locale === "vi" ? o.nameVi : o.nameEn);
  const sorted = useMemo(() => [...orgs].sort((a, b) => a.kind.localeCompare(b.kind) || name(a).localeCompare(name(b), locale)), [orgs, locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const inForce = useMemo(() => (date ? sorted.filter((o) => inForceOn(o, date)) : sorted.filter((o) => !o.validTo)), [sorted, date]);
  const byId = new Map(orgs.map((o) => [o.id, o]));

  const body = (dryRun: boolean) => ({
    effectiveDate: date,
    legalBasis,
    note: note || null,
    successions: rows.map((r) => {
      const toIds = r.toIds.filter(Boolean);
      return toIds.length > 1 ? { fromId: r.fromId, toIds, historyTo: r.historyTo || null } : { fromId: r.fromId, toIds };
    }),
    dryRun,
  });
  const fingerprint = JSON.stringify(body(false));
  // the API's problems by their codes, in the UI's language, organisation codes as names
  const lang = locale === "vi" ? "vi" : "en";
  const problemNames = {
    org: (code: string) => {
      const o = orgs.find((x) => x.code === code);
      return o ? name(o) : code;
    },
    date: (iso: string) => officialDate(lang, iso),
    status: (st: string) => (tp.has(`status.${st}`) ? tp(`status.${st}`) : st),
  };
  const say = (d: { path: string; code?: string; params?: ApiDetail["params"] }) => {
    const k = problemMessage(d, problemNames);
    return k ? tp(k.key, k.values) : errorText.text(d);
  };
  const err = (path: string) => {
    const here = failure ? detailsAt(failure.details, path) : [];
    return here.length ? [...new Set(here.map(say))].join(" ") : undefined;
  };
  // the new body's problems by their machine codes (lib/api-client/error-text.ts), like the organisations screen
  const nbErr = (path: string) => (nbFailure ? errorText.fields(nbFailure.details)[path]?.join(" ") : undefined);
  const update = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function run(dryRun: boolean) {
    setBusy(true);
    setFailure(null);
    const r = await call(api.POST("/restructurings", { body: body(dryRun) }));
    setBusy(false);
    if (!r.ok) {
      setFailure(r);
      if (dryRun) setPreview(null);
      return;
    }
    if (dryRun && "dissolve" in r.data) setPreview({ for: fingerprint, data: r.data });
    else {
      setDone({ date, successors: [...new Set(rows.map((x) => x.toIds[0]).filter(Boolean))] });
      setPreview(null);
    }
  }

  async function createBody(e: React.FormEvent) {
    e.preventDefault();
    setNbFailure(null);
    setNbNotice(null);
    if (!date) {
      setNbNotice(t("needDate"));
      return;
    }
    const r = await call(api.POST("/organisations", { body: { ...nb, code: nb.code.trim().toUpperCase(), validFrom: date } }));
    if (!r.ok) {
      setNbFailure(r);
      return;
    }
    setOrgs((os) => [...os, r.data]);
    setNbNotice(t("created", { name: name(r.data), date: officialDate(locale === "vi" ? "vi" : "en", date) }));
    setNb({ code: "", nameVi: "", nameEn: "", kind: nb.kind });
  }

  if (done) {
    return (
      <div role="status" className="space-y-3 rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900" data-testid="restructuring-done">
        <p className="font-semibold">{t("done", { date: done.date })}</p>
        <ul className="list-inside list-disc">
          {done.successors.map((id) => (
            <li key={id}>
              <Link href={`/organisations/${id}`} className="underline">
                {byId.get(id) ? name(byId.get(id)!) : id}
              </Link>
            </li>
          ))}
        </ul>
        <Link href="/restructurings" className="font-medium underline">
          {t("viewList")}
        </Link>
      </div>
    );
  }

  const stale = preview && preview.for !== fingerprint;
  const fieldProblems = failure ? translateProblems(tp, failure.details, problemNames, errorText.text) : [];

  return (
    <div className="space-y-6">
      {failure && (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="wizard-error">
          <p className="font-semibold">{failure.code === "validation_failed" ? t("invalid") : t("generic")}</p>
          {fieldProblems.length > 0 && (
            <ul className="mt-2 list-inside list-disc">
              {fieldProblems.map((p) => (
                <li key={p.path}>
                  <span className="font-medium">{p.field}</span>: {p.messages.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <section aria-labelledby="step1" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="step1" className="text-base font-semibold text-slate-900">
          {t("step1")}
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="rs-date" label={t("date")} hint={t("dateHint")} error={err("effectiveDate")}>
            {(a) => <input {...a} type="date" value={date} onChange={(e) => setDate(e.target.value)} className={inputClass} required />}
          </Field>
          <Field id="rs-basis" label={t("legalBasis")} hint={t("legalBasisHint")} error={err("legalBasis")}>
            {(a) => <input {...a} value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} className={inputClass} required />}
          </Field>
        </div>
        <Field id="rs-note" label={t("note")} error={err("note")}>
          {(a) => <textarea {...a} value={note} onChange={(e) => setNote(e.target.value)} rows={2} className={inputClass} />}
        </Field>
      </section>

      <section aria-labelledby="step2" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="step2" className="text-base font-semibold text-slate-900">
          {t("step2")}
        </h2>
        {rows.map((r, i) => {
          const successors = r.toIds.filter(Boolean);
          return (
            <fieldset key={r.key} className="space-y-3 rounded-lg border border-slate-300 p-3" data-testid={`succession-${i}`}>
              <legend className="px-1 text-sm font-semibold text-slate-900">{t("succession", { n: i + 1 })}</legend>
              <Field id={`rs-from-${r.key}`} label={t("from")} error={err(`successions.${i}.fromId`)}>
                {(a) => (
                  <select {...a} value={r.fromId} onChange={(e) => update(r.key, { fromId: e.target.value })} className={inputClass}>
                    <option value="">{t("chooseFrom")}</option>
                    {inForce.map((o) => (
                      <option key={o.id} value={o.id}>
                        {name(o)} ({o.code})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {r.toIds.map((toId, j) => (
                <div key={j} className="flex flex-col gap-2 sm:flex-row sm:items-end">
                  <div className="flex-1">
                    <Field id={`rs-to-${r.key}-${j}`} label={j === 0 ? t("toPrimary") : t("to", { n: j + 1 })} error={err(`successions.${i}.toIds.${j}`)}>
                      {(a) => (
                        <select
                          {...a}
                          value={toId}
                          onChange={(e) => update(r.key, { toIds: r.toIds.map((x, k) => (k === j ? e.target.value : x)) })}
                          className={inputClass}
                        >
                          <option value="">{t("chooseTo")}</option>
                          {inForce
                            .filter((o) => o.id !== r.fromId)
                            .map((o) => (
                              <option key={o.id} value={o.id}>
                                {name(o)} ({o.code})
                              </option>
                            ))}
                        </select>
                      )}
                    </Field>
                  </div>
                  {j > 0 && (
                    <Button type="button" variant="secondary" onClick={() => update(r.key, { toIds: r.toIds.filter((_, k) => k !== j), historyTo: r.historyTo === toId ? "" : r.historyTo })}>
                      {t("removeTo", { n: j + 1 })}
                    </Button>
                  )}
                </div>
              ))}
              <div className="flex flex-wrap gap-2">
                <Button type="button" variant="secondary" onClick={() => update(r.key, { toIds: [...r.toIds, ""] })}>
                  {t("addTo")}
                </Button>
                {rows.length > 1 && (
                  <Button type="button" variant="secondary" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                    {t("removeSuccession", { n: i + 1 })}
                  </Button>
                )}
              </div>
              {successors.length > 1 && (
                <Field id={`rs-history-${r.key}`} label={t("historyTo")} hint={t("historyHint")} error={err(`successions.${i}.historyTo`)}>
                  {(a) => (
                    <select {...a} value={r.historyTo} onChange={(e) => update(r.key, { historyTo: e.target.value })} className={inputClass}>
                      <option value="">{t("historyNobody")}</option>
                      {successors.map((id) => (
                        <option key={id} value={id}>
                          {byId.get(id) ? name(byId.get(id)!) : id}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
            </fieldset>
          );
        })}
        <Button type="button" variant="secondary" onClick={() => setRows((rs) => [...rs, newRow()])}>
          {t("addSuccession")}
        </Button>

        <details className="rounded-lg border border-dashed border-slate-400 p-3">
          <summary className="cursor-pointer text-sm font-semibold text-slate-900">{t("newBody")}</summary>
          <p className="mt-1 text-sm text-slate-700">{t("newBodyHint")}</p>
          <form onSubmit={createBody} noValidate className="mt-3 space-y-3" aria-label={t("newBody")}>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id="nb-code" label={t("code")} error={nbErr("code")}>
                {(a) => <input {...a} value={nb.code} onChange={(e) => setNb({ ...nb, code: e.target.value })} className={`${inputClass} font-mono uppercase`} />}
              </Field>
              <Field id="nb-kind" label={t("kind")} error={nbErr("kind")}>
                {(a) => (
                  <select {...a} value={nb.kind} onChange={(e) => setNb({ ...nb, kind: e.target.value as OrganisationKind })} className={inputClass}>
                    {ORGANISATION_KINDS.filter((k) => k !== "AGENCY").map((k) => (
                      <option key={k} value={k}>
                        {tk(k)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Field id="nb-name-vi" label={t("nameVi")} error={nbErr("nameVi")}>
              {(a) => <input {...a} lang="vi" value={nb.nameVi} onChange={(e) => setNb({ ...nb, nameVi: e.target.value })} className={inputClass} />}
            </Field>
            <Field id="nb-name-en" label={t("nameEn")} error={nbErr("nameEn")}>
              {(a) => <input {...a} lang="en" value={nb.nameEn} onChange={(e) => setNb({ ...nb, nameEn: e.target.value })} className={inputClass} />}
            </Field>
            {nbFailure && !nbFailure.details.length && <p className="text-sm text-red-800">{nbFailure.code === "duplicate" ? errorText.text({ path: "code", code: "duplicate" }) : t("generic")}</p>}
            {nbNotice && (
              <p role="status" className="text-sm text-slate-800">
                {nbNotice}
              </p>
            )}
            <Button type="submit" variant="secondary">
              {t("createBody")}
            </Button>
          </form>
        </details>
      </section>

      <section aria-labelledby="step3" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="step3" className="text-base font-semibold text-slate-900">
          {t("step3")}
        </h2>
        <Button type="button" onClick={() => run(true)} disabled={busy}>
          {busy ? t("previewing") : t("preview")}
        </Button>
        {preview && (
          <div aria-live="polite" className="space-y-3" data-testid="preview">
            <h3 className="text-sm font-semibold text-slate-900">{t("previewTitle")}</h3>
            <p className="text-sm">{t("dissolve", { count: preview.data.dissolve.length })}</p>
            <div className="overflow-x-auto">
              <table className="text-sm">
                <caption className="sr-only">{t("movesCaption")}</caption>
                <tbody>
                  {(["initiatives", "kpis", "users", "agencies", "reports"] as const).map((k) => (
                    <tr key={k}>
                      <th scope="row" className="py-1 pr-4 text-left font-normal text-slate-700">
                        {t(`moves.${k}`)}
                      </th>
                      <td className="py-1 font-semibold tabular-nums" data-testid={`moves-${k}`}>
                        {new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB").format(preview.data.moves[k])}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {preview.data.conflicts.length ? (
              <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="conflicts">
                <p className="font-semibold">{t("conflicts", { count: preview.data.conflicts.length })}</p>
                <ul className="mt-1 list-inside list-disc">
                  {preview.data.conflicts.map((c) => (
                    <li key={c.reportId ?? c.initiativeId}>
                      {byId.get(c.organisationId) ? name(byId.get(c.organisationId)!) : c.organisationId}
                      {c.period ? ` · ${c.period} · ${c.metric}` : ` · ${c.externalRef}`} — {say({ path: "conflicts", code: c.code, params: c.params })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="text-sm text-emerald-800">{t("noConflicts")}</p>
            )}
            {stale ? (
              <p role="status" className="text-sm text-amber-900">
                {t("changed")}
              </p>
            ) : (
              <Button type="button" onClick={() => run(false)} disabled={busy || preview.data.conflicts.length > 0}>
                {busy ? t("confirming") : t("confirm")}
              </Button>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
