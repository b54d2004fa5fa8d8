"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import type { AttachmentDto } from "@/lib/dto/attachments";

/** An evidence file as GET …/attachments answers it. */
export type EvidenceFile = AttachmentDto;

function sizeText(locale: Locale, bytes: number) {
  if (bytes < 1024) return `${formatNumber(locale, bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(locale, bytes / 1024, 0)} KiB`;
  return `${formatNumber(locale, bytes / 1024 / 1024, 1)} MiB`;
}

/** The files with a download link each, their size and full SHA-256 (so a printed briefing can cite them). */
export function EvidenceList({ files, onDelete, busy }: { files: EvidenceFile[]; onDelete?: (id: string) => void; busy?: boolean }) {
  const t = useTranslations("briefing.evidence");
  const locale = useLocale() as Locale;
  if (!files.length) return <p className="text-sm text-slate-700">{t("none")}</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid="evidence-files">
      {files.map((f) => (
        <li key={f.id} className="rounded border border-slate-200 p-2">
          <a href={`/api/v1/attachments/${f.id}`} className="font-medium break-all" download>
            {f.name}
          </a>{" "}
          <span className="text-slate-700">
            ({sizeText(locale, f.size)}, {formatDateTime(locale, f.createdAt)})
          </span>
          <span className="block text-xs text-slate-700">
            {t("hash")}: <code className="break-all">{f.sha256}</code>
          </span>
          {onDelete && (
            <button type="button" className="mt-1 text-xs font-medium text-red-700 underline disabled:opacity-60" disabled={busy} onClick={() => onDelete(f.id)}>
              {t("delete", { name: f.name })}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A report's (or initiative's) evidence files: listed from the API, uploaded and removed while it is editable. */
export function EvidenceFiles({ parent, parentId, editable }: { parent: "metric-reports" | "initiatives"; parentId: string; editable: boolean }) {
  const t = useTranslations("briefing.evidence");
  const inputId = useId();
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    const res = await fetch(`/api/v1/${parent}/${parentId}/attachments`);
    if (res.ok) setFiles((await res.json()) as EvidenceFile[]);
  }, [parent, parentId]);
  useEffect(() => {
    let live = true;
    fetch(`/api/v1/${parent}/${parentId}/attachments`)
      .then((res) => (res.ok ? (res.json() as Promise<EvidenceFile[]>) : []))
      .then((list) => {
        if (live) setFiles(list);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [parent, parentId]);

  async function upload(file: File) {
    setBusy(true);
    setMessage(null);
    const form = new FormData();
    form.set("file", file, file.name);
    const res = await fetch(`/api/v1/${parent}/${parentId}/attachments`, { method: "POST", body: form }).catch(() => null);
    setBusy(false);
    if (res?.status === 201) {
      setMessage({ ok: true, text: t("uploaded", { name: file.name }) });
      await load();
    } else {
      setMessage({ ok: false, text: res?.status === 413 ? t("tooLarge") : res?.status === 400 ? t("badType") : t("failed") });
    }
  }

  async function remove(id: string) {
    setBusy(true);
    const res = await fetch(`/api/v1/attachments/${id}`, { method: "DELETE" }).catch(() => null);
    setBusy(false);
    setMessage(res?.status === 204 ? { ok: true, text: t("deleted") } : { ok: false, text: t("failed") });
    await load();
  }

  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-slate-900">{t("title")}</p>
      <EvidenceList files={files} onDelete={editable ? remove : undefined} busy={busy} />
      {editable && (
        <div>
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-900">
            {t("add")}
          </label>
          <p id={`${inputId}-hint`} className="text-xs text-slate-700">
            {t("hint")}
          </p>
          <input
            id={inputId}
            type="file"
            aria-describedby={`${inputId}-hint`}
            accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx,.ods,.odt"
            disabled={busy}
            className="mt-1 block text-sm"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = "";
              if (f) void upload(f);
            }}
          />
        </div>
      )}
      <p role="status" aria-live="polite" className={`text-sm ${message?.ok ? "text-green-800" : "text-red-700"}`}>
        {busy ? t("working") : (message?.text ?? "")}
      </p>
    </div>
  );
}
