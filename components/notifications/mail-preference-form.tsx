"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { api, call } from "@/lib/api-client";
import { FormMessage } from "@/components/admin/dialog";
import { useApiForm } from "@/components/forms/use-api-form";
import { MAIL_PREFERENCES, mailPreferenceInput, type MailPreference } from "@/lib/validation/notifications";

type Values = { mailPreference: MailPreference };

/**
 * Immediate / daily digest / off, on the profile page (PUT /api/v1/me/mail-preference) on the shared form hook with
 * the endpoint's schema (mailPreferenceInput): a detail from the server lands on the choice by code, focused; an
 * unsaved choice asks before the page is left.
 */
export function MailPreferenceForm({ initial }: { initial: MailPreference }) {
  const t = useTranslations("notifications");
  const tf = useTranslations("forms");
  const [saved, setSaved] = useState(false);
  const { register, submit, dirty, failure, fieldError, formState } = useApiForm({
    schema: mailPreferenceInput,
    toBody: (v: Values) => ({ mailPreference: v.mailPreference }),
    defaultValues: { mailPreference: initial },
    order: ["mailPreference"],
  });
  const onSubmit = submit(async (body) => {
    setSaved(false);
    const r = await call(api.PUT("/me/mail-preference", { body }));
    if (!r.ok) return r;
    setSaved(true);
    return { values: { mailPreference: r.data.mailPreference } };
  });
  const error = fieldError("mailPreference");
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-3">
      <fieldset aria-describedby={error ? "mailPreference-error" : undefined}>
        <legend className="mb-2 text-sm text-slate-700">{t("preference.intro")}</legend>
        <div className="space-y-2">
          {MAIL_PREFERENCES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm text-slate-900">
              <input type="radio" value={c} {...register("mailPreference", { onChange: () => setSaved(false) })} className="h-4 w-4" />
              {t(`preference.${c}`)}
            </label>
          ))}
        </div>
        {error && (
          <p id="mailPreference-error" className="mt-1 text-sm text-red-700" data-testid="mailPreference-error">
            {error}
          </p>
        )}
      </fieldset>
      {saved && !dirty && <FormMessage tone="success" testId="preference-saved">{t("preference.saved")}</FormMessage>}
      {failure && !error && <FormMessage tone="error">{t("error")}</FormMessage>}
      {dirty && (
        <p className="text-sm text-amber-900" data-testid="preference-unsaved">
          {tf("unsaved")}
        </p>
      )}
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        {t("preference.save")}
      </Button>
    </form>
  );
}
