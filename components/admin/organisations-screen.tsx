"use client";

import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Field, inputClass } from "@/components/ui/field";
import { ORGANISATION_KINDS, type OrganisationKind } from "@/lib/domain/codes";
import { api, call, type ApiFailure } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";
import { Dialog, FormMessage } from "./dialog";
import { todayInVietnam } from "@/lib/domain/validity";
import { officialDate } from "@/components/restructuring/format";
import type { OrganisationDto } from "@/lib/dto/organisations";

/** The organisations as GET /organisations answers them. */
export type OrganisationItem = OrganisationDto;

type Failure = ApiFailure;

function OrganisationForm({
  initial,
  parents,
  onDone,
}: {
  initial: OrganisationItem | null;
  parents: OrganisationItem[];
  onDone: (o: OrganisationItem) => void;
}) {
  const t = useTranslations("admin.organisations");
  const te = useTranslations("admin.errors");
  const errorText = useErrorText();
  const tk = useTranslations("kinds");
  const tv = useTranslations("validity.organisationForm");
  const locale = useLocale();
  const [kind, setKind] = useState<OrganisationKind>(initial?.kind ?? "MINISTRY");
  const [parentId, setParentId] = useState(initial?.parentId ?? "");
  const [code, setCode] = useState(initial?.code ?? "");
  const [nameVi, setNameVi] = useState(initial?.nameVi ?? "");
  const [nameEn, setNameEn] = useState(initial?.nameEn ?? "");
  // a new body is in force from today unless the admin says otherwise; an existing one keeps what it has (empty = always)
  const [validFrom, setValidFrom] = useState(initial ? (initial.validFrom ?? "") : todayInVietnam());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const fe = (path: string) => (failure ? errorText.fields(failure.details)[path] : undefined);
  const feValidFrom = fe("validFrom");
  const router = useRouter();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const fields = { code: code.trim().toUpperCase(), nameVi, nameEn, kind, parentId: kind === "AGENCY" ? parentId || null : null, validFrom: validFrom || null };
    const r = initial
      ? await call(api.PATCH("/organisations/{id}", { params: { path: { id: initial.id } }, body: { version: initial.version, ...fields } }))
      : await call(api.POST("/organisations", { body: fields }));
    setBusy(false);
    if (r.ok) onDone(r.data);
    else setFailure(r);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      {failure && (
        <FormMessage tone="error" testId="organisation-form-error">
          {failure.code === "version_conflict" ? (
            <>
              {te("versionConflict")}{" "}
              <button type="button" className="font-semibold underline" onClick={() => router.refresh()}>
                {t("reload")}
              </button>
            </>
          ) : failure.code === "duplicate" ? (
            t("duplicateCode")
          ) : failure.code === "validation_failed" ? (
            te("validation")
          ) : (
            te("generic")
          )}
        </FormMessage>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="org-code" label={t("code")} hint={t("codeHint")} error={fe("code")}>
          {(a) => <input {...a} value={code} onChange={(e) => setCode(e.target.value)} autoCapitalize="characters" className={`${inputClass} font-mono uppercase`} />}
        </Field>
        <Field id="org-kind" label={t("kind")} error={fe("kind")}>
          {(a) => (
            <select {...a} value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)} className={inputClass}>
              {ORGANISATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tk(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id="org-name-vi" label={t("nameVi")} error={fe("nameVi")}>
        {(a) => <input {...a} lang="vi" value={nameVi} onChange={(e) => setNameVi(e.target.value)} className={inputClass} />}
      </Field>
      <Field id="org-name-en" label={t("nameEn")} error={fe("nameEn")}>
        {(a) => <input {...a} lang="en" value={nameEn} onChange={(e) => setNameEn(e.target.value)} className={inputClass} />}
      </Field>
      <Field id="org-valid-from" label={tv("validFrom")} hint={initial ? tv("validFromHint") : tv("validFromNew")} error={feValidFrom}>
        {(a) => <input {...a} type="date" min="1900-01-01" max="2100-12-31" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} className={inputClass} />}
      </Field>
      {initial?.validTo && <p className="text-sm text-slate-700">{tv("validTo", { date: officialDate(locale === "vi" ? "vi" : "en", initial.validTo) })}</p>}
      {kind === "AGENCY" && (
        <Field id="org-parent" label={t("parent")} hint={t("parentHint")} error={fe("parentId")}>
          {(a) => (
            <select {...a} value={parentId} onChange={(e) => setParentId(e.target.value)} className={inputClass}>
              <option value="">{t("chooseParent")}</option>
              {parents
                .filter((p) => p.id !== initial?.id)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {locale === "vi" ? p.nameVi : p.nameEn} ({p.code})
                  </option>
                ))}
            </select>
          )}
        </Field>
      )}
      <Button type="submit" disabled={busy}>
        {busy ? t("saving") : initial ? t("save") : t("create")}
      </Button>
    </form>
  );
}

export function OrganisationsScreen({ organisations }: { organisations: OrganisationItem[] }) {
  const t = useTranslations("admin.organisations");
  const tk = useTranslations("kinds");
  const locale = useLocale();
  const router = useRouter();
  const [editing, setEditing] = useState<OrganisationItem | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const name = (o: OrganisationItem) => (locale === "vi" ? o.nameVi : o.nameEn);
  const other = (o: OrganisationItem) => (locale === "vi" ? o.nameEn : o.nameVi);

  const { groups, parents } = useMemo(() => {
    const byName = (a: OrganisationItem, b: OrganisationItem) => name(a).localeCompare(name(b), locale);
    const agencies = new Map<string, OrganisationItem[]>();
    for (const o of organisations) if (o.kind === "AGENCY" && o.parentId) (agencies.get(o.parentId) ?? agencies.set(o.parentId, []).get(o.parentId)!).push(o);
    const tops = organisations.filter((o) => o.kind !== "AGENCY").sort(byName);
    const known = new Set(tops.map((o) => o.id));
    const orphans = organisations.filter((o) => o.kind === "AGENCY" && (!o.parentId || !known.has(o.parentId)));
    return {
      parents: tops,
      groups: [
        { kind: "MINISTRY" as const, items: tops.filter((o) => o.kind === "MINISTRY").map((o) => ({ o, agencies: (agencies.get(o.id) ?? []).sort(byName) })) },
        { kind: "PROVINCE" as const, items: tops.filter((o) => o.kind === "PROVINCE").map((o) => ({ o, agencies: (agencies.get(o.id) ?? []).sort(byName) })) },
        ...(orphans.length ? [{ kind: "AGENCY" as const, items: orphans.map((o) => ({ o, agencies: [] })) }] : []),
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organisations, locale]);

  const row = (o: OrganisationItem, nested: boolean) => (
    <div className={`flex flex-wrap items-center gap-x-3 gap-y-1 py-2 ${nested ? "pl-6" : ""}`} data-testid={`org-${o.code}`}>
      <div className="min-w-0 flex-1">
        <p className={`text-slate-900 ${nested ? "" : "font-semibold"}`}>
          {name(o)} <span className="font-mono text-xs text-slate-700">{o.code}</span>
        </p>
        <p className="text-xs text-slate-700" lang={locale === "vi" ? "en" : "vi"}>
          {other(o)}
        </p>
      </div>
      {nested && <Badge tone="violet">{tk("AGENCY")}</Badge>}
      <Button variant="secondary" onClick={() => setEditing(o)} aria-label={t("editAria", { name: name(o) })}>
        {t("edit")}
      </Button>
    </div>
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700">{t("count", { total: organisations.length })}</p>
        <Button onClick={() => setEditing("new")}>{t("new")}</Button>
      </div>
      {notice && <FormMessage tone="success" testId="organisations-notice">{notice}</FormMessage>}
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`group-${g.kind}`} className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id={`group-${g.kind}`} className="mb-2 text-base font-semibold text-slate-900">
            {t(`group.${g.kind}`)} ({g.items.length})
          </h2>
          <ul className="divide-y divide-slate-200">
            {g.items.map(({ o, agencies }) => (
              <li key={o.id}>
                {row(o, false)}
                {agencies.length > 0 && (
                  <ul aria-label={t("agenciesOf", { name: name(o) })} className="mb-2 border-l-2 border-brand-100 ml-2">
                    {agencies.map((a) => (
                      <li key={a.id}>{row(a, true)}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Dialog open={editing !== null} title={editing === "new" ? t("new") : editing ? t("editTitle", { name: name(editing) }) : ""} onClose={() => setEditing(null)}>
        {editing !== null && (
          <OrganisationForm
            key={editing === "new" ? "new" : `${editing.id}-${editing.version}`}
            initial={editing === "new" ? null : editing}
            parents={parents}
            onDone={(o) => {
              setNotice(editing === "new" ? t("created", { code: o.code }) : t("saved", { code: o.code }));
              setEditing(null);
              router.refresh();
            }}
          />
        )}
      </Dialog>
    </div>
  );
}
