"use client";

import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Field, inputClass } from "@/components/ui/field";
import { ORGANISATION_KINDS, type OrganisationKind } from "@/lib/domain/codes";
import { api, call } from "@/lib/api-client";
import { useApiForm } from "@/components/forms/use-api-form";
import { organisationCreateInput, organisationUpdateInput, type OrganisationCreateInput, type OrganisationUpdateInput } from "@/lib/validation/organisations";
import { Dialog, FormMessage } from "./dialog";
import { todayInVietnam } from "@/lib/domain/validity";
import { officialDate } from "@/components/restructuring/format";
import type { OrganisationDto } from "@/lib/dto/organisations";

/** The organisations as GET /organisations answers them. */
export type OrganisationItem = OrganisationDto;

type OrgValues = { code: string; nameVi: string; nameEn: string; kind: OrganisationKind; parentId: string; validFrom: string };
const ORG_FIELDS = ["code", "kind", "nameVi", "nameEn", "validFrom", "parentId"] as const;

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
  const tf = useTranslations("forms");
  const tk = useTranslations("kinds");
  const tv = useTranslations("validity.organisationForm");
  const locale = useLocale();
  const router = useRouter();
  const toBody = (v: OrgValues) => {
    const fields = {
      code: v.code.trim().toUpperCase(),
      nameVi: v.nameVi,
      nameEn: v.nameEn,
      kind: v.kind,
      parentId: v.kind === "AGENCY" ? v.parentId || null : null,
      validFrom: v.validFrom || null,
    };
    return initial ? { version: initial.version, ...fields } : fields;
  };
  const { register, watch, submit, failure, dirty, fieldError: fe, formState } = useApiForm({
    // the schema of the endpoint this form calls: POST /organisations or PATCH /organisations/{id}
    schema: initial ? organisationUpdateInput : organisationCreateInput,
    toBody,
    defaultValues: {
      code: initial?.code ?? "",
      nameVi: initial?.nameVi ?? "",
      nameEn: initial?.nameEn ?? "",
      kind: initial?.kind ?? "MINISTRY",
      parentId: initial?.parentId ?? "",
      // a new body is in force from today unless the admin says otherwise; an existing one keeps what it has (empty = always)
      validFrom: initial ? (initial.validFrom ?? "") : todayInVietnam(),
    },
    order: ORG_FIELDS,
  });
  const kind = watch("kind");
  const busy = formState.isSubmitting;
  const onSubmit = submit(async (body) => {
    const r = initial
      ? await call(api.PATCH("/organisations/{id}", { params: { path: { id: initial.id } }, body: body as OrganisationUpdateInput }))
      : await call(api.POST("/organisations", { body: body as OrganisationCreateInput }));
    if (!r.ok) return r;
    onDone(r.data);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {dirty && (
        <p role="status" className="text-sm text-slate-700" data-testid="unsaved">
          {tf("unsaved")}
        </p>
      )}
      {failure && (
        <FormMessage tone="error" testId="organisation-form-error">
          {failure.code === "version_conflict" ? (
            <>
              {te("versionConflict")}{" "}
              <button type="button" className="font-semibold underline" onClick={() => router.refresh()}>
                {t("reload")}
              </button>
            </>
          ) : failure.code === "duplicate" && !fe("code") ? (
            t("duplicateCode")
          ) : failure.code === "validation_failed" || failure.code === "duplicate" ? (
            tf("fixErrors")
          ) : (
            te("generic")
          )}
        </FormMessage>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="org-code" label={t("code")} hint={t("codeHint")} error={fe("code")}>
          {(a) => <input {...a} {...register("code")} autoCapitalize="characters" className={`${inputClass} font-mono uppercase`} />}
        </Field>
        <Field id="org-kind" label={t("kind")} error={fe("kind")}>
          {(a) => (
            <select {...a} {...register("kind")} className={inputClass}>
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
        {(a) => <input {...a} lang="vi" {...register("nameVi")} className={inputClass} />}
      </Field>
      <Field id="org-name-en" label={t("nameEn")} error={fe("nameEn")}>
        {(a) => <input {...a} lang="en" {...register("nameEn")} className={inputClass} />}
      </Field>
      <Field id="org-valid-from" label={tv("validFrom")} hint={initial ? tv("validFromHint") : tv("validFromNew")} error={fe("validFrom")}>
        {(a) => <input {...a} type="date" min="1900-01-01" max="2100-12-31" {...register("validFrom")} className={inputClass} />}
      </Field>
      {initial?.validTo && <p className="text-sm text-slate-700">{tv("validTo", { date: officialDate(locale === "vi" ? "vi" : "en", initial.validTo) })}</p>}
      {kind === "AGENCY" && (
        <Field id="org-parent" label={t("parent")} hint={t("parentHint")} error={fe("parentId")}>
          {(a) => (
            <select {...a} {...register("parentId")} className={inputClass}>
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
