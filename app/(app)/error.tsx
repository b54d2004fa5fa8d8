"use client";

import { useTranslations } from "next-intl";

/**
 * A page failed to render. In production the error's message is hidden from the browser (only its digest, which the
 * server log carries with the request id), so the text covers both an outage and a bug.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-xl border border-amber-300 bg-amber-50 p-6">
      <h1 className="text-xl font-bold text-amber-950">{t("genericTitle")}</h1>
      <p className="mt-2 text-amber-950">{t("unavailableBody")}</p>
      <p className="mt-2 text-sm text-amber-950">{t("genericBody")}</p>
      {error.digest && <p className="mt-2 font-mono text-xs text-amber-950">{error.digest}</p>}
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-amber-800 px-4 py-2 font-semibold text-white">
        {t("retry")}
      </button>
    </div>
  );
}
