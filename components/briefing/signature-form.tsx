"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { api, call } from "@/lib/api-client";
import { useApiForm } from "@/components/forms/use-api-form";
import { briefingSettingsInput, type BriefingSettings } from "@/lib/validation/briefing";

const FIELDS = [
  { key: "signerTitle", max: 200, hint: true },
  { key: "signerName", max: 200, hint: false },
  { key: "signerUnit", max: 300, hint: false },
] as const;

/**
 * The briefing's signature block (ADMIN): PUT /api/v1/briefing-settings on the shared form hook, checked with the
 * endpoint's schema (briefingSettingsInput); the server's details land on their fields by code, the first focused;
 * unsaved changes ask before the page is left.
 */
export function SignatureForm({ initial }: { initial: BriefingSettings }) {
  const t = useTranslations("briefing.settings");
  const tf = useTranslations("forms");
  const [saved, setSaved] = useState(false);
  const { register, submit, dirty, failure, fieldError, formState } = useApiForm({
    schema: briefingSettingsInput,
    toBody: (v: BriefingSettings) => ({ signerTitle: v.signerTitle, signerName: v.signerName, signerUnit: v.signerUnit }),
    defaultValues: { signerTitle: initial.signerTitle, signerName: initial.signerName, signerUnit: initial.signerUnit },
    order: FIELDS.map((f) => f.key),
  });
  const onSubmit = submit(async (body) => {
    setSaved(false);
    const res = await call(api.PUT("/briefing-settings", { body }));
    if (!res.ok) return res;
    setSaved(true);
    return { values: res.data };
  });
  const failed = !!failure || (formState.submitCount > 0 && Object.keys(formState.errors).length > 0);

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-4" aria-describedby="signature-intro">
      <p id="signature-intro" className="text-sm text-slate-700">
        {t("intro")}
      </p>
      <div className="grid gap-4 md:grid-cols-3">
        {FIELDS.map((f) => (
          <Field key={f.key} id={f.key} label={t(f.key)} hint={f.hint ? t("signerTitleHint") : undefined} error={fieldError(f.key)}>
            {(aria) => <input {...aria} className={inputClass} maxLength={f.max} {...register(f.key, { onChange: () => setSaved(false) })} />}
          </Field>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t("saving") : t("save")}
        </Button>
        <span role="status" aria-live="polite" className={`text-sm ${failed ? "text-red-700" : "text-slate-700"}`} data-testid="signature-status">
          {saved && !dirty ? t("saved") : failed ? t("failed") : ""}
        </span>
        {dirty && (
          <span className="text-sm text-amber-900" data-testid="signature-unsaved">
            {tf("unsaved")}
          </span>
        )}
      </div>
    </form>
  );
}
