"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  at: string;
  readAt: string | null;
}

async function post(path: string): Promise<Response> {
  return fetch(path, { method: "POST", headers: { "content-type": "application/json" } });
}

/** The list with "mark read" per item and "mark all read"; the header's bell follows through router.refresh(). */
export function NotificationList({ items, empty }: { items: NotificationItem[]; empty: string }) {
  const t = useTranslations("notifications");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const unread = items.some((n) => !n.readAt);

  const run = (fn: () => Promise<string | null>) =>
    start(async () => {
      try {
        const text = await fn();
        setMessage(text ? { ok: true, text } : null);
        router.refresh();
      } catch {
        setMessage({ ok: false, text: t("error") });
      }
    });

  const markOne = (id: string) =>
    run(async () => {
      const r = await post(`/api/v1/notifications/${id}/read`);
      if (!r.ok) throw new Error(String(r.status));
      return null;
    });
  const markAll = () =>
    run(async () => {
      const r = await post("/api/v1/notifications/read-all");
      if (!r.ok) throw new Error(String(r.status));
      const { updated } = (await r.json()) as { updated: number };
      return t("markedAll", { count: updated });
    });
  // following a link marks it read first, so the bell is right when the person comes back
  const open = (n: NotificationItem) => {
    if (!n.readAt) void post(`/api/v1/notifications/${n.id}/read`);
  };

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={markAll} disabled={pending || !unread}>
          {t("markAllRead")}
        </Button>
        <p role="status" aria-live="polite" className={`text-sm ${message?.ok === false ? "text-red-800" : "text-slate-800"}`}>
          {message?.text ?? ""}
        </p>
      </div>
      {items.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-800">{empty}</p>
      ) : (
        <ul className="space-y-2" data-testid="notification-list">
          {items.map((n) => (
            <li
              key={n.id}
              data-testid={`notification-${n.kind}`}
              data-unread={n.readAt ? undefined : "true"}
              className={`rounded-xl border p-4 shadow-sm ${n.readAt ? "border-slate-200 bg-white" : "border-brand-100 border-l-4 border-l-brand-700 bg-brand-50"}`}
            >
              <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <h2 className="text-base font-semibold text-slate-900">
                    {!n.readAt && <span className="mr-2 inline-block rounded bg-brand-700 px-1.5 py-0.5 align-middle text-xs font-bold text-white">{t("unread")}</span>}
                    <Link href={n.link} onClick={() => open(n)} className="break-words text-slate-900 underline">
                      {n.title}
                    </Link>
                  </h2>
                  <p className="mt-1 break-words text-sm text-slate-800">{n.body}</p>
                  <p className="mt-1 text-xs text-slate-700">{t("receivedAt", { at: n.at })}</p>
                </div>
                {!n.readAt && (
                  <Button type="button" variant="ghost" className="self-start whitespace-nowrap" onClick={() => markOne(n.id)} disabled={pending} aria-label={`${t("markRead")}: ${n.title}`}>
                    {t("markRead")}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
