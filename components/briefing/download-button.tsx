"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";

/**
 * "Tải báo cáo (PDF)": a plain download link (works without JavaScript); with JavaScript the PDF is fetched so the
 * button can say it is being generated, then saved under the server's file name.
 */
export function BriefingDownload({ href }: { href: string }) {
  const t = useTranslations("briefing");
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const url = `${href}${href.includes("?") ? "&" : "?"}lang=${locale === "en" ? "en" : "vi"}`;

  async function download(e: React.MouseEvent<HTMLAnchorElement>) {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(String(res.status));
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "briefing.pdf";
      const blob = await res.blob();
      const objectUrl = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = objectUrl;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="no-print inline-flex flex-col items-start gap-1">
      <a
        href={url}
        download
        onClick={download}
        aria-disabled={busy || undefined}
        aria-busy={busy || undefined}
        className={`${buttonClass("primary")} ${busy ? "pointer-events-none opacity-70" : ""}`}
        data-testid="briefing-download"
      >
        {busy ? (
          <svg aria-hidden="true" className="h-4 w-4 animate-spin" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="3">
            <path d="M12 3a9 9 0 1 0 9 9" />
          </svg>
        ) : (
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M12 3v12m0 0-5-5m5 5 5-5M4 21h16" />
          </svg>
        )}
        {busy ? t("downloading") : t("download")}
      </a>
      <span role="status" aria-live="polite" className="text-sm text-red-700">
        {failed ? t("downloadFailed") : ""}
      </span>
    </span>
  );
}
