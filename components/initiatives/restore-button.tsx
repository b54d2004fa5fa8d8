"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { api, call } from "@/lib/api-client";
import { ConfirmDialog } from "./confirm-dialog";
import { knownError } from "./archive-button";

/** Restores an archived initiative after a confirmation (POST /restore with its version). */
export function RestoreButton({ id, version, title }: { id: string; version: number; title: string }) {
  const t = useTranslations("restore");
  const ti = useTranslations("initiatives");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const r = await call(api.POST("/initiatives/{id}/restore", { params: { path: { id } }, body: { version } }));
    setBusy(false);
    if (r.ok) {
      setOpen(false);
      router.push(`/initiatives/${id}?restored=1`);
      router.refresh();
      return;
    }
    setError(
      r.code === "version_conflict" ? t("conflict") : r.code === "invalid_transition" ? t("notArchived") : ti(`errors.${knownError(r.code)}`),
    );
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="restore-button">
        {t("button")}
      </Button>
      <ConfirmDialog
        open={open}
        title={t("title")}
        body={<p>{t("body", { title })}</p>}
        confirmLabel={busy ? t("restoring") : t("confirm")}
        cancelLabel={ti("actions.cancel")}
        confirmVariant="primary"
        busy={busy}
        error={
          error && (
            <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
              <p>{error}</p>
              <Button variant="secondary" className="mt-2" onClick={() => window.location.reload()}>
                {ti("form.reload")}
              </Button>
            </div>
          )
        }
        onConfirm={confirm}
        onClose={() => {
          setOpen(false);
          setError(null);
        }}
      />
    </>
  );
}
