"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Field, inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { api, call } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";
import { FormMessage } from "./dialog";
import type { PersonalTokenDto } from "@/lib/dto/users";

/** A personal token as GET /me/tokens answers it. */
export type TokenItem = PersonalTokenDto;

/** Personal API tokens: create one (shown once, with a copy button), see them, revoke them. */
export function TokensPanel({ initial }: { initial: TokenItem[] }) {
  const t = useTranslations("admin.profile");
  const te = useTranslations("admin.errors");
  const errorText = useErrorText();
  const locale = useLocale() as Locale;
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<{ field?: string[]; form?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function reload() {
    const r = await call(api.GET("/me/tokens"));
    if (r.ok) setTokens(r.data);
  }

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    const r = await call(api.POST("/me/tokens", { body: { name } }));
    setBusy(false);
    if (!r.ok) {
      setError(r.fieldErrors.name ? { field: errorText.fields(r.details).name } : { form: te("generic") });
      return;
    }
    setCreated({ token: r.data.token, name });
    setName("");
    await reload();
  }

  async function revoke(id: string) {
    setBusy(true);
    const r = await call(api.DELETE("/me/tokens/{id}", { params: { path: { id } } }));
    setBusy(false);
    if (!r.ok && r.code !== "not_found") setError({ form: te("generic") });
    if (created) setCreated(null);
    await reload();
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{t("tokensIntro")}</p>
      <form onSubmit={create} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <Field id="token-name" label={t("tokenName")} hint={t("tokenNameHint")} error={error?.field} className="flex-1">
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} className={inputClass} />}
        </Field>
        <Button type="submit" disabled={busy} className="sm:mb-0">
          {t("createToken")}
        </Button>
      </form>
      {error?.form && <FormMessage tone="error">{error.form}</FormMessage>}
      {created && (
        <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="new-token">
          <p className="text-sm font-semibold text-amber-900">{t("tokenOnce", { name: created.name })}</p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <label htmlFor="new-token-value" className="sr-only">
              {t("tokenValue")}
            </label>
            <input id="new-token-value" readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono text-xs`} />
            <Button variant="secondary" onClick={() => void copy()}>
              {copied ? t("copied") : t("copy")}
            </Button>
          </div>
          <p className="text-xs text-amber-900">{t("tokenUsage")}</p>
        </div>
      )}
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">{t("tokens")}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">{t("tokenName")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("createdAt")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("expiresAt")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("lastUsedAt")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-4 text-center text-slate-700">
                  {t("noTokens")}
                </td>
              </tr>
            )}
            {tokens.map((k) => (
              <tr key={k.id} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 font-medium">
                  {k.name}
                </th>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(locale, k.createdAt)}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(locale, k.expiresAt)}</td>
                <td className="whitespace-nowrap px-3 py-2">{k.lastUsedAt ? formatDateTime(locale, k.lastUsedAt) : "—"}</td>
                <td className="px-3 py-2 text-right">
                  {k.revoked ? (
                    <Badge tone="slate">{t("revoked")}</Badge>
                  ) : (
                    <Button variant="secondary" disabled={busy} onClick={() => void revoke(k.id)} aria-label={t("revokeAria", { name: k.name ?? "" })}>
                      {t("revoke")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
