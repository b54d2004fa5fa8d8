"use client";

import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { api, call } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";
import { FormMessage } from "@/components/admin/dialog";

/** "Forgot password": always the same answer, whether the address has an account or not. */
export function ForgotPasswordForm() {
  const t = useTranslations("notifications.forgot");
  const [state, setState] = useState<"idle" | "busy" | "sent" | "invalid" | "rateLimited" | "error">("idle");

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "");
    setState("busy");
    const r = await call(api.POST("/auth/password-reset", { body: { email } }));
    setState(r.ok ? "sent" : r.status === 400 ? "invalid" : r.status === 429 ? "rateLimited" : "error");
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 space-y-4">
      <Field id="forgot-email" label={t("email")} error={state === "invalid" ? t("invalidEmail") : undefined}>
        {(aria) => <input {...aria} name="email" type="email" autoComplete="email" required className={inputClass} />}
      </Field>
      {state === "sent" && (
        <FormMessage tone="success" testId="forgot-sent">
          {t("sent")}
        </FormMessage>
      )}
      {(state === "rateLimited" || state === "error") && <FormMessage tone="error">{t(state === "rateLimited" ? "rateLimited" : "generic")}</FormMessage>}
      <Button type="submit" className="w-full" disabled={state === "busy"}>
        {state === "busy" ? t("submitting") : t("submit")}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="font-medium underline">
          {t("backToLogin")}
        </Link>
      </p>
    </form>
  );
}

/** The page a reset link opens: a new password, twice. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("notifications.forgot");
  const tp = useTranslations("password");
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<{ newPassword?: string[]; confirm?: string[]; form?: string }>({});

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirm") ?? "")) return setErrors({ confirm: [tp("errors.mismatch")] });
    setBusy(true);
    setErrors({});
    const r = await call(api.POST("/auth/password-reset/confirm", { body: { token, newPassword } }));
    setBusy(false);
    if (r.ok) return setDone(true);
    if (r.fieldErrors.token || (r.status === 400 && !r.fieldErrors.newPassword)) return setErrors({ form: t("invalidToken") });
    if (r.fieldErrors.newPassword) {
      return setErrors({ newPassword: errorText.fields(r.details).newPassword ?? [tp("errors.required")] });
    }
    setErrors({ form: t("generic") });
  }

  if (done || !token) {
    return (
      <div className="mt-4 space-y-4">
        {done ? (
          <FormMessage tone="success" testId="reset-done">
            {t("resetDone")}
          </FormMessage>
        ) : (
          <FormMessage tone="error">{t("invalidToken")}</FormMessage>
        )}
        <p className="text-center text-sm">
          <Link href={done ? "/login" : "/forgot-password"} className="font-medium underline">
            {done ? t("backToLogin") : t("submit")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="mt-4 space-y-4">
      <Field id="reset-new" label={tp("new")} hint={tp("newHint")} error={errors.newPassword}>
        {(aria) => <input {...aria} name="newPassword" type="password" autoComplete="new-password" required className={inputClass} />}
      </Field>
      <Field id="reset-confirm" label={tp("confirm")} error={errors.confirm}>
        {(aria) => <input {...aria} name="confirm" type="password" autoComplete="new-password" required className={inputClass} />}
      </Field>
      {errors.form && <FormMessage tone="error">{errors.form}</FormMessage>}
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? tp("submitting") : t("resetSubmit")}
      </Button>
    </form>
  );
}
