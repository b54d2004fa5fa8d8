"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { send } from "@/lib/api-client";
import { ConfirmDialog } from "./confirm-dialog";
import { archiveErrorKey, archiveRequest, type ArchiveMode } from "./archive-action";

/**
 * Archives (soft-deletes) an initiative, or restores an archived one, after a confirmation; a stale version is
 * explained with a reload. One component for both directions: only the call, the labels and the tone differ.
 */
export function ArchiveButton({ id, version, title, mode = "archive" }: { id: string; version: number; title: string; mode?: ArchiveMode }) {
  const ti = useTranslations("initiatives");
  const tr = useTranslations("restore");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const restore = mode === "restore";
  const label = restore
    ? { button: tr("button"), title: tr("title"), body: tr("body", { title }), busy: tr("restoring"), confirm: tr("confirm") }
    : { button: ti("actions.archive"), title: ti("archive.title"), body: ti("archive.body", { title }), busy: ti("archive.archiving"), confirm: ti("archive.confirm") };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    // the call archive-action.ts describes (and its test checks) is the one sent: DELETE with the version in the
    // query, or POST /restore with it in the body
    const req = archiveRequest(mode, id, version);
    const r = await send(req.method, req.url, req.body as object | undefined);
    setBusy(false);
    if (r.ok) {
      setOpen(false);
      router.push(req.next);
      router.refresh();
      return;
    }
    const [ns, key] = archiveErrorKey(mode, r.code);
    // each key by its first segment, written out: the browser gets only those parts of the two namespaces
    // (lib/i18n/client-messages.ts reads them from here)
    if (ns === "restore") setError(key === "conflict" ? tr("conflict") : tr("notArchived"));
    else setError(key.startsWith("errors.") ? ti(`errors.${key.slice("errors.".length)}`) : ti("form.conflict"));
  };

  return (
    <>
      <Button variant={restore ? "primary" : "danger"} onClick={() => setOpen(true)} data-testid={restore ? "restore-button" : undefined}>
        {label.button}
      </Button>
      <ConfirmDialog
        open={open}
        title={label.title}
        body={<p>{label.body}</p>}
        confirmLabel={busy ? label.busy : label.confirm}
        cancelLabel={ti("actions.cancel")}
        confirmVariant={restore ? "primary" : "danger"}
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
