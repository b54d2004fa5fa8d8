"use client";

import { useRef, useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button, buttonClass } from "@/components/ui/button";
import { callApi, type ApiFailure } from "./api";
import { issueKey } from "./issue-text";
import { knownError } from "./archive-button";

interface Preview {
  dryRun: true;
  rows: number;
  valid: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: { path: string; message: string }[];
}
interface Result {
  created: number;
  updated: number;
  unchanged: number;
}

type Phase = "idle" | "checking" | "checked" | "importing" | "done";

/** "row 7.buildingBlocks.1" → { row: 7, column: "buildingBlocks" }; "row 1" (the header) has no column. */
function splitPath(path: string): { row: string; column: string } {
  const m = /^row (\d+)(?:\.([^.]+))?/.exec(path);
  return m ? { row: m[1], column: m[2] ?? "" } : { row: "", column: path === "(file)" ? "" : path };
}

export function ImportForm({ maxMb }: { maxMb: number }) {
  const t = useTranslations("initiatives");
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [phase, setPhase] = useState<Phase>("idle");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [importErrors, setImportErrors] = useState<{ path: string; message: string }[]>([]);

  const message = (m: string) => {
    const k = issueKey(m);
    return k ? t(`issues.${k}`) : m;
  };
  const column = (c: string) => (c && t.has(`fields.${c}`) ? `${t(`fields.${c}`)} (${c})` : c || "—");

  const check = async (f: { name: string; text: string }) => {
    setPhase("checking");
    setPreview(null);
    setResult(null);
    setFailure(null);
    setImportErrors([]);
    const r = await callApi<Preview>("POST", "/api/v1/initiatives/import?dryRun=true", f.text, "text/csv");
    if (r.ok) {
      setPreview(r.data);
      setPhase("checked");
    } else {
      setFailure(r);
      setPhase("idle");
    }
  };

  const choose = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    if (f.size > maxMb * 1024 * 1024) {
      setFile(null);
      setFailure({ ok: false, status: 413, code: "payload_too_large", message: "", fieldErrors: {} });
      return;
    }
    const next = { name: f.name, text: await f.text() };
    setFile(next);
    await check(next);
  };

  const runImport = async () => {
    if (!file) return;
    setPhase("importing");
    setFailure(null);
    const r = await callApi<Result>("POST", "/api/v1/initiatives/import", file.text, "text/csv");
    if (r.ok) {
      setResult(r.data);
      setPhase("done");
      return;
    }
    // the file changed meaning meanwhile (e.g. someone created the same reference): nothing was written
    setFailure(r);
    setImportErrors(Object.entries(r.fieldErrors).flatMap(([path, msgs]) => msgs.map((m) => ({ path, message: m }))));
    setPhase("checked");
  };

  const busy = phase === "checking" || phase === "importing";
  const errors = importErrors.length ? importErrors : (preview?.errors ?? []);

  return (
    <div className="space-y-5">
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <label htmlFor="csv-file" className="block text-sm font-semibold text-slate-900">
          {t("import.file")}
        </label>
        <p id="csv-file-hint" className="text-xs text-slate-600">
          {t("import.fileHint", { mb: maxMb })}
        </p>
        <input
          ref={fileRef}
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="csv-file-hint"
          disabled={busy}
          onChange={choose}
          className="mt-2 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-2 file:font-semibold file:text-slate-900 hover:file:bg-slate-100"
        />
        {file && phase !== "checking" && (
          <Button variant="ghost" className="mt-2" onClick={() => check(file)} disabled={busy}>
            {t("import.recheck")}
          </Button>
        )}
      </div>

      <div aria-live="polite" role="status" className="space-y-2" data-testid="import-status">
        {busy && (
          <>
            <style>{"@keyframes dgt-indeterminate{0%{left:-33%}100%{left:100%}}"}</style>
            <p className="text-sm font-medium text-slate-900">{phase === "checking" ? t("import.checking") : t("import.importing")}</p>
            <div
              role="progressbar"
              aria-label={phase === "checking" ? t("import.checking") : t("import.importing")}
              aria-busy="true"
              className="relative h-2 w-full overflow-hidden rounded-full bg-slate-200"
            >
              <div className="absolute inset-y-0 left-0 w-1/3 animate-[dgt-indeterminate_1.2s_ease-in-out_infinite] rounded-full bg-brand-700 motion-reduce:w-full motion-reduce:animate-pulse" />
            </div>
          </>
        )}
        {phase === "done" && result && (
          <div className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900" data-testid="import-result">
            <p className="font-semibold">{t("import.doneTitle")}</p>
            <p>{t("import.counts", { ...result })}</p>
          </div>
        )}
      </div>

      {failure && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="import-failure">
          {failure.code === "validation_failed" ? t("import.failedInvalid") : failure.code === "payload_too_large" ? t("import.tooLarge", { mb: maxMb }) : t(`errors.${knownError(failure.code)}`)}
        </div>
      )}

      {preview && phase !== "done" && (
        <section aria-labelledby="preview-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="import-preview">
          <h2 id="preview-title" className="text-base font-semibold text-slate-900">
            {t("import.previewTitle", { name: file?.name ?? "" })}
          </h2>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            {(["rows", "created", "updated", "unchanged"] as const).map((k) => (
              <div key={k} className="rounded-lg bg-slate-50 p-2">
                <dt className="text-slate-600">{t(`import.${k}`)}</dt>
                <dd className="text-xl font-semibold tabular-nums" data-testid={`preview-${k}`}>
                  {preview[k]}
                </dd>
              </div>
            ))}
          </dl>
          {errors.length > 0 ? (
            <>
              <p className="text-sm font-semibold text-red-800" data-testid="preview-invalid">
                {t("import.invalid", { count: errors.length })}
              </p>
              <div className="max-h-96 overflow-auto rounded-lg border border-slate-200">
                <table className="w-full min-w-[32rem] text-left text-sm" data-testid="import-errors">
                  <caption className="sr-only">{t("import.errorsCaption")}</caption>
                  <thead className="sticky top-0 bg-slate-100">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        {t("import.row")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("import.column")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("import.problem")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {errors.map((e, i) => {
                      const p = splitPath(e.path);
                      return (
                        <tr key={i} className="border-t border-slate-200 align-top">
                          <th scope="row" className="px-3 py-1.5 font-medium tabular-nums">
                            {p.row || "—"}
                          </th>
                          <td className="px-3 py-1.5">{column(p.column)}</td>
                          <td className="px-3 py-1.5">{message(e.message)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <p className="text-sm text-slate-700">{t("import.fixAndRetry")}</p>
            </>
          ) : (
            <>
              <p className="text-sm text-green-900" data-testid="preview-valid">
                {t("import.valid")}
              </p>
              <Button onClick={runImport} disabled={busy || preview.created + preview.updated === 0}>
                {t("import.run", { count: preview.created + preview.updated })}
              </Button>
              {preview.created + preview.updated === 0 && <p className="text-sm text-slate-700">{t("import.nothingToDo")}</p>}
            </>
          )}
        </section>
      )}

      {phase === "done" && (
        <div className="flex flex-wrap gap-2">
          <Link href="/initiatives" className={buttonClass("primary")}>
            {t("import.toList")}
          </Link>
          <Button
            variant="secondary"
            onClick={() => {
              setPhase("idle");
              setFile(null);
              setPreview(null);
              setResult(null);
              if (fileRef.current) fileRef.current.value = "";
            }}
          >
            {t("import.another")}
          </Button>
        </div>
      )}
    </div>
  );
}
