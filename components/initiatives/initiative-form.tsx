"use client";

import { useCallback, useRef } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Controller, useWatch } from "react-hook-form";
import type { InitiativeDto } from "@/lib/dto/initiatives";
import { initiativeCreateInput } from "@/lib/validation/initiatives";
import { INITIATIVE_STATUSES } from "@/lib/domain/codes";
import { Field, inputClass } from "@/components/ui/field";
import { NumberInput, useNumberReader, type NumberRead } from "@/components/ui/number-input";
import { budgetWarnings } from "@/lib/domain/warnings";
import { formatVnd } from "@/lib/i18n/format";
import { Button, LinkButton } from "@/components/ui/button";
import { api, call } from "@/lib/api-client";
import { useApiForm } from "@/components/forms/use-api-form";
import { knownError } from "./known-error";

export interface RefOption {
  code: string;
  name: string;
  description: string;
}
export interface StageOption {
  level: number;
  name: string;
  detail: string;
}

type Values = {
  organisationId: string;
  title: string;
  description: string;
  buildingBlocks: string[];
  principles: string[];
  enablers: string[];
  status: string;
  currentStage: string;
  targetStage: string;
  startDate: string;
  endDate: string;
  budgetPlanned: string;
  budgetSpent: string;
  progress: string;
  externalRef: string;
};

const FIELD_ORDER: (keyof Values)[] = [
  "organisationId",
  "title",
  "externalRef",
  "description",
  "status",
  "progress",
  "currentStage",
  "targetStage",
  "startDate",
  "endDate",
  "budgetPlanned",
  "budgetSpent",
  "buildingBlocks",
  "principles",
  "enablers",
];

function initialValues(i: InitiativeDto | null, organisations: { value: string }[], defaultOrganisationId: string | null, text: (n: number | null | undefined) => string): Values {
  const own = defaultOrganisationId && organisations.some((o) => o.value === defaultOrganisationId) ? defaultOrganisationId : null;
  return {
    organisationId: i?.organisationId ?? own ?? (organisations.length === 1 ? organisations[0].value : ""),
    title: i?.title ?? "",
    description: i?.description ?? "",
    buildingBlocks: i?.buildingBlocks ?? [],
    principles: i?.principles ?? [],
    enablers: i?.enablers ?? [],
    status: i?.status ?? "PLANNED",
    currentStage: String(i?.currentStage ?? 1),
    targetStage: String(i?.targetStage ?? 2),
    startDate: i?.startDate ?? "",
    endDate: i?.endDate ?? "",
    budgetPlanned: text(i?.budgetPlanned),
    budgetSpent: text(i?.budgetSpent),
    progress: text(i?.progress ?? 0),
    externalRef: i?.externalRef ?? "",
  };
}

type Read = (raw: string) => NumberRead;
/** blank → null; a number as read in the UI's language; anything unreadable stays a (failing) value. */
const money = (read: Read, s: string): number | null => {
  const r = read(s);
  return r.ok ? r.value : Number.NaN;
};
const int = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/** The request body: exactly what the API (and the shared zod schema) reads. */
function toBody(v: Values, read: Read) {
  return {
    organisationId: v.organisationId,
    title: v.title,
    description: v.description,
    buildingBlocks: v.buildingBlocks,
    principles: v.principles,
    enablers: v.enablers,
    status: v.status,
    currentStage: int(v.currentStage),
    targetStage: int(v.targetStage),
    startDate: v.startDate || null,
    endDate: v.endDate || null,
    budgetPlanned: money(read, v.budgetPlanned),
    budgetSpent: money(read, v.budgetSpent),
    progress: v.progress.trim() === "" ? Number.NaN : money(read, v.progress),
    externalRef: v.externalRef.trim() || null,
  };
}

export function InitiativeForm({
  initiative,
  organisations,
  blocks,
  principles,
  enablers,
  stages,
  defaultOrganisationId = null,
}: {
  initiative: InitiativeDto | null;
  /** a new initiative starts with the officer's own organisation */
  defaultOrganisationId?: string | null;
  organisations: { value: string; label: string }[];
  blocks: RefOption[];
  principles: RefOption[];
  enablers: RefOption[];
  stages: StageOption[];
}) {
  const t = useTranslations("initiatives");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const numbers = useNumberReader();
  const editing = initiative !== null;

  /**
   * The API's own schema decides, over the body the API would get (components/forms/use-api-form.ts). A number written
   * the other language's way says how to write it, before the schema's own text.
   */
  const read: Read = useCallback((raw) => numbers.read(raw, { integer: true }), [numbers]);
  const {
    register,
    control,
    submit,
    failure,
    leave,
    dirty,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: initiativeCreateInput,
    toBody: (v: Values) => toBody(v, read),
    extra: (values: Values) => {
      const written: Record<string, string[]> = {};
      for (const k of ["progress", "budgetPlanned", "budgetSpent"] as const) {
        const r = read(values[k]);
        if (!r.ok) written[k] = [r.message];
      }
      return written;
    },
    defaultValues: initialValues(initiative, organisations, defaultOrganisationId, numbers.text),
    order: FIELD_ORDER,
  });

  const err = (k: keyof Values) => errors[k]?.message || undefined;
  const watched = useWatch({ control, name: ["currentStage", "targetStage", "budgetPlanned", "budgetSpent"] });
  const values = { currentStage: watched[0], targetStage: watched[1], budgetPlanned: watched[2], budgetSpent: watched[3] };

  const onSubmit = submit(async (valid) => {
    const r = editing
      ? await call(api.PATCH("/initiatives/{id}", { params: { path: { id: initiative.id } }, body: { ...valid, version: initiative.version } }))
      : await call(api.POST("/initiatives", { body: valid }));
    if (!r.ok) return r;
    router.push(`/initiatives/${r.data.id}?saved=1`);
    router.refresh();
  });

  const planned = numbers.read(values.budgetPlanned, { integer: true });
  const spent = numbers.read(values.budgetSpent, { integer: true });
  // a warning only: disbursing more than planned happens (supplementary budgets), but is worth a second look
  const overspent = budgetWarnings(planned.ok ? planned.value : null, spent.ok ? spent.value : null)[0] ?? null;

  const stageDetail = (level: string) => stages.find((s) => String(s.level) === level)?.detail;
  const saving = isSubmitting;
  const sectionClass = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

  const checkGroup = (k: "buildingBlocks" | "principles" | "enablers", items: RefOption[], legend: string, hint?: string) => {
    const e = err(k);
    return (
      <fieldset className={sectionClass} aria-describedby={[hint ? `${k}-hint` : "", e ? `${k}-error` : ""].filter(Boolean).join(" ") || undefined}>
        {/* a floated legend sits inside the box like the other sections' headings, not on its border */}
        <legend className="float-left mb-1 w-full text-base font-semibold text-slate-900">{legend}</legend>
        {hint && (
          <p id={`${k}-hint`} className="clear-both mb-2 text-xs text-slate-600">
            {hint}
          </p>
        )}
        <ul className="clear-both grid gap-2 md:grid-cols-2">
          {items.map((item, idx) => {
            const id = `${k}-${item.code}`;
            return (
              <li key={item.code} className="flex gap-2 rounded-md border border-slate-200 p-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                <input
                  id={id}
                  type="checkbox"
                  className="mt-1 h-4 w-4 shrink-0"
                  value={item.code}
                  {...register(k)}
                  data-field={idx === 0 ? k : undefined}
                  aria-describedby={`${id}-desc`}
                />
                <label htmlFor={id} className="text-sm">
                  <span className="block font-medium text-slate-900">{item.name}</span>
                  <span id={`${id}-desc`} className="block text-xs text-slate-700">
                    {item.description}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        {e && (
          <p id={`${k}-error`} data-testid={`${k}-error`} className="mt-2 text-sm text-red-700">
            {e}
          </p>
        )}
      </fieldset>
    );
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={saving || undefined}>
      {dirty && (
        <p role="status" className="text-sm text-slate-700" data-testid="unsaved">
          {t("form.unsaved")}
        </p>
      )}
      {failure && (
        <div role="alert" data-testid="form-error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          {failure.code === "version_conflict" ? (
            <>
              <p className="font-semibold">{t("form.conflictTitle")}</p>
              <p className="mt-1">{t("form.conflict")}</p>
              <Button variant="secondary" className="mt-2" onClick={() => leave(() => window.location.reload())}>
                {t("form.reload")}
              </Button>
            </>
          ) : failure.code === "validation_failed" || failure.code === "duplicate" ? (
            <p>{t("form.fixErrors")}</p>
          ) : (
            <p>{t(`errors.${knownError(failure.code)}`)}</p>
          )}
        </div>
      )}

      <section className={`${sectionClass} grid gap-4 md:grid-cols-2`} aria-labelledby="sec-general">
        <h2 id="sec-general" className="text-base font-semibold text-slate-900 md:col-span-2">
          {t("form.general")}
        </h2>
        <Field id="organisationId" label={t("fields.organisation")} error={err("organisationId")} className="md:col-span-2">
          {(a) => (
            <select {...a} data-field="organisationId" className={inputClass} {...register("organisationId")}>
              <option value="">{t("form.chooseOrganisation")}</option>
              {organisations.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="title" label={t("fields.title")} hint={t("form.titleHint")} error={err("title")} className="md:col-span-2">
          {(a) => <input {...a} data-field="title" className={inputClass} maxLength={200} {...register("title")} />}
        </Field>
        <Field id="externalRef" label={t("fields.externalRef")} hint={t("form.externalRefHint")} error={err("externalRef")}>
          {(a) => <input {...a} data-field="externalRef" className={inputClass} maxLength={100} {...register("externalRef")} />}
        </Field>
        <Field id="status" label={t("fields.status")} hint={t("form.statusHint")} error={err("status")}>
          {(a) => (
            <select {...a} data-field="status" className={inputClass} {...register("status")}>
              {INITIATIVE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="description" label={t("fields.description")} error={err("description")} className="md:col-span-2">
          {(a) => <textarea {...a} data-field="description" rows={5} className={inputClass} {...register("description")} />}
        </Field>
        <Field id="progress" label={t("fields.progressPercent")} hint={t("form.progressHint")} error={err("progress")}>
          {(a) => (
            <Controller control={control} name="progress" render={({ field }) => <NumberInput {...a} data-field="progress" integer {...field} />} />
          )}
        </Field>
      </section>

      <section className={`${sectionClass} grid gap-4 md:grid-cols-2`} aria-labelledby="sec-stages">
        <h2 id="sec-stages" className="text-base font-semibold text-slate-900 md:col-span-2">
          {t("form.stages")}
        </h2>
        {(["currentStage", "targetStage"] as const).map((k) => (
          <Field key={k} id={k} label={t(`fields.${k}`)} hint={stageDetail(values[k])} error={err(k)}>
            {(a) => (
              <select {...a} data-field={k} className={inputClass} {...register(k)}>
                {stages.map((s) => (
                  <option key={s.level} value={s.level}>
                    {t("stageOption", { level: s.level, name: s.name })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </section>

      <section className={`${sectionClass} grid gap-4 md:grid-cols-2`} aria-labelledby="sec-plan">
        <h2 id="sec-plan" className="text-base font-semibold text-slate-900 md:col-span-2">
          {t("form.plan")}
        </h2>
        <Field id="startDate" label={t("fields.startDate")} error={err("startDate")}>
          {(a) => <input {...a} data-field="startDate" type="date" className={inputClass} {...register("startDate")} />}
        </Field>
        <Field id="endDate" label={t("fields.endDate")} error={err("endDate")}>
          {(a) => <input {...a} data-field="endDate" type="date" className={inputClass} {...register("endDate")} />}
        </Field>
        <Field id="budgetPlanned" label={t("fields.budgetPlannedVnd")} hint={t("form.moneyHint")} error={err("budgetPlanned")}>
          {(a) => <Controller control={control} name="budgetPlanned" render={({ field }) => <NumberInput {...a} data-field="budgetPlanned" integer {...field} />} />}
        </Field>
        <Field id="budgetSpent" label={t("fields.budgetSpentVnd")} hint={t("form.moneyHint")} error={err("budgetSpent")}>
          {(a) => <Controller control={control} name="budgetSpent" render={({ field }) => <NumberInput {...a} data-field="budgetSpent" integer {...field} />} />}
        </Field>
        {overspent && (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 md:col-span-2" data-testid="budget-warning">
            {t("form.budgetOverspent", { spent: formatVnd(numbers.locale, overspent.spent), planned: formatVnd(numbers.locale, overspent.planned) })}
          </p>
        )}
      </section>

      {checkGroup("buildingBlocks", blocks, t("fields.buildingBlocks"), t("form.blocksHint"))}
      {checkGroup("principles", principles, t("fields.principles"))}
      {checkGroup("enablers", enablers, t("fields.enablers"))}

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={saving}>
          {saving ? t("form.saving") : editing ? t("form.save") : t("form.create")}
        </Button>
        <LinkButton href={editing ? `/initiatives/${initiative.id}` : "/initiatives"} variant="secondary">
          {t("actions.cancel")}
        </LinkButton>
      </div>
    </form>
  );
}
