"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { api, call } from "@/lib/api-client";
import { FormMessage } from "@/components/admin/dialog";

const CHOICES = ["IMMEDIATE", "DIGEST", "OFF"] as const;

/** Immediate / daily digest / off, on the profile page (PUT /api/v1/me/mail-preference). */
export function MailPreferenceForm({ initial }: { initial: (typeof CHOICES)[number] }) {
  const t = useTranslations("notifications");
  const [value, setValue] = useState(initial);
  const [state, setState] = useState<"idle" | "busy" | "saved" | "error">("idle");
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setState("busy");
    const r = await call(api.PUT("/me/mail-preference", { body: { mailPreference: value } }));
    setState(r.ok ? "saved" : "error");
  }
  return (
    <form onSubmit={submit} className="space-y-3">
      <fieldset>
        <legend className="mb-2 text-sm text-slate-700">{t("preference.intro")}</legend>
        <div className="space-y-2">
          {CHOICES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm text-slate-900">
              <input type="radio" name="mailPreference" value={c} checked={value === c} onChange={() => setValue(c)} className="h-4 w-4" />
              {t(`preference.${c}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {state === "saved" && <FormMessage tone="success" testId="preference-saved">{t("preference.saved")}</FormMessage>}
      {state === "error" && <FormMessage tone="error">{t("error")}</FormMessage>}
      <Button type="submit" variant="secondary" disabled={state === "busy"}>
        {t("preference.save")}
      </Button>
    </form>
  );
}
