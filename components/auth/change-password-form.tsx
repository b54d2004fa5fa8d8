"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { api, call } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";
import { FormMessage } from "@/components/admin/dialog";

type FieldName = "currentPassword" | "newPassword" | "confirm";
type Errors = Partial<Record<FieldName, string[]>> & { form?: string };

/**
 * Changing one's own password (POST /api/v1/me/password): on the profile page, and on the page a person whose
 * password an admin set is sent to (`afterChange`: where to go next).
 */
export function ChangePasswordForm({ email, afterChange }: { email: string; afterChange?: string }) {
  const t = useTranslations("password");
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const errorText = useErrorText();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    const confirm = String(form.get("confirm") ?? "");
    setDone(false);
    if (newPassword && confirm !== newPassword) return setErrors({ confirm: [t("errors.mismatch")] });
    setBusy(true);
    setErrors({});
    const r = await call(api.POST("/me/password", { body: { currentPassword, newPassword } }));
    setBusy(false);
    if (r.ok) {
      if (afterChange) {
        // a full navigation: the layout renders again without the forced change
        window.location.assign(afterChange);
        return;
      }
      formEl.reset();
      setDone(true);
      return;
    }
    if (r.code === "validation_failed" && r.details.length) {
      const fields = errorText.fields(r.details);
      setErrors({ currentPassword: fields.currentPassword, newPassword: fields.newPassword });
      return;
    }
    const form_ = r.code === "rate_limited" ? "rateLimited" : r.code === "unauthenticated" ? "signedOut" : "generic";
    setErrors({ form: t(`errors.${form_}`) });
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-4" aria-label={t("title")}>
      {/* lets a password manager file the new password under the right account */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      {errors.form && (
        <FormMessage tone="error" testId="password-error">
          {errors.form}
        </FormMessage>
      )}
      {done && (
        <FormMessage tone="success" testId="password-changed">
          {t("changed")}
        </FormMessage>
      )}
      <Field id="current-password" label={t("current")} error={errors.currentPassword}>
        {(a) => <input {...a} name="currentPassword" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      <Field id="new-password" label={t("new")} hint={t("newHint")} error={errors.newPassword}>
        {(a) => <input {...a} name="newPassword" type="password" autoComplete="new-password" required minLength={12} className={inputClass} />}
      </Field>
      <Field id="confirm-password" label={t("confirm")} error={errors.confirm}>
        {(a) => <input {...a} name="confirm" type="password" autoComplete="new-password" required className={inputClass} />}
      </Field>
      <Button type="submit" disabled={busy}>
        {busy ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
