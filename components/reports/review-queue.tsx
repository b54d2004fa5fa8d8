"use client";

import { Fragment, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { FigureWarning } from "@/lib/domain/warnings";
import { WarningList } from "./warning-list";
import { Button } from "@/components/ui/button";
import { EvidenceList, type EvidenceFile } from "@/components/briefing/evidence-files";
import { inputClass } from "@/components/ui/field";
import { formatDateTime, formatNumber, formatPercent } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { MetricCode, MetricKind } from "@/lib/domain/codes";
import { api, call } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";
import { failureMessage, joined } from "./messages";
import { quarterParts } from "./periods";
import { isLargeJump, JUMP_POINTS, JUMP_RELATIVE } from "./jump";
import { figureText } from "./figures";

export interface QueueItem {
  id: string;
  version: number;
  organisationId: string;
  organisationName: string;
  period: string;
  metric: MetricCode;
  metricName: string;
  kind: MetricKind;
  value: number;
  numerator: number | null;
  denominator: number | null;
  evidenceUrl: string | null;
  /** the report's evidence files (issue 19) */
  attachments?: EvidenceFile[];
  note: string | null;
  submittedAt: string | null;
  submittedLate: boolean;
  previous: { period: string; value: number } | null;
  /** computed on the server (lib/domain/warnings) */
  warnings: FigureWarning[];
}

type Action = "approve" | "reject";
type ItemState = { kind: "done"; status: "APPROVED" | "REJECTED" } | { kind: "failed"; message: string } | { kind: "running" };

export function ReviewQueue({ items }: { items: QueueItem[] }) {
  const t = useTranslations("reports");
  const tw = useTranslations("warnings");
  const errorText = useErrorText();
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [state, setState] = useState<Record<string, ItemState>>({});
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [rowComment, setRowComment] = useState("");
  const [rowError, setRowError] = useState<string | null>(null);
  const [bulkComment, setBulkComment] = useState("");
  const [bulkError, setBulkError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; action: Action } | null>(null);
  const [summary, setSummary] = useState<{ ok: number; failed: number; action: Action } | null>(null);

  const groups = useMemo(() => {
    const out: { key: string; organisationName: string; period: string; items: QueueItem[] }[] = [];
    for (const i of items) {
      const key = `${i.organisationId}|${i.period}`;
      let g = out.find((x) => x.key === key);
      if (!g) out.push((g = { key, organisationName: i.organisationName, period: i.period, items: [] }));
      g.items.push(i);
    }
    return out;
  }, [items]);

  const open = (i: QueueItem) => !state[i.id] || state[i.id].kind === "failed";
  const openIds = items.filter(open).map((i) => i.id);
  const chosen = openIds.filter((id) => selected.has(id));
  const running = progress !== null;

  function toggle(ids: string[], on: boolean) {
    setSelected((s) => {
      const n = new Set(s);
      for (const id of ids) {
        if (on) n.add(id);
        else n.delete(id);
      }
      return n;
    });
  }

  async function act(i: QueueItem, action: Action, comment: string): Promise<boolean> {
    setState((s) => ({ ...s, [i.id]: { kind: "running" } }));
    const path = { id: i.id };
    // a rejection always sends its comment: an empty one is answered "write a comment" on that field
    const res =
      action === "reject"
        ? await call(api.POST("/metric-reports/{id}/reject", { params: { path }, body: { version: i.version, comment: comment.trim() } }))
        : await call(api.POST("/metric-reports/{id}/approve", { params: { path }, body: comment.trim() ? { version: i.version, comment: comment.trim() } : { version: i.version } }));
    if (res.ok) {
      const status = res.data.status === "APPROVED" ? "APPROVED" : "REJECTED";
      setState((s) => ({ ...s, [i.id]: { kind: "done", status } }));
      setSelected((s) => {
        const n = new Set(s);
        n.delete(i.id);
        return n;
      });
      return true;
    }
    const fe = joined(errorText.fields(res.details));
    const message = res.status === 409 ? t("review.conflict") : (fe.comment ?? failureMessage(t, res.status, res.code));
    setState((s) => ({ ...s, [i.id]: { kind: "failed", message } }));
    return false;
  }

  async function runBulk(action: Action) {
    setSummary(null);
    if (action === "reject" && !bulkComment.trim()) {
      setBulkError(t("validation.commentRequired"));
      return;
    }
    setBulkError(null);
    const list = items.filter((i) => chosen.includes(i.id));
    let ok = 0;
    setProgress({ done: 0, total: list.length, action });
    for (const [n, i] of list.entries()) {
      if (await act(i, action, bulkComment)) ok++;
      setProgress({ done: n + 1, total: list.length, action });
    }
    setProgress(null);
    setSummary({ ok, failed: list.length - ok, action });
    if (action === "reject" && ok === list.length) setBulkComment("");
  }

  async function confirmReject(i: QueueItem) {
    if (!rowComment.trim()) {
      setRowError(t("validation.commentRequired"));
      return;
    }
    if (await act(i, "reject", rowComment)) {
      setRejecting(null);
      setRowComment("");
      setRowError(null);
    }
  }

  const change = (i: QueueItem) => {
    if (!i.previous) return "—";
    const diff = i.value - i.previous.value;
    const sign = diff > 0 ? "+" : "";
    const abs = i.kind === "COUNT" ? `${sign}${formatNumber(locale, diff, 2)}` : t("review.points", { value: `${sign}${formatNumber(locale, diff, 1)}` });
    if (i.previous.value === 0) return abs;
    return `${abs} (${sign}${formatPercent(locale, (diff / Math.abs(i.previous.value)) * 100, 0)})`;
  };

  if (items.length === 0) return <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-800">{t("review.empty")}</p>;

  return (
    <div className="space-y-4">
      <section aria-labelledby="bulk-title" className="rounded-xl border border-brand-200 bg-brand-50 p-4">
        <h2 id="bulk-title" className="text-base font-semibold text-slate-900">
          {t("review.bulkTitle")}
        </h2>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <label className="inline-flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              className="size-4"
              checked={openIds.length > 0 && chosen.length === openIds.length}
              disabled={running || openIds.length === 0}
              onChange={(e) => toggle(openIds, e.target.checked)}
            />
            {t("review.selectAll", { count: openIds.length })}
          </label>
          <span className="text-sm text-slate-800" aria-live="polite" data-testid="selected-count">
            {t("review.selectedCount", { count: chosen.length })}
          </span>
        </div>
        <div className="mt-3">
          <label htmlFor="bulk-comment" className="block text-sm font-medium text-slate-900">
            {t("review.comment")}
          </label>
          <p id="bulk-comment-hint" className="text-xs text-slate-700">
            {t("review.commentHint")}
          </p>
          <textarea
            id="bulk-comment"
            rows={2}
            className={`${inputClass} mt-1`}
            value={bulkComment}
            aria-invalid={bulkError ? true : undefined}
            aria-describedby={bulkError ? "bulk-comment-hint bulk-comment-error" : "bulk-comment-hint"}
            onChange={(e) => {
              setBulkComment(e.target.value);
              setBulkError(null);
            }}
          />
          {bulkError && (
            <p id="bulk-comment-error" className="mt-1 text-sm text-red-700" data-testid="bulk-comment-error">
              {bulkError}
            </p>
          )}
        </div>
        <div className="mt-3 flex flex-wrap gap-2">
          <Button onClick={() => runBulk("approve")} disabled={running || chosen.length === 0}>
            {t("review.bulkApprove", { count: chosen.length })}
          </Button>
          <Button variant="danger" onClick={() => runBulk("reject")} disabled={running || chosen.length === 0}>
            {t("review.bulkReject", { count: chosen.length })}
          </Button>
          <Button variant="ghost" onClick={() => router.refresh()} disabled={running}>
            {t("review.reload")}
          </Button>
        </div>
        {progress && (
          <div className="mt-2 flex items-center gap-2" role="status">
            <label htmlFor="bulk-progress" className="text-sm">
              {t(progress.action === "approve" ? "review.approving" : "review.rejecting", { done: progress.done, total: progress.total })}
            </label>
            <progress id="bulk-progress" max={progress.total} value={progress.done} />
          </div>
        )}
        {summary && (
          <p role="status" className="mt-2 text-sm font-medium" data-testid="bulk-summary">
            {t(summary.action === "approve" ? "review.summaryApproved" : "review.summaryRejected", { ok: summary.ok, failed: summary.failed })}
          </p>
        )}
      </section>

      {groups.map((g) => {
        const gOpen = g.items.filter(open).map((i) => i.id);
        const title = `${g.organisationName} · ${t("quarter", quarterParts(g.period))}`;
        const gid = `group-${g.key.replace(/[^a-zA-Z0-9]/g, "")}`;
        return (
          <section key={g.key} aria-labelledby={gid} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="review-group">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id={gid} className="text-base font-semibold text-slate-900">
                {title}
              </h2>
              <label className="inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={gOpen.length > 0 && gOpen.every((id) => selected.has(id))}
                  disabled={running || gOpen.length === 0}
                  onChange={(e) => toggle(gOpen, e.target.checked)}
                />
                {t("review.selectGroup")}
              </label>
            </div>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full min-w-[52rem] text-left text-sm">
                <caption className="sr-only">{title}</caption>
                <thead className="bg-slate-100">
                  <tr>
                    <th scope="col" className="w-10 px-2 py-2">
                      <span className="sr-only">{t("review.select")}</span>
                    </th>
                    <th scope="col" className="px-2 py-2 font-semibold">{t("review.metric")}</th>
                    <th scope="col" className="px-2 py-2 font-semibold">{t("review.figure")}</th>
                    <th scope="col" className="px-2 py-2 font-semibold">{t("review.previous")}</th>
                    <th scope="col" className="px-2 py-2 font-semibold">{t("review.change")}</th>
                    <th scope="col" className="px-2 py-2 font-semibold">{t("review.evidence")}</th>
                    <th scope="col" className="px-2 py-2 font-semibold">{t("review.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.items.map((i) => {
                    const st = state[i.id];
                    const jump = isLargeJump(i.kind, i.value, i.previous?.value ?? null);
                    const isOpen = open(i);
                    return (
                      <Fragment key={i.id}>
                        <tr className="border-t border-slate-200 align-top" data-testid={`review-row-${i.id}`}>
                          <td className="px-2 py-2">
                            <input
                              type="checkbox"
                              className="size-4"
                              aria-label={t("review.selectItem", { metric: i.metricName, organisation: i.organisationName })}
                              checked={selected.has(i.id)}
                              disabled={running || !isOpen}
                              onChange={(e) => toggle([i.id], e.target.checked)}
                            />
                          </td>
                          <th scope="row" className="px-2 py-2 font-medium">
                            {i.metricName}
                            <span className="block text-xs font-normal text-slate-700">
                              {t("review.submittedAt", { at: formatDateTime(locale, i.submittedAt) })}
                            </span>
                            {i.submittedLate && (
                              <span className="mt-1 block" data-testid="late-flag">
                                <Badge tone="red">{tw("late")}</Badge>
                              </span>
                            )}
                          </th>
                          <td className="px-2 py-2">
                            <span className="font-semibold">{figureText(locale, i.kind, i)}</span>
                            {i.warnings.length > 0 && (
                              <span className="mt-1 block max-w-56 rounded border border-amber-300 bg-amber-50 p-1">
                                <WarningList warnings={i.warnings} kind={i.kind} testId="figure-warnings" />
                              </span>
                            )}
                          </td>
                          <td className="px-2 py-2">
                            {i.previous ? (
                              <>
                                {i.kind === "COUNT" ? formatNumber(locale, i.previous.value, 2) : formatPercent(locale, i.previous.value)}
                                <span className="block text-xs text-slate-700">{t("quarter", quarterParts(i.previous.period))}</span>
                              </>
                            ) : (
                              <span className="text-slate-700">{t("review.noPrevious")}</span>
                            )}
                          </td>
                          <td className="px-2 py-2">
                            <span className="whitespace-nowrap">{change(i)}</span>
                            {jump && (
                              <span className="mt-1 block" data-testid="jump-flag">
                                <Badge tone="amber" title={t("review.jumpRule", { relative: JUMP_RELATIVE * 100, points: JUMP_POINTS })}>
                                  ⚠ {t("review.largeJump")}
                                </Badge>
                              </span>
                            )}
                          </td>
                          <td className="max-w-64 px-2 py-2">
                            {i.evidenceUrl ? (
                              <a href={i.evidenceUrl} target="_blank" rel="noopener noreferrer nofollow" className="break-all">
                                {t("review.evidenceLink")}
                              </a>
                            ) : (
                              <span className="text-slate-700">{t("review.noEvidence")}</span>
                            )}
                            {i.attachments && i.attachments.length > 0 && (
                              <div className="mt-2">
                                <EvidenceList files={i.attachments} />
                              </div>
                            )}
                            {i.note && <p className="mt-1 whitespace-pre-line text-xs text-slate-800">{i.note}</p>}
                          </td>
                          <td className="px-2 py-2">
                            {st?.kind === "done" ? (
                              <span data-testid="row-result">
                                <Badge tone={st.status === "APPROVED" ? "green" : "red"}>{t(`status.${st.status}`)}</Badge>
                              </span>
                            ) : st?.kind === "running" ? (
                              <span className="text-sm">{t("review.working")}</span>
                            ) : (
                              <div className="flex gap-2">
                                <Button onClick={() => void act(i, "approve", "")} disabled={running} aria-label={t("review.approveItem", { metric: i.metricName })}>
                                  {t("review.approve")}
                                </Button>
                                <Button
                                  variant="secondary"
                                  onClick={() => {
                                    setRejecting(i.id);
                                    setRowComment("");
                                    setRowError(null);
                                  }}
                                  disabled={running}
                                  aria-label={t("review.rejectItem", { metric: i.metricName })}
                                  aria-expanded={rejecting === i.id}
                                >
                                  {t("review.reject")}
                                </Button>
                              </div>
                            )}
                            {st?.kind === "failed" && (
                              <p className="mt-1 text-sm text-red-700" data-testid="row-result">
                                {st.message}
                              </p>
                            )}
                          </td>
                        </tr>
                        {rejecting === i.id && isOpen && (
                          <tr className="bg-red-50">
                            <td />
                            <td colSpan={6} className="px-2 py-3">
                              <label htmlFor={`reject-${i.id}`} className="block text-sm font-medium text-slate-900">
                                {t("review.rejectComment", { metric: i.metricName })}
                              </label>
                              <textarea
                                id={`reject-${i.id}`}
                                rows={2}
                                className={`${inputClass} mt-1 max-w-2xl`}
                                value={rowComment}
                                aria-invalid={rowError ? true : undefined}
                                aria-describedby={rowError ? `reject-${i.id}-error` : undefined}
                                onChange={(e) => {
                                  setRowComment(e.target.value);
                                  setRowError(null);
                                }}
                              />
                              {rowError && (
                                <p id={`reject-${i.id}-error`} className="mt-1 text-sm text-red-700" data-testid="reject-comment-error">
                                  {rowError}
                                </p>
                              )}
                              <div className="mt-2 flex gap-2">
                                <Button variant="danger" onClick={() => void confirmReject(i)}>
                                  {t("review.confirmReject")}
                                </Button>
                                <Button variant="secondary" onClick={() => setRejecting(null)}>
                                  {t("form.cancel")}
                                </Button>
                              </div>
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
