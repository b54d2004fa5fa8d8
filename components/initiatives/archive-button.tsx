"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { api, call } from "@/lib/api-client";
import { ConfirmDialog } from "./confirm-dialog";

/** Archive (soft-delete) an initiative after a confirmation; a stale version is explained with a reload. */
export function ArchiveButton({ id, version, title }: { id: string; version: number; title: string }) {
  const t = useTranslations("initiatives");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const r = await call(api.DELETE("/initiatives/{id}", { params: { path: { id }, query: { version: String(version) } } }));
    setBusy(false);
    if (r.ok) {
      setOpen(false);
      router.push(`/initiatives?archived=1`);
      router.refresh();
      return;
    }
    setError(r.code === "version_conflict" ? t("form.conflict") : t(`errors.${knownError(r.code)}`));
  };

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t("actions.archive")}
      </Button>
      <ConfirmDialog
        open={open}
        title={t("archive.title")}
        body={<p>{t("archive.body", { title })}</p>}
        confirmLabel={busy ? t("archive.archiving") : t("archive.confirm")}
        cancelLabel={t("actions.cancel")}
        busy={busy}
        error={
          error && (
            <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
              <p>{error}</p>
              <Button variant="secondary" className="mt-2" onClick={() => window.location.reload()}>
                {t("form.reload")}
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

const KNOWN = ["forbidden", "not_found", "invalid_transition", "network", "unauthenticated", "validation_failed", "duplicate", "unavailable"];
/** An API error code we have a message for, or "generic". */
export function knownError(code: string): string {
  return KNOWN.includes(code) ? code : "generic";
}
