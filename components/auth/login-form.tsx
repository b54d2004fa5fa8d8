"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";

type ErrorKey = "invalid_credentials" | "rate_limited" | "unavailable" | "required";

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: ErrorKey }) {
  const t = useTranslations("login");
  const [error, setError] = useState<ErrorKey | undefined>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) return setError("required");
    setPending(true);
    setError(undefined);
    try {
      const res = await signIn("credentials", { email, password, redirect: false });
      if (!res || res.error) {
        const code = res?.error;
        setError(code === "rate_limited" || code === "unavailable" ? code : "invalid_credentials");
        return;
      }
      // a full navigation, so the server renders the signed-in layout with the new session
      window.location.assign(callbackUrl);
    } catch {
      setError("unavailable");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate aria-describedby={error ? "login-error" : undefined}>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          {t("email")}
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2" />
      </div>
      {error && (
        <p id="login-error" data-testid="login-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" aria-live="assertive">
          {t(error)}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
