"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

interface Signature {
  signerTitle: string;
  signerName: string;
  signerUnit: string;
}

const FIELDS = [
  { key: "signerTitle", max: 200, hint: true },
  { key: "signerName", max: 200, hint: false },
  { key: "signerUnit", max: 300, hint: false },
] as const;

/** The briefing's signature block (ADMIN): PUT /api/v1/briefing-settings, errors shown at their fields. */
export function SignatureForm({ initial }: { initial: Signature }) {
  const t = useTranslations("briefing.settings");
  const [values, setValues] = useState<Signature>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<"idle" | "saving" | "saved" | "failed">("idle");

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setState("saving");
    setErrors({});
    try {
      const res = await fetch("/api/v1/briefing-settings", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(values) });
      if (res.ok) {
        setValues((await res.json()) as Signature);
        setState("saved");
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { details?: { path: string; message: string }[] } } | null;
      setErrors(Object.fromEntries((body?.error?.details ?? []).map((d) => [d.path, d.message])));
      setState("failed");
    } catch {
      setState("failed");
    }
  }

  return (
    <form onSubmit={save} className="space-y-4" aria-describedby="signature-intro">
      <p id="signature-intro" className="text-sm text-slate-700">
        {t("intro")}
      </p>
      <div className="grid gap-4 md:grid-cols-3">
        {FIELDS.map((f) => (
          <Field key={f.key} id={f.key} label={t(f.key)} hint={f.hint ? t("signerTitleHint") : undefined} error={errors[f.key] ? t("tooLong", { max: f.max }) : undefined}>
            {(aria) => <input {...aria} className={inputClass} name={f.key} maxLength={f.max} value={values[f.key]} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />}
          </Field>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={state === "saving"}>
          {state === "saving" ? t("saving") : t("save")}
        </Button>
        <span role="status" aria-live="polite" className={`text-sm ${state === "failed" ? "text-red-700" : "text-slate-700"}`}>
          {state === "saved" ? t("saved") : state === "failed" ? t("failed") : ""}
        </span>
      </div>
    </form>
  );
}
