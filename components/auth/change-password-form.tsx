"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { api, call } from "@/lib/api-client";
import { useApiForm } from "@/components/forms/use-api-form";
import { passwordChangeInput } from "@/lib/validation/users";
import { FormMessage } from "@/components/admin/dialog";

type Values = { currentPassword: string; newPassword: string; confirm: string };
const BLANK: Values = { currentPassword: "", newPassword: "", confirm: "" };

/**
 * Changing one's own password (POST /api/v1/me/password): on the profile page, and on the page a person whose
 * password an admin set is sent to (`afterChange`: where to go next). The API's schema checks the two passwords; the
 * repeated one is the browser's own check.
 */
export function ChangePasswordForm({ email, afterChange }: { email: string; afterChange?: string }) {
  const t = useTranslations("password");
  const [done, setDone] = useState(false);
  const { register, submit, failure, fieldError, leave, formState } = useApiForm({
    schema: passwordChangeInput,
    toBody: (v: Values) => ({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    extra: (v: Values): Record<string, string[]> => (v.newPassword && v.confirm !== v.newPassword ? { confirm: [t("errors.mismatch")] } : {}),
    defaultValues: BLANK,
    order: ["currentPassword", "newPassword", "confirm"],
  });
  const onSubmit = submit(async (body) => {
    setDone(false);
    const r = await call(api.POST("/me/password", { body }));
    if (!r.ok) return r;
    if (afterChange) {
      // a full navigation: the layout renders again without the forced change (nothing unsaved is left behind)
      leave(() => window.location.assign(afterChange));
      return;
    }
    setDone(true);
    return { values: BLANK };
  });
  const formError = failure && !(failure.code === "validation_failed" && failure.details.length) ? (failure.code === "rate_limited" ? "rateLimited" : failure.code === "unauthenticated" ? "signedOut" : "generic") : null;

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4" aria-label={t("title")}>
      {/* lets a password manager file the new password under the right account */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      {formError && (
        <FormMessage tone="error" testId="password-error">
          {t(`errors.${formError}`)}
        </FormMessage>
      )}
      {done && (
        <FormMessage tone="success" testId="password-changed">
          {t("changed")}
        </FormMessage>
      )}
      <Field id="current-password" label={t("current")} error={fieldError("currentPassword")}>
        {(a) => <input {...a} {...register("currentPassword")} type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      <Field id="new-password" label={t("new")} hint={t("newHint")} error={fieldError("newPassword")}>
        {(a) => <input {...a} {...register("newPassword")} type="password" autoComplete="new-password" required minLength={12} className={inputClass} />}
      </Field>
      <Field id="confirm-password" label={t("confirm")} error={fieldError("confirm")}>
        {(a) => <input {...a} {...register("confirm")} type="password" autoComplete="new-password" required className={inputClass} />}
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
