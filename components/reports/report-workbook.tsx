"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { knownError } from "@/components/initiatives/known-error";
import { failureFrom, NETWORK_FAILURE, type ApiDetail } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";

type State = { kind: "idle" } | { kind: "busy" } | { kind: "done"; created: number; updated: number; unchanged: number } | { kind: "failed"; details: ApiDetail[]; code: string };

/** "row 7.value" → { row: "7", column: "value" }; a file-level path has no row. */
function splitPath(path: string): { row: string; column: string } {
  const m = /^row (\d+)(?:\.([^.]+))?/.exec(path);
  return m ? { row: m[1], column: m[2] ?? "" } : { row: "", column: "" };
}

/** "Download the workbook / upload it" for one organisation and quarter (issue 17 point 4). */
export function ReportWorkbook({ organisationId, period, periodLabel, canEdit }: { organisationId: string; period: string; periodLabel: string; canEdit: boolean }) {
  const t = useTranslations("spreadsheets");
  const te = useTranslations("initiatives.errors");
  const errorText = useErrorText();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: "idle" });
  const qs = new URLSearchParams({ organisationId, period }).toString();

  const upload = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    setState({ kind: "busy" });
    try {
      const res = await fetch(`/api/v1/metric-reports/import?${qs}`, {
        method: "POST",
        headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        body: f,
      });
      const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
      if (res.ok) {
        const r = body as { created: number; updated: number; unchanged: number };
        setState({ kind: "done", ...r });
        router.refresh();
      } else {
        const f = failureFrom(res.status, body);
        setState({ kind: "failed", details: f.details, code: f.code });
      }
    } catch {
      setState({ kind: "failed", details: [], code: NETWORK_FAILURE.code });
    }
    if (input.current) input.current.value = "";
  };

  return (
    <section aria-labelledby="workbook-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="report-workbook">
      <h2 id="workbook-title" className="text-base font-semibold text-slate-900">
        {t("reports.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("reports.intro")}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <a href={`/api/v1/metric-reports/template.xlsx?${qs}`} download className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100">
          {t("reports.download", { period: periodLabel })}
        </a>
        {canEdit && (
          <>
            <label htmlFor="workbook-file" className="text-sm font-semibold text-slate-900">
              {t("reports.upload")}
            </label>
            <input
              ref={input}
              id="workbook-file"
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={state.kind === "busy"}
              onChange={upload}
              className="block text-sm file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-2 file:font-semibold file:text-slate-900"
            />
          </>
        )}
      </div>
      <div aria-live="polite" role="status" className="mt-3 text-sm" data-testid="workbook-status">
        {state.kind === "busy" && <p>{t("reports.uploading")}</p>}
        {state.kind === "done" && <p className="rounded-md border border-green-300 bg-green-50 p-2 text-green-900">{t("reports.done", state)}</p>}
      </div>
      {state.kind === "failed" && (
        <div role="alert" className="mt-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900" data-testid="workbook-errors">
          <p className="font-semibold">{t("reports.failed")}</p>
          <ul className="list-disc pl-5">
            {state.details.length ? (
              state.details.map((d, i) => {
                const p = splitPath(d.path);
                return (
                  <li key={i}>
                    {p.row && <span className="font-medium">{`${t("reports.row", { row: p.row })}${p.column ? ` · ${p.column}` : ""}: `}</span>}
                    {errorText.text({ path: p.column || d.path, code: d.code, params: d.params })}
                    {d.value !== undefined && <code className="ml-1 text-xs">({d.value})</code>}
                  </li>
                );
              })
            ) : (
              <li>{te(knownError(state.code))}</li>
            )}
          </ul>
        </div>
      )}
    </section>
  );
}
